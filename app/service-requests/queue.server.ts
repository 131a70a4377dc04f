/**
 * The staff queue: filters, sorting and keyset pagination over service_request, built so a page
 * stays fast with a million rows (bench/service-queue.ts measures it):
 * - every sort is a keyset on (sort key, id) with a matching composite index (see the
 *   migration), so a page reads ~25 index entries however deep it is;
 * - the sort key goes into the cursor (lib/cursor) as PostgreSQL text, keeping microseconds exact;
 * - the count is capped (COUNT over LIMIT 1001, in the page's index order): "more than 1,000"
 *   rather than a scan of the table.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { cursorAt, decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import { withoutControlChars } from "~/lib/text";
import { listCategories, listStaff, listTeams, listTypes } from "./catalogue.server";
import { isPriority, isState, type Priority, type RequestState } from "./workflow";

export const PAGE_SIZE = 25;
export const COUNT_CAP = 1000;
import { SORTS, type QueueSort } from "./schema";
export { SORTS, type QueueSort };

export interface QueueFilters {
  /** "open" (default), "all", or one state. */
  state: "open" | "all" | RequestState;
  typeId?: string;
  categoryId?: string;
  teamId?: string | "none";
  assigneeId?: string | "none";
  priority?: Priority;
  sla?: "breached" | "due_soon";
  companyId?: string;
  q?: string;
  sort: QueueSort;
}

/** The query names of the queue page (filters, sort and the page cursor). */
// prettier-ignore
export const QUEUE_PARAMS = [
  "state", "type", "category", "team", "assignee", "priority", "sla", "company", "q", "sort", "after",
] as const;

/** The queue page's own query values (first of each, capped), for its form: nothing else is echoed. */
export function queueParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of QUEUE_PARAMS) {
    const value = params.get(name);
    if (value !== null) out[name] = withoutControlChars(value).slice(0, 200);
  }
  return out;
}

/** Reads filters from URL search params; anything unknown is ignored (never trusted). */
export function parseFilters(params: URLSearchParams, me: string): QueueFilters {
  const state = params.get("state") ?? "open";
  const sort = params.get("sort") ?? "due";
  const uuidOr = <T extends string>(v: string | null, extra: readonly T[]) =>
    v && (isUuid(v) || (extra as readonly string[]).includes(v)) ? v : undefined;
  const assignee = params.get("assignee");
  const priority = params.get("priority");
  const sla = params.get("sla");
  const q = [...withoutControlChars(params.get("q") ?? "")].slice(0, 100).join("").trim();
  return {
    state:
      state === "all" || state === "open" || isState(state)
        ? (state as QueueFilters["state"])
        : "open",
    typeId: uuidOr(params.get("type"), []),
    categoryId: uuidOr(params.get("category"), []),
    teamId: uuidOr(params.get("team"), ["none"]),
    assigneeId: assignee === "me" ? me : uuidOr(assignee, ["none"]),
    priority: isPriority(priority) ? priority : undefined,
    sla: sla === "breached" || sla === "due_soon" ? sla : undefined,
    companyId: uuidOr(params.get("company"), []),
    q: q || undefined,
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as QueueSort) : "due",
  };
}

type Q = SelectQueryBuilder<DB, "service_request", object>;

function applyFilters(q: Q, f: QueueFilters, now: Date): Q {
  if (f.state === "open") q = q.where("service_request.is_open", "=", true);
  else if (f.state !== "all") q = q.where("service_request.state", "=", f.state);
  if (f.typeId) q = q.where("service_request.type_id", "=", f.typeId);
  if (f.categoryId) q = q.where("service_request.category_id", "=", f.categoryId);
  if (f.teamId === "none") q = q.where("service_request.team_id", "is", null);
  else if (f.teamId) q = q.where("service_request.team_id", "=", f.teamId);
  if (f.assigneeId === "none") q = q.where("service_request.assignee_id", "is", null);
  else if (f.assigneeId) q = q.where("service_request.assignee_id", "=", f.assigneeId);
  if (f.priority) q = q.where("service_request.priority", "=", f.priority);
  if (f.companyId) q = q.where("service_request.company_id", "=", f.companyId);
  if (f.sla === "breached")
    q = q
      .where("service_request.is_open", "=", true)
      .where("service_request.due_sort_at", "<", now);
  if (f.sla === "due_soon")
    q = q
      .where("service_request.is_open", "=", true)
      .where("service_request.due_sort_at", ">=", now)
      .where("service_request.due_sort_at", "<", new Date(+now + 24 * 3600_000));
  if (f.q) {
    const term = f.q;
    if (/^SR-\d{4}-\d+$/i.test(term)) q = q.where("service_request.ref", "=", term.toUpperCase());
    else {
      // The subject, or the company's name in either language (company names are trigram-indexed;
      // the companies are few, so the matching ids are a short list the page's index walk checks).
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb("service_request.subject", "ilike", like),
          eb(
            "service_request.company_id",
            "in",
            eb
              .selectFrom("company")
              .select("company.id")
              .where((c) =>
                c.or([c("company.name_en", "ilike", like), c("company.name_zh", "ilike", like)]),
              ),
          ),
        ]),
      );
    }
  }
  return q;
}

