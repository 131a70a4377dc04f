/**
 * Benchmark of company statistics (issue 14, ADRs 0033 and 0043): seeds 5,000 companies and
 * ten years of monthly reports (600,000 reports with their submissions: most accepted, some
 * returned, some late, the latest month still coming in) into a scratch PostgreSQL database,
 * with a progress bar on stderr; precomputes the indicators as the portal does
 * (`rebuildIndicators`); then times what the statistics pages ask the database for: the park
 * dashboard (`parkDashboard`, for the latest month, an older one and each kind of indicator) and
 * a period's list of late reports (`periodReports`, first page and filtered). Prints p50 / p95
 * / p99 per case and PASS / FAIL against p95 < 100 ms, then drops the database.
 *
 *   npx tsx bench/statistics.ts
 *   BENCH_COMPANIES=5000 BENCH_YEARS=10 BENCH_ITERATIONS=100 npx tsx bench/statistics.ts
 *   BENCH_KEEP=1 keeps the scratch database (portal_statistics_bench);
 *   BENCH_REUSE=1 times a kept one again without seeding it anew
 */
import { sql } from "kysely";
import type { DatabaseHandle } from "../db/client.server";
import { adminStatement, openBenchDatabase, progress, reportCases } from "./lib/harness";
import { parkDashboard } from "../app/statistics/dashboard.server";
import { STANDARD_FORM } from "../app/statistics/forms";
import { rebuildIndicators } from "../app/statistics/indicators.server";
import { periodReports } from "../app/statistics/reports.server";
import { INDUSTRY_SLUGS } from "../app/companies/schema";
import { insertGeneratedReports } from "../db/seed/demo-statistics.server";

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 5_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 10);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const NAME = "portal_statistics_bench";
const TARGET_MS = 100;
const TODAY = "2026-12-05";
const REUSE = !!process.env.BENCH_REUSE;

async function seedCompanies(handle: DatabaseHandle) {
  const industries = `{${INDUSTRY_SLUGS.join(",")}}`;
  const sizes = "{1-9,10-49,10-49,50-249,50-249,250-999,1000+}";
  for (let start = 0; start < COMPANIES; start += 1000) {
    const end = Math.min(COMPANIES, start + 1000);
    await sql`
      INSERT INTO company (name_en, name_zh, industry, size, is_resident, resident_since)
      SELECT 'Bench Company ' || lpad(g::text, 5, '0'), '基准企业' || lpad(g::text, 5, '0'),
        (${industries}::text[])[1 + g % ${INDUSTRY_SLUGS.length}],
        (${sizes}::text[])[1 + g % 7], true, now() - interval '11 years'
      FROM generate_series(${start}::int, ${end - 1}::int) g
    `.execute(handle.db);
    progress(`seeding ${COMPANIES.toLocaleString("en")} companies`, end, COMPANIES);
  }
}

/**
 * The form and one monthly period a month for YEARS years, ending last month; then, period by
 * period, a report per company as the demo data makes them (`insertGeneratedReports`: figures
 * by company size with growth and noise; most accepted, the last month still coming in, the
 * month before with some late and returned).
 */
