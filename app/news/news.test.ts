import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertStaff } from "../../tests/support/factories";
import { runDueJobs } from "~/jobs/queue.server";
import { taskHandlers } from "~/jobs/tasks.server";
import { Forbidden } from "~/lib/result";
import { rssFeed, sitemap } from "./feeds.server";
import {
  createArticle,
  getPublishedArticle,
  listPublished,
  cjkBigrams,
  publishArticle,
  scheduleArticle,
  unpublishArticle,
  updateArticle,
  type NewsActor,
} from "./news.server";

let t: TestDatabase;
let staff: NewsActor;
let outsider: NewsActor;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
  outsider = await insertCompanyMember(t.db);
});
afterAll(() => t.close());

describe("news desk", () => {
  it("publishing needs publish:news:any; staff may, a company owner may not", async () => {
    await expect(createArticle(t.db, outsider, { titleEn: "Nope" })).rejects.toBeInstanceOf(
      Forbidden,
    );
    const { id, slug } = await createArticle(t.db, staff, { titleEn: "Permission check article" });
    expect(slug).toBe("permission-check-article");
    await expect(publishArticle(t.db, outsider, id, null)).rejects.toBeInstanceOf(Forbidden);
    expect(await getPublishedArticle(t.db, slug)).toBeUndefined();
    expect(await publishArticle(t.db, staff, id, null)).toEqual({ ok: true });
    expect((await getPublishedArticle(t.db, slug))?.article.id).toBe(id);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audits.map((a) => a.action)).toContain("news.publish");
    expect(await unpublishArticle(t.db, staff, id, null)).toEqual({ ok: true });
    expect(await getPublishedArticle(t.db, slug)).toBeUndefined();
    const after = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(after.map((a) => a.action)).toContain("news.unpublish");
  });

  it("gives duplicate titles distinct slugs and keeps a slug once published", async () => {
    const a = await createArticle(t.db, staff, { titleEn: "Same title" });
    const b = await createArticle(t.db, staff, { titleEn: "Same title" });
    expect(a.slug).toBe("same-title");
    expect(b.slug).toBe("same-title-2");
    const zhOnly = await createArticle(t.db, staff, { titleZh: "只有中文" });
    expect(zhOnly.slug).toMatch(/^news-[0-9a-f]{8}$/);
    await publishArticle(t.db, staff, a.id, null);
    const v = (
      await t.db
        .selectFrom("news_article")
        .select("version")
        .where("id", "=", a.id)
        .executeTakeFirstOrThrow()
    ).version;
    expect(
      await updateArticle(t.db, staff, a.id, v, { titleEn: "Same title", slug: "other-slug" }),
    ).toEqual({ ok: false, error: "slugLocked" });
  });

  it("optimistic locking: the second save with a stale version is refused and changes nothing", async () => {
    const { id } = await createArticle(t.db, staff, { titleEn: "Locking", bodyEn: "original" });
    const first = await updateArticle(t.db, staff, id, 1, {
      titleEn: "Locking",
      bodyEn: "first editor",
    });
    expect(first).toEqual({ ok: true, id, version: 2 });
    const second = await updateArticle(t.db, staff, id, 1, {
      titleEn: "Locking",
      bodyEn: "second editor",
    });
    expect(second).toEqual({ ok: false, error: "conflict" });
    const row = await t.db
      .selectFrom("news_article")
      .select(["body_en", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ body_en: "first editor", version: 2 });
    expect(await publishArticle(t.db, staff, id, 1)).toEqual({ ok: false, error: "conflict" });
  });

  it("scheduling: the worker publishes at the time, once; re-scheduling leaves the old job idle", async () => {
    const { id, slug } = await createArticle(t.db, staff, { titleEn: "Scheduled piece" });
    const soon = new Date(Date.now() + 60_000);
    expect(await scheduleArticle(t.db, staff, id, null, new Date(Date.now() - 1000))).toEqual({
      ok: false,
      error: "pastTime",
    });
    expect(await scheduleArticle(t.db, staff, id, null, soon)).toEqual({ ok: true });
    const later = new Date(Date.now() + 120_000);
    expect(await scheduleArticle(t.db, staff, id, null, later)).toEqual({ ok: true });
    // Nothing is due yet.
    await runDueJobs(t.db, { handlers: taskHandlers });
    expect(await getPublishedArticle(t.db, slug)).toBeUndefined();
    // Time passes: make both jobs due; the first is for a time no longer scheduled.
    await sql`UPDATE job SET run_at = now() - interval '1 second' WHERE task = 'news-publish' AND payload->>'articleId' = ${id}`.execute(
      t.db,
    );
    await sql`UPDATE news_article SET publish_at = ${new Date(Date.now() - 500)} WHERE id = ${id}`.execute(
      t.db,
    );
    const jobs = await t.db
      .selectFrom("job")
      .select(["payload"])
      .where("task", "=", "news-publish")
      .execute();
    const latest = jobs
      .map((j) => j.payload as { articleId: string; publishAt: string })
      .filter((p) => p.articleId === id);
    expect(latest).toHaveLength(2);
    // Point the article at the second job's time (what the re-schedule set), now in the past.
    const secondAt = new Date(latest.map((p) => p.publishAt).sort()[1]!);
    await sql`UPDATE news_article SET publish_at = ${secondAt} WHERE id = ${id}`.execute(t.db);
    await sql`UPDATE job SET payload = jsonb_set(payload, '{publishAt}', to_jsonb(${secondAt.toISOString()}::text)) WHERE payload->>'publishAt' = ${secondAt.toISOString()}`.execute(
      t.db,
    );
    // The task also checks the time has come: move the scheduled time to the past.
    const past = new Date(Date.now() - 1000);
    await sql`UPDATE news_article SET publish_at = ${past} WHERE id = ${id}`.execute(t.db);
    await sql`UPDATE job SET payload = jsonb_set(payload, '{publishAt}', to_jsonb(${past.toISOString()}::text)) WHERE payload->>'publishAt' = ${secondAt.toISOString()}`.execute(
      t.db,
    );
    await runDueJobs(t.db, { handlers: taskHandlers });
    await runDueJobs(t.db, { handlers: taskHandlers });
    const published = await getPublishedArticle(t.db, slug);
    expect(published?.article.published_at?.getTime()).toBe(past.getTime());
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .where("action", "=", "news.publish")
      .execute();
    expect(audits).toHaveLength(1);
    const pending = await t.db
      .selectFrom("job")
      .select("id")
      .where("task", "=", "news-publish")
      .where("completed_at", "is", null)
      .execute();
    expect(pending).toHaveLength(0);
  });
});

