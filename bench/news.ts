/**
 * Benchmark of the public news list and search (issue 3): seeds 100,000 bilingual articles
 * (English and Chinese text built from word lists, 8 categories, 30 tags, ten years of dates,
 * a few drafts and scheduled ones) into a scratch PostgreSQL database with a progress bar on
 * stderr, then times what the /news loader asks the database for: listPublished (one page of
 * ten, keyset) plus listCategories and listTags, through the domain functions in
 * app/news/news.server.ts. The loader does nothing else heavy (a session lookup for signed-in
 * visitors; anonymous here), so this is the page's database cost without React rendering.
 *
 * Cases: first page, a deep keyset page (~90,000 articles in), category filter, tag filter,
 * a tag filter deep page, English search (a common, a 1-in-40 and a rare word), Chinese search
 * (a common two-character word, a 1-in-40 one and a rare three-character word). Prints p50 / p95 / p99 per case and
 * PASS / FAIL against p95 < 50 ms, then drops the database.
 *
 *   npx tsx bench/news.ts
 *   BENCH_ARTICLES=100000 BENCH_ITERATIONS=200 npx tsx bench/news.ts
 *   BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
 *   BENCH_KEEP=1 keeps the scratch database (portal_news_bench);
 *   BENCH_REUSE=1 measures a kept one again without seeding (with BENCH_KEEP=1 to keep it still).
 */
import { sql } from "kysely";
import os from "node:os";
import type { DatabaseHandle } from "../db/client.server";
import { openBenchDatabase, progress } from "./lib/harness";
import { encodeCursor } from "../app/lib/cursor.server";
import { listCategories, listPublished, listTags, type ListOptions } from "../app/news/news.server";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const NAME = "portal_news_bench";
const CHUNK = 5_000;

// Word pools. The rare words below are put into about 1 in 500 articles on purpose.
const EN_WORDS = (
  "park innovation company startup research laboratory semiconductor software biology medicine " +
  "digital platform investment policy subsidy talent university campus incubator accelerator " +
  "artificial intelligence robotics sensor battery energy vehicle chip design cloud data " +
  "security network service finance market export patent award ranking national evaluation " +
  "shanghai minhang zizhu district government forum conference exhibition launch partnership " +
  "agreement funding venture capital growth team engineer scientist student graduate office " +
  "space building construction green carbon environment water transport metro road bridge " +
  "community culture sport health hospital school library museum festival spring summer autumn " +
  "winter annual report quarter revenue employment training workshop seminar lecture visit " +
  "delegation minister mayor director manager founder chairman product prototype factory " +
  "manufacturing supply logistics quality standard certificate license registration tax"
).split(" ");
const ZH_WORDS = (
  "园区 创新 企业 创业 研究 实验 芯片 软件 生物 医药 数字 平台 投资 政策 补贴 人才 大学 校园 " +
  "孵化 加速 智能 机器 传感 电池 能源 汽车 设计 数据 安全 网络 服务 金融 市场 出口 专利 奖项 " +
  "排名 国家 评价 上海 闵行 紫竹 政府 论坛 会议 展览 发布 合作 协议 资金 创投 增长 团队 工程 " +
  "科学 学生 毕业 办公 空间 建设 绿色 低碳 环境 交通 地铁 道路 社区 文化 体育 健康 医院 学校 " +
  "图书 博物 春季 夏季 秋季 冬季 年度 报告 季度 收入 就业 培训 讲座 参观 代表 市长 主任 经理 " +
  "创始 产品 样机 工厂 制造 供应 物流 质量 标准 证书 许可 注册 税收"
).split(" ");
const RARE_EN = "graphene";
const RARE_ZH = "石墨烯";
// And two words of middling frequency (1 in 40 articles): too rare to fill a page from the
// newest articles, too common to be cheap through an index. The hardest case for search.
const MID_EN = "quantum";
const MID_ZH = "量子";
const CATEGORIES = 8;
const TAGS = 30;

