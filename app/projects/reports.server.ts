/**
 * The promotion report (issue 13, ADR 0046): the funnel by stage and by source with conversion
 * rates, the median days a project spends in each stage (from its stage history), and signed
 * and arrived investment by quarter, industry and country. Read-only; needs
 * `read:project:any`. Amounts are never added across currencies (ADR 0026): the money figures
 * are for one currency, and `currencies` says what the period holds in the others.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { can, type Actor } from "~/auth/permissions";
import { Forbidden } from "~/lib/result";
import { countryName } from "./countries";
import { minorToInput } from "./money";
import { PIPELINE_STAGES, SOURCES, type PipelineStage, type Source } from "./pipeline";
import { periodBounds, quartersOf, type ReportPeriod } from "./report";

export interface FunnelRow {
  stage: PipelineStage;
  /** Projects first recorded in the period that reached this stage (so far). */
  reached: number;
  /** reached / reached of the stage before (null for the first stage or after none). */
  conversion: number | null;
  /** Median days spent in this stage before the next move, over moves made in the period. */
  medianDays: number | null;
  /** How many such moves the median is of. */
  moves: number;
}

export interface SourceRow {
  source: Source;
  /** Per pipeline stage, in order: projects of this source that reached it. */
  reached: number[];
}

export interface MoneyRow {
  key: string;
  signedMinor: number;
  signedProjects: number;
  arrivedMinor: number;
  tranches: number;
}

export interface IndustryRow extends MoneyRow {
  nameEn: string;
  nameZh: string;
}

export interface PromotionReport {
  period: ReportPeriod;
  projects: number;
  funnel: FunnelRow[];
  sources: SourceRow[];
  quarters: MoneyRow[];
  industries: IndustryRow[];
  countries: MoneyRow[];
  /** What the period holds in each currency (minor units), to show what is left out. */
  currencies: { currency: string; signedMinor: number; arrivedMinor: number }[];
}

function requireRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}

const STAGE_LIST = sql.join([...PIPELINE_STAGES]);

/** Funnel and sources: projects created in the period, by the furthest pipeline stage reached. */
async function funnelRows(db: Executor, start: Date, end: Date) {
  const { rows } = await sql<{ source: string; depth: number }>`
    SELECT p.source,
      coalesce(max(array_position(ARRAY[${STAGE_LIST}]::text[], e.to_stage)), 1)::int AS depth
    FROM project p
    LEFT JOIN project_event e ON e.project_id = p.id AND e.to_stage IS NOT NULL
    WHERE p.created_at >= ${start} AND p.created_at < ${end}
    GROUP BY p.id, p.source
  `.execute(db);
  const bySource = new Map<string, number[]>();
  for (const r of rows) {
    const counts = bySource.get(r.source) ?? PIPELINE_STAGES.map(() => 0);
    for (let i = 0; i < r.depth && i < counts.length; i++) counts[i]! += 1;
    bySource.set(r.source, counts);
  }
  return { total: rows.length, bySource };
}

/** Median days per stage: each stay in a stage that ended with a move made in the period. */
async function stageDays(db: Executor, start: Date, end: Date) {
  const { rows } = await sql<{ stage: string; median: number | null; moves: number }>`
    SELECT stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS median,
      count(*)::int AS moves
    FROM (
      SELECT e.to_stage AS stage,
        extract(epoch FROM (lead(e.at) OVER w - e.at)) / 86400.0 AS days,
        lead(e.at) OVER w AS left_at
      FROM project_event e
      WHERE e.to_stage IS NOT NULL
      WINDOW w AS (PARTITION BY e.project_id ORDER BY e.at, e.id)
    ) stays
    WHERE left_at >= ${start} AND left_at < ${end}
    GROUP BY stage
  `.execute(db);
  return new Map(rows.map((r) => [r.stage, r]));
}

export interface MoneyFact {
  quarter: string;
  industry_id: string | null;
  country: string | null;
  currency: string;
  minor: number;
  n: number;
}

