/**
 * Indicators over the companies' accepted figures (issue 14, ADR 0043): the definitions, and
 * the precomputed contributions (`indicator_company`) and sums (`indicator_value`) the
 * dashboard reads. `refreshCompanyIndicators` runs in the transaction that accepts a report;
 * `rebuildIndicators` recomputes everything (after a definition changes, after the seed).
 * The figures counted are those of each report's latest *accepted* submission, so a
 * correction in progress keeps the accepted figures until it is accepted in turn.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { enqueue, holdsLease, type TaskHandler } from "~/jobs/queue.server";
import type { Figures } from "./forms";
import {
  contribution,
  type Ability,
  type IndicatorFormula,
  type IndicatorKind,
} from "./indicators";

export interface IndicatorDef extends IndicatorFormula {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
  ability: Ability;
  weight: number;
  unit: string;
  position: number;
  version: number;
}

export async function listIndicators(db: Executor): Promise<IndicatorDef[]> {
  const rows = await db
    .selectFrom("indicator")
    .selectAll()
    .orderBy("position")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameEn: r.name_en,
    nameZh: r.name_zh,
    ability: r.ability as Ability,
    weight: r.weight,
    kind: r.kind as IndicatorKind,
    a: r.field_a,
    b: r.field_b,
    unit: r.unit,
    position: r.position,
    version: r.version,
  }));
}

function asFigures(v: unknown): Figures {
  const o = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return o && typeof o === "object" ? (o as Figures) : {};
}

interface PeriodInfo {
  id: string;
  formId: string;
  kind: string;
  startsOn: string;
}

async function periodInfo(db: Executor, periodId: string): Promise<PeriodInfo | null> {
  const row = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "p.id",
      "v.form_id",
      "p.kind",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
    ])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
  return row ? { id: row.id, formId: row.form_id, kind: row.kind, startsOn: row.starts_on } : null;
}

/** The period of the same form and kind starting `years` years from this one's start. */
export async function shiftedPeriod(
  db: Executor,
  p: PeriodInfo,
  years: number,
): Promise<PeriodInfo | null> {
  const row = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select(["p.id"])
    .where("v.form_id", "=", p.formId)
    .where("p.kind", "=", p.kind)
    .where(
      "p.starts_on",
      "=",
      sql<string>`(${p.startsOn}::date + make_interval(years => ${years}))::date`,
    )
    .executeTakeFirst();
  return row ? periodInfo(db, row.id) : null;
}

/** The figures of each report's latest accepted submission in the period (of one company). */
export async function acceptedFigures(
  db: Executor,
  periodId: string,
  companyId?: string,
): Promise<Map<string, Figures>> {
  let q = db
    .selectFrom("report")
    .innerJoin("report_submission as s", "s.report_id", "report.id")
    .select(["report.company_id", "s.figures"])
    .distinctOn("report.company_id")
    .where("report.period_id", "=", periodId)
    .where("s.outcome", "=", "accepted");
  if (companyId) q = q.where("report.company_id", "=", companyId);
  const rows = await q.orderBy("report.company_id").orderBy("s.submitted_at", "desc").execute();
  return new Map(rows.map((r) => [r.company_id, asFigures(r.figures)]));
}

async function writeContributions(
  db: Executor,
  defs: IndicatorDef[],
  period: PeriodInfo,
  figures: Map<string, Figures>,
  yearAgo: Map<string, Figures>,
  industries: Map<string, string>,
): Promise<void> {
  const rows: {
    indicator_id: string;
    period_id: string;
    company_id: string;
    starts_on: string;
    industry: string;
    num: number;
    den: number;
  }[] = [];
  for (const [companyId, f] of figures)
    for (const d of defs) {
      const c = contribution(d, f, yearAgo.get(companyId) ?? null);
      if (c)
        rows.push({
          indicator_id: d.id,
          period_id: period.id,
          company_id: companyId,
          starts_on: period.startsOn,
          industry: industries.get(companyId) ?? "other",
          num: c.num,
          den: c.den,
        });
    }
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto("indicator_company")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(["indicator_id", "period_id", "company_id"]).doUpdateSet((eb) => ({
          num: eb.ref("excluded.num"),
          den: eb.ref("excluded.den"),
          industry: eb.ref("excluded.industry"),
          starts_on: eb.ref("excluded.starts_on"),
        })),
      )
      .execute();
}

/** Rewrites the sums of a period (for one industry, or all) from the contributions. */
export async function refreshPeriodValues(
  db: Executor,
  periodId: string,
  industry?: string,
): Promise<void> {
  let del = db.deleteFrom("indicator_value").where("period_id", "=", periodId);
  if (industry) del = del.where("industry", "=", industry);
  await del.execute();
  const only = industry ? sql`AND c.industry = ${industry}` : sql``;
  await sql`
    INSERT INTO indicator_value (indicator_id, period_id, industry, expected, known, num, den)
    SELECT i.id, ${periodId}::uuid, e.industry, e.expected,
           count(ic.company_id)::int, coalesce(sum(ic.num), 0), coalesce(sum(ic.den), 0)
    FROM indicator i
    CROSS JOIN (
      SELECT c.industry, count(*)::int AS expected
      FROM report r JOIN company c ON c.id = r.company_id
      WHERE r.period_id = ${periodId}::uuid ${only}
      GROUP BY c.industry
    ) e
    LEFT JOIN indicator_company ic
      ON ic.indicator_id = i.id AND ic.period_id = ${periodId}::uuid AND ic.industry = e.industry
    GROUP BY i.id, e.industry, e.expected
  `.execute(db);
}

