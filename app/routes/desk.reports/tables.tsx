import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber, formatPercent } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { byType } from "~/service-requests/reports.server";
import { sumBy, type VolumeRow } from "~/service-requests/reports";
import { STATES, type RequestState } from "~/service-requests/workflow";

type TypeRow = Awaited<ReturnType<typeof byType>>[number];

/** A state's name on the staff's side of the desk. */
export function useStateLabel() {
  const { t } = useTranslation("services");
  return (s: RequestState) =>
    s === "waiting_on_requester" ? t("staffStates.waiting_on_requester") : t(`states.${s}`);
}

/** Requests per month (rows) and column, folded away under `summary`; `total` adds a sum column. */
function MonthTable({
  summary,
  months,
  columns,
  count,
  total,
}: {
  summary: string;
  months: string[];
  columns: { key: string; label: string }[];
  count: (month: string, key: string | null) => number;
  total?: string;
}) {
  const { t } = useTranslation("services");
  return (
    <details>
      <summary>{summary}</summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("reports.month")}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
              {total ? <th scope="col">{total}</th> : null}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m}>
                <th scope="row">{m}</th>
                {columns.map((c) => (
                  <td key={c.key}>{count(m, c.key)}</td>
                ))}
                {total ? <td>{count(m, null)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The month-by-state and month-by-type tables behind the stacked chart, each folded away. */
export function MonthTables({ volume, types }: { volume: VolumeRow[]; types: TypeRow[] }) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const stateLabel = useStateLabel();
  const months = sumBy(volume, "month").map((m) => m.month);
  const byMonthState = sumBy(volume, "month", "state");
  const byMonthType = sumBy(volume, "month", "type");
  const cell = <R extends { month: string; count: number }>(
    rows: R[],
    month: string,
    keep: (r: R) => boolean,
  ) => rows.filter((r) => r.month === month && keep(r)).reduce((n, r) => n + r.count, 0);
  return (
    <>
      <MonthTable
        summary={t("reports.monthByState")}
        months={months}
        columns={STATES.map((s) => ({ key: s, label: stateLabel(s) }))}
        count={(m, state) => cell(byMonthState, m, (r) => state === null || r.state === state)}
        total={t("reports.count")}
      />
      <MonthTable
        summary={t("reports.monthByType")}
        months={months}
        columns={types
          .filter((ty) => ty.filed > 0)
          .map((ty) => ({ key: ty.code, label: pick(locale, ty.nameEn, ty.nameZh) }))}
        count={(m, code) => cell(byMonthType, m, (r) => r.type === code)}
      />
    </>
  );
}

/** Per service type: filed, resolved, median times, SLA met and satisfaction. */
export function TypeTable({ types }: { types: TypeRow[] }) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const hours = (m: number | null) =>
    m === null ? t("reports.none") : t("reports.hours", { value: formatNumber(m / 60, locale, 1) });
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <thead>
          <tr>
            <th>{t("reports.type")}</th>
            <th>{t("reports.filed")}</th>
            <th>{t("reports.resolved")}</th>
            <th>{t("reports.medianFirst")}</th>
            <th>{t("reports.medianResolution")}</th>
            <th>{t("reports.slaMet")}</th>
            <th>{t("reports.satisfaction")}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((r) => (
            <tr key={r.code}>
              <td className="card-title">{pick(locale, r.nameEn, r.nameZh)}</td>
              <td className="card-inline" data-label={t("reports.filed")}>
                {r.filed}
              </td>
              <td className="card-inline" data-label={t("reports.resolved")}>
                {r.resolved}
              </td>
              <td className="card-inline" data-label={t("reports.medianFirst")}>
                {hours(r.medianFirstMinutes)}
              </td>
              <td className="card-inline" data-label={t("reports.medianResolution")}>
                {hours(r.medianResolutionMinutes)}
              </td>
              <td className="card-inline card-key" data-label={t("reports.slaMet")}>
                {r.slaMetShare === null
                  ? t("reports.none")
                  : formatPercent(r.slaMetShare, locale, 0)}
              </td>
              <td className="card-inline" data-label={t("reports.satisfaction")}>
                {r.avgRating === null
                  ? t("reports.none")
                  : `${formatNumber(r.avgRating, locale, 1)} (${formatNumber(r.ratings, locale)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
