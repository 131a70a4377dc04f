/**
 * Benchmark of the investment pipeline (issue 13, ADRs 0026 and 0028): seeds 100,000 projects
 * (every stage, 12 promotion owners, the park's industries, 12 countries, four sources, space
 * needs, next steps some overdue, activity spread over two years) and 10,000 space units into a
 * scratch PostgreSQL database with a progress bar on stderr, then times what the pages ask the
 * database for: the board (`projectBoard`), the table's first page and a later page with and
 * without filters (`listProjects`), and a project's match list (`matchUnits`). Prints p50 / p95
 * / p99 per case and PASS / FAIL against p95 < 50 ms, then drops the database.
 *
 *   npx tsx bench/projects.ts
 *   BENCH_PROJECTS=100000 BENCH_UNITS=10000 BENCH_ITERATIONS=100 npx tsx bench/projects.ts
 *   BENCH_KEEP=1 keeps the scratch database (portal_projects_bench)
 */
import { sql } from "kysely";
import type { DatabaseHandle } from "../db/client.server";
import { openBenchDatabase, percentile, progress } from "./lib/harness";
import { matchUnits, spaceNeedOf } from "../app/projects/holds.server";
import {
  listProjects,
  parseProjectFilters,
  projectBoard,
  type ProjectFilters,
} from "../app/projects/list.server";
import type { ProjectActor } from "../app/projects/projects.server";

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const NAME = "portal_projects_bench";
const TARGET_MS = 50;
const CHUNK = 5_000;

