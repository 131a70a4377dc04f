import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { RankChart, type RankSeries } from "~/components/charts";
import { listRankings } from "~/park/park.server";
import { ParkNav, RankingTable } from "~/park/ui";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Rankings · 评价排名 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "How Zizhu High-Tech Park ranks among China's national high-tech parks, year by year.",
    "紫竹高新区在国家高新区综合评价中的历年排名。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { locale: detectLocale(request, user?.locale), rows: await listRankings(db()) };
}

export default function Rankings() {
  const { locale, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  // One line per measure, in the order of the latest year's table.
  const series: RankSeries[] = [];
  for (const r of rows) {
    let s = series.find((x) => x.key === r.measure);
    if (!s) {
      s = { key: r.measure, label: locale === "zh-CN" ? r.measure_zh : r.measure_en, points: [] };
      series.push(s);
    }
    s.points.push({ year: r.year, rank: r.rank });
  }
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("rankings.title")}</h1>
        <p className="lead">{t("rankings.lead")}</p>
      </header>
      <ParkNav />
      {rows.length === 0 ? (
        <p className="notice">{t("rankings.empty")}</p>
      ) : (
        <>
          <RankChart
            series={series}
            title={t("rankings.chartTitle")}
            note={t("rankings.chartNote")}
            rankLabel={(rank) => t("rankings.rankValue", { rank: String(rank) })}
          >
            <RankingTable rows={rows} locale={locale} />
          </RankChart>
        </>
      )}
    </div>
  );
}