/** Signed investment: a project's planned investment, in the quarter it was first signed. */
export async function signedFacts(db: Executor, start: Date, end: Date): Promise<MoneyFact[]> {
  const { rows } = await sql<MoneyFact>`
    SELECT to_char(s.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q') AS quarter,
      p.industry_id, p.country, coalesce(p.investment_currency, '') AS currency,
      coalesce(sum(p.investment_minor), 0)::float8 AS minor, count(*)::int AS n
    FROM (
      SELECT project_id, min(at) AS at FROM project_event
      WHERE to_stage = 'signed' GROUP BY project_id
    ) s
    JOIN project p ON p.id = s.project_id
    WHERE s.at >= ${start} AND s.at < ${end}
    GROUP BY 1, 2, 3, 4
  `.execute(db);
  return rows;
}

/** Arrived capital: the tranches that arrived in the period. */
export async function arrivedFacts(db: Executor, from: string, to: string): Promise<MoneyFact[]> {
  const { rows } = await sql<MoneyFact>`
    SELECT to_char(t.arrived_on, 'YYYY-"Q"Q') AS quarter, p.industry_id, p.country, t.currency,
      sum(t.amount_minor)::float8 AS minor, count(*)::int AS n
    FROM project_tranche t
    JOIN project p ON p.id = t.project_id
    WHERE t.arrived_on >= ${from}::date AND t.arrived_on <= ${to}::date
    GROUP BY 1, 2, 3, 4
  `.execute(db);
  return rows;
}

function emptyMoney(key: string): MoneyRow {
  return { key, signedMinor: 0, signedProjects: 0, arrivedMinor: 0, tranches: 0 };
}

/** Folds the facts of one currency into rows keyed by `keyOf`. */
function fold<R extends MoneyRow>(
  signed: MoneyFact[],
  arrived: MoneyFact[],
  keyOf: (f: MoneyFact) => string,
  make: (key: string) => R,
  rows = new Map<string, R>(),
): Map<string, R> {
  const at = (key: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = make(key)));
    return row;
  };
  for (const f of signed) {
    const row = at(keyOf(f));
    row.signedMinor += f.minor;
    row.signedProjects += f.n;
  }
  for (const f of arrived) {
    const row = at(keyOf(f));
    row.arrivedMinor += f.minor;
    row.tranches += f.n;
  }
  return rows;
}

const byAmount = (a: MoneyRow, b: MoneyRow) =>
  b.signedMinor + b.arrivedMinor - (a.signedMinor + a.arrivedMinor) ||
  b.signedProjects - a.signedProjects ||
  a.key.localeCompare(b.key);

