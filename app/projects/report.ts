/**
 * The promotion report's period, currency and figures that both the server and the page use
 * (issue 13, ADR 0046). No server imports: shared with the browser.
 */
import * as z from "zod";
import { CURRENCIES, MINOR_DIGITS, isCurrency, type Currency } from "./money";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A park day (Asia/Shanghai) as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(+at + 8 * 3_600_000).toISOString().slice(0, 10);
}

function validDay(value: string | null): value is string {
  return !!value && DAY.test(value) && !Number.isNaN(+new Date(`${value}T00:00:00Z`));
}

export interface ReportPeriod {
  /** First and last park day of the period, both included. */
  from: string;
  to: string;
  currency: Currency;
}

/** The period from `?from=&to=&currency=`: default from 1 January of last year to today. */
export function reportPeriod(params: URLSearchParams, now = new Date()): ReportPeriod {
  const today = shanghaiDay(now);
  let from = params.get("from");
  let to = params.get("to");
  if (!validDay(from)) from = `${Number(today.slice(0, 4)) - 1}-01-01`;
  if (!validDay(to)) to = today;
  if (from > to) [from, to] = [to, from];
  // At most twenty years: the quarters are listed one by one.
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 20)
    from = `${Number(to.slice(0, 4)) - 20}-01-01`;
  const currency = params.get("currency");
  return { from, to, currency: isCurrency(currency) ? currency : "CNY" };
}

export const reportParamsSchema = z.object({
  from: z.string().regex(DAY).optional(),
  to: z.string().regex(DAY).optional(),
  currency: z.enum(CURRENCIES).optional(),
});

/** The period's instants: from the start of `from` to the start of the day after `to`. */
export function periodBounds(p: { from: string; to: string }): { start: Date; end: Date } {
  const start = new Date(`${p.from}T00:00:00+08:00`);
  const end = new Date(+new Date(`${p.to}T00:00:00+08:00`) + 86_400_000);
  return { start, end };
}

/** "2026-Q3" for every quarter the period touches, in order. */
export function quartersOf(p: { from: string; to: string }): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let q = Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1;
  const lastY = Number(p.to.slice(0, 4));
  const lastQ = Math.floor((Number(p.to.slice(5, 7)) - 1) / 3) + 1;
  while (y < lastY || (y === lastY && q <= lastQ)) {
    out.push(`${y}-Q${q}`);
    q += 1;
    if (q > 4) {
      q = 1;
      y += 1;
    }
  }
  return out;
}

/** The query string of a period (for links and the CSV downloads). */
export function periodQuery(p: ReportPeriod, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ from: p.from, to: p.to, currency: p.currency, ...extra }).toString();
}

/** Minor units as a major-unit number (for the length of a bar). */
export function majorUnits(minor: number, currency: string): number {
  const digits = isCurrency(currency) ? MINOR_DIGITS[currency] : 2;
  return minor / 10 ** digits;
}

/**
 * A short amount for a bar's label, the same on the server and in the browser (no ICU):
 * "CNY 150M", "CNY 1.5B" in English; "1.5亿 CNY", "4,000万 CNY" in Chinese.
 */
export function shortMoney(minor: number, currency: string, locale: string): string {
  const major = majorUnits(minor, currency);
  const one = (n: number) => String(Math.round(n * 10) / 10);
  const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (locale === "zh-CN") {
    if (major >= 1e8) return `${one(major / 1e8)}亿 ${currency}`;
    if (major >= 1e4) return `${group(one(major / 1e4))}万 ${currency}`;
    return `${group(String(Math.round(major)))} ${currency}`;
  }
  if (major >= 1e9) return `${currency} ${one(major / 1e9)}B`;
  if (major >= 1e6) return `${currency} ${one(major / 1e6)}M`;
  if (major >= 1e3) return `${currency} ${one(major / 1e3)}K`;
  return `${currency} ${Math.round(major)}`;
}

/** A share as "62.5%" without ICU (the SVG text must match on both sides). */
export function shortPercent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 1000) / 10}%`;
}

/**
 * Figures of the report that staff may make public on the invest page (ADR 0046): this year's
 * signed investment and arrived capital in yuan, projects signed this year, projects landed.
 */
export const PUBLIC_FIGURES = [
  "signed_investment_year",
  "capital_arrived_year",
  "projects_signed_year",
  "projects_landed",
] as const;
export type PublicFigure = (typeof PUBLIC_FIGURES)[number];

export function isPublicFigure(value: unknown): value is PublicFigure {
  return typeof value === "string" && (PUBLIC_FIGURES as readonly string[]).includes(value);
}

export const figureSchema = z.object({
  figure: z.enum(PUBLIC_FIGURES),
  public: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export interface FigureValue {
  figure: PublicFigure;
  /** The park year (Asia/Shanghai) the figure is of; projects landed is of all time. */
  year: number;
  /** Minor units of CNY for money, a count otherwise. */
  value: number;
  currency: "CNY" | null;
}

/** A figure as shown: "CNY 80M" / "8,000万元" for money, the count otherwise. */
export function figureText(f: Pick<FigureValue, "value" | "currency">, locale: string): string {
  if (!f.currency) return String(f.value);
  const text = shortMoney(f.value, f.currency, locale);
  return locale === "zh-CN" ? text.replace(/ CNY$/, "元") : text;
}