async function seedReports(handle: DatabaseHandle, statsId: string) {
  const db = handle.db;
  const form = await db
    .insertInto("report_form")
    .values({
      code: "monthly-bench",
      name_en: "Monthly key indicators",
      name_zh: "月度主要经济指标",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("report_form_version")
    .values({
      form_id: form.id,
      version: 1,
      fields: JSON.stringify(STANDARD_FORM.fields),
      checks: JSON.stringify(STANDARD_FORM.checks),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const months = YEARS * 12;
  const companyIds = (await db.selectFrom("company").select("id").execute()).map((c) => c.id);
  for (let k = 0; k < months; k++) {
    const latest = k === months - 1;
    const period = await sql<{ id: string }>`
      INSERT INTO report_period (form_version_id, kind, label, starts_on, ends_on, due_on,
        audience, opened_by, opened_at)
      SELECT ${version.id}::uuid, 'month', to_char(s, 'YYYY-MM'), s,
        (s + interval '1 month - 1 day')::date, (s + interval '1 month 14 days')::date, 'all',
        ${statsId}::uuid, s + interval '1 month'
      FROM (SELECT (date_trunc('month', ${TODAY}::date) - make_interval(months => ${months - k}))::date AS s) x
      RETURNING id
    `.execute(db);
    const periodId = period.rows[0]!.id;
    await insertGeneratedReports(db, {
      periodId,
      index: k,
      months: 1,
      stage: latest ? "latest" : k === months - 2 ? "recent" : "closed",
      companyIds,
      staffId: statsId,
    });
    progress(`seeding ${months} months x ${COMPANIES.toLocaleString("en")} reports`, k + 1, months);
  }
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  const bench = await openBenchDatabase(NAME, { reuse: REUSE });
  const handle = bench.handle;
  let failed = false;
  try {
    const db = handle.db;
    let rebuildSeconds = NaN;
    if (!REUSE) {
      const stats = await db
        .insertInto("app_user")
        .values({
          email: "stats@bench.example",
          name: "Statistics",
          password_hash: "x",
          locale: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("user_role").values({ user_id: stats.id, role: "statistics" }).execute();
      await seedCompanies(handle);
      await seedReports(handle, stats.id);
      const started = performance.now();
      await rebuildIndicators(db, (done, total) =>
        progress("precomputing indicators", done, total),
      );
      rebuildSeconds = (performance.now() - started) / 1000;
      await adminStatement("VACUUM ANALYZE", bench.url);
    }
    const stats = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", "stats@bench.example")
      .executeTakeFirstOrThrow();
    const viewer = { id: stats.id, roles: ["statistics" as const], company: null };
    const counts = await sql<{ reports: string; contributions: string }>`
      SELECT (SELECT count(*) FROM report) AS reports,
             (SELECT count(*) FROM indicator_company) AS contributions
    `.execute(db);
    const periods = await db
      .selectFrom("report_period")
      .select("id")
      .orderBy("starts_on", "desc")
      .execute();
    const latest = periods[0]!.id;
    const older = periods[Math.min(periods.length - 1, 30)]!.id;
    const late = periods[1]!.id;
    const meta = { ip: null, today: TODAY };
    const cases: [string, () => Promise<unknown>][] = [
      ["dashboard, latest month", () => parkDashboard(db, viewer, {}, meta)],
      [
        "dashboard, growth indicator",
        () => parkDashboard(db, viewer, { indicator: "revenue_growth" }, meta),
      ],
      [
        "dashboard, sum indicator",
        () => parkDashboard(db, viewer, { indicator: "foreign_experts" }, meta),
      ],
      [
        "dashboard, month 31 back",
        () => parkDashboard(db, viewer, { periodId: older, indicator: "export_share" }, meta),
      ],
      ["period, all, page 1", () => periodReports(db, viewer, latest, TODAY)],
      [
        "late reports, last month",
        () => periodReports(db, viewer, late, TODAY, { show: "waiting" }),
      ],
      [
        "late reports, page 3",
        () => periodReports(db, viewer, latest, TODAY, { show: "waiting", page: 3 }),
      ],
      ["period, company search", () => periodReports(db, viewer, late, TODAY, { q: "0421" })],
    ];
    console.log(
      `\n${Number(counts.rows[0]!.reports).toLocaleString("en")} reports, ` +
        `${Number(counts.rows[0]!.contributions).toLocaleString("en")} indicator contributions; ` +
        (REUSE ? "(reused)\n" : `indicators precomputed in ${rebuildSeconds.toFixed(0)} s\n`),
    );
    if (await reportCases(cases, time, TARGET_MS)) failed = true;
  } finally {
    await handle.close();
    await bench.drop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
