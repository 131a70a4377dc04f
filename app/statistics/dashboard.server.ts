/**
 * The park's indicator dashboard (issue 14, ADR 0043), for statistics staff: every indicator
 * for a period against the period before and the same period a year ago; for one indicator,
 * its trend, its value by industry, the companies contributing most and the companies whose
 * missing or late reports leave most of it unknown; data-quality flags. Reads only the
 * precomputed `indicator_value` and `indicator_company` rows (indicators.server.ts) and the
 * period's reports. Showing companies' contributions is an audited view of their figures.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { changeOf, EMPTY, evaluate, type Aggregate, type IndicatorResult } from "./indicators";
import { listIndicators, shiftedPeriod, type IndicatorDef } from "./indicators.server";
import { daysBetween } from "./reminders";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

/** Flags worth a look: much unknown, a sharp move, nothing to compare with. */
export const UNKNOWN_FLAG = 0.25;
export const MOVE_FLAG = 50;
export type QualityFlag = "unknown" | "moved" | "noYearAgo" | "empty";

export interface PeriodRef {
  id: string;
  label: string;
  kind: string;
  startsOn: string;
  dueOn: string;
}

export interface IndicatorRow {
  def: IndicatorDef;
  now: IndicatorResult;
  last: IndicatorResult | null;
  yearAgo: IndicatorResult | null;
  changeLast: number | null;
  changeYear: number | null;
  flags: QualityFlag[];
}

export interface Contributor {
  companyId: string;
  nameEn: string;
  nameZh: string;
  industry: string;
  num: number;
  den: number;
  /** The company's part of the park's numerator (0..1), null when it cannot be a part. */
  part: number | null;
}

export interface MissingCompany {
  companyId: string;
  nameEn: string;
  nameZh: string;
  status: string;
  daysLate: number;
  /** The company's latest known base (denominator; the value itself for a sum), or null. */
  weight: number | null;
  /** The estimated part of the indicator's base it leaves unknown (0..1), or null. */
  part: number | null;
}

export interface Dashboard {
  definitions: IndicatorDef[];
  forms: { id: string; nameEn: string; nameZh: string }[];
  formId: string | null;
  periods: PeriodRef[];
  period: PeriodRef | null;
  last: PeriodRef | null;
  yearAgo: PeriodRef | null;
  rows: IndicatorRow[];
  selected: IndicatorDef | null;
  trend: { period: PeriodRef; result: IndicatorResult }[];
  industries: { industry: string; result: IndicatorResult }[];
  top: Contributor[];
  missing: MissingCompany[];
  missingTotal: number;
}

const TREND = 24;

async function sums(
  db: Executor,
  periodIds: string[],
  indicatorId?: string,
): Promise<Map<string, Aggregate>> {
  const out = new Map<string, Aggregate>();
  if (!periodIds.length) return out;
  let q = db
    .selectFrom("indicator_value")
    .select([
      "indicator_id",
      "period_id",
      sql<number>`sum(expected)::int`.as("expected"),
      sql<number>`sum(known)::int`.as("known"),
      sql<number>`sum(num)::float8`.as("num"),
      sql<number>`sum(den)::float8`.as("den"),
    ])
    .where("period_id", "in", periodIds)
    .groupBy(["indicator_id", "period_id"]);
  if (indicatorId) q = q.where("indicator_id", "=", indicatorId);
  for (const r of await q.execute())
    out.set(`${r.indicator_id}:${r.period_id}`, {
      expected: r.expected,
      known: r.known,
      num: r.num,
      den: r.den,
    });
  return out;
}

export function qualityFlags(
  now: IndicatorResult,
  last: IndicatorResult | null,
  hasYearAgo: boolean,
  kind: IndicatorDef["kind"],
): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (now.value === null) flags.push("empty");
  else if (now.unknownShare !== null && now.unknownShare >= UNKNOWN_FLAG) flags.push("unknown");
  const moved = changeOf(now.value, last?.value ?? null);
  if (moved !== null && Math.abs(moved) > MOVE_FLAG) flags.push("moved");
  if (!hasYearAgo && kind !== "growth") flags.push("noYearAgo");
  return flags;
}

