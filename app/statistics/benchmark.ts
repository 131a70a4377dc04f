/** What a company's benchmark carries to the page (issue 14): shared by the server and the chart. */
import type { FormField } from "./forms";
import type { IndicatorKind } from "./indicators";

export interface BenchmarkPoint {
  label: string;
  own: number | null;
  median: number | null;
  /** The period is not yet due: the median may still move as reports come in. */
  provisional: boolean;
}

/** An indicator a company can set itself against (name, unit and kind; never a value). */
export interface BenchmarkIndicator {
  code: string;
  nameEn: string;
  nameZh: string;
  unit: string;
  kind: IndicatorKind;
}

/** What the chart shows: a reported figure, or one of the park's indicators. */
export type BenchmarkChoice =
  { type: "field"; field: FormField } | { type: "indicator"; indicator: BenchmarkIndicator };

export interface CompanyBenchmark {
  fields: FormField[];
  indicators: BenchmarkIndicator[];
  chosen: BenchmarkChoice | null;
  points: BenchmarkPoint[];
}

/** The value of `choice` in the select: a field's key, or `indicator:<code>`. */
export const INDICATOR_PREFIX = "indicator:";
