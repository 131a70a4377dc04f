import { useTranslation } from "~/i18n/use-translation";
import { sumBy, type VolumeRow } from "~/service-requests/reports";
import { STATES, type RequestState } from "~/service-requests/workflow";

const BAR_H = 22;
const WIDTH = 560;

/** The frame of a horizontal bar chart: one row of `BAR_H` per bar, labelled for screen readers. */
function Chart({
  title,
  rows,
  children,
}: {
  title: string;
  rows: number;
  children: React.ReactNode;
}) {
  const { t } = useTranslation("services");
  return (
    <svg
      className="sr-chart"
      viewBox={`0 0 ${WIDTH} ${rows * (BAR_H + 8) + 8}`}
      role="img"
      aria-label={t("reports.chartLabel", { title })}
    >
      {children}
    </svg>
  );
}

/** The top of bar `i`, and a text on its baseline at `x`. */
const barY = (i: number) => 8 + i * (BAR_H + 8);
function BarText({
  x,
  y,
  end,
  children,
}: {
  x: number;
  y: number;
  end?: boolean;
  children: React.ReactNode;
}) {
  return (
    <text
      x={x}
      y={y + BAR_H * 0.7}
      textAnchor={end ? "end" : undefined}
      fontSize="12"
      fill="currentColor"
    >
      {children}
    </text>
  );
}

/** A horizontal bar chart drawn as SVG on the server; the data table next to it is the accessible version. */
export function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: { label: string; value: number; display?: string }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const labelW = 170;
  return (
    <Chart title={title} rows={rows.length}>
      {rows.map((r, i) => {
        const y = barY(i);
        const w = Math.max(((WIDTH - labelW - 60) * r.value) / max, 1);
        return (
          <g key={r.label}>
            <BarText x={labelW - 8} y={y} end>
              {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
            </BarText>
            <rect x={labelW} y={y} width={w} height={BAR_H} rx="3" fill="#0f4c5c" />
            <BarText x={labelW + w + 6} y={y}>
              {r.display ?? r.value}
            </BarText>
          </g>
        );
      })}
    </Chart>
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
export function StackedMonths({ title, volume }: { title: string; volume: VolumeRow[] }) {
  const { t } = useTranslation("services");
  const months = sumBy(volume, "month").map((m) => m.month);
  const byMonthState = sumBy(volume, "month", "state");
  const count = (month: string, states: readonly string[]) =>
    byMonthState
      .filter((r) => r.month === month && states.includes(r.state))
      .reduce((n, r) => n + r.count, 0);
  const totals = months.map((m) => count(m, STATES));
  const max = Math.max(1, ...totals);
  const labelW = 80;
  return (
    <>
      <Chart title={title} rows={months.length}>
        {months.map((month, i) => {
          const y = barY(i);
          let x = labelW;
          return (
            <g key={month}>
              <BarText x={labelW - 8} y={y} end>
                {month}
              </BarText>
              {STATE_GROUPS.map((g) => {
                const n = count(month, g.states);
                const w = ((WIDTH - labelW - 60) * n) / max;
                const rect = n ? (
                  <rect key={g.key} className={g.className} x={x} y={y} width={w} height={BAR_H} />
                ) : null;
                x += w;
                return rect;
              })}
              <BarText x={x + 6} y={y}>
                {totals[i]}
              </BarText>
            </g>
          );
        })}
      </Chart>
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
