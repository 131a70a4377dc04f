import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getCompanyDetail } from "~/admin/companies.server";
import { isoDay } from "~/lib/format";
import { ActivityCard, BothTimes } from "~/admin/ui";
import { parkRoleLabels } from "~/admin/users.server";
import { invariantFound, requireParkRole } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { landedFigures } from "~/projects/landing.server";
import { LandedFigures } from "~/projects/landing-ui";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireParkRole(request, ["admin"]);
  const database = db();
  const company = await getCompanyDetail(database, params.companyId ?? "");
  invariantFound(company);
  return {
    company,
    roleLabels: await parkRoleLabels(database),
    // Landed from the investment pipeline (ADR 0029): its figures carried over.
    landed: await landedFigures(database, user, company.id),
  };
}

/** Only http(s) websites become links. */
function safeWebsite(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export default function AdminCompany() {
  const { company, roleLabels, landed } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useLocale();
  const label = (role: string) =>
    pick(locale, roleLabels[role]?.en ?? role, roleLabels[role]?.zh ?? role);
  const website = safeWebsite(company.website);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/companies">← {t("company.back")}</Link>
      </p>
      <section className="card" aria-labelledby="company-details">
        <h2 id="company-details">{pick(locale, company.nameEn, company.nameZh)}</h2>
        <dl className="details">
          <dt>{t("company.nameEn")}</dt>
          <dd>{company.nameEn}</dd>
          <dt>{t("company.nameZh")}</dt>
          <dd lang="zh-CN">{company.nameZh}</dd>
          <dt>{t("company.creditCode")}</dt>
          <dd>
            {company.creditCode ? (
              <code>{company.creditCode}</code>
            ) : (
              <span className="muted">{t("company.notProvided")}</span>
            )}
          </dd>
          <dt>{t("company.industry")}</dt>
          <dd>
            <code>{company.industry}</code>
          </dd>
          <dt>{t("company.size")}</dt>
          <dd>{company.size}</dd>
          <dt>{t("company.website")}</dt>
          <dd className="admin-break">
            {website ? (
              <a href={website} rel="noopener noreferrer nofollow" target="_blank">
                {website}
              </a>
            ) : (
              (company.website ?? <span className="muted">{t("company.notProvided")}</span>)
            )}
          </dd>
          <dt>{t("company.residency")}</dt>
          <dd>
            {company.isResident ? (
              <span className="badge badge-success">
                {company.residentSince
                  ? t("company.residentSince", {
                      date: isoDay(company.residentSince),
                    })
                  : t("companies.isResident")}
              </span>
            ) : (
              <span className="badge badge-muted">{t("company.notResident")}</span>
            )}
          </dd>
          <dt>{t("company.directory")}</dt>
          <dd>{company.directoryOptIn ? t("company.listed") : t("company.notListed")}</dd>
          <dt>{t("company.created")}</dt>
          <dd>
            <BothTimes value={company.createdAt} />
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="company-members">
        <h2 id="company-members">{t("company.membersTitle")}</h2>
        {company.members.length === 0 ? (
          <p className="muted">{t("company.noMembers")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t("company.name")}</th>
                  <th scope="col">{t("company.email")}</th>
                  <th scope="col">{t("company.role")}</th>
                  <th scope="col">{t("company.joined")}</th>
                  <th scope="col">{t("company.status")}</th>
                </tr>
              </thead>
              <tbody>
                {company.members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/admin/users/${m.id}`}>{m.name}</Link>
                    </td>
                    <td className="admin-break">{m.email}</td>
                    <td>{label(m.role)}</td>
                    <td>
                      <BothTimes value={m.joinedAt} />
                    </td>
                    <td>
                      {m.disabled ? (
                        <span className="badge badge-danger">{t("status.disabled")}</span>
                      ) : (
                        <span className="badge badge-success">{t("status.active")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">
          {t("company.pendingInvitations", { count: company.pendingInvitations })}
        </p>
      </section>

      <LandedFigures projects={landed} />

      <ActivityCard
        id="company-activity"
        title={t("company.activityTitle")}
        empty={t("company.activityEmpty")}
        rows={company.activity}
      />
    </div>
  );
}
