/**
 * The app process itself (ADR 0002, 0005, 0008), each test with its own `node server.js` on a
 * free port and its own database:
 * - SIGTERM during a request: the request completes, then the process exits 0;
 * - a second process on the same PGlite folder refuses to start with a clear message;
 * - PostgreSQL ending the app's connections: requests answer 503 at worst, the process stays
 *   up, and the next requests succeed;
 * - the logs never hold a password, a session token or a query string (ADR 0009).
 * These run with Playwright (after `npm run build` in `npm test`) because they need the built
 * server; they use no browser. A slow request is made by holding a table lock from the test,
 * so the production app has no test-only route.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  ADMIN_URL,
  kill,
  scratchDatabase,
  startServer,
  stopServer,
  waitForReady,
  within,
} from "../support/server";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const createDatabase = () => scratchDatabase("portal_infra_proc");

test("SIGTERM during a request: the request completes, then the process exits 0", async () => {
  const database = await createDatabase();
  const server = await startServer({ DATABASE_URL: database.url, WORKER: "off" });
  const locker = new pg.Client({ connectionString: database.url });
  try {
    await waitForReady(server);
    await locker.connect();
    // Hold the session table: a request carrying a session cookie waits on its lookup.
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE session IN ACCESS EXCLUSIVE MODE");
    const slow = fetch(`${server.base}/login`, {
      headers: { Cookie: `session=${"a".repeat(32)}` },
    });
    // Wait until the app's query is really blocked on the lock.
    await expect
      .poll(
        async () =>
          (await locker.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted")).rows[0]
            .n,
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);

    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(server.child.exitCode, "the process waits for the request in flight").toBeNull();
    // It no longer accepts new connections.
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();

    await locker.query("COMMIT");
    const response = await within(slow, 10_000, "the in-flight request");
    expect(response.status).toBe(200); // an unknown session: the login page
    expect(await response.text()).toContain("<html");
    expect(await within(server.exited, 20_000, "exit after SIGTERM")).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  } finally {
    await locker.end().catch(() => {});
    kill(server);
    await database.drop();
  }
});

test("a second process on the same PGlite folder refuses to start; the first stops cleanly", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-infra-pglite-"));
  const first = await startServer({ PGLITE_DATA_DIR: dataDir });
  try {
    await waitForReady(first);
    expect(await (await fetch(`${first.base}/healthz`)).json()).toMatchObject({
      status: "ok",
      database: "pglite",
    });
    const lockFile = path.join(dataDir, ".portal.lock");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(first.child.pid));

    const second = await startServer({ PGLITE_DATA_DIR: dataDir, WORKER: "off" });
    const code = await within(second.exited, 60_000, "the second process");
    expect(code).not.toBe(0);
    expect(second.output()).toContain("in use by another process");
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    // The first is unharmed.
    expect((await fetch(`${first.base}/login`)).status).toBe(200);

    expect(await stopServer(first)).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  } finally {
    kill(first);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("PostgreSQL ending the app's connections: 503 at worst, the process lives, next requests succeed", async () => {
  const database = await createDatabase();
  const server = await startServer({ DATABASE_URL: database.url });
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await waitForReady(server);
    await admin.connect();
    const terminate = async () =>
      (
        await admin.query(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [database.name],
        )
      ).rows[0].n as number;
    const statuses: number[] = [];
    const hit = async (p: string) => {
      const response = await fetch(`${server.base}${p}`, {
        headers: { Cookie: `session=${"b".repeat(32)}` },
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      return response.status;
    };

    for (let round = 0; round < 3; round++) {
      // Warm the pool so there are idle connections to lose, then end them all under load.
      await Promise.all(Array.from({ length: 8 }, () => hit("/login")));
      const load = Promise.all(
        Array.from({ length: 20 }, (_, i) => hit(i % 2 ? "/login" : "/healthz")),
      );
      expect(await terminate()).toBeGreaterThan(0);
      await load;
      await new Promise((r) => setTimeout(r, 200));
      expect(server.child.exitCode, `alive after round ${round}:\n${server.output()}`).toBeNull();
      // Recovered: the next requests succeed.
      for (const p of ["/healthz", "/login", "/"]) expect(await hit(p), p).toBe(200);
    }
    expect(
      statuses.every((s) => s === 200 || s === 503),
      `statuses: ${statuses.join(",")}`,
    ).toBe(true);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    expect(await stopServer(server)).toBe(0);
  } finally {
    await admin.end().catch(() => {});
    kill(server);
    await database.drop();
  }
});

test("the logs never hold a password, a session token or a query string", async () => {
  const database = await createDatabase();
  const server = await startServer({
    DATABASE_URL: database.url,
    SEED_DEMO: "always",
    LOG_LEVEL: "trace",
  });
  try {
    await waitForReady(server);
    const password = "zizhu-demo-2026";
    const wrong = "wrong-Password-For-The-Log-Test";
    const form = (p: string) =>
      new URLSearchParams({ email: "staff@demo.zizhupark.example", password: p });
    expect(
      (
        await fetch(`${server.base}/login`, {
          method: "POST",
          body: form(wrong),
          redirect: "manual",
        })
      ).status,
    ).toBe(400);
    const ok = await fetch(`${server.base}/login`, {
      method: "POST",
      body: form(password),
      redirect: "manual",
    });
    expect(ok.status).toBe(302);
    const token = /session=([a-z2-7]{32})/.exec(ok.headers.get("set-cookie") ?? "")?.[1];
    expect(token).toBeTruthy();
    expect(
      (await fetch(`${server.base}/`, { headers: { Cookie: `session=${token}` } })).status,
    ).toBe(200);
    const secretQuery = "resettokenforthelogtest";
    await (await fetch(`${server.base}/reset-password?token=${secretQuery}`)).arrayBuffer();
    await (await fetch(`${server.base}/login?redirectTo=/x&token=${secretQuery}`)).arrayBuffer();

    expect(await stopServer(server)).toBe(0);
    const output = server.output();
    expect(output).toContain('"path":"/reset-password"');
    for (const secret of [password, wrong, token!, secretQuery])
      expect(output).not.toContain(secret);
  } finally {
    kill(server);
    await database.drop();
  }
});