/** The dashboard for a form's period (default: the latest with reports) and one indicator. */
export async function parkDashboard(
  db: Executor,
  viewer: Viewer,
  input: { formId?: string | null; periodId?: string | null; indicator?: string | null },
  meta: { ip?: string | null; today: string },
): Promise<Success<{ dashboard: Dashboard }> | Failure<"forbidden">> {
  if (!can(viewer, "read:statistics:any")) return fail("forbidden");
  const forms = await db
    .selectFrom("report_form")
    .select(["id", "name_en", "name_zh"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("report_period as p")
          .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
          .select(sql`1`.as("x"))
          .whereRef("v.form_id", "=", "report_form.id"),
      ),
    )
    .orderBy("name_en")
    .execute();
  const defs = await listIndicators(db);
  // The period: the one asked for, else the latest of the form asked for (or of any form).
  let periodQ = db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select(["p.id", "v.form_id"])
    .orderBy("p.starts_on", "desc")
    .orderBy("p.id")
    .limit(1);
  if (input.periodId && isUuid(input.periodId))
    periodQ = periodQ.where("p.id", "=", input.periodId);
  else if (input.formId && isUuid(input.formId))
    periodQ = periodQ.where("v.form_id", "=", input.formId);
  const chosen = await periodQ.executeTakeFirst();
  const empty: Dashboard = {
    definitions: defs,
    forms: forms.map((f) => ({ id: f.id, nameEn: f.name_en, nameZh: f.name_zh })),
    formId: chosen?.form_id ?? null,
    periods: [],
    period: null,
    last: null,
    yearAgo: null,
    rows: [],
    selected: defs.find((d) => d.code === input.indicator) ?? defs[0] ?? null,
    trend: [],
    industries: [],
    top: [],
    missing: [],
    missingTotal: 0,
  };
  if (!chosen) return ok({ dashboard: empty });
  const periodRows = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "p.id",
      "p.label",
      "p.kind",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
    ])
    .where("v.form_id", "=", chosen.form_id)
    .where("p.kind", "=", db.selectFrom("report_period").select("kind").where("id", "=", chosen.id))
    .orderBy("p.starts_on", "desc")
    .limit(120)
    .execute();
  const refs: PeriodRef[] = periodRows.map((r) => ({
    id: r.id,
    label: r.label,
    kind: r.kind,
    startsOn: r.starts_on,
    dueOn: r.due_on,
  }));
  const at = refs.findIndex((r) => r.id === chosen.id);
  const period = refs[at]!;
  const last = refs[at + 1] ?? null;
  const shifted = await shiftedPeriod(
    db,
    { id: period.id, formId: chosen.form_id, kind: period.kind, startsOn: period.startsOn },
    -1,
  );
  const yearAgo = shifted ? (refs.find((r) => r.id === shifted.id) ?? null) : null;
  const series = refs.slice(at, at + TREND).reverse();
  const expectedNow = await db
    .selectFrom("report")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("period_id", "=", period.id)
    .executeTakeFirstOrThrow();
  const three = await sums(
    db,
    [period.id, last?.id, yearAgo?.id].filter((x): x is string => !!x),
  );
  const get = (d: IndicatorDef, p: PeriodRef | null, expected?: number) => {
    if (!p) return null;
    const agg = three.get(`${d.id}:${p.id}`) ?? EMPTY;
    return evaluate(d.kind, expected === undefined ? agg : { ...agg, expected });
  };
  const rows: IndicatorRow[] = defs.map((d) => {
    const now = get(d, period, expectedNow.n)!;
    const l = get(d, last);
    const y = get(d, yearAgo);
    return {
      def: d,
      now,
      last: l,
      yearAgo: y,
      changeLast: changeOf(now.value, l?.value ?? null),
      changeYear: changeOf(now.value, y?.value ?? null),
      flags: qualityFlags(now, l, !!y && y.value !== null, d.kind),
    };
  });
  const selected = empty.selected;
  if (!selected) return ok({ dashboard: { ...empty, periods: refs, period, last, yearAgo, rows } });

  const trendSums = await sums(
    db,
    series.map((p) => p.id),
    selected.id,
  );
  const trend = series.map((p) => ({
    period: p,
    result: evaluate(selected.kind, trendSums.get(`${selected.id}:${p.id}`) ?? EMPTY),
  }));
  const byIndustry = await db
    .selectFrom("indicator_value")
    .select(["industry", "expected", "known", "num", "den"])
    .where("indicator_id", "=", selected.id)
    .where("period_id", "=", period.id)
    .execute();
  const industries = byIndustry
    .map((r) => ({ industry: r.industry, result: evaluate(selected.kind, r) }))
    .sort((a, b) => (b.result.value ?? -Infinity) - (a.result.value ?? -Infinity));
  const total = three.get(`${selected.id}:${period.id}`) ?? EMPTY;
  const topRows = await db
    .selectFrom("indicator_company as ic")
    .innerJoin("company as c", "c.id", "ic.company_id")
    .select(["ic.company_id", "c.name_en", "c.name_zh", "ic.industry", "ic.num", "ic.den"])
    .where("ic.indicator_id", "=", selected.id)
    .where("ic.period_id", "=", period.id)
    .orderBy("ic.num", "desc")
    .orderBy("ic.company_id")
    .limit(10)
    .execute();
  const top: Contributor[] = topRows.map((r) => ({
    companyId: r.company_id,
    nameEn: r.name_en,
    nameZh: r.name_zh,
    industry: r.industry,
    num: r.num,
    den: r.den,
    part: total.num > 0 && r.num >= 0 ? r.num / total.num : null,
  }));
  const missing = await missingCompanies(db, selected, period, total, meta.today);
  if (top.length)
    await audit(db, {
      actorId: viewer.id,
      action: "statistics.dashboard_view",
      entityType: "report_period",
      entityId: period.id,
      details: { indicator: selected.code, companies: top.map((c) => c.companyId) },
      ip: meta.ip,
    });
  return ok({
    dashboard: {
      ...empty,
      periods: refs,
      period,
      last,
      yearAgo,
      rows,
      selected,
      trend,
      industries,
      top,
      missing: missing.rows,
      missingTotal: missing.total,
    },
  });
}

