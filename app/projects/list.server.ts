/**
 * The pipeline's lists: the table (filters, keyset pagination on the last activity) and the
 * board (a column per stage, its count and its most recently active cards). Flags are
 * computed in SQL from the next step, its due date (the park's day, Asia/Shanghai) and the
 * last activity, so the "flagged" filter and the board agree with the reminder job.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { can, type Actor } from "~/auth/permissions";
import { cursorAt, decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import { Forbidden } from "~/lib/result";
import { withoutControlChars } from "~/lib/text";
import { isCountry, type Country } from "./countries";
import {
  ACTIVE_STAGES,
  DEFAULT_STALE_DAYS,
  flagsOf,
  isStage,
  parkDay,
  SOURCES,
  STAGES,
  type Source,
  type Stage,
} from "./pipeline";
import { dayText } from "./projects.server";

export const PAGE_SIZE = 25;
/** Cards per board column; the column's count links to the table for the rest. */
export const BOARD_CARDS = 12;

export const FLAG_FILTERS = ["any", "no_next_step", "overdue", "stale", "none"] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/**
 * A project's size by the jobs it plans (the usual small / medium / large enterprise bands:
 * under 50, 50 to 249, 250 or more), or not stated. Jobs, not money: planned investments come
 * in several currencies and the pipeline keeps no exchange rates.
 */
export const SIZE_FILTERS = ["small", "medium", "large", "unknown"] as const;
export type SizeFilter = (typeof SIZE_FILTERS)[number];

export interface ProjectFilters {
  /** "open" (default: every stage but producing and lost), "all", or one stage. */
  stage: "open" | "all" | Stage;
  ownerId?: string | "none";
  industryId?: string;
  country?: Country;
  source?: Source;
  flag?: FlagFilter;
  size?: SizeFilter;
}

/** The table's query names: its filters and the page cursor. */
export const PROJECT_PARAMS = [
  "stage",
  "owner",
  "industry",
  "country",
  "source",
  "flag",
  "size",
  "after",
] as const;

/** The page's own query values (capped), for its form: nothing else is echoed. */
export function projectParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PROJECT_PARAMS) {
    const value = params.get(name);
    if (value !== null) out[name] = withoutControlChars(value).slice(0, 200);
  }
  return out;
}

/** Filters from the query string; anything unknown is ignored (never trusted). */
export function parseProjectFilters(params: URLSearchParams, me: string): ProjectFilters {
  const stage = params.get("stage") ?? "open";
  const owner = params.get("owner");
  const industry = params.get("industry");
  const country = params.get("country");
  const source = params.get("source");
  const flag = params.get("flag");
  const size = params.get("size");
  return {
    stage: stage === "all" || stage === "open" || isStage(stage) ? stage : "open",
    ownerId:
      owner === "me" ? me : owner === "none" ? "none" : owner && isUuid(owner) ? owner : undefined,
    industryId: industry && isUuid(industry) ? industry : undefined,
    country: isCountry(country) ? country : undefined,
    source: (SOURCES as readonly string[]).includes(source ?? "") ? (source as Source) : undefined,
    flag: (FLAG_FILTERS as readonly string[]).includes(flag ?? "")
      ? (flag as FlagFilter)
      : undefined,
    size: (SIZE_FILTERS as readonly string[]).includes(size ?? "")
      ? (size as SizeFilter)
      : undefined,
  };
}

type Q = SelectQueryBuilder<DB, "project", object>;

export interface FlagClock {
  now: Date;
  staleDays: number;
}

/** SQL conditions of the three flags, for the park's day `today` and the stale cut-off. */
function flagConditions(eb: ExpressionBuilder<DB, "project">, clock: FlagClock) {
  const today = parkDay(clock.now);
  const staleBefore = new Date(+clock.now - clock.staleDays * 86_400_000);
  const active = eb("project.stage", "in", [...ACTIVE_STAGES]);
  const noStep = eb.or([eb("project.next_step", "=", ""), eb("project.next_step_due", "is", null)]);
  return {
    active,
    no_next_step: eb.and([active, noStep]),
    overdue: eb.and([
      active,
      eb("project.next_step", "<>", ""),
      eb("project.next_step_due", "<", sql<string>`${today}::date`),
    ]),
    stale: eb.and([active, eb("project.last_activity_at", "<", staleBefore)]),
  };
}