/** The ORDER BY of a sort: it matches an index, so the planner walks that index. */
function applySort(q: Q, sort: QueueSort): Q {
  if (sort === "newest")
    return q.orderBy("service_request.created_at", "desc").orderBy("service_request.id", "desc");
  if (sort === "oldest")
    return q.orderBy("service_request.created_at", "asc").orderBy("service_request.id", "asc");
  if (sort === "priority")
    return q
      .orderBy("service_request.priority_rank", "desc")
      .orderBy("service_request.created_at", "desc")
      .orderBy("service_request.id", "desc");
  return q.orderBy("service_request.due_sort_at", "asc").orderBy("service_request.id", "asc");
}

export async function listQueue(
  db: Executor,
  f: QueueFilters,
  after: string | null,
  now = new Date(),
  limit = PAGE_SIZE,
) {
  const cursor = decodeCursor(after);
  let q = applyFilters(db.selectFrom("service_request") as Q, f, now);
  if (cursor) {
    if (f.sort === "due")
      q = q.where(
        sql<boolean>`(service_request.due_sort_at, service_request.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
    if (f.sort === "newest")
      q = q.where(
        sql<boolean>`(service_request.created_at, service_request.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
    if (f.sort === "oldest")
      q = q.where(
        sql<boolean>`(service_request.created_at, service_request.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
    // A cursor without a rank was made under another sort: the priority list starts again.
    if (f.sort === "priority" && cursor.rank !== undefined)
      q = q.where(
        sql<boolean>`(service_request.priority_rank, service_request.created_at, service_request.id) < (${cursor.rank}::smallint, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
  }
  q = applySort(q, f.sort);

  const rows = await q
    .select([
      "service_request.id",
      "service_request.ref",
      "service_request.subject",
      "service_request.state",
      "service_request.priority",
      "service_request.created_at",
      "service_request.updated_at",
      "service_request.first_response_due_at",
      "service_request.resolution_due_at",
      "service_request.sla_breached",
      "service_request.version",
      "service_request.type_id",
      "service_request.team_id",
      "service_request.assignee_id",
      "service_request.company_id",
      cursorAt("service_request.due_sort_at").as("due_key"),
      cursorAt("service_request.created_at").as("created_key"),
      "service_request.priority_rank",
    ])
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let next: string | null = null;
  if (rows.length > limit && last) {
    if (f.sort === "due") next = encodeCursor({ at: last.due_key, id: last.id });
    else if (f.sort === "priority")
      next = encodeCursor({ at: last.created_key, id: last.id, rank: last.priority_rank ?? 1 });
    else next = encodeCursor({ at: last.created_key, id: last.id });
  }
  // Names for the page's rows only (a handful of primary-key lookups, not joins over the table).
  const ids = (col: "type_id" | "team_id" | "assignee_id" | "company_id") => [
    ...new Set(page.map((r) => r[col]).filter((v): v is string => !!v)),
  ];
  const [types, teams, people, companies] = [
    ids("type_id").length
      ? await db
          .selectFrom("service_type")
          .select(["id", "name_en", "name_zh"])
          .where("id", "in", ids("type_id"))
          .execute()
      : [],
    ids("team_id").length
      ? await db
          .selectFrom("service_team")
          .select(["id", "name_en", "name_zh"])
          .where("id", "in", ids("team_id"))
          .execute()
      : [],
    ids("assignee_id").length
      ? await db
          .selectFrom("app_user")
          .select(["id", "name"])
          .where("id", "in", ids("assignee_id"))
          .execute()
      : [],
    ids("company_id").length
      ? await db
          .selectFrom("company")
          .select(["id", "name_en", "name_zh"])
          .where("id", "in", ids("company_id"))
          .execute()
      : [],
  ];
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const typeMap = byId(types);
  const teamMap = byId(teams);
  const peopleMap = byId(people);
  const companyMap = byId(companies);
  const items = page.map((r) => {
    const t = typeMap.get(r.type_id);
    const team = r.team_id ? teamMap.get(r.team_id) : undefined;
    const c = companyMap.get(r.company_id);
    const dueAt =
      r.first_response_due_at && r.resolution_due_at
        ? r.first_response_due_at < r.resolution_due_at
          ? r.first_response_due_at
          : r.resolution_due_at
        : (r.first_response_due_at ?? r.resolution_due_at);
    return {
      id: r.id,
      ref: r.ref,
      subject: r.subject,
      state: r.state as RequestState,
      priority: r.priority as Priority,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      dueAt: dueAt?.toISOString() ?? null,
      breached: r.sla_breached || (!!dueAt && dueAt < now),
      typeEn: t?.name_en ?? "",
      typeZh: t?.name_zh ?? "",
      teamEn: team?.name_en ?? null,
      teamZh: team?.name_zh ?? null,
      assignee: r.assignee_id ? (peopleMap.get(r.assignee_id)?.name ?? null) : null,
      companyEn: c?.name_en ?? "",
      companyZh: c?.name_zh ?? "",
    };
  });
  return { items, next };
}

/** How many requests match, up to COUNT_CAP (+1 means "more than the cap"). */
export async function countQueue(
  db: Executor,
  f: QueueFilters,
  now = new Date(),
): Promise<{ count: number; capped: boolean }> {
  // Ordered like the page, so the capped count walks the same index instead of a sequential
  // scan the planner might pick for a filter it misjudges (and that then matches few rows).
  const inner = applySort(applyFilters(db.selectFrom("service_request") as Q, f, now), f.sort)
    .select(sql<number>`1`.as("one"))
    .limit(COUNT_CAP + 1);
  const row = await db
    .selectFrom(inner.as("m"))
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

// Saved views: a name for a query string, personal or shared with all staff.
export async function listViews(db: Executor, userId: string) {
  return db
    .selectFrom("service_queue_view")
    .leftJoin("app_user", "app_user.id", "service_queue_view.owner_id")
    .select([
      "service_queue_view.id",
      "service_queue_view.name",
      "service_queue_view.query",
      "service_queue_view.shared",
      "service_queue_view.owner_id",
      "app_user.name as owner_name",
    ])
    .where((eb) =>
      eb.or([
        eb("service_queue_view.owner_id", "=", userId),
        eb("service_queue_view.shared", "=", true),
      ]),
    )
    .orderBy("service_queue_view.name")
    .execute();
}

export async function saveView(
  db: Executor,
  userId: string,
  input: { name: string; query: string; shared: boolean },
) {
  const params = new URLSearchParams(input.query);
  params.delete("after");
  await db
    .insertInto("service_queue_view")
    .values({
      owner_id: userId,
      name: input.name.trim().slice(0, 80),
      query: params.toString().slice(0, 1000),
      shared: input.shared,
    })
    .execute();
}

export async function deleteView(db: Executor, userId: string, id: string) {
  if (!isUuid(id)) return;
  await db
    .deleteFrom("service_queue_view")
    .where("id", "=", id)
    .where("owner_id", "=", userId)
    .execute();
}

/** The choices of the queue's filters and bulk form, as `{ id, en, zh }` (staff by name). */
export async function queueOptions(db: Executor) {
  const [types, categories, teams, staff] = [
    await listTypes(db),
    await listCategories(db),
    await listTeams(db),
    await listStaff(db),
  ];
  const companies = await db
    .selectFrom("company")
    .select(["id", "name_en", "name_zh"])
    .orderBy("name_en")
    .limit(500)
    .execute();
  const named = (x: { id: string; name_en: string; name_zh: string }) => ({
    id: x.id,
    en: x.name_en,
    zh: x.name_zh,
  });
  return {
    types: types.map(named),
    categories: categories.map(named),
    teams: teams.map(named),
    staff: staff.map((x) => ({ id: x.id, name: x.name })),
    companies: companies.map(named),
  };
}
