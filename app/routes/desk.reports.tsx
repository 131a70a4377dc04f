import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { formatNumber, formatPercent } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { day, reportRange, sumBy, type VolumeRow } from "~/service-requests/reports";
import { byType, volumeOverTime } from "~/service-requests/reports.server";
import { STATES, type RequestState } from "~/service-requests/workflow";

export const meta: MetaFunction = () => [
  { title: "Service reports · 服务统计 | Zizhu Park Portal" },
];

/** Staff reports for a period (default: the last 365 days); CSVs at /desk/reports.csv. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const { from, to } = reportRange(new URL(request.url));
  const range = { from, to };
  const types = await byType(db(), range);
  const volume = await volumeOverTime(db(), range);
  return {
    from: day(from),
    to: day(to),
    volume,
    types,
  };
}

/** A horizontal bar chart drawn as SVG on the server; the data table next to it is the accessible version. */
function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: { label: string; value: number; display?: string }[];
}) {
  const { t } = useTranslation("services");
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barH = 22;
  const labelW = 170;
  const width = 560;
  const height = rows.length * (barH + 8) + 8;
  return (
    <svg
      className="sr-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t("reports.chartLabel", { title })}
    >
      {rows.map((r, i) => {
        const y = 8 + i * (barH + 8);
        const w = ((width - labelW - 60) * r.value) / max;
        return (
          <g key={r.label}>
            <text
              x={labelW - 8}
              y={y + barH * 0.7}
              textAnchor="end"
              fontSize="12"
              fill="currentColor"
            >
              {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
            </text>
            <rect x={labelW} y={y} width={Math.max(w, 1)} height={barH} rx="3" fill="#0f4c5c" />
            <text
              x={labelW + Math.max(w, 1) + 6}
              y={y + barH * 0.7}
              fontSize="12"
              fill="currentColor"
            >
              {r.display ?? r.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Colour groups of the stacked chart (the tables give every state). */
const STATE_GROUPS: {
  key: "open" | "waiting" | "resolved" | "closed";
  states: RequestState[];
  className: string;
}[] = [
  { key: "open", states: ["new", "triaged", "in_progress", "reopened"], className: "sr-seg-open" },
  {
    key: "waiting",
    states: ["waiting_on_requester", "waiting_on_third_party"],
    className: "sr-seg-waiting",
  },
  { key: "resolved", states: ["resolved"], className: "sr-seg-resolved" },
  { key: "closed", states: ["closed"], className: "sr-seg-closed" },
];

/** Requests filed per month as stacked horizontal bars, one segment per state group. */
function StackedMonths({ title, volume }: { title: string; volume: VolumeRow[] }) {
  const { t } = useTranslation("services");
  const months = sumBy(volume, "month").map((m) => m.month);
  const byMonthState = sumBy(volume, "month", "state");
  const count = (month: string, states: readonly string[]) =>
    byMonthState
      .filter((r) => r.month === month && states.includes(r.state))
      .reduce((n, r) => n + r.count, 0);
  const totals = months.map((m) => count(m, STATES));
  const max = Math.max(1, ...totals);
  const barH = 22;
  const labelW = 80;
  const width = 560;
  const height = months.length * (barH + 8) + 8;
  return (
    <>
      <svg
        className="sr-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t("reports.chartLabel", { title })}
      >
        {months.map((month, i) => {
          const y = 8 + i * (barH + 8);
          let x = labelW;
          return (
            <g key={month}>
              <text
                x={labelW - 8}
                y={y + barH * 0.7}
                textAnchor="end"
                fontSize="12"
                fill="currentColor"
              >
                {month}
              </text>
              {STATE_GROUPS.map((g) => {
                const n = count(month, g.states);
                const w = ((width - labelW - 60) * n) / max;
                const rect = n ? (
                  <rect key={g.key} className={g.className} x={x} y={y} width={w} height={barH} />
                ) : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + barH * 0.7} fontSize="12" fill="currentColor">
                {totals[i]}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="sr-legend" aria-hidden="true">
        {STATE_GROUPS.map((g) => (
          <li key={g.key}>
            <span className={`sr-swatch ${g.className}`} />
            {t(`reports.groups.${g.key}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

export default function Reports() {
  const { from, to, volume, types } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const hours = (m: number | null) =>
    m === null ? t("reports.none") : t("reports.hours", { value: formatNumber(m / 60, locale, 1) });
  const stateLabel = (s: RequestState) =>
    s === "waiting_on_requester" ? t("staffStates.waiting_on_requester") : t(`states.${s}`);
  const states = sumBy(volume, "state");
  const stateRows = STATES.map((s) => ({
    label: stateLabel(s),
    value: states.find((x) => x.state === s)?.count ?? 0,
  }));
  const months = sumBy(volume, "month").map((m) => m.month);
  const byMonthState = sumBy(volume, "month", "state");
  const byMonthType = sumBy(volume, "month", "type");
  const cell = <R extends { month: string; count: number }>(
    rows: R[],
    month: string,
    keep: (r: R) => boolean,
  ) => rows.filter((r) => r.month === month && keep(r)).reduce((n, r) => n + r.count, 0);
  const typesFiled = types.filter((ty) => ty.filed > 0);
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("reports.title")}</h1>
        <p className="lead">{t("reports.lead")}</p>
      </header>
      <Form method="get" className="card sr-filters">
        <div className="field">
          <label htmlFor="from">{t("reports.from")}</label>
          <input id="from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("reports.to")}</label>
          <input id="to" name="to" type="date" defaultValue={to} />
        </div>
        <div className="row">
          <button type="submit" className="button">
            {t("reports.show")}
          </button>
          <a
            className="button button-secondary"
            href={`/desk/reports.csv?from=${from}&to=${to}`}
            download
          >
            {t("reports.csv")}
          </a>
        </div>
      </Form>

      <section className="section card">
        <h2>{t("reports.volumeByMonth")}</h2>
        <StackedMonths title={t("reports.volumeByMonth")} volume={volume} />
        <details>
          <summary>{t("reports.monthByState")}</summary>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.month")}</th>
                  {STATES.map((s) => (
                    <th scope="col" key={s}>
                      {stateLabel(s)}
                    </th>
                  ))}
                  <th scope="col">{t("reports.count")}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m}>
                    <th scope="row">{m}</th>
                    {STATES.map((s) => (
                      <td key={s}>{cell(byMonthState, m, (r) => r.state === s)}</td>
                    ))}
                    <td>{cell(byMonthState, m, () => true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <details>
          <summary>{t("reports.monthByType")}</summary>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.month")}</th>
                  {typesFiled.map((ty) => (
                    <th scope="col" key={ty.code}>
                      {pick(locale, ty.nameEn, ty.nameZh)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m}>
                    <th scope="row">{m}</th>
                    {typesFiled.map((ty) => (
                      <td key={ty.code}>{cell(byMonthType, m, (r) => r.type === ty.code)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <p>
          <a href={`/desk/reports.csv?from=${from}&to=${to}&table=volume`} download>
            {t("reports.volumeCsv")}
          </a>
        </p>
      </section>

      <section className="section card">
        <h2>{t("reports.volumeByState")}</h2>
        <BarChart title={t("reports.volumeByState")} rows={stateRows} />
      </section>

      <section className="section card">
        <h2>{t("reports.byType")}</h2>
        <BarChart
          title={`${t("reports.byType")}: ${t("reports.slaMet")}`}
          rows={types
            .filter((r) => r.slaMetShare !== null)
            .map((r) => ({
              label: pick(locale, r.nameEn, r.nameZh),
              value: Math.round((r.slaMetShare ?? 0) * 100),
              display: formatPercent(r.slaMetShare ?? 0, locale, 0),
            }))}
        />
        <div className="table-wrap">
          <table className="table">
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
                  <td>{pick(locale, r.nameEn, r.nameZh)}</td>
                  <td>{r.filed}</td>
                  <td>{r.resolved}</td>
                  <td>{hours(r.medianFirstMinutes)}</td>
                  <td>{hours(r.medianResolutionMinutes)}</td>
                  <td>
                    {r.slaMetShare === null
                      ? t("reports.none")
                      : formatPercent(r.slaMetShare, locale, 0)}
                  </td>
                  <td>
                    {r.avgRating === null
                      ? t("reports.none")
                      : `${formatNumber(r.avgRating, locale, 1)} (${formatNumber(r.ratings, locale)})`}
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