async function industriesOf(db: Executor, companyIds: string[]): Promise<Map<string, string>> {
  if (!companyIds.length) return new Map();
  const rows = await db
    .selectFrom("company")
    .select(["id", "industry"])
    .where("id", "in", companyIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.industry]));
}

/**
 * Recomputes some companies' contributions in a period (and the growth of the period a year
 * later, which compares against this one), then the sums of their industries. Call it in the
 * transaction that accepts the reports.
 */
export async function refreshCompanyIndicators(
  db: Executor,
  periodId: string,
  companyIds: string[],
): Promise<void> {
  const period = await periodInfo(db, periodId);
  if (!period || !companyIds.length) return;
  const defs = await listIndicators(db);
  const industries = await industriesOf(db, companyIds);
  const only = (m: Map<string, Figures>) => new Map([...m].filter(([id]) => industries.has(id)));
  const before = await shiftedPeriod(db, period, -1);
  const after = await shiftedPeriod(db, period, 1);
  const mine = only(await acceptedFigures(db, periodId));
  const yearAgo = before ? only(await acceptedFigures(db, before.id)) : new Map<string, Figures>();
  const touched: PeriodInfo[] = [period];
  await db
    .deleteFrom("indicator_company")
    .where("period_id", "=", periodId)
    .where("company_id", "in", companyIds)
    .execute();
  await writeContributions(db, defs, period, mine, yearAgo, industries);
  if (after) {
    const later = only(await acceptedFigures(db, after.id));
    await db
      .deleteFrom("indicator_company")
      .where("period_id", "=", after.id)
      .where("company_id", "in", companyIds)
      .execute();
    await writeContributions(db, defs, after, later, mine, industries);
    touched.push(after);
  }
  // Whole periods: each industry's row counts the companies asked, for the trend's totals.
  for (const p of touched) await refreshPeriodValues(db, p.id);
}

/**
 * Recomputes every contribution and sum (of one indicator, or all) from the accepted
 * submissions, period by period. For a definition change and the seed; at the benchmark's
 * scale it takes minutes, which a change of definition may (ADR 0043).
 */
export async function rebuildIndicators(
  db: Executor,
  onPeriod?: (done: number, total: number) => void,
): Promise<void> {
  const defs = await listIndicators(db);
  await db.deleteFrom("indicator_company").execute();
  await db.deleteFrom("indicator_value").execute();
  const periods = await db.selectFrom("report_period").select("id").orderBy("starts_on").execute();
  const cache = new Map<string, Map<string, Figures>>();
  const figuresOf = async (id: string) => {
    let f = cache.get(id);
    if (!f) {
      f = await acceptedFigures(db, id);
      cache.set(id, f);
    }
    return f;
  };
  let done = 0;
  for (const { id } of periods) {
    const period = await periodInfo(db, id);
    if (period) {
      const before = await shiftedPeriod(db, period, -1);
      const figures = await figuresOf(id);
      const yearAgo = before ? await figuresOf(before.id) : new Map<string, Figures>();
      const industries = await industriesOf(db, [...figures.keys()]);
      // As on acceptance: a period with accepted figures, or one a year after such a period.
      if (figures.size || yearAgo.size) {
        await writeContributions(db, defs, period, figures, yearAgo, industries);
        await refreshPeriodValues(db, id);
      }
      // Keep about two years of figures in memory.
      if (cache.size > 40) cache.delete(cache.keys().next().value!);
    }
    onPeriod?.(++done, periods.length);
  }
}

/** The background task that recomputes every indicator (`queueIndicatorRebuild`). */
export const INDICATOR_REBUILD_TASK = "statistics-indicators-rebuild";

/**
 * Queues a recomputation of every indicator, in the caller's transaction, unless one is queued
 * and not yet started (a started one may have read the definitions before this change, so then
 * another is queued). At the benchmark's scale a rebuild takes minutes: too long for a request.
 */
export async function queueIndicatorRebuild(db: Executor): Promise<void> {
  const waiting = await db
    .selectFrom("job")
    .select("id")
    .where("task", "=", INDICATOR_REBUILD_TASK)
    .where("completed_at", "is", null)
    .where("failed_at", "is", null)
    .where("attempts", "=", 0)
    .executeTakeFirst();
  if (!waiting) await enqueue(db, INDICATOR_REBUILD_TASK, {});
}

/** True while a queued or running recomputation has not finished (the dashboard says so). */
export async function indicatorRebuildPending(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom("job")
    .select("id")
    .where("task", "=", INDICATOR_REBUILD_TASK)
    .where("completed_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return !!row;
}

/** Staff ask for a recomputation: queued with its audit entry in one transaction. */
export async function requestIndicatorRebuild(
  db: Executor,
  actor: Pick<SessionUser, "id" | "roles" | "company">,
  ip: string | null,
): Promise<boolean> {
  if (!can(actor, "manage:statistics:any")) return false;
  await inTransaction(db, async (trx) => {
    await queueIndicatorRebuild(trx);
    await audit(trx, {
      actorId: actor.id,
      action: "statistics.indicators_rebuild",
      entityType: "indicator",
      entityId: null,
      details: {},
      ip,
    });
  });
  return true;
}

/** The job: every indicator recomputed in one transaction, committed only while the job's lease holds. */
export const indicatorRebuildTask: TaskHandler = async (db, _payload, run) => {
  await inTransaction(db, async (trx) => {
    await rebuildIndicators(trx);
    if (!(await holdsLease(trx, run.job))) throw new Error("indicator rebuild: lease lost");
  });
};
