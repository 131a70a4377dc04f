/**
 * Benchmark of the staff service-request queue (issue 5): seeds 10,000 and 1,000,000 requests
 * into scratch PostgreSQL databases (generate_series in SQL, in chunks, with a progress bar),
 * then times a queue page exactly as /desk/requests computes it (listQueue + countQueue from
 * app/service-requests/queue.server.ts) over a mix of common filters and sorts, and prints
 * p50 / p95 at both sizes and their ratio. Target: p95 < 50 ms, and the 1M figure within 1.5x
 * of the 10k figure.
 *
 *   npx tsx bench/service-queue.ts            # both sizes
 *   BENCH_SIZES=10000 npx tsx bench/service-queue.ts
 *   BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
 *   BENCH_KEEP=1 keeps the scratch databases (portal_svc_bench_<size>).
 */
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { seedReferenceData } from "../db/seed/reference.server";
import { progress } from "./lib/harness";
import { countQueue, listQueue, parseFilters } from "../app/service-requests/queue.server";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SIZES = (process.env.BENCH_SIZES ?? "10000,1000000").split(",").map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const CHUNK = 25_000;

async function scratch(size: number): Promise<DatabaseHandle & { name: string }> {
  const name = `portal_svc_bench_${size}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  return { ...handle, name };
}

async function drop(name: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

async function seed(handle: DatabaseHandle, size: number) {
  const db = handle.db;
  const users = await sql<{ id: string }>`
    INSERT INTO app_user (email, name, password_hash)
    SELECT 'bench-' || g || '@example.com', 'Bench person ' || g, 'x' FROM generate_series(1, 6) g RETURNING id`.execute(
    db,
  );
  const [requester, ...staff] = users.rows.map((r) => r.id);
  for (const id of staff)
    await sql`INSERT INTO user_role (user_id, role) VALUES (${id}, 'staff')`.execute(db);
  const companies = await sql<{ id: string }>`
    INSERT INTO company (name_en, name_zh, industry, size, is_resident)
    SELECT 'Bench company ' || g, '基准企业' || g, 'ai', '10-49', true FROM generate_series(1, 200) g RETURNING id`.execute(
    db,
  );
  const cats = await sql<{ id: string }>`
    INSERT INTO service_category (code, name_en, name_zh) VALUES ('bench-a', 'A', '甲'), ('bench-b', 'B', '乙') RETURNING id`.execute(
    db,
  );
  const teams = await sql<{ id: string }>`
    INSERT INTO service_team (code, name_en, name_zh) SELECT 'bench-team-' || g, 'Team ' || g, '团队' || g FROM generate_series(1, 3) g RETURNING id`.execute(
    db,
  );
  const types: string[] = [];
  for (let i = 0; i < 10; i++) {
    const row = await sql<{ id: string }>`
      INSERT INTO service_type (code, category_id, name_en, name_zh, default_team_id)
      VALUES (${`bench-type-${i}`}, ${cats.rows[i < 5 ? 0 : 1]!.id}, ${`Type ${i}`}, ${`类型${i}`}, ${teams.rows[i % 3]!.id}) RETURNING id`.execute(
      db,
    );
    types.push(row.rows[0]!.id);
  }
  const companyIds = companies.rows.map((r) => r.id);
  const teamIds = teams.rows.map((r) => r.id);
  const catIds = cats.rows.map((r) => r.id);
  // One connection without the app's statement timeout: big inserts maintain every index.
  await db.connection().execute(async (conn) => {
    await sql`SET statement_timeout = 0`.execute(conn);
    for (let start = 1; start <= size; start += CHUNK) {
      const end = Math.min(size, start + CHUNK - 1);
      // Spread over two years; ~30% open; open requests carry due times around now (some past).
      await sql`
        INSERT INTO service_request (ref, company_id, requester_id, type_id, category_id, team_id, assignee_id, priority, state,
          subject, description, idempotency_key, created_at, updated_at, first_response_target_minutes, resolution_target_minutes,
          first_response_due_at, resolution_due_at, first_responded_at, resolved_at, resolution_minutes, first_response_minutes)
        SELECT 'SR-2025-' || lpad(g::text, 7, '0'),
          (${companyIds}::uuid[])[1 + g % 200],
          ${requester}::uuid,
          (${types}::uuid[])[1 + g % 10],
          (${catIds}::uuid[])[1 + (g % 10) / 5],
          (${teamIds}::uuid[])[1 + (g % 10) % 3],
          CASE WHEN g % 7 = 0 THEN NULL ELSE (${staff}::uuid[])[1 + (g / 3) % 5] END,
          (ARRAY['low', 'normal', 'high', 'urgent'])[1 + (g * 7) % 4],
          s.state,
          'Benchmark request ' || g, 'Generated for the queue benchmark.', 'bench-' || g,
          c.created, c.created, 480, 4800,
          CASE WHEN s.state = 'new' THEN c.due - interval '6 days' END,
          CASE WHEN s.state IN ('new', 'triaged', 'in_progress', 'reopened') THEN c.due END,
          CASE WHEN s.state <> 'new' THEN c.created + interval '2 hours' END,
          CASE WHEN s.state IN ('resolved', 'closed') THEN c.created + interval '3 days' END,
          CASE WHEN s.state IN ('resolved', 'closed') THEN 600 + g % 2000 END,
          CASE WHEN s.state <> 'new' THEN 60 + g % 400 END
        FROM generate_series(${start}::int, ${end}::int) g,
          LATERAL (SELECT CASE WHEN g % 10 < 7 THEN (CASE WHEN g % 2 = 0 THEN 'closed' ELSE 'resolved' END)
                     ELSE (ARRAY['new', 'triaged', 'in_progress', 'waiting_on_requester', 'waiting_on_third_party', 'reopened'])[1 + (g / 10) % 6] END AS state) s,
          LATERAL (SELECT now() - make_interval(days => g % 730, secs => (g * 13) % 86400) AS created,
                          now() + make_interval(hours => (g % 400) - 40) AS due) c`.execute(conn);
      progress(`seeding ${size.toLocaleString("en")}`, end, size);
    }
  });
  await sql`ANALYZE`.execute(db);
  return { staff: staff[0]!, team: teamIds[1]!, company: companyIds[7]! };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(
  handle: DatabaseHandle,
  ids: { staff: string; team: string; company: string },
) {
  const db = handle.db;
  const queries = [
    "", // all open, next due first (the default page)
    "state=all&sort=newest",
    `team=${ids.team}`,
    `assignee=me`,
    "sla=breached",
    "state=in_progress",
    "priority=urgent",
    "sort=priority",
    `company=${ids.company}&state=all&sort=newest`,
    "state=all&sort=oldest",
    "q=company%2017", // a company's English name (and subjects)
    "q=%E5%9F%BA%E5%87%86%E4%BC%81%E4%B8%9A17&state=all", // its Chinese name
  ];
  // Second pages too: the cursor of each query's first page.
  const pages: { params: URLSearchParams; after: string | null }[] = [];
  for (const q of queries) {
    const params = new URLSearchParams(q);
    const first = await listQueue(db, parseFilters(params, ids.staff), null);
    pages.push({ params, after: null });
    if (first.next) pages.push({ params, after: first.next });
  }
  const byQuery = new Map<string, number[]>();
  const run = async (i: number) => {
    const page = pages[i % pages.length]!;
    const filters = parseFilters(page.params, ids.staff);
    const t0 = performance.now();
    await listQueue(db, filters, page.after);
    await countQueue(db, filters);
    const ms = performance.now() - t0;
    const key = `${page.params.toString() || "(default)"}${page.after ? " [page 2]" : ""}`;
    byQuery.set(key, [...(byQuery.get(key) ?? []), ms]);
    return ms;
  };
  for (let i = 0; i < 40; i++) await run(i); // warm-up
  byQuery.clear();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    times.push(await run(i));
    if (i % 20 === 0 || i === ITERATIONS - 1) progress("  measuring", i + 1, ITERATIONS);
  }
  times.sort((a, b) => a - b);
  if (process.env.BENCH_DETAIL) {
    for (const [key, list] of byQuery) {
      list.sort((a, b) => a - b);
      process.stderr.write(
        `    ${key.slice(0, 70).padEnd(70)} p50 ${percentile(list, 50).toFixed(1)} ms  max ${list[list.length - 1]!.toFixed(1)} ms\n`,
      );
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]! };
}

const results: { size: number; p50: number; p95: number; max: number }[] = [];
for (const size of SIZES) {
  const handle = await scratch(size);
  const started = performance.now();
  const ids = await seed(handle, size);
  process.stderr.write(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const r = await measure(handle, ids);
  results.push({ size, ...r });
  await handle.close();
  if (!process.env.BENCH_KEEP) await drop(handle.name);
}

console.log(
  "\nStaff queue page (listQueue + countQueue), %d pages per size, mixed filters and sorts:",
  ITERATIONS,
);
console.log("size".padStart(12), "p50 ms".padStart(9), "p95 ms".padStart(9), "max ms".padStart(9));
for (const r of results)
  console.log(
    r.size.toLocaleString("en").padStart(12),
    r.p50.toFixed(2).padStart(9),
    r.p95.toFixed(2).padStart(9),
    r.max.toFixed(2).padStart(9),
  );
if (results.length >= 2) {
  const ratio = results[results.length - 1]!.p95 / results[0]!.p95;
  const worst = Math.max(...results.map((r) => r.p95));
  console.log(
    `p95 ratio ${results[results.length - 1]!.size.toLocaleString("en")} / ${results[0]!.size.toLocaleString("en")}: ${ratio.toFixed(2)}x (target <= 1.5x); worst p95 ${worst.toFixed(2)} ms (target < 50 ms)`,
  );
  console.log(ratio <= 1.5 && worst < 50 ? "PASS" : "FAIL");
}