describe("public news", () => {
  it("searches English and Chinese text, and pages with a keyset cursor", async () => {
    const a = await createArticle(t.db, staff, {
      titleEn: "Sustainable development rises",
      titleZh: "可持续发展能力升至第四",
      bodyZh: "紫竹高新区的可持续发展能力排名上升。",
    });
    const b = await createArticle(t.db, staff, {
      titleEn: "Talent services",
      titleZh: "人才服务",
      bodyEn: "Work permits and visas for international staff.",
    });
    await publishArticle(t.db, staff, a.id, null);
    await publishArticle(t.db, staff, b.id, null);
    expect((await listPublished(t.db, { q: "sustainable" })).items.map((i) => i.id)).toEqual([
      a.id,
    ]);
    expect((await listPublished(t.db, { q: "可持续" })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listPublished(t.db, { q: "紫竹" })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listPublished(t.db, { q: "人才" })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await listPublished(t.db, { q: "VISAS" })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await listPublished(t.db, { q: "100%_" })).items).toEqual([]);
    const first = await listPublished(t.db, { limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = await listPublished(t.db, { limit: 1, cursor: first.nextCursor });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it("writes RSS 2.0 and a sitemap that are well-formed XML with the published articles", async () => {
    const { id, slug } = await createArticle(t.db, staff, {
      titleEn: "Feed <test> & more",
      titleZh: "订阅测试",
    });
    await publishArticle(t.db, staff, id, null);
    const rss = await rssFeed(t.db, "en", "https://portal.example");
    expect(rss).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect(rss).toContain("<title>Feed &lt;test&gt; &amp; more</title>");
    expect(rss).toContain(`<link>https://portal.example/news/${slug}?lang=en</link>`);
    expect(rss).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    const zh = await rssFeed(t.db, "zh-CN", "https://portal.example");
    expect(zh).toContain("<language>zh-cn</language>");
    expect(zh).toContain("<title>订阅测试</title>");
    for (const xml of [rss, zh]) {
      const channel = xml.match(/<channel>([\s\S]*)<\/channel>/)![1]!;
      expect(channel).toMatch(/<title>[^<]+<\/title>/);
      expect(channel).toMatch(/<link>[^<]+<\/link>/);
      expect(channel).toMatch(/<description>[^<]*<\/description>/);
      expect(xml.match(/<item>/g)?.length).toBe(xml.match(/<\/item>/g)?.length);
      expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    }
    const map = await sitemap(t.db, "https://portal.example");
    expect(map).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(map).toContain(`<loc>https://portal.example/news/${slug}</loc>`);
    expect(map).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/lastmod>/);
    expect(map.match(/<url>/g)?.length).toBe(map.match(/<\/url>/g)?.length);
  });
});

describe("news search at scale", () => {
  it("cuts Chinese text into the same bigrams in the database and in the app", async () => {
    const text = "紫竹高新区 AI 芯片，量子。园 x";
    const { rows } = await sql<{
      b: string[];
    }>`SELECT cjk_bigrams(${text}) AS b`.execute(t.db);
    expect([...rows[0]!.b].sort()).toEqual([...cjkBigrams(text)].sort());
    expect(cjkBigrams(text).sort()).toEqual(
      ["紫竹", "竹高", "高新", "新区", "芯片", "量子", "园"].sort(),
    );
  });

  it("finds the same articles, in the same order, whether the newest window or the indexes answer", async () => {
    const made: string[] = [];
    const texts = [
      { titleEn: "Quantum sensing lab opens", titleZh: "量子传感实验室开放" },
      { titleEn: "Chip design forum", titleZh: "芯片设计论坛", bodyZh: "量子计算与芯片。" },
      { titleEn: "Spring festival notice", titleZh: "春节通知" },
      { titleEn: "Quantum computing talk", bodyEn: "A talk on qubits." },
      { titleZh: "芯片人才计划", bodyZh: "面向芯片企业。" },
      { titleEn: "Green campus", titleZh: "绿色校园", bodyZh: "芯 片 分开写不算。" },
    ];
    for (const input of texts) {
      const { id } = await createArticle(t.db, staff, input);
      await publishArticle(t.db, staff, id, null);
      made.push(id);
    }
    const ours = (ids: string[]) => ids.filter((id) => made.includes(id));
    const all = async (q: string, searchWindow?: number) => {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listPublished(t.db, { q, limit: 2, cursor, searchWindow });
        found.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ours(found);
    };
    const newestFirst = [...made].reverse();
    const expected = {
      量子: [made[1]!, made[0]!],
      芯片: [made[4]!, made[1]!],
      quantum: [made[3]!, made[0]!],
      "芯片 量子": [made[1]!],
      量子传感: [made[0]!],
    };
    for (const [q, ids] of Object.entries(expected)) {
      const want = newestFirst.filter((id) => ids.includes(id));
      for (const w of [1, 2, 3, 1000]) expect([q, w, await all(q, w)]).toEqual([q, w, want]);
    }
  });

  it("pages past articles published in the same millisecond", async () => {
    const at = new Date("2021-03-04T05:06:07.089Z");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await createArticle(t.db, staff, { titleEn: `Same moment ${i}` });
      await t.db
        .updateTable("news_article")
        .set({ status: "published", published_at: at })
        .where("id", "=", id)
        .execute();
      ids.push(id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPublished(t.db, { q: "same moment", limit: 1, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });
});
