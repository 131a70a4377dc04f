/**
 * Benchmark of policies that find their companies (issue 15, ADRs 0036, 0044, 0048, 0058):
 * seeds 5,000 companies with their company files (industry, registration date, residency,
 * designations) and 14 months of accepted monthly reports (the figures matching reads), and
 * 200 published policies with criteria of every kind, into a scratch PostgreSQL database, with
 * a progress bar on stderr; then times what the pages ask for: a company's policies page
 * (`matchesForCompany`, a different company each time), the editor's preview (posted, 200
 * listed; live, the first 10), the uptake page (`policyUptake` and its first page of eligible
 * companies not claimed) and the awards' match (`awardCandidates`, first page). Prints p50 /
 * p95 / p99 per case and PASS / FAIL against p95 < 100 ms, then drops the database.
 *
 *   npx tsx bench/policies.ts
 *   BENCH_COMPANIES=5000 BENCH_POLICIES=200 BENCH_ITERATIONS=100 npx tsx bench/policies.ts
 *   BENCH_COMPANIES=200 BENCH_ITERATIONS=10 npx tsx bench/policies.ts   (a quick check)
 *   BENCH_KEEP=1 keeps the scratch database (portal_policies_bench, or BENCH_DB);
 *   BENCH_REUSE=1 times a kept one again without seeding it anew
 */
import { sql } from "kysely";
import type { DatabaseHandle } from "../db/client.server";
import { insertGeneratedReports } from "../db/seed/demo-statistics.server";
import { INDUSTRY_SLUGS } from "../app/companies/schema";
import { DESIGNATION_KIND_CODES } from "../app/companies/designations";
import { STANDARD_FORM } from "../app/statistics/forms";
import { awardCandidates } from "../app/policies/awards.server";
import type { Criterion } from "../app/policies/criteria";
import { pageList } from "../app/policies/lists";
import {
  LIVE_PREVIEW_LIMIT,
  matchesForCompany,
  policyCriteria,
  previewMatches,
} from "../app/policies/policies.server";
import { notClaimed, policyUptake } from "../app/policies/uptake.server";
import { adminStatement, openBenchDatabase, progress, reportCases } from "./lib/harness";

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 5_000);
const POLICIES = Number(process.env.BENCH_POLICIES ?? 200);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const MONTHS = 14;
const NAME = process.env.BENCH_DB ?? "portal_policies_bench";
const TARGET_MS = 100;
const TODAY = "2026-12-05";
const NOW = new Date(`${TODAY}T04:00:00Z`);
const REUSE = !!process.env.BENCH_REUSE;

/** Company files: industry, registered 0 to 19 years ago, most resident, a third designated. */
async function seedCompanies(handle: DatabaseHandle) {
  const industries = `{${INDUSTRY_SLUGS.join(",")}}`;
  const kinds = `{${DESIGNATION_KIND_CODES.join(",")}}`;
  const sizes = "{1-9,10-49,10-49,50-249,50-249,250-999,1000+}";
  for (let start = 0; start < COMPANIES; start += 1000) {
    const end = Math.min(COMPANIES, start + 1000);
    await sql`
      INSERT INTO company (name_en, name_zh, industry, size, is_resident, resident_since, registered_on)
      SELECT 'Bench Company ' || lpad(g::text, 5, '0'), '基准企业' || lpad(g::text, 5, '0'),
        (${industries}::text[])[1 + g % ${INDUSTRY_SLUGS.length}],
        (${sizes}::text[])[1 + g % 7], g % 5 <> 0, now() - interval '3 years',
        (${TODAY}::date - make_interval(days => (g * 37) % 7000))::date
      FROM generate_series(${start}::int, ${end - 1}::int) g
    `.execute(handle.db);
    progress(`seeding ${COMPANIES.toLocaleString("en")} company files`, end, COMPANIES);
  }
  await sql`
    INSERT INTO company_designation (company_id, kind, issued_on, expires_on)
    SELECT id, (${kinds}::text[])[1 + (i % ${DESIGNATION_KIND_CODES.length})],
      ${TODAY}::date - 400, CASE WHEN i % 4 = 0 THEN ${TODAY}::date - 10 ELSE ${TODAY}::date + 500 END
    FROM (SELECT id, row_number() OVER (ORDER BY name_en) AS i FROM company) c
    WHERE i % 3 = 0
  `.execute(handle.db);
}

/** 14 monthly periods ending last month; reports as the demo makes them, mostly accepted. */
async function seedReports(handle: DatabaseHandle, staffId: string) {
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
  const companyIds = (await db.selectFrom("company").select("id").execute()).map((c) => c.id);
  for (let k = 0; k < MONTHS; k++) {
    const period = await sql<{ id: string }>`
      INSERT INTO report_period (form_version_id, kind, label, starts_on, ends_on, due_on,
        audience, opened_by, opened_at)
      SELECT ${version.id}::uuid, 'month', to_char(s, 'YYYY-MM'), s,
        (s + interval '1 month - 1 day')::date, (s + interval '1 month 14 days')::date, 'all',
        ${staffId}::uuid, s + interval '1 month'
      FROM (SELECT (date_trunc('month', ${TODAY}::date) - make_interval(months => ${MONTHS - k}))::date AS s) x
      RETURNING id
    `.execute(db);
    await insertGeneratedReports(db, {
      periodId: period.rows[0]!.id,
      index: k,
      months: 1,
      stage: k === MONTHS - 1 ? "latest" : k === MONTHS - 2 ? "recent" : "closed",
      companyIds,
      staffId,
    });
    progress(`seeding ${MONTHS} months of reports`, k + 1, MONTHS);
  }
}

