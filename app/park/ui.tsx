import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

const LINKS = [
  { to: "/park", key: "overview", end: true },
  { to: "/park/rankings", key: "rankings" },
  { to: "/park/industries", key: "industries" },
  { to: "/park/policies", key: "policies" },
  { to: "/park/space", key: "space" },
  { to: "/park/invest", key: "invest" },
] as const;

export function ParkNav() {
  const { t } = useTranslation("park");
  return (
    <nav className="tabs park-nav" aria-label={t("title")}>
      {LINKS.map((l) => (
        <NavLink key={l.to} to={l.to} end={"end" in l ? l.end : false}>
          {t(`nav.${l.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}

export function RankingTable({
  rows,
  locale,
}: {
  rows: {
    id: string;
    year: number;
    measure_en: string;
    measure_zh: string;
    rank: number;
    out_of: number | null;
  }[];
  locale: string;
}) {
  const { t } = useTranslation("park");
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <caption className="visually-hidden">{t("rankings.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rankings.year")}</th>
            <th scope="col">{t("rankings.measure")}</th>
            <th scope="col">{t("rankings.rank")}</th>
            <th scope="col">{t("rankings.outOf")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="card-inline" data-label={t("rankings.year")}>
                {r.year}
              </td>
              <th scope="row">{locale === "zh-CN" ? r.measure_zh : r.measure_en}</th>
              <td className="card-inline card-key ranking-rank" data-label={t("rankings.rank")}>
                {r.rank}
              </td>
              <td className="card-inline" data-label={t("rankings.outOf")}>
                {r.out_of ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
