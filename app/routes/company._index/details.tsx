import { Form, Link, type useLoaderData } from "@remix-run/react";
import { industryLabel } from "~/companies/schema";
import { formatDate } from "~/lib/format";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { loader } from "./route";

/** The page's data for a member of a company. */
export type CompanyData = Extract<
  ReturnType<typeof useLoaderData<typeof loader>>,
  { isOwner: boolean }
>;

function useRoleLabel() {
  const { t } = useTranslation("company");
  return (role: string) => (role === "owner" ? t("view.owner") : t("view.member"));
}

/** The company's registration details and the viewer's role in it. */
export function CompanyFacts({ company }: { company: CompanyData["company"] }) {
  const { t } = useTranslation("company");
  const locale = useLocale();
  const roleLabel = useRoleLabel();
  const sizeLabel = (t as unknown as (k: string) => string)(`sizes.${company.size}`);
  return (
    <section className="card" aria-labelledby="company-details">
      <h2 id="company-details">{t("view.details")}</h2>
      <dl className="details">
        <dt>{t("fields.nameEn")}</dt>
        <dd>{company.nameEn}</dd>
        <dt>{t("fields.nameZh")}</dt>
        <dd lang="zh-CN">{company.nameZh}</dd>
        <dt>{t("fields.creditCode")}</dt>
        <dd>
          {company.creditCode ? (
            <code>{company.creditCode}</code>
          ) : (
            <span className="muted">{t("view.notGiven")}</span>
          )}
        </dd>
        <dt>{t("fields.industry")}</dt>
        <dd>{industryLabel(company.industry, locale)}</dd>
        <dt>{t("fields.size")}</dt>
        <dd>{sizeLabel}</dd>
        <dt>{t("fields.website")}</dt>
        <dd>
          {company.website ? (
            <a href={company.website} rel="noopener noreferrer nofollow" target="_blank">
              {company.website}
            </a>
          ) : (
            <span className="muted">{t("view.notGiven")}</span>
          )}
        </dd>
        <dt>{t("fields.resident")}</dt>
        <dd>
          {company.isResident ? (
            <span className="badge badge-success">
              {company.residentSince
                ? t("view.resident", { date: formatDate(company.residentSince, locale) })
                : t("fields.resident")}
            </span>
          ) : (
            <span className="badge badge-muted">{t("view.notResident")}</span>
          )}
        </dd>
        <dt>{t("view.yourRole")}</dt>
        <dd>{roleLabel(company.role)}</dd>
      </dl>
    </section>
  );
}

/** The members; the owner gets a confirmation link per member to hand over or remove. */
export function MembersTable({
  members,
  isOwner,
  userId,
}: Pick<CompanyData, "members" | "isOwner" | "userId">) {
  const { t } = useTranslation("company");
  const locale = useLocale();
  const roleLabel = useRoleLabel();
  return (
    <section className="card" aria-labelledby="company-members">
      <h2 id="company-members">{t("view.members")}</h2>
      <div className="table-wrap">
        <table className="table table-cards">
          <thead>
            <tr>
              <th scope="col">{t("view.name")}</th>
              <th scope="col">{t("view.role")}</th>
              <th scope="col">{t("view.joined")}</th>
              {isOwner ? <th scope="col">{t("view.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="card-title">
                  {m.name}
                  {m.userId === userId ? <span className="muted"> ({t("view.you")})</span> : null}
                  <br />
                  <span className="muted">{m.email}</span>
                </td>
                <td className="card-inline card-first">
                  <span className={`badge ${m.role === "owner" ? "badge-success" : "badge-muted"}`}>
                    {roleLabel(m.role)}
                  </span>
                </td>
                <td className="card-inline" data-label={t("view.joined")}>
                  {formatDate(m.joinedAt, locale)}
                </td>
                {isOwner ? (
                  <td>
                    {m.userId !== userId ? (
                      <div className="row">
                        <Link
                          className="button button-secondary button-small"
                          to={`/company?transfer=${m.userId}`}
                          aria-label={`${t("view.makeOwner")}: ${m.name}`}
                        >
                          {t("view.makeOwner")}
                        </Link>
                        <Link
                          className="button button-danger button-small"
                          to={`/company?remove=${m.userId}`}
                          aria-label={`${t("view.remove")}: ${m.name}`}
                        >
                          {t("view.remove")}
                        </Link>
                      </div>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!isOwner ? (
        <div className="form-footer">
          <Link className="button button-secondary" to="/company?leave=1">
            {t("view.leave")}
          </Link>
        </div>
      ) : null}
    </section>
  );
}

/** Pending invitations (owner only), each with a revoke button. */
export function InvitationsTable({ invitations }: Pick<CompanyData, "invitations">) {
  const { t } = useTranslation("company");
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="company-invitations">
      <h2 id="company-invitations">{t("view.invitations")}</h2>
      {invitations.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("view.email")}</th>
                <th scope="col">{t("view.invitedBy")}</th>
                <th scope="col">{t("view.expires")}</th>
                <th scope="col">{t("view.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{i.invitedBy ?? "–"}</td>
                  <td>
                    {i.expired ? (
                      <span className="badge badge-warning">{t("view.expired")}</span>
                    ) : (
                      formatDate(i.expiresAt, locale)
                    )}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        aria-label={`${t("view.revoke")}: ${i.email}`}
                      >
                        {t("view.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("view.noInvitations")}</p>
      )}
    </section>
  );
}