/** Twelve promotion owners; the first is the benchmark's actor. */
async function seedOwners(handle: DatabaseHandle): Promise<ProjectActor> {
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const u = await handle.db
      .insertInto("app_user")
      .values({
        email: `promotion${i}@bench.example`,
        name: `Promotion ${i}`,
        password_hash: "x",
        locale: i % 2 ? "zh-CN" : "en",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db.insertInto("user_role").values({ user_id: u.id, role: "promotion" }).execute();
    ids.push(u.id);
  }
  return { id: ids[0]!, roles: ["promotion"], company: null };
}

/**
 * Projects in chunks, generated in SQL from the row number (deterministic): stages weighted
 * towards the early ones as a real pipeline is; lost and on-hold ones carry their reason and
 * the stage they stopped at (the table's checks).
 */
async function seedProjects(handle: DatabaseHandle) {
  const db = handle.db;
  for (let start = 0; start < PROJECTS; start += CHUNK) {
    const end = Math.min(PROJECTS, start + CHUNK);
    await sql`
      WITH owners AS (SELECT array_agg(id ORDER BY email) AS ids FROM app_user),
      industries AS (SELECT array_agg(id ORDER BY position) AS ids FROM park_industry),
      n AS (
        SELECT g AS i,
          (ARRAY['new','new','new','qualified','qualified','visit_planned','visited','negotiating',
            'signed','registered','moved_in','producing','lost','lost','on_hold'])[1 + (g * 7) % 15]
            AS stage
        FROM generate_series(${start}::int, ${end - 1}::int) g
      )
      INSERT INTO project (reference, organisation, country, industry_id, plan_kind,
        investment_minor, investment_currency, jobs_planned, space_type, area_min_m2,
        area_max_m2, move_in_on, source, owner_id, stage, stopped_stage, lost_reason, next_step,
        next_step_due, last_activity_at, created_at)
      SELECT 'PRJ-B' || lpad(n.i::text, 7, '0'),
        (ARRAY['Helio Robotics','Nordwind Energy','Sakura Devices','Maple Biotech','Andes Foods',
          '蓝海科技','星河智能','Rhein Photonics','Lumen Medical','Kite Semiconductors'])[1 + n.i % 10]
          || ' ' || n.i,
        (ARRAY['DE','FI','JP','US','FR','SG','KR','GB','CN','NL','CH','IT'])[1 + n.i % 12],
        industries.ids[1 + n.i % greatest(array_length(industries.ids, 1), 1)],
        (ARRAY['rd_centre','headquarters','production','sales_office'])[1 + n.i % 4],
        (1 + n.i % 500) * 100000000::bigint, 'CNY', 10 + n.i % 400,
        (ARRAY['office','lab','industrial','incubator_desk'])[1 + (n.i / 3) % 4],
        200 + (n.i % 40) * 50, 400 + (n.i % 40) * 100,
        DATE '2027-01-01' + (n.i % 365),
        (ARRAY['inquiry','event','referral','staff'])[1 + (n.i / 5) % 4],
        owners.ids[1 + n.i % 12],
        n.stage,
        CASE WHEN n.stage IN ('lost', 'on_hold') THEN 'negotiating' END,
        CASE WHEN n.stage = 'lost' THEN 'Chose another park' END,
        CASE WHEN n.i % 9 = 0 THEN '' ELSE 'Call about the site visit' END,
        CASE WHEN n.i % 9 = 0 THEN NULL ELSE DATE '2026-11-01' + (n.i % 90) END,
        now() - make_interval(mins => (n.i * 7919) % (730 * 1440)),
        now() - interval '2 years'
      FROM n, owners, industries
    `.execute(db);
    progress(`seeding ${PROJECTS.toLocaleString("en")} projects`, end, PROJECTS);
  }
}

async function seedUnits(handle: DatabaseHandle) {
  const db = handle.db;
  for (let start = 0; start < UNITS; start += CHUNK) {
    const end = Math.min(UNITS, start + CHUNK);
    await sql`
      INSERT INTO space_unit (building, floor, unit_no, kind, area_m2, rent_minor,
        available_from, features, power_kva, state)
      SELECT 'B' || (g % 60), 1 + g % 20, 'U' || g,
        (ARRAY['office','rd','lab','production','warehouse'])[1 + g % 5],
        80 + (g * 37) % 4000, 200 + g % 600, DATE '2026-10-01' + (g % 500),
        CASE WHEN g % 4 = 0 THEN ARRAY['clean_room'] WHEN g % 4 = 1 THEN ARRAY['loading_dock',
          'freight_lift'] ELSE '{}' END,
        CASE WHEN g % 3 = 0 THEN 100 + g % 900 END,
        CASE WHEN g % 10 = 0 THEN 'let' ELSE 'available' END
      FROM generate_series(${start}::int, ${end - 1}::int) g
    `.execute(db);
    progress(`seeding ${UNITS.toLocaleString("en")} units`, end, UNITS);
  }
  await sql`VACUUM ANALYZE`.execute(db);
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
  const bench = await openBenchDatabase(NAME, { reuse: false });
  const handle = bench.handle;
  let failed = false;
  try {
    const actor = await seedOwners(handle);
    await seedProjects(handle);
    await seedUnits(handle);
    const db = handle.db;
    const f = (query: string): ProjectFilters =>
      parseProjectFilters(new URLSearchParams(query), actor.id);
    const industry = (await db.selectFrom("park_industry").select("id").executeTakeFirst())?.id;
    // A cursor deep in the list: the 41st page of open projects.
    let after: string | null = null;
    for (let i = 0; i < 40; i++) after = (await listProjects(db, actor, f(""), after)).next;
    const projects = await db
      .selectFrom("project")
      .select("id")
      .where("stage", "=", "negotiating")
      .where("space_type", "is not", null)
      .limit(20)
      .execute();
    const needs = await Promise.all(projects.map((p) => spaceNeedOf(db, p.id)));
    let m = 0;
    const cases: [string, () => Promise<unknown>][] = [
      ["board", () => projectBoard(db, actor, {})],
      ["board, mine, flagged", () => projectBoard(db, actor, { ownerId: actor.id, flag: "any" })],
      ["table, open, page 1", () => listProjects(db, actor, f(""), null)],
      ["table, open, page 41", () => listProjects(db, actor, f(""), after)],
      ["table, stage", () => listProjects(db, actor, f("stage=negotiating"), null)],
      ["table, owner me", () => listProjects(db, actor, f("owner=me"), null)],
      ["table, country+source", () => listProjects(db, actor, f("country=JP&source=event"), null)],
      [
        "table, industry",
        () => listProjects(db, actor, f(industry ? `industry=${industry}` : ""), null),
      ],
      ["table, overdue", () => listProjects(db, actor, f("flag=overdue"), null)],
      ["table, stale, all", () => listProjects(db, actor, f("stage=all&flag=stale"), null)],
      [
        "match list",
        () => {
          const i = m++ % projects.length;
          return matchUnits(db, needs[i]!, { projectId: projects[i]!.id });
        },
      ],
    ];
    console.log(
      `\n${PROJECTS.toLocaleString("en")} projects, ${UNITS.toLocaleString("en")} units; ${ITERATIONS} runs per case\n`,
    );
    console.log("case                        p50 ms   p95 ms   p99 ms  result");
    for (const [name, fn] of cases) {
      const times = await time(fn);
      const p95 = percentile(times, 95);
      const pass = p95 < TARGET_MS;
      failed ||= !pass;
      console.log(
        `${name.padEnd(26)} ${percentile(times, 50).toFixed(1).padStart(7)}  ${p95.toFixed(1).padStart(7)}  ${percentile(times, 99).toFixed(1).padStart(7)}  ${pass ? "PASS" : "FAIL"} (p95 < ${TARGET_MS} ms)`,
      );
    }
  } finally {
    await handle.close();
    await bench.drop();
  }
  process.exit(failed ? 1 : 0);
}

await main();