async function seed(handle: DatabaseHandle) {
  const db = handle.db;
  await sql`
    INSERT INTO news_category (slug, name_en, name_zh, position)
    SELECT 'bench-category-' || g, 'Category ' || g, '栏目' || g, g FROM generate_series(1, ${CATEGORIES}::int) g`.execute(
    db,
  );
  await sql`
    INSERT INTO news_tag (slug, name_en, name_zh)
    SELECT 'bench-tag-' || g, 'Tag ' || g, '标签' || g FROM generate_series(1, ${TAGS}::int) g`.execute(
    db,
  );
  const categoryIds = (
    await sql<{
      id: string;
    }>`SELECT id FROM news_category WHERE slug LIKE 'bench-%' ORDER BY position`.execute(db)
  ).rows.map((r) => r.id);
  const tagIds = (
    await sql<{
      id: string;
    }>`SELECT id FROM news_tag WHERE slug LIKE 'bench-%' ORDER BY slug`.execute(db)
  ).rows.map((r) => r.id);
  await db.connection().execute(async (conn) => {
    await sql`SET statement_timeout = 0`.execute(conn);
    await sql`SET maintenance_work_mem = '256MB'`.execute(conn);
    await sql`SELECT setseed(0.42)`.execute(conn);
    // Bulk load without the secondary indexes of news_article, then build them again exactly
    // as the migrations defined them (much faster than maintaining GIN indexes row by row).
    const indexes = (
      await sql<{ name: string; def: string }>`
        SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.tablename = 'news_article' AND NOT x.indisunique`.execute(conn)
    ).rows;
    for (const ix of indexes) await sql`DROP INDEX ${sql.id(ix.name)}`.execute(conn);
    for (let start = 1; start <= ARTICLES; start += CHUNK) {
      const end = Math.min(ARTICLES, start + CHUNK - 1);
      // Words are drawn at random from the pools; every 500th article mentions the rare words.
      // About 3% are drafts or scheduled (not public); some lack one of the two languages.
      await sql`
        WITH ins AS (
        INSERT INTO news_article (id, slug, category_id, status, title_en, summary_en, body_en,
          title_zh, summary_zh, body_zh, publish_at, published_at, created_at, updated_at)
        SELECT gen_random_uuid(), 'bench-article-' || g,
          (${categoryIds}::uuid[])[1 + g % ${CATEGORIES}::int],
          st.status,
          CASE WHEN g % 17 = 0 THEN NULL ELSE initcap(w.en_title) END,
          CASE WHEN g % 17 = 0 THEN NULL ELSE w.en_summary END,
          CASE WHEN g % 17 = 0 THEN NULL ELSE w.en_body || CASE WHEN g % 500 = 7 THEN ${" " + RARE_EN} WHEN g % 40 = 9 THEN ${" " + MID_EN} ELSE '' END END,
          CASE WHEN g % 13 = 0 AND g % 17 <> 0 THEN NULL ELSE w.zh_title END,
          CASE WHEN g % 13 = 0 AND g % 17 <> 0 THEN NULL ELSE w.zh_summary END,
          CASE WHEN g % 13 = 0 AND g % 17 <> 0 THEN NULL ELSE w.zh_body || CASE WHEN g % 500 = 11 THEN ${RARE_ZH} WHEN g % 40 = 13 THEN ${MID_ZH} ELSE '' END END,
          CASE WHEN st.status = 'scheduled' THEN now() + interval '3 days' END,
          CASE WHEN st.status = 'published' THEN d.at END,
          d.at, d.at
        FROM generate_series(${start}::int, ${end}::int) g,
          LATERAL (SELECT CASE WHEN g % 50 = 3 THEN 'draft' WHEN g % 100 = 5 THEN 'scheduled' ELSE 'published' END AS status) st,
          -- Dates spread over ten years, per row (g), at millisecond precision like the app writes.
          LATERAL (SELECT date_trunc('milliseconds', now() - make_interval(days => ((g::bigint * 7919) % 3650)::int, secs => ((g::bigint * 104729) % 86400000) / 1000.0)) AS at) d,
          LATERAL (SELECT
            (SELECT string_agg((${EN_WORDS}::text[])[1 + (random() * ${EN_WORDS.length - 1})::int], ' ') FROM generate_series(1, 7 + g % 3) i WHERE i > 0 AND g > 0) AS en_title,
            (SELECT string_agg((${EN_WORDS}::text[])[1 + (random() * ${EN_WORDS.length - 1})::int], ' ') FROM generate_series(1, 25) i WHERE i > 0 AND g > 0) AS en_summary,
            (SELECT string_agg((${EN_WORDS}::text[])[1 + (random() * ${EN_WORDS.length - 1})::int], ' ') FROM generate_series(1, 120) i WHERE i > 0 AND g > 0) AS en_body,
            (SELECT string_agg((${ZH_WORDS}::text[])[1 + (random() * ${ZH_WORDS.length - 1})::int], '') FROM generate_series(1, 8 + g % 3) i WHERE i > 0 AND g > 0) AS zh_title,
            (SELECT string_agg((${ZH_WORDS}::text[])[1 + (random() * ${ZH_WORDS.length - 1})::int], '') || '。' FROM generate_series(1, 30) i WHERE i > 0 AND g > 0) AS zh_summary,
            (SELECT string_agg((${ZH_WORDS}::text[])[1 + (random() * ${ZH_WORDS.length - 1})::int], CASE WHEN i % 12 = 0 THEN '。' ELSE '' END) FROM generate_series(1, 150) i WHERE i > 0 AND g > 0) AS zh_body
          ) w
        RETURNING id, substring(slug FROM 15)::int AS g)
        -- Two or three tags per article.
        INSERT INTO news_article_tag (article_id, tag_id)
        SELECT DISTINCT ins.id, (${tagIds}::uuid[])[1 + t.k]
        FROM ins, LATERAL (VALUES (ins.g % ${TAGS}::int), ((ins.g * 7 + 3) % ${TAGS}::int),
          (CASE WHEN ins.g % 3 = 0 THEN (ins.g * 11 + 5) % ${TAGS}::int END)) t(k)
        WHERE t.k IS NOT NULL`.execute(conn);
      progress(`seeding ${ARTICLES.toLocaleString("en")} articles`, end, ARTICLES);
    }
    for (const [i, ix] of indexes.entries()) {
      await sql.raw(ix.def).execute(conn);
      progress("building indexes", i + 1, indexes.length);
    }
  });
  await sql`VACUUM ANALYZE`.execute(db);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function cases(handle: DatabaseHandle): Promise<{ name: string; opts: ListOptions }[]> {
  const db = handle.db;
  // The cursor ~90% of the way down the public list, as "next page" links would reach it.
  const at = sql.raw(`to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
  const deep = await sql<{ id: string; published_at: string }>`
    SELECT id, ${at} AS published_at FROM news_article WHERE status = 'published'
    ORDER BY published_at DESC, id DESC OFFSET ${Math.floor(ARTICLES * 0.9)} LIMIT 1`.execute(db);
  const deepRow = deep.rows[0]!;
  const tagDeep = await sql<{ id: string; published_at: string }>`
    SELECT a.id, ${at} AS published_at FROM news_article a
    JOIN news_article_tag at ON at.article_id = a.id JOIN news_tag t ON t.id = at.tag_id
    WHERE a.status = 'published' AND t.slug = 'bench-tag-5'
    ORDER BY a.published_at DESC, a.id DESC OFFSET ${Math.floor(ARTICLES * 0.05)} LIMIT 1`.execute(
    db,
  );
  const tagRow = tagDeep.rows[0]!;
  return [
    { name: "first page", opts: {} },
    {
      name: "deep keyset page (~90% down)",
      opts: { cursor: encodeCursor({ at: deepRow.published_at, id: deepRow.id }) },
    },
    { name: "category filter", opts: { category: "bench-category-3" } },
    { name: "tag filter", opts: { tag: "bench-tag-5" } },
    {
      name: "tag filter, deep page",
      opts: {
        tag: "bench-tag-5",
        cursor: encodeCursor({ at: tagRow.published_at, id: tagRow.id }),
      },
    },
    { name: "search en common (robotics)", opts: { q: "robotics" } },
    { name: `search en 1 in 40 (${MID_EN})`, opts: { q: MID_EN } },
    { name: `search en rare (${RARE_EN})`, opts: { q: RARE_EN } },
    { name: "search zh 2 chars (芯片)", opts: { q: "芯片" } },
    { name: `search zh 1 in 40 (${MID_ZH})`, opts: { q: MID_ZH } },
    { name: `search zh rare 3 chars (${RARE_ZH})`, opts: { q: RARE_ZH } },
    { name: "search zh + category (紫竹)", opts: { q: "紫竹", category: "bench-category-2" } },
  ];
}

async function measure(handle: DatabaseHandle) {
  const db = handle.db;
  const list = await cases(handle);
  const loader = async (opts: ListOptions) => {
    // What the /news loader asks the database for, one after another as it does.
    const page = await listPublished(db, { ...opts, limit: 10 });
    await listCategories(db);
    await listTags(db);
    return page;
  };
  const results: { name: string; hits: number; p50: number; p95: number; p99: number }[] = [];
  for (const c of list) {
    const first = await loader(c.opts);
    for (let i = 0; i < 10; i++) await loader(c.opts); // warm-up
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      await loader(c.opts);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({
      name: c.name,
      hits: first.items.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
    });
    progress("measuring", results.length, list.length);
  }
  return results;
}

const reuse = !!process.env.BENCH_REUSE;
const bench = await openBenchDatabase(NAME, { reuse });
const handle = bench.handle;
let failed = false;
try {
  const started = performance.now();
  if (!reuse) await seed(handle);
  const count = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM news_article WHERE status = 'published'`.execute(handle.db);
  process.stderr.write(
    `  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (${count.rows[0]!.n.toLocaleString("en")} published)\n`,
  );
  const loadBefore = os.loadavg()[0]!;
  const results = await measure(handle);
  const loadAfter = os.loadavg()[0]!;
  console.log(
    `\n/news loader queries (listPublished limit 10 + listCategories + listTags), ${ARTICLES.toLocaleString("en")} articles, ${ITERATIONS} runs per case:`,
  );
  console.log(
    "case".padEnd(36),
    "rows".padStart(5),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "p99 ms".padStart(8),
    "  p95 < 50 ms",
  );
  for (const r of results) {
    const ok = r.p95 < 50;
    if (!ok) failed = true;
    console.log(
      r.name.padEnd(36),
      String(r.hits).padStart(5),
      r.p50.toFixed(2).padStart(8),
      r.p95.toFixed(2).padStart(8),
      r.p99.toFixed(2).padStart(8),
      ok ? "  PASS" : "  FAIL",
    );
  }
  console.log(
    `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after measuring, ${os.cpus().length} cores`,
  );
  console.log(failed ? "FAIL" : "PASS");
} finally {
  await handle.close();
  await bench.drop();
}
process.exitCode = failed ? 1 : 0;
