import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { renderMarkdown } from "~/news/markdown.server";
import { getProfile, keyFacts, listIndustries } from "~/park/park.server";
import { ParkNav } from "~/park/ui";
import { parkFigures } from "~/park/figures.server";
import { SiteMap } from "~/park/site-map";
import { formatNumber } from "~/lib/format";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "The park · 园区概况 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Zizhu High-Tech Park at a glance: a national-level high-tech park in Minhang District, Shanghai.",
    "紫竹高新区概览：位于上海市闵行区的国家级高新技术产业开发区。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request, user?.locale);
  const profile = await getProfile(db());
  const zh = locale === "zh-CN";
  return {
    locale,
    profile: profile
      ? {
          name: zh ? profile.name_zh : profile.name_en,
          tagline: zh ? profile.tagline_zh : profile.tagline_en,
          location: zh ? profile.location_zh : profile.location_en,
          intro: renderMarkdown(zh ? profile.intro_zh : profile.intro_en),
        }
      : null,
    facts: await keyFacts(db()),
    figures: await parkFigures(db()),
    industries: await listIndustries(db()),
  };
}

export default function ParkOverview() {
  const { locale, profile, facts, figures, industries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  return (
    <div className="container">
      <header className="page-header">
        <h1>{profile?.name ?? t("title")}</h1>
        {profile?.tagline ? <p className="lead">{profile.tagline}</p> : null}
        {profile?.location ? <p className="muted">{profile.location}</p> : null}
      </header>
      <ParkNav />
      <section className="section" aria-labelledby="figures-title">
        <h2 id="figures-title">{t("figures.title")}</h2>
        <div className="card-grid park-figures">
          <div className="card">
            <p className="stat">{formatNumber(figures.residentCompanies, locale)}</p>
            <p className="muted">{t("figures.companies")}</p>
          </div>
          <div className="card">
            <p className="stat">{formatNumber(figures.incubatees, locale)}</p>
            <p className="muted">{t("figures.incubatees")}</p>
          </div>
          <div className="card">
            <p className="stat">
              {t("figures.area", { area: formatNumber(figures.availableM2, locale) })}
            </p>
            <p className="muted">
              {t("figures.space", { count: figures.availableUnits })} ·{" "}
              <Link to="/park/space">{t("figures.seeSpace")}</Link>
            </p>
          </div>
        </div>
      </section>
      <SiteMap buildings={figures.buildings} />
      {facts.length ? (
        <section className="section" aria-labelledby="facts-title">
          <h2 id="facts-title">{t("keyFacts")}</h2>
          <div className="card-grid">
            {facts.map((f) => (
              <div key={f.id} className="card">
                <p className="stat">{f.rank}</p>
                <p className="muted">
                  {locale === "zh-CN" ? f.measure_zh : f.measure_en} (
                  {f.out_of
                    ? t("rankings.rankOf", { rank: String(f.rank), outOf: String(f.out_of) })
                    : t("rankings.rankValue", { rank: String(f.rank) })}
                  , {f.year})
                </p>
              </div>
            ))}
          </div>
          <p>
            <Link to="/park/rankings">{t("home.moreFacts")} →</Link>
          </p>
        </section>
      ) : null}
      {profile?.intro ? (
        <div className="prose section" dangerouslySetInnerHTML={{ __html: profile.intro }} />
      ) : null}
      {industries.length ? (
        <section className="section">
          <h2>{t("industries.title")}</h2>
          <ul className="card-grid park-list">
            {industries.map((i) => (
              <li key={i.id} className="card">
                <h3>{locale === "zh-CN" ? i.name_zh : i.name_en}</h3>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="row">
        <Link to="/park/invest" className="button">
          {t("nav.invest")}
        </Link>
        <Link to="/contact" className="button button-secondary">
          {t("home.inquiryCta")}
        </Link>
      </p>
    </div>
  );
}
