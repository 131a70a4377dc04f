import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { committedTargets, getCatalogue } from "~/service-requests/catalogue.server";
import { useDuration } from "~/service-requests/components";
import { serviceLevels } from "~/service-requests/reports.server";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["services"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Park services · 园区服务 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "The Zizhu park's platinum service desk: request types and live service levels.",
    "紫竹园区白金服务台：服务事项与实时服务时限。",
  ),
];

/** Public: the catalogue by category, and service levels from live data. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const catalogue = await getCatalogue(db());
  const levels = await serviceLevels(db());
  const targets = await committedTargets(
    db(),
    catalogue.flatMap((c) => c.types.map((t) => t.id)),
  );
  return {
    canFile: !!user?.company,
    signedIn: !!user,
    catalogue: catalogue.map((c) => ({
      id: c.id,
      name_en: c.name_en,
      name_zh: c.name_zh,
      description_en: c.description_en,
      description_zh: c.description_zh,
      types: c.types.map((t) => ({
        code: t.code,
        name_en: t.name_en,
        name_zh: t.name_zh,
        description_en: t.description_en,
        description_zh: t.description_zh,
        resident_only: t.resident_only,
        target: targets.get(t.id)!,
      })),
    })),
    levels,
  };
}

export default function Services() {
  const { catalogue, levels, canFile, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const duration = useDuration();
  /** The committed resolution targets of a category's types: one value, or the range. */
  const committed = (categoryId: string) => {
    const minutes = (catalogue.find((c) => c.id === categoryId)?.types ?? []).map(
      (x) => x.target.resolution,
    );
    if (!minutes.length) return "–";
    const [lo, hi] = [Math.min(...minutes), Math.max(...minutes)];
    return lo === hi
      ? t("catalogue.within", { time: duration(lo * 60_000) })
      : t("catalogue.withinRange", { from: duration(lo * 60_000), to: duration(hi * 60_000) });
  };
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("catalogue.title")}</h1>
        <p className="lead">{t("catalogue.lead")}</p>
        {canFile ? (
          <Link className="button" to="/requests/new">
            {t("catalogue.fileRequest")}
          </Link>
        ) : (
          <p className="muted">
            {signedIn ? (
              t("list.noCompany")
            ) : (
              <Link to="/login?redirectTo=%2Frequests%2Fnew">{t("catalogue.signInToFile")}</Link>
            )}
          </p>
        )}
      </header>
      {catalogue.map((c) => (
        <section key={c.id} className="section">
          <h2>{pick(locale, c.name_en, c.name_zh)}</h2>
          <p className="muted">{pick(locale, c.description_en, c.description_zh)}</p>
          <ul className="card-grid" style={{ listStyle: "none", padding: 0 }}>
            {c.types.map((type) => (
              <li key={type.code} className="card">
                <h3>
                  {canFile ? (
                    <Link to={`/requests/new?type=${type.code}`}>
                      {pick(locale, type.name_en, type.name_zh)}
                    </Link>
                  ) : (
                    pick(locale, type.name_en, type.name_zh)
                  )}
                </h3>
                <p>{pick(locale, type.description_en, type.description_zh)}</p>
                <dl className="details details-compact">
                  <dt>{t("catalogue.targetFirstResponse")}</dt>
                  <dd>{duration(type.target.firstResponse * 60_000)}</dd>
                  <dt>{t("catalogue.targetResolution")}</dt>
                  <dd>{duration(type.target.resolution * 60_000)}</dd>
                </dl>
                {type.resident_only ? (
                  <span className="badge badge-muted">{t("catalogue.residentOnly")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="section card" aria-labelledby="levels">
        <h2 id="levels">{t("catalogue.levelsTitle")}</h2>
        <p className="muted">{t("catalogue.levelsLead")}</p>
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{t("catalogue.category")}</th>
                <th>{t("catalogue.resolvedCount")}</th>
                <th>{t("catalogue.medianResolution")}</th>
                <th>{t("catalogue.committedResolution")}</th>
                <th>{t("catalogue.satisfaction")}</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l.id}>
                  <td className="card-title">{pick(locale, l.nameEn, l.nameZh)}</td>
                  <td className="card-inline" data-label={t("catalogue.resolvedCount")}>
                    {l.resolved}
                  </td>
                  <td className="card-inline" data-label={t("catalogue.medianResolution")}>
                    {l.medianResolutionMinutes === null
                      ? t("catalogue.noData")
                      : duration(l.medianResolutionMinutes * 60_000)}
                  </td>
                  <td className="card-inline" data-label={t("catalogue.committedResolution")}>
                    {committed(l.id)}
                  </td>
                  <td data-label={t("catalogue.satisfaction")}>
                    {l.avgRating === null
                      ? t("catalogue.noData")
                      : `${formatNumber(l.avgRating, locale, 1)} / 5 (${formatNumber(l.ratings, locale)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
