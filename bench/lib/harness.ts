/**
 * Shared by the fault and load scripts in bench/: a scratch PostgreSQL database, the
 * production server (`node server.js` on the existing build) as a child process, a readiness
 * wait, a tiny concurrent HTTP load loop with per-status counts, and RSS sampling.
 * Run the scripts from the repository root after `npm run build`.
 */
import type pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate.server";
import { seedReferenceData } from "../../db/seed/reference.server";
import {
  adminQuery as supportAdminQuery,
  formPost,
  scratchDatabase as supportScratchDatabase,
  spawnServer,
  waitForReady,
  type ScratchDatabase,
  type ServerProcess,
} from "../../tests/support/server";

export { formPost, freePort, sleep, stopServer, within } from "../../tests/support/server";
export type { ScratchDatabase } from "../../tests/support/server";
export type AppServer = ServerProcess;

export const ADMIN_URL =
  process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  url = ADMIN_URL,
): Promise<T[]> {
  return supportAdminQuery<T>(text, values, url);
}

/** A scratch database on BENCH_ADMIN_URL, kept with BENCH_KEEP=1. */
export function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  return supportScratchDatabase(prefix, { adminUrl: ADMIN_URL, keep: !!process.env.BENCH_KEEP });
}

/** The production server with demo data on a fresh database and warn-level logs (the last MB kept). */
export function startServer(port: number, env: Record<string, string>): AppServer {
  return spawnServer(
    port,
    { SEED_DEMO: "auto", LOG_LEVEL: "warn", ...env },
    { maxOutput: 1_000_000 },
  );
}

export function waitReady(server: AppServer, timeoutMs = 180_000): Promise<void> {
  return waitForReady(server, timeoutMs);
}

/** Logs in with the login form; returns the Cookie header value to send afterwards. */
export async function login(base: string, email: string, password = "zizhu-demo-2026") {
  const response = await formPost(base, "/login", { email, password });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 && response.status !== 303)
    throw new Error(`login ${email}: ${response.status}`);
  return cookies.join("; ");
}

/** A progress bar on stderr: `label [#####.....] done/total`, a new line when done. */
export function progress(label: string, done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString("en")}/${total.toLocaleString("en")}`,
  );
  if (done >= total) process.stderr.write("\n");
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  return fallback;
}

/** A statement on its own connection (no statement timeout): CREATE or DROP DATABASE, VACUUM. */
export async function adminStatement(query: string, url = ADMIN_URL): Promise<void> {
  await supportAdminQuery(query, [], url);
}

/** The address of database `name` on BENCH_ADMIN_URL's server. */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The in-process benchmarks' database `name` on BENCH_ADMIN_URL: made anew (dropped, created,
 * migrated, reference data), or with `reuse` the one a BENCH_KEEP run left. `drop()` removes
 * it unless BENCH_KEEP is set.
 */
export async function openBenchDatabase(
  name: string,
  opts: { reuse?: boolean } = {},
): Promise<{ handle: DatabaseHandle; url: string; drop(): Promise<void> }> {
  const url = benchDatabaseUrl(name);
  if (!opts.reuse) {
    await adminStatement(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminStatement(`CREATE DATABASE ${name}`);
  }
  const handle = await openDatabase({ url, poolSize: 4 });
  if (!opts.reuse) {
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
  }
  return {
    handle,
    url,
    async drop() {
      if (!process.env.BENCH_KEEP)
        await adminStatement(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Times each case with `time` (its run times in ms) and prints p50 / p95 / p99 with PASS or
 * FAIL against a p95 target. Returns whether any case failed.
 */
export async function reportCases<F>(
  cases: readonly (readonly [string, F])[],
  time: (fn: F) => Promise<number[]>,
  targetMs: number,
): Promise<boolean> {
  console.log(
    `${"case".padEnd(30)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}`,
  );
  let failed = false;
  for (const [name, fn] of cases) {
    const t = await time(fn);
    const p95 = percentile(t, 95);
    if (p95 >= targetMs) failed = true;
    console.log(
      `${name.padEnd(30)} ${percentile(t, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ` +
        `${percentile(t, 99).toFixed(1).padStart(8)}  ${p95 < targetMs ? "PASS" : "FAIL"} (p95 < ${targetMs} ms)`,
    );
  }
  return failed;
}