export function applyProjectFilters(q: Q, f: ProjectFilters, clock: FlagClock): Q {
  if (f.stage === "open") q = q.where("project.stage", "not in", ["producing", "lost"]);
  else if (f.stage !== "all") q = q.where("project.stage", "=", f.stage);
  if (f.ownerId === "none") q = q.where("project.owner_id", "is", null);
  else if (f.ownerId) q = q.where("project.owner_id", "=", f.ownerId);
  if (f.industryId) q = q.where("project.industry_id", "=", f.industryId);
  if (f.country) q = q.where("project.country", "=", f.country);
  if (f.source) q = q.where("project.source", "=", f.source);
  if (f.size === "unknown") q = q.where("project.jobs_planned", "is", null);
  else if (f.size === "small") q = q.where("project.jobs_planned", "<", 50);
  else if (f.size === "medium")
    q = q.where("project.jobs_planned", ">=", 50).where("project.jobs_planned", "<", 250);
  else if (f.size === "large") q = q.where("project.jobs_planned", ">=", 250);
  const flag = f.flag;
  if (flag)
    q = q.where((eb) => {
      const c = flagConditions(eb, clock);
      if (flag === "any") return eb.or([c.no_next_step, c.overdue, c.stale]);
      if (flag === "none") return eb.not(eb.or([c.no_next_step, c.overdue, c.stale]));
      return c[flag];
    });
  return q;
}

const CARD_COLUMNS = [
  "project.id",
  "project.reference",
  "project.organisation",
  "project.country",
  "project.stage",
  "project.stopped_stage",
  "project.source",
  "project.owner_id",
  "project.industry_id",
  "project.investment_minor",
  "project.investment_currency",
  "project.next_step",
  "project.last_activity_at",
  "project.version",
] as const;

async function namesFor(
  db: Executor,
  rows: { owner_id: string | null; industry_id: string | null }[],
) {
  const owners = [...new Set(rows.map((r) => r.owner_id).filter((v): v is string => !!v))];
  const industries = [...new Set(rows.map((r) => r.industry_id).filter((v): v is string => !!v))];
  const people = owners.length
    ? await db.selectFrom("app_user").select(["id", "name"]).where("id", "in", owners).execute()
    : [];
  const inds = industries.length
    ? await db
        .selectFrom("park_industry")
        .select(["id", "name_en", "name_zh"])
        .where("id", "in", industries)
        .execute()
    : [];
  return {
    owner: new Map(people.map((p) => [p.id, p.name])),
    industry: new Map(inds.map((i) => [i.id, { en: i.name_en, zh: i.name_zh }])),
  };
}

function clockOf(now: Date, staleDays?: number): FlagClock {
  return { now, staleDays: staleDays ?? DEFAULT_STALE_DAYS };
}

