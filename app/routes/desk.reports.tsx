import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/root";
import { byType, toCsv, volumeByMonth, volumeByState } from "~/service-requests/reports.server";
import { STATES } from "~/service-requests/workflow";

export const meta: MetaFunction = () => [
  { title: "Service reports · 服务统计 | Zizhu Park Portal" },
];

function parseDay(value: string | null, fallback: Date): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fallback;
  const d = new Date(`${value}T00:00:00+08:00`);
  return Number.isNaN(+d) ? fallback : d;
}
const day = (d: Date) => new Date(+d + 8 * 3600_000).toISOString().slice(0, 10);

/** Staff reports; `?format=csv` downloads the per-type table. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const url = new URL(request.url);
  const now = new Date();
  const to = parseDay(url.searchParams.get("to"), new Date(+now + 24 * 3600_000));
  const from = parseDay(url.searchParams.get("from"), new Date(+now - 365 * 24 * 3600_000));
  const range = { from, to };
  const types = await byType(db(), range);
  if (url.searchParams.get("format") === "csv") {
    const csv = toCsv(
      types.map((r) => ({
        type: r.code,
        name_en: r.nameEn,
        name_zh: r.nameZh,
        filed: r.filed,
        resolved: r.resolved,
        median_first_response_working_minutes:
          r.medianFirstMinutes === null ? "" : Math.round(r.medianFirstMinutes),
        median_resolution_working_minutes:
          r.medianResolutionMinutes === null ? "" : Math.round(r.medianResolutionMinutes),
        sla_met_share: r.slaMetShare === null ? "" : r.slaMetShare.toFixed(3),
        average_rating: r.avgRating === null ? "" : r.avgRating.toFixed(2),
        ratings: r.ratings,
      })),
    );
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="service-report-${day(from)}-${day(to)}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return {
    from: day(from),
    to: day(to),
    months: await volumeByMonth(db(), range),
    states: await volumeByState(db(), range),
    types,
  };
}

type ReportData = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

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

export default function Reports() {
  const { from, to, months, states, types } = useLoaderData<
    typeof loader
  >() as unknown as ReportData;
  const { t } = useTranslation("services");
  const locale = useLocale();
  const hours = (m: number | null) =>
    m === null ? t("reports.none") : t("reports.hours", { value: (m / 60).toFixed(1) });
  const stateRows = STATES.map((s) => ({
    label: s === "waiting_on_requester" ? t("staffStates.waiting_on_requester") : t(`states.${s}`),
    value: states.find((x) => x.state === s)?.count ?? 0,
  }));
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
            href={`/desk/reports?from=${from}&to=${to}&format=csv`}
            download
          >
            {t("reports.csv")}
          </a>
        </div>
      </Form>

      <section className="section card">
        <h2>{t("reports.volumeByMonth")}</h2>
        <BarChart
          title={t("reports.volumeByMonth")}
          rows={months.map((m) => ({ label: m.month, value: m.count }))}
        />
        <details>
          <summary>{t("reports.month")}</summary>
          <table className="table">
            <thead>
              <tr>
                <th>{t("reports.month")}</th>
                <th>{t("reports.count")}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
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
              display: `${Math.round((r.slaMetShare ?? 0) * 100)}%`,
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
                      : `${Math.round(r.slaMetShare * 100)}%`}
                  </td>
                  <td>
                    {r.avgRating === null
                      ? t("reports.none")
                      : `${r.avgRating.toFixed(1)} (${r.ratings})`}
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
