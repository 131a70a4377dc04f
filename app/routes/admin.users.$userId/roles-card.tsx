import { Form, type useLoaderData } from "@remix-run/react";
import { PARK_ROLES } from "~/auth/permissions";
import { BothTimes } from "~/admin/ui";
import { useErrorText, SubmitButton } from "~/components/forms";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { loader } from "./route";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Every park role with whether the account holds it, and a grant or revoke button. */
export function RolesCard({ user, roleLabels, isSelf, errors }: Data & { errors: string[] }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const locale = useLocale();
  const label = (role: string) =>
    pick(locale, roleLabels[role]?.en ?? role, roleLabels[role]?.zh ?? role);
  const held = new Map(user.roles.map((r) => [r.role as string, r]));
  return (
    <section className="card" aria-labelledby="user-roles">
      <h2 id="user-roles">{t("user.rolesTitle")}</h2>
      <p className="muted">{t("user.rolesLead")}</p>
      {errors.length ? (
        <div className="error-summary" role="alert">
          <h3>{t("errors.title")}</h3>
          {errors.map((e) => (
            <p key={e}>{errorText(e)}</p>
          ))}
        </div>
      ) : null}
      <ul className="admin-role-list">
        {PARK_ROLES.map((role) => {
          const holding = held.get(role);
          const ownAdmin = isSelf && role === "admin";
          return (
            <li key={role} className="admin-role">
              <div>
                <p className="admin-role-name">
                  {label(role)}{" "}
                  {holding ? (
                    <span className="badge badge-success">{t("status.active")}</span>
                  ) : (
                    <span className="badge badge-muted">{t("user.notHeld")}</span>
                  )}
                </p>
                <p className="muted">
                  {pick(locale, roleLabels[role]?.descriptionEn, roleLabels[role]?.descriptionZh)}
                </p>
                {holding ? (
                  <p className="muted">
                    {t("user.held")}:
                    <BothTimes value={holding.grantedAt} />
                    {holding.grantedBy ? (
                      <> · {t("user.grantedBy", { name: holding.grantedBy.name })}</>
                    ) : null}
                  </p>
                ) : null}
                {ownAdmin ? <p className="muted">{t("user.ownAdminNote")}</p> : null}
              </div>
              {ownAdmin ? null : (
                <Form method="post">
                  <input
                    type="hidden"
                    name="intent"
                    value={holding ? "revoke-role" : "grant-role"}
                  />
                  <SubmitButton
                    className={holding ? "button button-secondary" : "button"}
                    name="role"
                    value={role}
                  >
                    {holding
                      ? t("user.revoke", { role: label(role) })
                      : t("user.grant", { role: label(role) })}
                  </SubmitButton>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
