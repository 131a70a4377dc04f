/**
 * One chart module (issue 18, ADR 0032): rank over time, horizontal bars (stacked too), lines
 * and a funnel, drawn as SVG on the server at a wide and a phone size, with the data table
 * beside or below. Layouts are in scene.ts (pure, unit-tested), text widths in measure.ts.
 */
import { ChartFigure } from "./render";
import {
  layoutBars,
  layoutFunnel,
  layoutLines,
  layoutRank,
  type BarRow,
  type LineSeries,
  type RankSeries,
} from "./scene";

export type { BarRow, LineSeries, RankSeries } from "./scene";
export { DataTable } from "./table";

interface Common {
  title: string;
  /** How to read the chart, under it ("1 is the best rank; up is better"). */
  note?: string;
  table?: "beside" | "below";
  /** The data table (the accessible version of the chart). */
  children?: React.ReactNode;
  caption?: "caption" | "hidden";
}

export function RankChart({
  series,
  rankLabel,
  ...common
}: Common & { series: RankSeries[]; rankLabel: (rank: number) => string }) {
  return (
    <ChartFigure
      {...common}
      headingLevel={common.caption}
      wide={layoutRank(series, { size: "wide", rankLabel })}
      narrow={layoutRank(series, { size: "narrow", rankLabel })}
    />
  );
}

export function BarChart({
  rows,
  legend,
  ...common
}: Common & { rows: BarRow[]; legend?: { label: string; tone: string }[] }) {
  return (
    <ChartFigure
      {...common}
      headingLevel={common.caption}
      wide={layoutBars(rows, { size: "wide", legend })}
      narrow={layoutBars(rows, { size: "narrow", legend })}
    />
  );
}

export function LineChart({
  series,
  categories,
  format,
  ...common
}: Common & { series: LineSeries[]; categories: string[]; format?: (n: number) => string }) {
  return (
    <ChartFigure
      {...common}
      headingLevel={common.caption}
      wide={layoutLines(series, categories, { size: "wide", format })}
      narrow={layoutLines(series, categories, { size: "narrow", format })}
    />
  );
}

export function FunnelChart({
  stages,
  ...common
}: Common & { stages: { label: string; value: number; display?: string }[] }) {
  return (
    <ChartFigure
      {...common}
      headingLevel={common.caption}
      wide={layoutFunnel(stages, { size: "wide" })}
      narrow={layoutFunnel(stages, { size: "narrow" })}
    />
  );
}
