import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { listPublished } from "~/news/news.server";
import { NewsThumb } from "~/news/ui";
import { isoDay } from "~/lib/format";
import { keyFacts } from "~/park/park.server";
import { useRootData } from "~/lib/root-data";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Zizhu High-Tech Park Portal · 紫竹高新区门户") },
  pageDescription(
    matches,
    "News, facts, incubation and services of Zizhu High-Tech Park, Shanghai.",
    "上海紫竹高新区的新闻、园区概况、孵化项目与企业服务。",
  ),
  {
    tagName: "link",
    rel: "alternate",
    type: "application/rss+xml",
    title: "Zizhu High-Tech Park News",
    href: "/rss.xml",
  },
];

/** The home page: latest news, key facts (data staff edit), and the two calls to action. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request, user?.locale);
  const [news, facts] = [await listPublished(db(), { limit: 4 }), await keyFacts(db())];
  return { locale, news: news.items, facts };
}

export default function Index() {
  const { locale, news, facts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { t: tp } = useTranslation("park");
  const root = useRootData();
  return (
    <>
      <section className="hero">
        <div className="container">
          {root?.user ? <p>{t("home.welcome", { name: root.user.name })}</p> : null}
          <h1>{t("home.title")}</h1>
          <p className="lead">{t("home.lead")}</p>
          <div className="row">
            <Link className="button" to="/incubation">
              {t("home.ctaApply")}
            </Link>
            <Link className="button button-secondary" to="/contact">
              {tp("home.inquiryCta")}
            </Link>
            {!root?.user ? (
              <Link className="button button-secondary" to="/signup">
                {t("home.ctaAccount")}
              </Link>
            ) : null}
          </div>
        </div>
      </section>
      {facts.length ? (
        <section className="section">
          <div className="container">
            <h2>{t("home.facts")}</h2>
            <div className="card-grid">
              {facts.map((f) => (
                <div key={f.id} className="card">
                  <p className="stat">{f.rank}</p>
                  <p className="muted">
                    {pick(locale, f.measure_en, f.measure_zh)} ·{" "}
                    {f.out_of
                      ? tp("rankings.rankOf", { rank: String(f.rank), outOf: String(f.out_of) })
                      : tp("rankings.rankValue", { rank: String(f.rank) })}{" "}
                    · {f.year}
                  </p>
                </div>
              ))}
            </div>
            <p>
              <Link to="/park/rankings">{tp("home.moreFacts")} →</Link>
            </p>
          </div>
        </section>
      ) : null}
      <section className="section">
        <div className="container">
          <div className="spread">
            <h2>{tp("home.latestNews")}</h2>
            <Link to="/news">{tp("home.allNews")} →</Link>
          </div>
          <ul className="card-grid home-news">
            {news.map((a) => (
              <li key={a.id} className="card home-news-item">
                <NewsThumb article={a} locale={locale} />
                <p className="muted">{isoDay(a.published_at)}</p>
                <h3>
                  <Link to={`/news/${a.slug}`}>{pick(locale, a.title_en, a.title_zh)}</Link>
                </h3>
                <p>{pick(locale, a.summary_en, a.summary_zh)}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section className="section">
        <div className="container card-grid">
          <div className="card">
            <h2>{tp("home.applyTitle")}</h2>
            <p>{tp("home.applyBody")}</p>
            <Link className="button" to="/incubation">
              {tp("home.applyCta")}
            </Link>
          </div>
          <div className="card">
            <h2>{tp("home.inquiryTitle")}</h2>
            <p>{tp("home.inquiryBody")}</p>
            <Link className="button" to="/contact">
              {tp("home.inquiryCta")}
            </Link>
          </div>
        </div>
      </section>
    </>
  );
}
