import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { RankingChart } from "~/park/chart";
import { listRankings } from "~/park/park.server";
import { ParkNav, RankingTable } from "~/park/ui";

export const meta: MetaFunction = () => [{ title: "Rankings · 评价排名 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { locale: detectLocale(request, user?.locale), rows: await listRankings(db()) };
}

export default function Rankings() {
  const { locale, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const chartRows = rows.map((r) => ({
    year: r.year,
    measure: r.measure,
    label: locale === "zh-CN" ? r.measure_zh : r.measure_en,
    rank: r.rank,
    outOf: r.out_of,
  }));
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
          <RankingChart
            rows={chartRows}
            title={t("rankings.chartTitle")}
            rankLabel={(rank) => t("rankings.rankValue", { rank: String(rank) })}
          />
          <RankingTable rows={rows} locale={locale} />
        </>
      )}
    </div>
  );
}
