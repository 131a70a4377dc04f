/**
 * Knowledge base (issue 17, ADR 0030): bilingual articles per service type and category,
 * written by desk staff (draft, published), read on /help, suggested while a company types a
 * new request's subject, with deflection events and "was this helpful" counters that hold no
 * personal data. Search: an inverted index of search keys (./search-keys.ts) kept for
 * published articles only, ranked by key weight (title 3, body 1) times rarity.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { isLocale } from "~/i18n/i18n";
import { isRequestRef, isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { slugify } from "~/news/slug";
import { queryKeys, weightedKeys } from "./search-keys";

export interface KbActor extends Actor {
  id: string;
}

export interface KbFields {
  titleEn?: string | null;
  titleZh?: string | null;
  bodyEn?: string | null;
  bodyZh?: string | null;
  categoryId?: string | null;
  typeId?: string | null;
  slug?: string | null;
}

export type KbEventKind = "shown" | "opened" | "solved";
export const RESERVED_KB_SLUGS = new Set(["suggest", "new"]);

function requireManage(actor: KbActor) {
  if (!can(actor, "manage:kb_article:any")) throw new Forbidden();
}

const clean = (v: string | null | undefined) => (v ?? "").trim();
const idOrNull = (v: string | null | undefined) => (v && isUuid(v) ? v : null);

/** A free slug: the one asked for, else from the English title, else `kb-<8 hex>`. */
async function freeSlug(db: Executor, wanted: string, id: string | null): Promise<string> {
  const base = wanted && !RESERVED_KB_SLUGS.has(wanted) ? wanted : "";
  const start = base || `kb-${(id ?? crypto.randomUUID()).replace(/-/g, "").slice(0, 8)}`;
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? start : `${start}-${n}`;
    let q = db.selectFrom("kb_article").select("id").where("slug", "=", slug);
    if (id) q = q.where("id", "<>", id);
    if (!(await q.executeTakeFirst())) return slug;
  }
  return `${start}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Rewrites the search keys of one article: its keys when published, none otherwise. */
export async function reindexArticle(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom("kb_search_key").where("article_id", "=", id).execute();
  const a = await trx
    .selectFrom("kb_article")
    .select(["status", "title_en", "title_zh", "body_en", "body_zh"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!a || a.status !== "published") return;
  const keys = weightedKeys(`${a.title_en} ${a.title_zh}`, `${a.body_en}\n${a.body_zh}`);
  const rows = [...keys].map(([key, weight]) => ({ key, article_id: id, weight }));
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto("kb_search_key")
      .values(rows.slice(i, i + 1000))
      .execute();
}

// ---------------------------------------------------------------- the desk

export async function createKbArticle(
  db: Executor,
  actor: KbActor,
  fields: KbFields,
  extra: { sourceRequestId?: string | null } = {},
): Promise<{ id: string; slug: string }> {
  requireManage(actor);
  return inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const slug = await freeSlug(trx, clean(fields.slug) || slugify(fields.titleEn), id);
    await trx
      .insertInto("kb_article")
      .values({
        id,
        slug,
        title_en: clean(fields.titleEn),
        title_zh: clean(fields.titleZh),
        body_en: clean(fields.bodyEn),
        body_zh: clean(fields.bodyZh),
        category_id: idOrNull(fields.categoryId),
        type_id: idOrNull(fields.typeId),
        owner_id: actor.id,
        created_by: actor.id,
        source_request_id: extra.sourceRequestId ?? null,
      })
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "kb.create",
      entityType: "kb_article",
      entityId: id,
    });
    return { id, slug };
  });
}

export type KbChangeResult = Result<object, "conflict" | "notFound" | "slug">;

export async function updateKbArticle(
  db: Executor,
  actor: KbActor,
  id: string,
  version: number,
  fields: KbFields,
): Promise<KbChangeResult> {
  requireManage(actor);
  if (!isUuid(id)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("kb_article")
      .select(["slug", "status", "version"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return fail("notFound");
    if (current.version !== version) return fail("conflict");
    // A published article keeps its address; a draft may take another free one.
    let slug = current.slug;
    const wanted = clean(fields.slug);
    if (current.status !== "published" && wanted && wanted !== current.slug) {
      if (RESERVED_KB_SLUGS.has(wanted)) return fail("slug");
      if (
        await trx
          .selectFrom("kb_article")
          .select("id")
          .where("slug", "=", wanted)
          .executeTakeFirst()
      )
        return fail("slug");
      slug = wanted;
    }
    await trx
      .updateTable("kb_article")
      .set({
        slug,
        title_en: clean(fields.titleEn),
        title_zh: clean(fields.titleZh),
        body_en: clean(fields.bodyEn),
        body_zh: clean(fields.bodyZh),
        category_id: idOrNull(fields.categoryId),
        type_id: idOrNull(fields.typeId),
        version: version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    await reindexArticle(trx, id);
    await audit(trx, {
      actorId: actor.id,
      action: "kb.update",
      entityType: "kb_article",
      entityId: id,
    });
    return ok();
  });
}

export async function setKbStatus(
  db: Executor,
  actor: KbActor,
  id: string,
  version: number,
  status: "draft" | "published",
): Promise<KbChangeResult> {
  requireManage(actor);
  if (!isUuid(id)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("kb_article")
      .select(["status", "version"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return fail("notFound");
    if (current.version !== version) return fail("conflict");
    if (current.status === status) return ok();
    await trx
      .updateTable("kb_article")
      .set({
        status,
        published_at: status === "published" ? new Date() : null,
        version: version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    await reindexArticle(trx, id);
    await audit(trx, {
      actorId: actor.id,
      action: status === "published" ? "kb.publish" : "kb.unpublish",
      entityType: "kb_article",
      entityId: id,
    });
    return ok();
  });
}

export type DraftFromRequestResult = Result<
  { id: string; created: boolean },
  "notFound" | "notResolved" | "noAnswer"
>;

/**
 * A draft article from a resolved (or closed) request in one step: its subject as the title
 * and its last public staff reply as the body, in the requester's language; its type and
 * category. Doing it again opens the same draft.
 */
export async function draftFromRequest(
  db: Executor,
  actor: KbActor,
  ref: string,
): Promise<DraftFromRequestResult> {
  requireManage(actor);
  if (!isRequestRef(ref)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const r = await trx
      .selectFrom("service_request")
      .innerJoin("service_type", "service_type.id", "service_request.type_id")
      .leftJoin("app_user", "app_user.id", "service_request.requester_id")
      .select([
        "service_request.id",
        "service_request.subject",
        "service_request.state",
        "service_request.type_id",
        "service_type.category_id",
        "app_user.locale",
      ])
      .where("service_request.ref", "=", ref)
      .executeTakeFirst();
    if (!r) return fail("notFound");
    const existing = await trx
      .selectFrom("kb_article")
      .select("id")
      .where("source_request_id", "=", r.id)
      .executeTakeFirst();
    if (existing) return ok({ id: existing.id, created: false });
    if (r.state !== "resolved" && r.state !== "closed") return fail("notResolved");
    const answer = await trx
      .selectFrom("service_request_message")
      .select("body")
      .where("request_id", "=", r.id)
      .where("visibility", "=", "public")
      .where("from_staff", "=", true)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!answer) return fail("noAnswer");
    const zh = isLocale(r.locale) && r.locale === "zh-CN";
    const fields: KbFields = zh
      ? { titleZh: r.subject, bodyZh: answer.body }
      : { titleEn: r.subject, bodyEn: answer.body };
    const created = await createKbArticle(
      trx,
      actor,
      { ...fields, typeId: r.type_id, categoryId: r.category_id },
      { sourceRequestId: r.id },
    );
    await audit(trx, {
      actorId: actor.id,
      action: "kb.draft_from_request",
      entityType: "kb_article",
      entityId: created.id,
      details: { ref },
    });
    return ok({ id: created.id, created: true });
  });
}

const EVENT_COUNTS = [
  sql<number>`count(*) FILTER (WHERE kb_event.kind = 'shown')::int`.as("shown"),
  sql<number>`count(*) FILTER (WHERE kb_event.kind = 'opened')::int`.as("opened"),
  sql<number>`count(*) FILTER (WHERE kb_event.kind = 'solved')::int`.as("solved"),
];

/** The desk's list: every article (newest change first) with its deflection counts. */
export async function listKbForDesk(
  db: Executor,
  opts: { status?: "draft" | "published" | null; limit?: number } = {},
) {
  let q = db
    .selectFrom("kb_article")
    .leftJoin("service_category", "service_category.id", "kb_article.category_id")
    .leftJoin("app_user", "app_user.id", "kb_article.owner_id")
    .select([
      "kb_article.id",
      "kb_article.slug",
      "kb_article.title_en",
      "kb_article.title_zh",
      "kb_article.status",
      "kb_article.updated_at",
      "kb_article.helpful_yes",
      "kb_article.helpful_no",
      "service_category.name_en as category_en",
      "service_category.name_zh as category_zh",
      "app_user.name as owner_name",
    ])
    .orderBy("kb_article.updated_at", "desc")
    .orderBy("kb_article.id", "desc")
    .limit(Math.min(opts.limit ?? 200, 500));
  if (opts.status) q = q.where("kb_article.status", "=", opts.status);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom("kb_event")
        .select("kb_event.article_id")
        .select(EVENT_COUNTS)
        .where("kb_event.article_id", "in", ids)
        .groupBy("kb_event.article_id")
        .execute()
    : [];
  const byId = new Map(counts.map((c) => [c.article_id, c]));
  return rows.map((r) => ({
    ...r,
    shown: byId.get(r.id)?.shown ?? 0,
    opened: byId.get(r.id)?.opened ?? 0,
    solved: byId.get(r.id)?.solved ?? 0,
  }));
}

/** Deflection since a date: suggestions shown, articles opened from one, requests not filed. */
export async function deflectionSummary(db: Executor, since: Date) {
  const row = await db
    .selectFrom("kb_event")
    .select(EVENT_COUNTS)
    .where("kb_event.at", ">=", since)
    .executeTakeFirst();
  const filed = await db
    .selectFrom("service_request")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return {
    shown: row?.shown ?? 0,
    opened: row?.opened ?? 0,
    solved: row?.solved ?? 0,
    filed: filed?.n ?? 0,
  };
}

export async function getKbForDesk(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("kb_article")
    .leftJoin("service_request", "service_request.id", "kb_article.source_request_id")
    .select([
      "kb_article.id",
      "kb_article.slug",
      "kb_article.title_en",
      "kb_article.title_zh",
      "kb_article.body_en",
      "kb_article.body_zh",
      "kb_article.category_id",
      "kb_article.type_id",
      "kb_article.status",
      "kb_article.version",
      "kb_article.helpful_yes",
      "kb_article.helpful_no",
      "kb_article.published_at",
      "service_request.ref as source_ref",
    ])
    .where("kb_article.id", "=", id)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- public reading

const PUBLIC_COLUMNS = [
  "kb_article.id",
  "kb_article.slug",
  "kb_article.title_en",
  "kb_article.title_zh",
  "kb_article.category_id",
  "kb_article.type_id",
] as const;

/** Published articles (newest first), optionally of one category: for /help without a query. */
export async function listPublishedKb(
  db: Executor,
  opts: { categoryId?: string | null; limit?: number } = {},
) {
  let q = db
    .selectFrom("kb_article")
    .select(PUBLIC_COLUMNS)
    .where("kb_article.status", "=", "published")
    .orderBy("kb_article.published_at", "desc")
    .orderBy("kb_article.id", "desc")
    .limit(Math.min(opts.limit ?? 200, 500));
  if (opts.categoryId) q = q.where("kb_article.category_id", "=", opts.categoryId);
  return q.execute();
}

export async function getPublishedKb(db: Executor, slug: string) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return undefined;
  return db
    .selectFrom("kb_article")
    .leftJoin("service_category", "service_category.id", "kb_article.category_id")
    .select([
      ...PUBLIC_COLUMNS,
      "kb_article.body_en",
      "kb_article.body_zh",
      "kb_article.updated_at",
      "service_category.name_en as category_en",
      "service_category.name_zh as category_zh",
    ])
    .where("kb_article.slug", "=", slug)
    .where("kb_article.status", "=", "published")
    .executeTakeFirst();
}

export interface KbSearchOptions {
  q: string;
  typeId?: string | null;
  categoryId?: string | null;
  limit?: number;
}

/**
 * Published articles matching a query, best first. Each query key found in an article adds
 * its weight (title 3, body 1) times its rarity (ln of articles over articles with the key);
 * articles of the same service type, then category, come first among equals. The index
 * (key, article_id) answers each key's matches without reading articles; only the best 30
 * are joined to the articles.
 */
/**
 * How many postings of each query key a search reads (ADR 0030): all of a key held by fewer
 * articles, the heaviest of a common one. Keeps a suggestion under 50 ms at 10,000 articles
 * (bench/kb.ts) without losing an article whose title holds the words.
 */
const CANDIDATES_PER_KEY = 200;

export async function searchKb(db: Executor, opts: KbSearchOptions) {
  const keys = queryKeys(opts.q);
  if (!keys.length) return [];
  const limit = Math.min(Math.max(opts.limit ?? 5, 1), 50);
  const typeId = idOrNull(opts.typeId);
  const categoryId = idOrNull(opts.categoryId);
  const result = await sql<{
    id: string;
    slug: string;
    title_en: string;
    title_zh: string;
    category_id: string | null;
    type_id: string | null;
    score: number;
  }>`
    WITH q AS (
      SELECT d.key, d.n FROM kb_search_df d
       WHERE d.key = ANY(${sql.val(keys)}::text[]) AND d.n > 0
    ), total AS (
      SELECT greatest(count(*), 1)::float8 AS n FROM kb_article WHERE status = 'published'
    ), hits AS (
      -- The heaviest postings of each key (title before body), read from the top of the
      -- (key, weight DESC) index: every article of a rare key, the best of a common one.
      SELECT q.key, q.n, top.article_id, top.weight
        FROM q CROSS JOIN LATERAL (
          SELECT k.article_id, k.weight FROM kb_search_key k
           WHERE k.key = q.key
           ORDER BY k.weight DESC, k.article_id
           LIMIT ${CANDIDATES_PER_KEY}
        ) top
    ), candidates AS (
      SELECT hits.article_id FROM hits CROSS JOIN total
       GROUP BY hits.article_id
       ORDER BY sum(hits.weight * ln((total.n + 1) / hits.n)) DESC, hits.article_id
       LIMIT 60
    ), scored AS (
      -- The best candidates scored again on every query key they hold (weight x rarity),
      -- also those of a common key whose postings were cut above.
      SELECT c.article_id, sum(k.weight * ln((total.n + 1) / q.n)) AS score
        FROM candidates c
       CROSS JOIN q
        JOIN kb_search_key k ON k.key = q.key AND k.article_id = c.article_id
       CROSS JOIN total
       GROUP BY c.article_id
    )
    SELECT a.id, a.slug, a.title_en, a.title_zh, a.category_id, a.type_id,
           (scored.score
             + CASE WHEN a.type_id = ${typeId}::uuid THEN 2 ELSE 0 END
             + CASE WHEN a.category_id = ${categoryId}::uuid THEN 1 ELSE 0 END)::float8 AS score
      FROM scored JOIN kb_article a ON a.id = scored.article_id
     WHERE a.status = 'published'
     ORDER BY score DESC, a.id
     LIMIT ${limit}
  `.execute(db);
  return result.rows;
}

/** Suggestions for a new request's subject: the best five, only when the subject says enough. */
export async function suggestKb(
  db: Executor,
  opts: { subject: string; typeId?: string | null; categoryId?: string | null },
) {
  if (opts.subject.trim().length < 3) return [];
  return searchKb(db, {
    q: opts.subject,
    typeId: opts.typeId,
    categoryId: opts.categoryId,
    limit: 5,
  });
}

/** Records deflection events of published articles (unknown or unpublished ids are ignored). */
export async function recordKbEvents(
  db: Executor,
  articleIds: readonly string[],
  kind: KbEventKind,
): Promise<number> {
  const ids = [...new Set(articleIds.filter(isUuid))].slice(0, 20);
  if (!ids.length) return 0;
  const known = await db
    .selectFrom("kb_article")
    .select("id")
    .where("id", "in", ids)
    .where("status", "=", "published")
    .execute();
  if (!known.length) return 0;
  await db
    .insertInto("kb_event")
    .values(known.map((k) => ({ article_id: k.id, kind })))
    .execute();
  return known.length;
}

/** Counts one "was this helpful" answer on a published article. */
export async function voteKb(db: Executor, articleId: string, helpful: boolean): Promise<boolean> {
  if (!isUuid(articleId)) return false;
  const updated = await db
    .updateTable("kb_article")
    .set(
      helpful
        ? { helpful_yes: sql<number>`helpful_yes + 1` }
        : { helpful_no: sql<number>`helpful_no + 1` },
    )
    .where("id", "=", articleId)
    .where("status", "=", "published")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Categories and types of the service catalogue, for the article form and /help. */
export async function kbTaxonomy(db: Executor) {
  const categories = await db
    .selectFrom("service_category")
    .select(["id", "code", "name_en", "name_zh"])
    .orderBy("position")
    .orderBy("code")
    .execute();
  const types = await db
    .selectFrom("service_type")
    .select(["id", "code", "category_id", "name_en", "name_zh"])
    .where("active", "=", true)
    .orderBy("code")
    .execute();
  return { categories, types };
}

export interface SuggestionItem {
  id: string;
  slug: string;
  title_en: string;
  title_zh: string;
}

/**
 * Suggestions for the new-request page: the best matches of the subject (the request's type
 * and category first), each counted as shown once per page (`seen`: ids shown already).
 */
export async function suggestForRequest(
  db: Executor,
  input: { subject: string; typeId?: string | null; seen?: string | null },
): Promise<{ items: SuggestionItem[]; seen: string[] }> {
  const seen = (input.seen ?? "").split(",").filter(isUuid).slice(0, 50);
  const typeId = idOrNull(input.typeId);
  const type = typeId
    ? await db
        .selectFrom("service_type")
        .select("category_id")
        .where("id", "=", typeId)
        .executeTakeFirst()
    : undefined;
  const found = await suggestKb(db, {
    subject: input.subject,
    typeId,
    categoryId: type?.category_id ?? null,
  });
  const fresh = found.filter((a) => !seen.includes(a.id)).map((a) => a.id);
  if (fresh.length) await recordKbEvents(db, fresh, "shown");
  return {
    items: found.map(({ id, slug, title_en, title_zh }) => ({ id, slug, title_en, title_zh })),
    seen: [...seen, ...fresh],
  };
}
