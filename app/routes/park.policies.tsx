import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { field, parseQuery } from "~/lib/query.server";
import { detectLocale } from "~/i18n/locale.server";
import { listPolicies } from "~/park/park.server";
import { ParkNav } from "~/park/ui";
import { formatDate } from "~/lib/format";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policies · 政策扶持 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Support policies of Zizhu High-Tech Park: subsidies for R&D, rent, talent and certification, with who qualifies.",
    "紫竹高新区扶持政策：研发、租金、人才与资质认定等补贴及申报条件。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { q = "" } = parseQuery(request, { q: field.text(100) });
  return {
    locale: detectLocale(request, user?.locale),
    q,
    policies: await listPolicies(db(), q, { publishedOnly: true }),
  };
}

export default function Policies() {
  const { locale, q, policies } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const zh = locale === "zh-CN";
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("policies.title")}</h1>
        <p className="lead">{t("policies.lead")}</p>
      </header>
      <ParkNav />
      <Form method="get" className="row" role="search">
        <label htmlFor="policy-q" className="visually-hidden">
          {t("policies.search")}
        </label>
        <input
          id="policy-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("policies.search")}
        />
        <button type="submit" className="button button-secondary">
          {t("policies.apply")}
        </button>
      </Form>
      {policies.length === 0 ? <p className="notice">{t("policies.empty")}</p> : null}
      <ul className="stack park-list">
        {policies.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/park/policies/${p.id}`}>{zh ? p.title_zh : p.title_en}</Link>
            </h2>
            <p className="muted">
              {p.deadline
                ? t("policies.deadline", { date: formatDate(p.deadline, locale) })
                : t("policies.noDeadline")}
            </p>
            <p>{zh ? p.summary_zh : p.summary_en}</p>
            {p.link ? (
              <p>
                <a href={p.link} rel="noopener noreferrer">
                  {t("policies.more")}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
