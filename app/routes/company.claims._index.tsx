import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { stagesOf } from "~/policies/claim-pages.server";
import { claimRef, StageText, StatusBadge, useMoney } from "~/policies/claim-ui";
import { listCompanyClaims } from "~/policies/claims.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy claims · 政策申领 | Zizhu Park Portal") },
];

/** Any member of a company: its own claims only (the company comes from the session). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:policy_claim:own");
  if (!user.company) forbidden();
  const rows = await listCompanyClaims(db(), user);
  return {
    claims: rows.map(({ stages, ...c }) => ({ ...c, stages: stagesOf({ stages }) })),
  };
}

export default function CompanyClaims() {
  const { claims } = useLoaderData<typeof loader>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("list.title")}</h1>
        <p className="lead">{t("list.lead")}</p>
        <p>
          <Link to="/company/policies">{t("list.policiesLink")}</Link>
        </p>
      </header>
      {claims.length ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("fields.policy")}</th>
                <th scope="col">{t("fields.reference")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.stage")}</th>
                <th scope="col">{t("fields.awarded")}</th>
                <th scope="col">{t("fields.submittedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="card-title">
                    <Link to={`/company/claims/${c.id}`}>
                      {pick(locale, c.title_en, c.title_zh)}
                    </Link>
                  </th>
                  <td data-label={t("fields.reference")} className="nowrap card-inline">
                    {claimRef(c.id)}
                  </td>
                  <td data-label={t("fields.status")} className="card-inline">
                    <StatusBadge status={c.status} />
                  </td>
                  <td data-label={t("fields.stage")} className="card-inline">
                    {c.status === "submitted" || c.status === "info_requested" ? (
                      <StageText stages={c.stages} stage={c.stage} />
                    ) : (
                      "–"
                    )}
                  </td>
                  <td data-label={t("fields.awarded")} className="card-inline">
                    {money(c.awarded_minor)}
                  </td>
                  <td data-label={t("fields.submittedOn")} className="card-inline">
                    {formatDate(c.created_at, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t("list.empty")}</p>
      )}
    </div>
  );
}
