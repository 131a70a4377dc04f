/**
 * Loaders never write (ASVS 3.5.3: a GET can be triggered cross-site, so it must change
 * nothing). Its own server process with the job worker off (the worker writes on its own
 * schedule), demo data, and a session for each persona; every route of the build's manifest is
 * fetched with GET as every persona of the route matrix (the URLs of route-matrix.table.ts);
 * before and after, each table's row count and newest row version (`max(xmin)`) are read. Any
 * insert, update or delete made by a loader changes them.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import url from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { PERSONAS as ACCOUNTS } from "../support/e2e";
import { PERSONAS, ROUTES, type Ids } from "../security/route-matrix.table";

test.describe.configure({ timeout: 180_000 });

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../..");
const NONE = "00000000-0000-0000-0000-000000000000";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function snapshot(db: pg.Client): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.t);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await db.query<{ n: string; x: string | null }>(
      `SELECT count(*)::text AS n, max(xmin::text::bigint)::text AS x FROM "${t}"`,
    );
    out[t] = `${rows[0]!.n} rows, newest version ${rows[0]!.x ?? "-"}`;
  }
  return out;
}

async function loadIds(db: pg.Client): Promise<Ids> {
  const one = async (text: string, values: unknown[] = []) =>
    ((await db.query<{ v: string }>(text, values)).rows[0]?.v ?? undefined) as string | undefined;
  const companyOf = (email: string) =>
    one(
      "SELECT m.company_id::text AS v FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
      [email],
    );
  const companyA = (await companyOf(ACCOUNTS.memberA))!;
  const companyB = (await companyOf(ACCOUNTS.memberB))!;
  const callOpen =
    (await one(
      "SELECT id::text AS v FROM incubation_call WHERE opens_at <= now() AND closes_at > now() ORDER BY created_at LIMIT 1",
    )) ?? NONE;
  const applicationB =
    (await one("SELECT id::text AS v FROM application WHERE company_id = $1 AND call_id = $2", [
      companyB,
      callOpen,
    ])) ?? NONE;
  const reqA = await db.query<{ id: string; ref: string }>(
    "SELECT id::text, ref FROM service_request WHERE company_id = $1 AND idempotency_key = 'demo-seed-in-progress'",
    [companyA],
  );
  return {
    companyA,
    companyB,
    userMemberA: (await one("SELECT id::text AS v FROM app_user WHERE email = $1", [
      ACCOUNTS.memberA,
    ]))!,
    userStaff: (await one("SELECT id::text AS v FROM app_user WHERE email = $1", [
      ACCOUNTS.staff,
    ]))!,
    anyEmail: (await one("SELECT id::text AS v FROM email ORDER BY created_at LIMIT 1")) ?? NONE,
    callOpen,
    applicationB,
    documentB:
      (await one(
        "SELECT id::text AS v FROM application_document WHERE application_id = $1 LIMIT 1",
        [applicationB],
      )) ?? NONE,
    requestA: reqA.rows[0]?.ref ?? "SR-0000-000000",
    requestFileA:
      (await one("SELECT id::text AS v FROM service_request_file WHERE request_id = $1 LIMIT 1", [
        reqA.rows[0]?.id ?? NONE,
      ])) ?? NONE,
    articleDemo:
      (await one(
        "SELECT id::text AS v FROM news_article WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
      )) ?? NONE,
    inquiryDemo:
      (await one("SELECT id::text AS v FROM inquiry ORDER BY created_at LIMIT 1")) ?? NONE,
  };
}

test("no loader writes: every route fetched with GET as every persona leaves the database unchanged", async () => {
  const name = `portal_secmap_ro_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_URL: dbUrl.toString(),
      SEED_DEMO: "always",
      PRINT_BANNER: "false",
      WORKER: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(output);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await db.connect();
    const ids = await loadIds(db);
    const build = await import(url.pathToFileURL(path.join(root, "build/index.js")).href);
    const routeIds = Object.values(build.routes as Record<string, { id: string }>)
      .map((r) => r.id)
      .filter((id) => id !== "root" && id in ROUTES);
    expect(routeIds.length).toBeGreaterThan(50);
    // One session per persona, made before the first snapshot, as a login makes it (10 days:
    // a younger expiry would be slid forward on first use, a deliberate session write).
    const cookies: Record<string, string> = { anonymous: "lang=en" };
    for (const persona of PERSONAS) {
      if (persona === "anonymous") continue;
      const token = Array.from(
        crypto.randomBytes(32),
        (b) => "abcdefghijklmnopqrstuvwxyz234567"[b % 32],
      ).join("");
      await db.query(
        "INSERT INTO session (id, user_id, expires_at) SELECT $1, id, now() + interval '10 days' FROM app_user WHERE email = $2",
        [crypto.createHash("sha256").update(token).digest("hex"), ACCOUNTS[persona]],
      );
      cookies[persona] = `session=${token}; lang=en`;
    }
    const before = await snapshot(db);
    const jobs: { persona: string; target: string }[] = [];
    for (const persona of PERSONAS)
      for (const id of routeIds) {
        const spec = ROUTES[id]!;
        jobs.push({ persona, target: typeof spec.url === "function" ? spec.url(ids) : spec.url });
      }
    // Six at a time: the order does not matter, as nothing may be written.
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < jobs.length) {
          const { persona, target } = jobs[next++]!;
          const response = await fetch(`${base}${target}`, {
            headers: { Cookie: cookies[persona]! },
            redirect: "manual",
          });
          await response.arrayBuffer();
        }
      }),
    );
    const requests = jobs.length;
    const after = await snapshot(db);
    const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
    expect(
      changed.map((t) => `${t}: ${before[t]} -> ${after[t]}`),
      `${requests} GETs changed these tables`,
    ).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await db.end().catch(() => {});
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
});
