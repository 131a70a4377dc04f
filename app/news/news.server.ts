/**
 * News (issue 3): one record per article with an English and a Chinese version, public list
 * with keyset pagination and trigram search (finds Chinese words too), the staff desk
 * (create, edit with optimistic locking, schedule, publish, unpublish, archive), and the
 * background task that publishes scheduled articles.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/client.server";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { enqueue } from "~/jobs/queue.server";
import { storeUpload, IMAGE_TYPES, sniffContentType } from "~/uploads/uploads.server";
import { coverVariants } from "./cover-image.server";
import { articleSlug, isValidSlug } from "./slug";
import type { ArticleFields } from "./schema";
import {
  cursorAt,
  decodeCursor,
  encodeCursor,
  keysetPage,
  olderThan,
  type Cursor,
} from "~/lib/cursor.server";
import { isSlug, isUuid } from "~/lib/ids";
import { withoutControlChars } from "~/lib/text";
import { Forbidden } from "~/lib/result";

export interface NewsActor extends Actor {
  id: string;
}

export type ArticleStatus = "draft" | "scheduled" | "published" | "archived";
export const ARTICLE_STATUSES: readonly ArticleStatus[] = [
  "draft",
  "scheduled",
  "published",
  "archived",
];
export const PUBLISH_TASK = "news-publish";
export const MAX_COVER_BYTES = 5_000_000;

function requireCan(actor: NewsActor, permission: Parameters<typeof can>[1]) {
  if (!can(actor, permission)) throw new Forbidden();
}

/** Terms of a search query, lower-cased, with LIKE wildcards escaped. */
export function searchTerms(q: string): string[] {
  return withoutControlChars(q)
    .toLowerCase()
    .split(/[\s,，。、；;]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 5)
    .map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`));
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * The CJK character bigrams of a text, as the database's cjk_bigrams() makes them (migration
 * 2026-11-28T1535): each run of CJK characters cut into overlapping pairs; a lone character
 * is kept as itself.
 */
export function cjkBigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/**
 * The SQL conditions one search term puts on an article. Chinese words go through the bigram
 * GIN index (`search_bigrams @> ...`); a word of exactly two CJK characters is then matched
 * exactly, anything longer or mixed is also checked with LIKE on the text (the trigram index
 * serves English words of three letters or more).
 */
function termConditions(term: string) {
  const conds = [];
  const runs = term.match(CJK_RUN) ?? [];
  const bigrams = runs.filter((r) => [...r].length >= 2).flatMap((r) => cjkBigrams(r));
  if (bigrams.length)
    conds.push(sql<boolean>`news_article.search_bigrams @> ${sql.val(bigrams)}::text[]`);
  const exactBigram = runs.length === 1 && runs[0] === term && [...term].length === 2;
  if (!exactBigram) conds.push(sql<boolean>`news_article.search_text LIKE ${"%" + term + "%"}`);
  return conds;
}

/** How many of the newest candidate articles a search checks before asking the indexes. */
export const SEARCH_WINDOW = 600;

// ---------------------------------------------------------------- public reading

export interface ListOptions {
  category?: string | null;
  tag?: string | null;
  q?: string | null;
  cursor?: string | null;
  limit?: number;
  now?: Date;
  /** How many of the newest candidates to check before the indexes (tests make it small). */
  searchWindow?: number;
}

const LIST_COLUMNS = [
  "news_article.id",
  "news_article.slug",
  "news_article.title_en",
  "news_article.title_zh",
  "news_article.summary_en",
  "news_article.summary_zh",
  "news_article.published_at",
  "news_article.cover_file_id",
  "news_article.cover_thumb_file_id",
  "news_article.cover_alt_en",
  "news_article.cover_alt_zh",
  "news_article.category_id",
] as const;
/** The keyset of the public list as cursor text (microseconds; lib/cursor). */
const publishedKey = () => cursorAt("news_article.published_at").as("cursor_at");

export async function listPublished(db: Executor, opts: ListOptions = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 10, 1), 50);
  const cursor = decodeCursor(opts.cursor);
  const terms = searchTerms(opts.q ?? "");
  const searchWindow = Math.max(opts.searchWindow ?? SEARCH_WINDOW, 1);
  // The filters other than search, newest first; keyset pages compare (published_at, id) as
  // one row value, which the (published_at DESC, id DESC) indexes answer directly.
  const filtered = (after: Cursor | undefined) => {
    let q = db
      .selectFrom("news_article")
      .leftJoin("news_category", "news_category.id", "news_article.category_id")
      .where("news_article.status", "=", "published")
      .where("news_article.published_at", "<=", opts.now ?? new Date());
    if (opts.category) q = q.where("news_category.slug", "=", opts.category);
    if (opts.tag) {
      const tag = opts.tag;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("news_article_tag")
            .innerJoin("news_tag", "news_tag.id", "news_article_tag.tag_id")
            .select(sql`1`.as("one"))
            .whereRef("news_article_tag.article_id", "=", "news_article.id")
            .where("news_tag.slug", "=", tag),
        ),
      );
    }
    if (after)
      q = q.where(
        sql<boolean>`(news_article.published_at, news_article.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
      );
    return q;
  };
  const listing = (q: ReturnType<typeof filtered>, n: number) =>
    q
      .select(LIST_COLUMNS)
      .select(publishedKey())
      .select([
        "news_category.slug as category_slug",
        "news_category.name_en as category_en",
        "news_category.name_zh as category_zh",
      ])
      .orderBy("news_article.published_at", "desc")
      .orderBy("news_article.id", "desc")
      .limit(n);
  const matching = (q: ReturnType<typeof filtered>) => {
    for (const term of terms) for (const cond of termConditions(term)) q = q.where(cond);
    return q;
  };
  let rows;
  if (terms.length === 0) {
    rows = await listing(filtered(cursor), limit + 1).execute();
  } else {
    // Search in two steps, so that neither common nor rare words are slow. First walk the
    // newest SEARCH_WINDOW candidates down the keyset index (an ordered subquery with a limit,
    // read lazily), checking the text row by row and stopping as soon as the page is full:
    // common words end here after a few rows. PostgreSQL estimates every LIKE as rare, so
    // without the subquery it would read all matches through the trigram index and sort them.
    // Only if the window holds too few matches are the search indexes asked for older ones
    // (rare words: few matches, found through the trigram / bigram GIN indexes).
    let inWindow = db
      .selectFrom(
        listing(filtered(cursor), searchWindow).select("news_article.search_text").as("w"),
      )
      .selectAll("w");
    for (const term of terms)
      inWindow = inWindow.where(sql<boolean>`w.search_text LIKE ${"%" + term + "%"}`);
    rows = (
      await inWindow
        .orderBy("w.published_at", "desc")
        .orderBy("w.id", "desc")
        .limit(limit + 1)
        .execute()
    ).map(({ search_text: _text, ...row }) => row);
    if (rows.length <= limit) {
      const edge = await filtered(cursor)
        .select(["news_article.id", "news_article.published_at", publishedKey()])
        .orderBy("news_article.published_at", "desc")
        .orderBy("news_article.id", "desc")
        .offset(searchWindow - 1)
        .limit(1)
        .executeTakeFirst();
      if (edge?.published_at) {
        const older = await listing(
          matching(filtered({ at: edge.cursor_at, id: edge.id })),
          limit + 1 - rows.length,
        ).execute();
        rows = [...rows, ...older];
      }
    }
  }
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last?.published_at
      ? encodeCursor({ at: last.cursor_at, id: last.id })
      : undefined;
  return { items: items.map(({ cursor_at: _at, ...item }) => item), nextCursor };
}

