/**
 * Benchmark of the knowledge-base suggestions (issue 17, ADR 0030): seeds 10,000 published
 * bilingual articles (English and Chinese text from service word lists, 5 categories, their
 * search keys made by app/kb/search-keys.ts as the app makes them) into a scratch PostgreSQL
 * database with a progress bar on stderr, then times `suggestKb` (what /requests/suggest asks
 * the database for while a company types) for English and Chinese subjects, with and without a
 * service type. Prints p50 / p95 / p99 per case and PASS / FAIL against p95 < 50 ms, then
 * drops the database.
 *
 *   npx tsx bench/kb.ts
 *   BENCH_ARTICLES=10000 BENCH_ITERATIONS=200 npx tsx bench/kb.ts
 *   BENCH_KEEP=1 keeps the scratch database (portal_kb_bench)
 */
import { sql } from "kysely";
import type { DatabaseHandle } from "../db/client.server";
import { openBenchDatabase, progress } from "./lib/harness";
import { suggestKb } from "../app/kb/kb.server";
import { weightedKeys } from "../app/kb/search-keys";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const NAME = "portal_kb_bench";
const TARGET_MS = 50;

const EN = (
  "apply application permit work visa staff employee engineer international foreign talent " +
  "housing apartment lease office space lab rent repair maintenance air conditioning water " +
  "light door access card visitor parking registration licence address company branch " +
  "scope capital shareholder tax invoice subsidy policy grant funding investor loan bank " +
  "certification enterprise patent trademark copyright university research contract transfer " +
  "customs import export commodity code shipment broker graduate recruitment salary insurance " +
  "social security contract deadline documents form online review approval renewal change " +
  "cancel meeting event delegation training seminar report statistics energy electricity"
).split(" ");
const ZH = (
  "申请 许可 工作 签证 员工 工程 外籍 人才 住房 公寓 租赁 办公 空间 实验 租金 报修 维修 空调 " +
  "用水 照明 门禁 访客 停车 注册 执照 地址 公司 分支 经营 范围 资本 股东 税务 发票 补贴 政策 " +
  "资金 投资 贷款 银行 认定 企业 专利 商标 版权 高校 研究 合同 转让 海关 进口 出口 商品 编码 " +
  "货物 报关 毕业 招聘 薪酬 保险 社保 期限 材料 表格 在线 审核 批准 续期 变更 注销 会议 活动 " +
  "培训 讲座 报告 统计 能源 电力"
).split(" ");
const SUBJECTS_EN = [
  "How do I apply for a work permit for our new foreign engineer?",
  "The air conditioning in our office needs repair",
  "We want to change the registered address of our company",
  "Which subsidy policy can we apply for this year",
  "Customs commodity code for imported lab equipment",
];
const SUBJECTS_ZH = [
  "外籍工程师的工作许可怎么申请",
  "办公室空调坏了需要报修",
  "我们公司想变更注册地址",
  "今年可以申请哪些补贴政策",
  "进口实验设备的商品编码",
];

let seed = 42;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const words = (pool: string[], n: number, sep: string) =>
  Array.from({ length: n }, () => pool[Math.floor(rnd() * pool.length)]!).join(sep);

async function seedArticles(handle: DatabaseHandle) {
  const db = handle.db;
  const categories: string[] = [];
  for (let c = 1; c <= 5; c++)
    categories.push(
      (
        await db
          .insertInto("service_category")
          .values({ code: `bench-${c}`, name_en: `Category ${c}`, name_zh: `类别${c}` })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
  const CHUNK = 250;
  let keyRows = 0;
  for (let start = 0; start < ARTICLES; start += CHUNK) {
    const articles = [];
    const keys: { key: string; article_id: string; weight: number }[] = [];
    for (let i = start; i < Math.min(ARTICLES, start + CHUNK); i++) {
      const id = crypto.randomUUID();
      const a = {
        id,
        slug: `bench-${i}`,
        title_en: words(EN, 6, " "),
        title_zh: words(ZH, 5, ""),
        body_en: words(EN, 60, " "),
        body_zh: words(ZH, 45, ""),
        category_id: categories[i % categories.length]!,
        status: "published",
        published_at: new Date(Date.now() - i * 60_000),
      };
      articles.push(a);
      for (const [key, weight] of weightedKeys(
        `${a.title_en} ${a.title_zh}`,
        `${a.body_en}\n${a.body_zh}`,
      ))
        keys.push({ key, article_id: id, weight });
    }
    await db.insertInto("kb_article").values(articles).execute();
    for (let k = 0; k < keys.length; k += 5000)
      await db
        .insertInto("kb_search_key")
        .values(keys.slice(k, k + 5000))
        .execute();
    keyRows += keys.length;
    progress(
      `seeding ${ARTICLES.toLocaleString("en")} articles`,
      start + articles.length,
      ARTICLES,
    );
  }
  await sql`VACUUM ANALYZE`.execute(db);
  return keyRows;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const bench = await openBenchDatabase(NAME, { reuse: false });
  const handle = bench.handle;
  let failed = false;
  try {
    const keyRows = await seedArticles(handle);
    const db = handle.db;
    const typeId = (await db.selectFrom("service_type").select("id").executeTakeFirst())?.id;
    const cases = [
      { name: "English subject", subjects: SUBJECTS_EN, typeId: null },
      { name: "English subject + type", subjects: SUBJECTS_EN, typeId: typeId ?? null },
      { name: "Chinese subject", subjects: SUBJECTS_ZH, typeId: null },
      { name: "Chinese subject + type", subjects: SUBJECTS_ZH, typeId: typeId ?? null },
    ];
    console.log(
      `\n${ARTICLES.toLocaleString("en")} published articles, ${keyRows.toLocaleString("en")} search keys; ${ITERATIONS} runs per case\n`,
    );
    console.log("case                       p50 ms   p95 ms   p99 ms   hits  result");
    for (const c of cases) {
      // Warm up, then measure.
      for (const s of c.subjects) await suggestKb(db, { subject: s, typeId: c.typeId });
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const subject = c.subjects[i % c.subjects.length]!;
        const t0 = performance.now();
        const rows = await suggestKb(db, { subject, typeId: c.typeId });
        times.push(performance.now() - t0);
        hits += rows.length ? 1 : 0;
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      const pass = p95 < TARGET_MS;
      failed ||= !pass;
      console.log(
        `${c.name.padEnd(26)} ${percentile(times, 50).toFixed(1).padStart(6)}   ${p95.toFixed(1).padStart(6)}   ${percentile(times, 99).toFixed(1).padStart(6)}   ${String(hits).padStart(4)}  ${pass ? "PASS" : "FAIL"} (p95 < ${TARGET_MS} ms)`,
      );
    }
  } finally {
    await handle.close();
    await bench.drop();
  }
  process.exit(failed ? 1 : 0);
}

await main();