/** The whole report for a period and currency. */
export async function promotionReport(
  db: Executor,
  actor: Actor,
  period: ReportPeriod,
): Promise<PromotionReport> {
  requireRead(actor);
  const { start, end } = periodBounds(period);
  const funnel = await funnelRows(db, start, end);
  const days = await stageDays(db, start, end);
  const signedAll = await signedFacts(db, start, end);
  const arrivedAll = await arrivedFacts(db, period.from, period.to);

  const total = PIPELINE_STAGES.map((_, i) =>
    [...funnel.bySource.values()].reduce((n, counts) => n + counts[i]!, 0),
  );
  const funnelOut: FunnelRow[] = PIPELINE_STAGES.map((stage, i) => {
    const prev = i > 0 ? total[i - 1]! : 0;
    const d = days.get(stage);
    return {
      stage,
      reached: total[i]!,
      conversion: i > 0 && prev > 0 ? total[i]! / prev : null,
      medianDays: d?.median ?? null,
      moves: d?.moves ?? 0,
    };
  });
  const sources: SourceRow[] = SOURCES.map((source) => ({
    source,
    reached: funnel.bySource.get(source) ?? PIPELINE_STAGES.map(() => 0),
  }));

  const signed = signedAll.filter((f) => f.currency === period.currency);
  const arrived = arrivedAll.filter((f) => f.currency === period.currency);
  const quarters = fold(
    signed,
    arrived,
    (f) => f.quarter,
    emptyMoney,
    new Map(quartersOf(period).map((q) => [q, emptyMoney(q)])),
  );

  const names = new Map(
    (await db.selectFrom("park_industry").select(["id", "name_en", "name_zh"]).execute()).map(
      (r) => [r.id, r],
    ),
  );
  const industries = fold(
    signed,
    arrived,
    (f) => f.industry_id ?? "",
    (key): IndustryRow => ({
      ...emptyMoney(key),
      nameEn: names.get(key)?.name_en ?? "",
      nameZh: names.get(key)?.name_zh ?? "",
    }),
  );
  const countries = fold(signed, arrived, (f) => f.country ?? "", emptyMoney);

  const currencies = new Map<
    string,
    { currency: string; signedMinor: number; arrivedMinor: number }
  >();
  const cur = (c: string) => {
    let row = currencies.get(c);
    if (!row) currencies.set(c, (row = { currency: c, signedMinor: 0, arrivedMinor: 0 }));
    return row;
  };
  for (const f of signedAll) if (f.currency) cur(f.currency).signedMinor += f.minor;
  for (const f of arrivedAll) cur(f.currency).arrivedMinor += f.minor;

  return {
    period,
    projects: funnel.total,
    funnel: funnelOut,
    sources,
    quarters: [...quarters.values()],
    industries: [...industries.values()].sort(byAmount),
    countries: [...countries.values()].sort(byAmount),
    currencies: [...currencies.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

export const REPORT_TABLES = ["funnel", "sources", "quarters", "industries", "countries"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export function isReportTable(value: unknown): value is ReportTable {
  return typeof value === "string" && (REPORT_TABLES as readonly string[]).includes(value);
}

type Cell = string | number | null;

/**
 * One table of the report for a CSV file: stable English column names, codes beside names in
 * both languages, amounts as plain decimals of the period's currency (named in a column).
 */
export async function reportCsv(
  db: Executor,
  actor: Actor,
  period: ReportPeriod,
  table: ReportTable,
): Promise<{ header: string[]; rows: Cell[][] }> {
  const r = await promotionReport(db, actor, period);
  const amount = (minor: number) => minorToInput(minor, period.currency);
  const money = ["signed_investment", "projects_signed", "arrived_capital", "tranches", "currency"];
  const moneyCells = (m: MoneyRow): Cell[] => [
    amount(m.signedMinor),
    m.signedProjects,
    amount(m.arrivedMinor),
    m.tranches,
    period.currency,
  ];
  switch (table) {
    case "funnel":
      return {
        header: [
          "stage",
          "projects_reached",
          "conversion_from_previous",
          "median_days_in_stage",
          "moves",
        ],
        rows: r.funnel.map((f) => [
          f.stage,
          f.reached,
          f.conversion === null ? null : f.conversion.toFixed(3),
          f.medianDays === null ? null : f.medianDays.toFixed(1),
          f.moves,
        ]),
      };
    case "sources":
      return {
        header: ["source", ...PIPELINE_STAGES],
        rows: r.sources.map((s) => [s.source, ...s.reached]),
      };
    case "quarters":
      return {
        header: ["quarter", ...money],
        rows: r.quarters.map((q) => [q.key, ...moneyCells(q)]),
      };
    case "industries":
      return {
        header: ["industry_en", "industry_zh", ...money],
        rows: r.industries.map((i) => [i.nameEn, i.nameZh, ...moneyCells(i)]),
      };
    case "countries":
      return {
        header: ["country", "country_en", "country_zh", ...money],
        rows: r.countries.map((c) => [
          c.key,
          countryName(c.key, "en"),
          countryName(c.key, "zh-CN"),
          ...moneyCells(c),
        ]),
      };
  }
}