export async function listCategories(db: Executor) {
  return db
    .selectFrom("news_category")
    .selectAll()
    .orderBy("position")
    .orderBy("name_en")
    .execute();
}

export async function listTags(db: Executor) {
  return db.selectFrom("news_tag").selectAll().orderBy("name_en").execute();
}

async function tagsOf(db: Executor, articleId: string) {
  return db
    .selectFrom("news_article_tag")
    .innerJoin("news_tag", "news_tag.id", "news_article_tag.tag_id")
    .select(["news_tag.id", "news_tag.slug", "news_tag.name_en", "news_tag.name_zh"])
    .where("news_article_tag.article_id", "=", articleId)
    .orderBy("news_tag.name_en")
    .execute();
}

/** A published article by slug with its tags, related articles and neighbours. */
export async function getPublishedArticle(db: Executor, slug: string, now = new Date()) {
  if (!isSlug(slug)) return undefined;
  const article = await db
    .selectFrom("news_article")
    .leftJoin("news_category", "news_category.id", "news_article.category_id")
    .leftJoin("stored_file", "stored_file.id", "news_article.cover_file_id")
    .selectAll("news_article")
    .select([
      "news_category.slug as category_slug",
      "news_category.name_en as category_en",
      "news_category.name_zh as category_zh",
    ])
    .select(["stored_file.width as cover_width", "stored_file.height as cover_height"])
    .where("news_article.slug", "=", slug)
    .where("news_article.status", "=", "published")
    .where("news_article.published_at", "<=", now)
    .executeTakeFirst();
  if (!article || !article.published_at) return undefined;
  const tags = await tagsOf(db, article.id);
  const at = article.published_at;
  const neighbour = (dir: "prev" | "next") =>
    db
      .selectFrom("news_article")
      .select(["slug", "title_en", "title_zh"])
      .where("status", "=", "published")
      .where("published_at", "<=", now)
      .where(({ eb, refTuple, tuple }) =>
        eb(refTuple("published_at", "id"), dir === "prev" ? "<" : ">", tuple(at, article.id)),
      )
      .orderBy("published_at", dir === "prev" ? "desc" : "asc")
      .orderBy("id", dir === "prev" ? "desc" : "asc")
      .limit(1)
      .executeTakeFirst();
  const previous = await neighbour("prev");
  const next = await neighbour("next");
  let relatedQ = db
    .selectFrom("news_article")
    .select(["slug", "title_en", "title_zh", "published_at"])
    .where("status", "=", "published")
    .where("published_at", "<=", now)
    .where("id", "<>", article.id)
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .limit(3);
  relatedQ = article.category_id
    ? relatedQ.where("category_id", "=", article.category_id)
    : relatedQ;
  const related = await relatedQ.execute();
  return { article, tags, previous, next, related };
}

