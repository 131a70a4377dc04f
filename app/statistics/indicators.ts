/**
 * Indicators as data (issue 14, ADR 0043): each is a formula over reported fields, grouped
 * into one of the national evaluation's four abilities and weighted. Pure, shared by the
 * browser and the server.
 *
 * Unknown is never zero. A company contributes to an indicator only when every figure the
 * formula needs is known (an accepted report with the fields present; for growth, also the
 * same period a year before); every other company of the period is *unknown*, and the share
 * of companies left unknown travels with the value. With no company known the value is null.
 *
 * Each formula is a quotient of sums, so contributions add up across companies and industries:
 * - `ratio`  a / b              (Σa / Σb over companies that reported both)
 * - `share`  a / b in percent
 * - `sum`    Σa
 * - `growth` (Σa − Σa a year ago) / Σa a year ago in percent, over companies known in both
 */
import type { Figures } from "./forms";

export const ABILITIES = ["innovation", "upgrading", "international", "sustainable"] as const;
export type Ability = (typeof ABILITIES)[number];

export const INDICATOR_KINDS = ["ratio", "share", "sum", "growth"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface IndicatorFormula {
  kind: IndicatorKind;
  /** The field summed (numerator for ratio and share). */
  a: string;
  /** The denominator field (ratio and share only). */
  b: string | null;
}

export interface Contribution {
  num: number;
  den: number;
}

/** Whether the formula needs the same period a year before. */
export const needsYearAgo = (f: IndicatorFormula) => f.kind === "growth";

function known(figures: Figures | null | undefined, key: string | null): number | null {
  if (!figures || !key) return null;
  const v = figures[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * One company's contribution, or null when it is unknown: a figure the formula needs is
 * missing (not reported, not accepted, or a text), never read as zero.
 */
export function contribution(
  f: IndicatorFormula,
  figures: Figures | null | undefined,
  yearAgo?: Figures | null,
): Contribution | null {
  const a = known(figures, f.a);
  if (a === null) return null;
  switch (f.kind) {
    case "sum":
      return { num: a, den: 1 };
    case "ratio":
    case "share": {
      const b = known(figures, f.b);
      return b === null ? null : { num: a, den: b };
    }
    case "growth": {
      const before = known(yearAgo, f.a);
      return before === null ? null : { num: a - before, den: before };
    }
  }
}

export interface Aggregate {
  /** Companies asked to report in the period (in the scope: park or industry). */
  expected: number;
  /** Companies whose contribution is known. */
  known: number;
  num: number;
  den: number;
}

export const EMPTY: Aggregate = { expected: 0, known: 0, num: 0, den: 0 };

export function addAggregates(x: Aggregate, y: Aggregate): Aggregate {
  return {
    expected: x.expected + y.expected,
    known: x.known + y.known,
    num: x.num + y.num,
    den: x.den + y.den,
  };
}

/** Sums contributions: `null` entries are companies asked but unknown. */
export function aggregate(contributions: readonly (Contribution | null)[]): Aggregate {
  let out = { ...EMPTY, expected: contributions.length };
  for (const c of contributions)
    if (c) out = { ...out, known: out.known + 1, num: out.num + c.num, den: out.den + c.den };
  return out;
}

export interface IndicatorResult {
  /** Null when nothing is known, or the denominator is zero. */
  value: number | null;
  known: number;
  expected: number;
  unknown: number;
  /** The share of the companies asked whose contribution is unknown (0..1), null if none asked. */
  unknownShare: number | null;
}

/** The indicator's value from its summed contributions. */
export function evaluate(kind: IndicatorKind, agg: Aggregate): IndicatorResult {
  const expected = Math.max(agg.expected, agg.known);
  const unknown = expected - agg.known;
  const base = {
    known: agg.known,
    expected,
    unknown,
    unknownShare: expected ? unknown / expected : null,
  };
  if (!agg.known) return { ...base, value: null };
  if (kind === "sum") return { ...base, value: agg.num };
  if (agg.den === 0) return { ...base, value: null };
  const q = agg.num / agg.den;
  return { ...base, value: kind === "ratio" ? q : q * 100 };
}

/** The fields a formula reads. */
export const formulaFields = (f: IndicatorFormula) => (f.b ? [f.a, f.b] : [f.a]);

/** Whether a formula names numeric fields the form has; returns the problems. */
export function formulaErrors(
  f: IndicatorFormula,
  numericFields: readonly string[],
): ("a" | "b" | "bMissing" | "bExtra")[] {
  const out: ("a" | "b" | "bMissing" | "bExtra")[] = [];
  if (!numericFields.includes(f.a)) out.push("a");
  const two = f.kind === "ratio" || f.kind === "share";
  if (two && !f.b) out.push("bMissing");
  if (two && f.b && !numericFields.includes(f.b)) out.push("b");
  if (!two && f.b) out.push("bExtra");
  return out;
}

/** Percent change of `now` against `before` (null when either is unknown or before is 0). */
export function changeOf(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return ((now - before) / Math.abs(before)) * 100;
}