/** Criteria of every kind, varied by the policy's number. */
function criteriaFor(i: number): Criterion[] {
  const out: Criterion[] = [];
  const ind = INDUSTRY_SLUGS;
  if (i % 2 === 0)
    out.push({ kind: "industry", in: [ind[i % ind.length]!, ind[(i + 3) % ind.length]!] });
  if (i % 3 === 0)
    out.push({ kind: "years", min: 1 + (i % 5), ...(i % 6 === 0 ? { max: 15 } : {}) });
  if (i % 4 === 1) out.push({ kind: "headcount", min: 5 + (i % 50) });
  if (i % 5 === 2) out.push({ kind: "revenue", min: 100 + (i % 7) * 200 });
  if (i % 3 === 1) out.push({ kind: "rd_intensity", min: 1 + (i % 5) });
  if (i % 4 === 3)
    out.push({
      kind: "designation",
      anyOf: [DESIGNATION_KIND_CODES[i % DESIGNATION_KIND_CODES.length]!],
    });
  if (i % 2 === 1) out.push({ kind: "residency", of: i % 4 === 1 ? "resident" : "either" });
  out.push({ kind: "no_open_claim" });
  return out;
}

async function seedPolicies(handle: DatabaseHandle) {
  for (let i = 0; i < POLICIES; i++) {
    await handle.db
      .insertInto("park_policy")
      .values({
        title_en: `Bench policy ${i}`,
        title_zh: `基准政策${i}`,
        summary_en: "A policy of the benchmark.",
        summary_zh: "基准测试政策。",
        benefit_kind: "amount",
        benefit_max_minor: 5_000_000,
        opens_on: "2026-01-01",
        deadline: i % 10 === 0 ? null : "2027-06-30",
        criteria: JSON.stringify(criteriaFor(i)),
        stages: JSON.stringify(["check", "approve"]),
        auto_award: i % 5 === 0,
        status: "published",
        position: i,
      })
      .execute();
    if ((i + 1) % 20 === 0 || i + 1 === POLICIES)
      progress(`seeding ${POLICIES} policies`, i + 1, POLICIES);
  }
}

async function time(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn(i);
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
    if (!REUSE) {
      const staff = await db
        .insertInto("app_user")
        .values({
          email: "policy@bench.example",
          name: "Policy office",
          password_hash: "x",
          locale: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("user_role").values({ user_id: staff.id, role: "staff" }).execute();
      await seedCompanies(handle);
      await seedReports(handle, staff.id);
      await seedPolicies(handle);
      await adminStatement("VACUUM ANALYZE", bench.url);
    }
    const staffRow = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", "policy@bench.example")
      .executeTakeFirstOrThrow();
    const staff = { id: staffRow.id, roles: ["staff" as const], company: null };
    const companies = (
      await db.selectFrom("company").select("id").orderBy("name_en").execute()
    ).map((c) => c.id);
    const policies = await db
      .selectFrom("park_policy")
      .select(["id", "criteria", "auto_award"])
      .orderBy("position")
      .execute();
    const auto = policies.filter((p) => p.auto_award);
    const counts = await sql<{ reports: string }>`
      SELECT (SELECT count(*) FROM report WHERE status = 'accepted') AS reports
    `.execute(db);
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;
    const cases: [string, (i: number) => Promise<unknown>][] = [
      [
        "company's policies page",
        (i) => matchesForCompany(db, pick(companies, i), { today: TODAY }),
      ],
      [
        "editor preview (200 listed)",
        (i) => {
          const p = pick(policies, i);
          return previewMatches(db, staff, policyCriteria(p) ?? [], p.id, { today: TODAY });
        },
      ],
      [
        "live preview (first 10)",
        (i) => {
          const p = pick(policies, i);
          return previewMatches(db, staff, policyCriteria(p) ?? [], p.id, {
            today: TODAY,
            limit: LIVE_PREVIEW_LIMIT,
          });
        },
      ],
      [
        "uptake page",
        async (i) => {
          const u = await policyUptake(db, staff, pick(policies, i).id, NOW);
          return pageList(notClaimed(u!), {});
        },
      ],
      [
        "awards match, page 1",
        async (i) => {
          const found = await awardCandidates(db, staff, pick(auto, i).id, NOW);
          return pageList(found!.candidates, {});
        },
      ],
    ];
    console.log(
      `\n${companies.length.toLocaleString("en")} companies, ${policies.length} policies, ` +
        `${Number(counts.rows[0]!.reports).toLocaleString("en")} accepted reports${REUSE ? " (reused)" : ""}\n`,
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