/** Every published article's slug and dates, newest first (sitemap). */
export async function listForSitemap(db: Executor, limit = 50_000) {
  return db
    .selectFrom("news_article")
    .select(["slug", "updated_at", "published_at", "title_en", "title_zh"])
    .where("status", "=", "published")
    .where("published_at", "<=", new Date())
    .orderBy("published_at", "desc")
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------- desk

export type ArticleInput = ArticleFields;

function columns(input: ArticleInput) {
  const v = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    title_en: v(input.titleEn),
    summary_en: v(input.summaryEn),
    body_en: v(input.bodyEn),
    title_zh: v(input.titleZh),
    summary_zh: v(input.summaryZh),
    body_zh: v(input.bodyZh),
    category_id: v(input.categoryId),
    cover_alt_en: v(input.coverAltEn),
    cover_alt_zh: v(input.coverAltZh),
  };
}

async function setTags(db: Executor, articleId: string, tagIds: string[] | undefined) {
  await db.deleteFrom("news_article_tag").where("article_id", "=", articleId).execute();
  const ids = [...new Set(tagIds ?? [])].filter((id) => isUuid(id));
  if (ids.length) {
    const known = await db.selectFrom("news_tag").select("id").where("id", "in", ids).execute();
    if (known.length)
      await db
        .insertInto("news_article_tag")
        .values(known.map((t) => ({ article_id: articleId, tag_id: t.id })))
        .execute();
  }
}

