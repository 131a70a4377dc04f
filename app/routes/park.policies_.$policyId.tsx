import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { pageDescription, pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { renderMarkdown } from "~/news/markdown.server";
import { ParkNav } from "~/park/ui";
import { describeCriterion, shanghaiDay } from "~/policies/criteria";
import {
  getPublishedPolicy,
  policyCriteria,
  policyDocuments,
  policyWindow,
} from "~/policies/policies.server";
import { BenefitText, WindowText } from "~/policies/ui";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["company", "park", "policies"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: pageTitle(
      matches,
      data ? `${data.policy.title_en} · ${data.policy.title_zh} | Zizhu Park Portal` : "Policy",
    ),
  },
  ...(data ? [pageDescription(matches, data.policy.summary_en, data.policy.summary_zh)] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const p = await getPublishedPolicy(db(), params.policyId ?? "");
  if (!p) throw new Response("Not found", { status: 404 });
  const today = shanghaiDay(new Date());
  return {
    policy: {
      id: p.id,
      title_en: p.title_en,
      title_zh: p.title_zh,
      issuer_en: p.issuer_en,
      issuer_zh: p.issuer_zh,
      summary_en: p.summary_en,
      summary_zh: p.summary_zh,
      benefit_kind: p.benefit_kind,
      benefit_max_minor: p.benefit_max_minor,
      benefit_rate: p.benefit_rate,
      benefit_note_en: p.benefit_note_en,
      benefit_note_zh: p.benefit_note_zh,
      opens_on: p.opens_on,
      deadline: p.deadline,
      link: p.link,
    },
    window: policyWindow(p, today),
    criteria: policyCriteria(p) ?? [],
    documents: policyDocuments(p),
    html: { en: renderMarkdown(p.body_en), zh: renderMarkdown(p.body_zh) },
    hasCompany: !!user?.company,
    canClaim: user?.company?.role === "owner" && !p.auto_award && policyWindow(p, today) === "open",
  };
}

export default function PolicyPage() {
  const {
    policy: p,
    window,
    criteria,
    documents,
    html,
    hasCompany,
    canClaim,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation("policies");
  const locale = useLocale();
  const body = pick(locale, html.en, html.zh);
  const issuer = pick(locale, p.issuer_en, p.issuer_zh);
  return (
    <div className="container">
      <p>
        <Link to="/park/policies">← {t("public.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{pick(locale, p.title_en, p.title_zh)}</h1>
        {issuer ? <p className="muted">{t("public.issuer", { issuer })}</p> : null}
        <p className="lead">{pick(locale, p.summary_en, p.summary_zh)}</p>
      </header>
      <ParkNav />
      <dl className="card details">
        <dt>{t("public.window")}</dt>
        <dd>
          <WindowText window={window} opensOn={p.opens_on} deadline={p.deadline} />
        </dd>
        <dt>{t("public.benefit")}</dt>
        <dd>
          <BenefitText
            kind={p.benefit_kind}
            maxMinor={p.benefit_max_minor}
            rate={p.benefit_rate}
            note={pick(locale, p.benefit_note_en, p.benefit_note_zh)}
            locale={locale}
          />
        </dd>
      </dl>
      <section className="section" aria-labelledby="pol-elig">
        <h2 id="pol-elig">{t("public.eligibility")}</h2>
        <ul>
          {criteria.map((c) => (
            <li key={c.kind}>{describeCriterion(c, locale)}</li>
          ))}
        </ul>
        {hasCompany ? (
          <p className="row">
            {canClaim ? (
              <Link className="button" to={`/company/claims/new/${p.id}`}>
                {t("public.claim")}
              </Link>
            ) : null}
            <Link to="/company/policies">{t("public.forYou")}</Link>
          </p>
        ) : null}
      </section>
      {documents.length ? (
        <section className="section" aria-labelledby="pol-docs">
          <h2 id="pol-docs">{t("public.documents")}</h2>
          <ul>
            {documents.map((d) => (
              <li key={d.key}>{pick(locale, d.en, d.zh)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {body ? (
        <section className="section" aria-labelledby="pol-body">
          <h2 id="pol-body">{t("public.details")}</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: body }} />
        </section>
      ) : null}
      {p.link ? (
        <p>
          <a href={p.link} rel="noopener noreferrer">
            {t("public.official")}
          </a>
        </p>
      ) : null}
    </div>
  );
}
