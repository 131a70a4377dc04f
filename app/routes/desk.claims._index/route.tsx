import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { claimedPolicies, listClaimsForDesk, stagesOf } from "~/policies/claim-pages.server";
import { CLAIM_STATUSES } from "~/policies/claim-schema";
import { claimRef, StageText, StatusBadge, useMoney } from "~/policies/claim-ui";
import { ClaimFilters } from "./filters";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy claims · 政策申领 | Zizhu Park Portal") },
];

/** The policy office's queue: newest first, filtered by policy, state and company; keyset pages. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const q = parseQuery(request, {
    policy: field.uuid(),
    status: field.oneOf(CLAIM_STATUSES),
    q: field.text(100),
    after: field.cursorText(),
  });
  const page = await listClaimsForDesk(db(), user, {
    policyId: q.policy,
    status: q.status,
    q: q.q,
    cursor: q.after,
  });
  return {
    params: { policy: q.policy ?? "", status: q.status ?? "", q: q.q ?? "" },
    paged: !!q.after,
    policies: await claimedPolicies(db()),
    items: page.items.map(({ stages, ...c }) => ({ ...c, stages: stagesOf({ stages }) })),
    next: page.nextCursor ?? null,
  };
}

export default function DeskClaims() {
  const { params, paged, policies, items, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  const base = Object.fromEntries(Object.entries(params).filter(([, v]) => v));
  const nextHref = next ? `?${new URLSearchParams({ ...base, after: next })}` : null;
  const firstHref = Object.keys(base).length ? `?${new URLSearchParams(base)}` : ".";
  return (
    <div className="container stack">
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <Link to="/desk/policies">{t("desk.library")}</Link>
      </header>
      <ClaimFilters params={params} policies={policies} />
      {items.length ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("fields.company")}</th>
                <th scope="col">{t("fields.policy")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.requested")}</th>
                <th scope="col">{t("fields.awarded")}</th>
                <th scope="col">{t("fields.submittedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="card-title claim-company">
                    <Link to={`/desk/claims/${c.id}`}>{pick(locale, c.name_en, c.name_zh)}</Link>
                    <span className="muted nowrap claim-ref">{claimRef(c.id)}</span>
                  </th>
                  <td data-label={t("fields.policy")}>{pick(locale, c.title_en, c.title_zh)}</td>
                  <td data-label={t("fields.status")} className="card-inline card-key">
                    <StatusBadge status={c.status} />
                    {c.status === "submitted" || c.status === "info_requested" ? (
                      <span className="claim-stage">
                        {t("fields.stage")}
                        {locale === "zh-CN" ? "：" : ": "}
                        <StageText stages={c.stages} stage={c.stage} />
                      </span>
                    ) : null}
                  </td>
                  <td data-label={t("fields.requested")} className="card-inline">
                    {money(c.requested_minor)}
                  </td>
                  <td data-label={t("fields.awarded")} className="card-inline">
                    {money(c.awarded_minor)}
                  </td>
                  <td data-label={t("fields.submittedOn")} className="card-inline nowrap">
                    {formatDate(c.created_at, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t("desk.none")}</p>
      )}
      <p className="row">
        {paged ? <Link to={firstHref}>{t("desk.first")}</Link> : null}
        {nextHref ? <Link to={nextHref}>{t("desk.next")} →</Link> : null}
      </p>
    </div>
  );
}