/** One page of the table, most recent activity first, and the cursor of the next page. */
export async function listProjects(
  db: Executor,
  actor: Actor,
  f: ProjectFilters,
  after: string | null,
  opts: { now?: Date; staleDays?: number; limit?: number } = {},
) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
  const now = opts.now ?? new Date();
  const clock = clockOf(now, opts.staleDays);
  const limit = opts.limit ?? PAGE_SIZE;
  const cursor = decodeCursor(after);
  let q = applyProjectFilters(db.selectFrom("project") as Q, f, clock);
  if (cursor)
    q = q.where(
      sql<boolean>`(project.last_activity_at, project.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  const rows = await q
    .select(CARD_COLUMNS)
    .select([
      dayText("project.next_step_due").as("next_step_due"),
      cursorAt("project.last_activity_at").as("activity_key"),
    ])
    .orderBy("project.last_activity_at", "desc")
    .orderBy("project.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last ? encodeCursor({ at: last.activity_key, id: last.id }) : null;
  const names = await namesFor(db, page);
  return {
    items: page.map(({ activity_key: _k, ...r }) => ({
      ...r,
      owner_name: r.owner_id ? (names.owner.get(r.owner_id) ?? null) : null,
      industry: r.industry_id ? (names.industry.get(r.industry_id) ?? null) : null,
      flags: flagsOf(r, now, clock.staleDays),
    })),
    next,
  };
}

/** A column's planned investment in one currency (never added across currencies, ADR 0046). */
export interface CurrencySum {
  currency: string;
  minor: number;
}

export interface StageTotal {
  count: number;
  investment: CurrencySum[];
}

/** CNY first, then the other currencies by code: the same order in every column. */
function byCurrency(a: CurrencySum, b: CurrencySum) {
  if (a.currency === b.currency) return 0;
  if (a.currency === "CNY") return -1;
  if (b.currency === "CNY") return 1;
  return a.currency < b.currency ? -1 : 1;
}

/**
 * Per stage the number of projects and the sum of their planned investment per currency.
 * Without filters, or with the owner filter only, from `project_stage_total` (kept by triggers
 * in every change's transaction, ADR 0054): a few dozen rows whatever the pipeline's size.
 * Other filters (flags, industry, country...) count the matching projects.
 */
export async function stageTotals(
  db: Executor,
  f: Omit<ProjectFilters, "stage">,
  clock: FlagClock,
): Promise<Map<string, StageTotal>> {
  const ownerOnly = !f.flag && !f.industryId && !f.country && !f.source && !f.size;
  type Row = { stage: string; currency: string | null; n: number; minor: string | number };
  let rows: Row[];
  if (ownerOnly) {
    let q = db
      .selectFrom("project_stage_total")
      .select([
        "stage",
        "currency",
        sql<number>`sum(projects)::int`.as("n"),
        sql<string>`sum(investment_minor)::text`.as("minor"),
      ])
      .groupBy(["stage", "currency"]);
    if (f.ownerId === "none") q = q.where("owner_id", "is", null);
    else if (f.ownerId) q = q.where("owner_id", "=", f.ownerId);
    rows = await q.execute();
  } else {
    rows = await applyProjectFilters(db.selectFrom("project") as Q, { ...f, stage: "all" }, clock)
      .select([
        "project.stage",
        "project.investment_currency as currency",
        sql<number>`count(*)::int`.as("n"),
        sql<string>`coalesce(sum(project.investment_minor), 0)::text`.as("minor"),
      ])
      .groupBy(["project.stage", "project.investment_currency"])
      .execute();
  }
  const totals = new Map<string, StageTotal>();
  for (const r of rows) {
    if (!r.n) continue;
    const t = totals.get(r.stage) ?? { count: 0, investment: [] };
    t.count += r.n;
    const minor = Number(r.minor);
    if (r.currency && minor > 0) t.investment.push({ currency: r.currency, minor });
    totals.set(r.stage, t);
  }
  for (const t of totals.values()) t.investment.sort(byCurrency);
  return totals;
}

/**
 * The board: for each stage its count, its planned investment per currency and its most
 * recently active cards (at most `BOARD_CARDS`). Two queries whatever the pipeline's size: the
 * totals, and the cards of every non-empty column in one lateral join (an index walk per stage).
 */
export async function projectBoard(
  db: Executor,
  actor: Actor,
  f: Omit<ProjectFilters, "stage">,
  opts: { now?: Date; staleDays?: number; stages?: readonly Stage[] } = {},
) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
  const now = opts.now ?? new Date();
  const clock = clockOf(now, opts.staleDays);
  const stages = opts.stages ?? STAGES;
  const totals = await stageTotals(db, f, clock);
  const shown = stages.filter((s) => totals.get(s)?.count);
  const rows = shown.length
    ? await db
        .selectFrom(sql<{ s: string }>`unnest(ARRAY[${sql.join(shown)}]::text[])`.as("s"))
        .innerJoinLateral(
          (eb) =>
            applyProjectFilters(
              eb.selectFrom("project") as unknown as Q,
              { ...f, stage: "all" },
              clock,
            )
              .where(sql<boolean>`project.stage = s.s`)
              .select(CARD_COLUMNS)
              .select(dayText("project.next_step_due").as("next_step_due"))
              .orderBy("project.last_activity_at", "desc")
              .orderBy("project.id", "desc")
              .limit(BOARD_CARDS)
              .as("c"),
          (join) => join.onTrue(),
        )
        .selectAll("c")
        .orderBy("c.last_activity_at", "desc")
        .orderBy("c.id", "desc")
        .execute()
    : [];
  const names = await namesFor(db, rows);
  return stages.map((stage) => {
    const t = totals.get(stage);
    return {
      stage,
      count: t?.count ?? 0,
      investment: t?.investment ?? [],
      cards: rows
        .filter((r) => r.stage === stage)
        .map((r) => ({
          ...r,
          owner_name: r.owner_id ? (names.owner.get(r.owner_id) ?? null) : null,
          industry: r.industry_id ? (names.industry.get(r.industry_id) ?? null) : null,
          flags: flagsOf(r, now, clock.staleDays),
        })),
    };
  });
}

/** The choices of the filters: the park's industries and the countries in use (`countries: false` skips them). */
export async function filterChoices(db: Executor, opts: { countries?: boolean } = {}) {
  const industries = await db
    .selectFrom("park_industry")
    .select(["id", "name_en", "name_zh"])
    .orderBy("position")
    .orderBy("name_en")
    .execute();
  if (opts.countries === false) return { industries, countries: [] as string[] };
  // A loose index scan on project_country_idx: one probe per country in use, not a scan of
  // every project for DISTINCT.
  const countries = await sql<{ country: string | null }>`
    WITH RECURSIVE c AS (
      (SELECT country FROM project WHERE country IS NOT NULL ORDER BY country LIMIT 1)
      UNION ALL
      SELECT (SELECT p.country FROM project p WHERE p.country > c.country
        ORDER BY p.country LIMIT 1)
      FROM c WHERE c.country IS NOT NULL
    )
    SELECT country FROM c WHERE country IS NOT NULL`
    .execute(db)
    .then((r) => r.rows);
  return {
    industries,
    countries: countries.map((c) => c.country).filter((c): c is string => !!c),
  };
}
