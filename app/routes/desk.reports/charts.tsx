import { BarChart, DataTable } from "~/components/charts";
import { useTranslation } from "~/i18n/use-translation";
import { sumBy, type VolumeRow } from "~/service-requests/reports";
import { STATES, type RequestState } from "~/service-requests/workflow";

/** Colour groups of the stacked chart (the tables give every state). */
const STATE_GROUPS: {
  key: "open" | "waiting" | "resolved" | "closed";
  states: RequestState[];
}[] = [
  { key: "open", states: ["new", "triaged", "in_progress", "reopened"] },
  { key: "waiting", states: ["waiting_on_requester", "waiting_on_third_party"] },
  { key: "resolved", states: ["resolved"] },
  { key: "closed", states: ["closed"] },
];

/** Requests filed per month as stacked horizontal bars, one segment per state group. */
export function StackedMonths({
  title,
  volume,
  children,
}: {
  title: string;
  volume: VolumeRow[];
  children?: React.ReactNode;
}) {
  const { t } = useTranslation("services");
  const months = sumBy(volume, "month").map((m) => m.month);
  const byMonthState = sumBy(volume, "month", "state");
  const count = (month: string, states: readonly string[]) =>
    byMonthState
      .filter((r) => r.month === month && states.includes(r.state))
      .reduce((n, r) => n + r.count, 0);
  return (
    <BarChart
      title={title}
      caption="hidden"
      legend={STATE_GROUPS.map((g) => ({ label: t(`reports.groups.${g.key}`), tone: g.key }))}
      rows={months.map((month) => ({
        label: month,
        value: count(month, STATES),
        segments: STATE_GROUPS.map((g) => ({ value: count(month, g.states), tone: g.key })),
      }))}
    >
      {children}
    </BarChart>
  );
}

/** A bar chart with its table: one row per bar (label, shown value). */
export function BarsWithTable({
  title,
  head,
  column,
  rows,
  children,
  table = "beside",
}: {
  title: string;
  table?: "beside" | "below";
  head: string;
  column: string;
  rows: { label: string; value: number; display?: string }[];
  children?: React.ReactNode;
}) {
  return (
    <BarChart title={title} caption="hidden" rows={rows} table={table}>
      {children ?? (
        <DataTable
          caption={title}
          columns={[head, column]}
          rows={rows.map((r) => [r.label, r.display ?? r.value])}
        />
      )}
    </BarChart>
  );
}