/**
 * The companies of the period without an accepted report, by how much of the indicator's base
 * they leave unknown: estimated from their latest known contribution (its denominator, or the
 * value itself for a sum) against the known base plus every missing company's estimate.
 */
export async function missingCompanies(
  db: Executor,
  def: IndicatorDef,
  period: PeriodRef,
  known: Aggregate,
  today: string,
  limit = 10,
): Promise<{ rows: MissingCompany[]; total: number }> {
  const weight = def.kind === "sum" ? sql`last.num` : sql`last.den`;
  const rows = await sql<{
    company_id: string;
    name_en: string;
    name_zh: string;
    status: string;
    weight: number | null;
    all_weight: number | null;
    total: number;
  }>`
    SELECT r.company_id, c.name_en, c.name_zh, r.status,
           ${weight} AS weight,
           sum(${weight}) OVER () AS all_weight,
           count(*) OVER ()::int AS total
    FROM report r
    JOIN company c ON c.id = r.company_id
    LEFT JOIN LATERAL (
      SELECT ic.num, ic.den FROM indicator_company ic
      WHERE ic.indicator_id = ${def.id}::uuid AND ic.company_id = r.company_id
        AND ic.starts_on < ${period.startsOn}::date
      ORDER BY ic.starts_on DESC LIMIT 1
    ) last ON true
    WHERE r.period_id = ${period.id}::uuid AND r.status <> 'accepted'
    ORDER BY ${weight} DESC NULLS LAST, c.name_en
    LIMIT ${limit}
  `.execute(db);
  const first = rows.rows[0];
  const knownBase = def.kind === "sum" ? known.num : known.den;
  const base = knownBase + (first?.all_weight ?? 0);
  const late = Math.max(0, daysBetween(period.dueOn, today));
  return {
    total: first?.total ?? 0,
    rows: rows.rows.map((r) => ({
      companyId: r.company_id,
      nameEn: r.name_en,
      nameZh: r.name_zh,
      status: r.status,
      daysLate: late,
      weight: r.weight,
      part: r.weight !== null && base > 0 ? r.weight / base : null,
    })),
  };
}