async function uniqueSlug(db: Executor, base: string, exceptId?: string): Promise<string> {
  for (let i = 1; i < 50; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    let q = db.selectFrom("news_article").select("id").where("slug", "=", candidate);
    if (exceptId) q = q.where("id", "<>", exceptId);
    if (!(await q.executeTakeFirst())) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

export type SaveResult =
  | { ok: true; id: string; version: number }
  | { ok: false; error: "conflict" | "notFound" | "slugTaken" | "slugLocked" };

export async function createArticle(
  db: DB,
  actor: NewsActor,
  input: ArticleInput,
): Promise<{ id: string; slug: string }> {
  requireCan(actor, "create:news:any");
  return inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const wanted =
      input.slug && isValidSlug(input.slug) ? input.slug : articleSlug(input.titleEn, id);
    const slug = await uniqueSlug(trx, wanted);
    await trx
      .insertInto("news_article")
      .values({ id, slug, ...columns(input), created_by: actor.id, updated_by: actor.id })
      .execute();
    await setTags(trx, id, input.tagIds);
    await audit(trx, {
      actorId: actor.id,
      action: "news.create",
      entityType: "news_article",
      entityId: id,
      details: { slug },
    });
    return { id, slug };
  });
}

/** Saves an edit if nobody saved since `version` was read (optimistic locking). */
export async function updateArticle(
  db: DB,
  actor: NewsActor,
  id: string,
  version: number,
  input: ArticleInput,
): Promise<SaveResult> {
  requireCan(actor, "create:news:any");
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("news_article")
      .select(["slug", "published_at", "version"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current) return { ok: false, error: "notFound" } as const;
    let slug = current.slug;
    if (input.slug && input.slug !== current.slug) {
      // Slugs never change once an article has been public: links to it must keep working.
      if (current.published_at) return { ok: false, error: "slugLocked" } as const;
      if (!isValidSlug(input.slug)) return { ok: false, error: "slugTaken" } as const;
      const taken = await trx
        .selectFrom("news_article")
        .select("id")
        .where("slug", "=", input.slug)
        .where("id", "<>", id)
        .executeTakeFirst();
      if (taken) return { ok: false, error: "slugTaken" } as const;
      slug = input.slug;
    }
    const updated = await trx
      .updateTable("news_article")
      .set({
        ...columns(input),
        slug,
        updated_by: actor.id,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .returning("version")
      .executeTakeFirst();
    if (!updated) return { ok: false, error: "conflict" } as const;
    await setTags(trx, id, input.tagIds);
    await audit(trx, {
      actorId: actor.id,
      action: "news.update",
      entityType: "news_article",
      entityId: id,
      details: { slug, version: updated.version },
    });
    return { ok: true, id, version: updated.version } as const;
  });
}

export async function getArticleForDesk(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  const article = await db
    .selectFrom("news_article")
    .leftJoin("stored_file", "stored_file.id", "news_article.cover_file_id")
    .selectAll("news_article")
    .select(["stored_file.width as cover_width", "stored_file.height as cover_height"])
    .where("news_article.id", "=", id)
    .executeTakeFirst();
  if (!article) return undefined;
  const tags = await tagsOf(db, id);
  return { article, tags };
}

export async function listForDesk(
  db: Executor,
  opts: { status?: string | null; q?: string | null; cursor?: string | null; limit?: number } = {},
) {
  const limit = Math.min(opts.limit ?? 25, 100);
  const cursor = decodeCursor(opts.cursor);
  let q = db
    .selectFrom("news_article")
    .leftJoin("app_user", "app_user.id", "news_article.updated_by")
    .select([
      "news_article.id",
      "news_article.slug",
      "news_article.title_en",
      "news_article.title_zh",
      "news_article.status",
      "news_article.publish_at",
      "news_article.published_at",
      "news_article.updated_at",
      "app_user.name as updated_by_name",
      cursorAt("news_article.updated_at").as("cursor_at"),
    ])
    .orderBy("news_article.updated_at", "desc")
    .orderBy("news_article.id", "desc")
    .limit(limit + 1);
  if (opts.status && (ARTICLE_STATUSES as readonly string[]).includes(opts.status))
    q = q.where("news_article.status", "=", opts.status);
  for (const term of searchTerms(opts.q ?? ""))
    q = q.where(sql<boolean>`news_article.search_text LIKE ${"%" + term + "%"}`);
  if (cursor) q = q.where(olderThan("news_article.updated_at", "news_article.id", cursor));
  return keysetPage(await q.execute(), limit);
}

export async function countByStatus(db: Executor) {
  const rows = await db
    .selectFrom("news_article")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<ArticleStatus, number>
  >;
}

export type TransitionResult =
  { ok: true } | { ok: false; error: "notFound" | "conflict" | "invalid" | "pastTime" };

/** A change of an article's status: from which states, what it sets, how it is audited. */
interface Step {
  from: readonly ArticleStatus[];
  set: (row: { published_at: Date | null }) => Record<string, unknown>;
  action: string;
  /** The audit details; by default the slug and the state it left. */
  details?: (row: { slug: string; status: string }) => Record<string, unknown>;
  /** More work in the same transaction, after the update and before the audit entry. */
  after?: (trx: Executor) => Promise<void>;
}

async function transition(
  db: DB,
  actor: NewsActor,
  id: string,
  version: number | null,
  step: Step,
  ip?: string | null,
): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("news_article")
      .select(["id", "status", "version", "published_at", "slug"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { ok: false, error: "notFound" } as const;
    if (version !== null && row.version !== version)
      return { ok: false, error: "conflict" } as const;
    if (!step.from.includes(row.status as ArticleStatus))
      return { ok: false, error: "invalid" } as const;
    await trx
      .updateTable("news_article")
      .set({
        ...step.set(row),
        updated_by: actor.id,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where("id", "=", id)
      .execute();
    await step.after?.(trx);
    await audit(trx, {
      actorId: actor.id,
      action: step.action,
      entityType: "news_article",
      entityId: id,
      details: step.details?.(row) ?? { slug: row.slug, from: row.status },
      ip,
    });
    return { ok: true } as const;
  });
}

/** A publishing step as a domain function (publishers only). */
function publishingStep(step: () => Step) {
  return async (
    db: DB,
    actor: NewsActor,
    id: string,
    version: number | null,
    ip?: string | null,
  ): Promise<TransitionResult> => {
    requireCan(actor, "publish:news:any");
    return transition(db, actor, id, version, step(), ip);
  };
}

export const publishArticle = publishingStep(() => {
  const now = new Date();
  return {
    from: ["draft", "scheduled", "archived"],
    set: () => ({ status: "published", published_at: now, publish_at: null }),
    action: "news.publish",
  };
});

export const unpublishArticle = publishingStep(() => ({
  from: ["published", "scheduled"],
  set: (r) => ({ status: "draft", publish_at: null, published_at: r.published_at }),
  action: "news.unpublish",
}));

export const archiveArticle = publishingStep(() => ({
  from: ["draft", "scheduled", "published"],
  set: () => ({ status: "archived", publish_at: null }),
  action: "news.archive",
}));

/**
 * Schedules publication at `at`: the article turns `scheduled` and a job is queued for that
 * time. Re-scheduling queues a new job; the old one finds a different time and does nothing.
 */
export async function scheduleArticle(
  db: DB,
  actor: NewsActor,
  id: string,
  version: number | null,
  at: Date,
  ip?: string | null,
  now = new Date(),
): Promise<TransitionResult> {
  requireCan(actor, "publish:news:any");
  if (at.getTime() <= now.getTime()) return { ok: false, error: "pastTime" };
  const publishAt = at.toISOString();
  return transition(
    db,
    actor,
    id,
    version,
    {
      from: ["draft", "scheduled", "archived"],
      set: () => ({ status: "scheduled", publish_at: at }),
      action: "news.schedule",
      details: (row) => ({ slug: row.slug, publishAt }),
      after: async (trx) => {
        await enqueue(
          trx,
          PUBLISH_TASK,
          { articleId: id, publishAt, actorId: actor.id },
          { runAt: at, jobKey: `news-publish:${id}:${publishAt}` },
        );
      },
    },
    ip,
  );
}

/**
 * The worker's task: publish a scheduled article if it is still scheduled for this very time
 * (re-checked under a row lock, so a re-scheduled or unpublished article is left alone and
 * nothing is published twice).
 */
export async function publishScheduledTask(
  db: DB,
  payload: Record<string, unknown>,
): Promise<void> {
  const id = String(payload.articleId ?? "");
  const publishAt = new Date(String(payload.publishAt ?? ""));
  if (!isUuid(id) || Number.isNaN(publishAt.getTime())) return;
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("news_article")
      .select(["status", "publish_at", "slug"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (
      !row ||
      row.status !== "scheduled" ||
      !row.publish_at ||
      row.publish_at.getTime() !== publishAt.getTime()
    )
      return;
    if (row.publish_at.getTime() > Date.now()) return;
    await trx
      .updateTable("news_article")
      .set({
        status: "published",
        published_at: row.publish_at,
        publish_at: null,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where("id", "=", id)
      .execute();
    const actorId =
      typeof payload.actorId === "string" && isUuid(payload.actorId) ? payload.actorId : null;
    await audit(trx, {
      actorId,
      action: "news.publish",
      entityType: "news_article",
      entityId: id,
      details: { slug: row.slug, scheduled: true },
    });
  });
}

export type CoverResult =
  { ok: true } | { ok: false; error: "empty" | "tooLarge" | "type" | "notFound" };

export async function setCover(
  db: DB,
  actor: NewsActor,
  id: string,
  file: { bytes: Uint8Array; filename: string; declaredType?: string },
): Promise<CoverResult> {
  requireCan(actor, "create:news:any");
  if (file.bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (file.bytes.byteLength > MAX_COVER_BYTES) return { ok: false, error: "tooLarge" };
  const type = sniffContentType(file.bytes);
  if (!type || !IMAGE_TYPES.includes(type)) return { ok: false, error: "type" };
  // Resized before the transaction opens: decoding an image is CPU work, not a database wait.
  const variants = await coverVariants(file.bytes);
  if (!variants) return { ok: false, error: "type" };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("news_article")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return { ok: false, error: "notFound" } as const;
    const stored = await storeCoverFiles(trx, actor.id, id, file.filename, variants);
    if (!stored.ok) return stored;
    await audit(trx, {
      actorId: actor.id,
      action: "news.cover",
      entityType: "news_article",
      entityId: id,
      details: { fileId: stored.coverId, thumbId: stored.thumbId },
    });
    return { ok: true } as const;
  });
}

/** Stores a cover and its thumbnail (made by coverVariants) and links them to the article. */
export async function storeCoverFiles(
  trx: Executor,
  actorId: string | null,
  articleId: string,
  filename: string,
  variants: { cover: Uint8Array; thumb: Uint8Array },
) {
  const base = filename.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "cover";
  const common = {
    allowedTypes: ["image/webp"],
    maxBytes: MAX_COVER_BYTES,
    uploadedBy: actorId,
    context: "news",
    ownerId: articleId,
  };
  const cover = await storeUpload(trx, {
    ...common,
    bytes: variants.cover,
    filename: `${base}.webp`,
  });
  if (!cover.ok) return cover;
  const thumb = await storeUpload(trx, {
    ...common,
    bytes: variants.thumb,
    filename: `${base}-thumb.webp`,
  });
  if (!thumb.ok) return thumb;
  await trx
    .updateTable("news_article")
    .set({
      cover_file_id: cover.file.id,
      cover_thumb_file_id: thumb.file.id,
      updated_at: new Date(),
    })
    .where("id", "=", articleId)
    .execute();
  return { ok: true, coverId: cover.file.id, thumbId: thumb.file.id } as const;
}

/** May this stored file be shown to anyone? Covers of published articles and space photos. */
export async function isPublicImage(db: Executor, fileId: string): Promise<boolean> {
  if (!isUuid(fileId)) return false;
  const cover = await db
    .selectFrom("news_article")
    .select("id")
    .where((eb) =>
      eb.or([eb("cover_file_id", "=", fileId), eb("cover_thumb_file_id", "=", fileId)]),
    )
    .where("status", "=", "published")
    .executeTakeFirst();
  if (cover) return true;
  const photo = await db
    .selectFrom("park_space")
    .select("id")
    .where("photo_file_id", "=", fileId)
    .executeTakeFirst();
  return !!photo;
}

// ---------------------------------------------------------------- taxonomy

async function auditTaxonomy(
  trx: Executor,
  actor: NewsActor,
  action: string,
  entityType: "news_category" | "news_tag",
  row: { id: string; slug?: string } | undefined,
) {
  if (row)
    await audit(trx, {
      actorId: actor.id,
      action,
      entityType,
      entityId: row.id,
      details: row.slug ? { slug: row.slug } : {},
    });
}

/**
 * Saves a category or a tag: updates the row `id` names, or inserts one (a slug already taken
 * saves nothing); the audit entry commits with it.
 */
async function saveTaxonomy(
  db: Executor,
  actor: NewsActor,
  kind: "category" | "tag",
  id: string | null | undefined,
  values: { slug: string; name_en: string; name_zh: string; position?: number },
) {
  requireCan(actor, "manage:news_taxonomy:any");
  if (id && !isUuid(id)) return;
  // Both tables share these columns; "news_category" stands for either in the types.
  const table = (kind === "category" ? "news_category" : "news_tag") as "news_category";
  await inTransaction(db, async (trx) => {
    const row = id
      ? await trx
          .updateTable(table)
          .set(values)
          .where("id", "=", id)
          .returning(["id", "slug"])
          .executeTakeFirst()
      : await trx
          .insertInto(table)
          .values(values)
          .onConflict((oc) => oc.column("slug").doNothing())
          .returning(["id", "slug"])
          .executeTakeFirst();
    await auditTaxonomy(trx, actor, `news.${kind}.save`, `news_${kind}`, row);
  });
}

export async function saveCategory(
  db: Executor,
  actor: NewsActor,
  input: { id?: string | null; slug: string; nameEn: string; nameZh: string; position?: number },
) {
  return saveTaxonomy(db, actor, "category", input.id, {
    slug: input.slug,
    name_en: input.nameEn,
    name_zh: input.nameZh,
    position: input.position ?? 0,
  });
}

export async function saveTag(
  db: Executor,
  actor: NewsActor,
  input: { id?: string | null; slug: string; nameEn: string; nameZh: string },
) {
  return saveTaxonomy(db, actor, "tag", input.id, {
    slug: input.slug,
    name_en: input.nameEn,
    name_zh: input.nameZh,
  });
}

export async function deleteTaxonomy(
  db: Executor,
  actor: NewsActor,
  kind: "category" | "tag",
  id: string,
) {
  requireCan(actor, "manage:news_taxonomy:any");
  if (!isUuid(id)) return;
  const table = kind === "category" ? "news_category" : "news_tag";
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom(table)
      .where("id", "=", id)
      .returning(["id", "slug"])
      .executeTakeFirst();
    await auditTaxonomy(trx, actor, `news.${kind}.delete`, table, row);
  });
}
