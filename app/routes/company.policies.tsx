import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { liveClaimsByPolicy } from "~/policies/claim-pages.server";
import { matchesForCompany, type CompanyMatch } from "~/policies/policies.server";
import { BenefitText, WindowText } from "~/policies/ui";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policies for you · 为您匹配的政策 | Zizhu Park Portal") },
];

/** Any member of a company: its own matches only (the company comes from the session). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:own");
  const found = await matchesForCompany(db(), user.company!.id);
  const claims = await liveClaimsByPolicy(db(), user.company!.id);
  return { ...found, claims, owner: user.company!.role === "owner" };
}

function MatchList({
  items,
  near,
  claims = {},
  owner = false,
}: {
  items: CompanyMatch[];
  near: boolean;
  claims?: Record<string, string>;
  owner?: boolean;
}) {
  const { t } = useTranslation("policies");
  const locale = useLocale();
  return (
    <ul className="stack park-list">
      {items.map(({ policy: p, window, missingEn, missingZh }) => (
        <li key={p.id} className="card">
          <h3>
            <Link to={`/park/policies/${p.id}`}>{pick(locale, p.title_en, p.title_zh)}</Link>
          </h3>
          <p className="muted">
            <WindowText window={window} opensOn={p.opens_on} deadline={p.deadline} />
            {p.benefit_kind !== "none" ? " · " : ""}
            <BenefitText
              kind={p.benefit_kind}
              maxMinor={p.benefit_max_minor}
              rate={p.benefit_rate}
              locale={locale}
            />
          </p>
          <p>{pick(locale, p.summary_en, p.summary_zh)}</p>
          {near ? (
            <div>
              <p className="policy-missing">{t("company.missing")}</p>
              <ul>
                {(locale === "zh-CN" ? missingZh : missingEn).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : p.auto_award ? (
            <p className="notice">{t("company.auto")}</p>
          ) : claims[p.id] ? (
            <p>
              <Link to={`/company/claims/${claims[p.id]}`}>{t("company.yourClaim")}</Link>
            </p>
          ) : owner && window === "open" ? (
            <p>
              <Link className="button button-small" to={`/company/claims/new/${p.id}`}>
                {t("company.claim")}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function CompanyPolicies() {
  const { matched, near, owner, claims } = useLoaderData<typeof loader>();
  const { t } = useTranslation("policies");
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("company.title")}</h1>
        <p className="lead">{t("company.lead")}</p>
        <p className="row">
          {owner ? <Link to="/company/file">{t("company.fileLink")}</Link> : null}
          <Link to="/company/claims">{t("company.claims")}</Link>
        </p>
      </header>
      <section className="section" aria-labelledby="pol-matched">
        <h2 id="pol-matched">{t("company.matched")}</h2>
        {matched.length ? (
          <MatchList items={matched} near={false} claims={claims} owner={owner} />
        ) : (
          <p className="muted">{t("company.matchedEmpty")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="pol-near">
        <h2 id="pol-near">{t("company.near")}</h2>
        {near.length ? (
          <MatchList items={near} near />
        ) : (
          <p className="muted">{t("company.nearEmpty")}</p>
        )}
      </section>
    </div>
  );
}
