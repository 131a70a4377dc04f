/**
 * Two app processes on two ports sharing one PostgreSQL database behave as one (issue 6), and
 * the same pair behind nginx on loopback serves a journey through both (issue 7, ADR 0014):
 * - a session made on one process is valid on the other, and logging out on either ends it;
 * - the inquiry limit per client address (5 an hour) is counted across both processes;
 * - jobs enqueued through one process are each run exactly once with both workers running;
 * - through nginx (round robin over both): a visitor's inquiry is seen by staff, and each
 *   process's own access log shows it served part of the journey.
 * Uses no browser; nginx runs in the foreground with a config written to a temporary folder.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  formPost,
  freePort,
  scratchDatabase,
  spawnProcess,
  startServer,
  stopServer,
  waitForReady,
  type ScratchDatabase,
  type ServerProcess,
} from "../support/server";

test.describe.configure({ mode: "serial", timeout: 240_000 });

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const STAFF = "staff@demo.zizhupark.example";
const OWNER = "owner@demo.zizhupark.example";
const PASSWORD = "zizhu-demo-2026";

/** One app process on `port` of the shared database, behind a proxy whose address is `publicUrl`. */
function startApp(port: number, databaseUrl: string, publicUrl: string): Promise<ServerProcess> {
  return startServer(
    {
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: publicUrl,
      SEED_DEMO: "auto",
      // One proxy in front (nginx below); a test posting straight to a process plays that proxy.
      TRUST_PROXY: "1",
      LOG_LEVEL: "info",
      DB_POOL_SIZE: "4",
    },
    { port },
  );
}

async function login(base: string, email: string, headers = {}): Promise<string> {
  const response = await formPost(base, "/login", { email, password: PASSWORD }, headers);
  await response.arrayBuffer();
  expect([302, 303], `login ${email} via ${base}`).toContain(response.status);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

// Each inquiry has its own address: acknowledgements to one address are capped per hour.
function inquiry(base: string, ip: string, name: string) {
  return formPost(
    base,
    "/contact",
    {
      name,
      email: `two-processes-${crypto.randomBytes(4).toString("hex")}@example.com`,
      interest: "partnership",
      message: "We would like to talk about a partnership with the park.",
    },
    { "X-Forwarded-For": ip },
  );
}

const requestLines = (log: string) =>
  log.split("\n").filter((l) => l.includes('"msg":"request"') || l.includes('"path":"'));

let database: ScratchDatabase;
let a: ServerProcess;
let b: ServerProcess;
let nginx: ServerProcess | null = null;
let nginxBase = "";
let tmp = "";

test.beforeAll(async () => {
  database = await scratchDatabase("portal_infra_two");

  const [portA, portB, portN] = [await freePort(), await freePort(), await freePort()];
  nginxBase = `http://127.0.0.1:${portN}`;
  // One process seeds the demo data first; the second then finds it (and migrates: a no-op).
  a = await startApp(portA, database.url, nginxBase);
  await waitForReady(a);
  b = await startApp(portB, database.url, nginxBase);
  await waitForReady(b);

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nginx-"));
  fs.chmodSync(tmp, 0o777);
  fs.writeFileSync(
    path.join(tmp, "nginx.conf"),
    `worker_processes 1;
daemon off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${tmp}/access.log;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  upstream portal {
    server 127.0.0.1:${portA};
    server 127.0.0.1:${portB};
  }
  server {
    listen 127.0.0.1:${portN};
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host "";
      proxy_set_header Forwarded "";
      proxy_set_header X-Real-IP "";
    }
  }
}
`,
  );
  nginx = spawnProcess(
    NGINX,
    ["-p", tmp, "-c", path.join(tmp, "nginx.conf"), "-e", `${tmp}/error.log`],
    process.env,
    { port: portN },
  );
  await waitForReady(nginx, 20_000);
});

test.afterAll(async () => {
  if (nginx) await stopServer(nginx);
  for (const p of [a, b]) if (p) expect(await stopServer(p)).toBe(0);
  if (database) await database.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("a session made on one process works on the other; logging out on either ends it", async () => {
  const cookie = await login(a.base, OWNER);
  const onB = await fetch(`${b.base}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(onB.status).toBe(200);
  expect(await onB.text()).toContain(OWNER);

  const out = await formPost(b.base, "/logout", {}, { Cookie: cookie });
  await out.arrayBuffer();
  expect([302, 303]).toContain(out.status);
  const onA = await fetch(`${a.base}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
  await onA.arrayBuffer();
  expect(onA.status).toBe(302);
  expect(onA.headers.get("location")).toMatch(/^\/login/);
});

test("the inquiry limit per client address is counted across both processes", async () => {
  const ip = `198.51.100.${crypto.randomInt(1, 254)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await inquiry(i % 2 ? b.base : a.base, ip, `Limit ${i}`);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  // 5 an hour per address: three through each process, the sixth refused. A sent inquiry is
  // answered with a redirect to its thank-you page (ADR 0020).
  expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
});

test("wrong passwords are counted per account across both processes: the lockout holds on either", async () => {
  const email = "member-b@demo.zizhupark.example";
  const statuses: number[] = [];
  // Five wrong passwords, alternating processes: the fifth starts the lockout (ACCOUNT_BACKOFF).
  for (let i = 0; i < 5; i++) {
    const response = await formPost(i % 2 ? b.base : a.base, "/login", {
      email,
      password: `wrong-${i}`,
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400]);
  // Now even the right password is refused, through either process.
  for (const base of [a.base, b.base]) {
    const response = await formPost(base, "/login", { email, password: PASSWORD });
    await response.arrayBuffer();
    expect(response.status, `right password via ${base} while locked`).toBe(429);
  }
});

test("jobs enqueued through one process each run exactly once with both workers running", async () => {
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const before = (await db.query("SELECT coalesce(max(id), 0)::int AS id FROM job")).rows[0].id;
    for (let i = 0; i < 12; i++) {
      const response = await inquiry(a.base, `203.0.113.${i + 1}`, `Jobs ${i}`);
      await response.arrayBuffer();
      expect(response.status).toBe(302);
    }
    let rows: {
      id: number;
      attempts: number;
      completed_at: Date | null;
      failed_at: Date | null;
    }[] = [];
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((r) => setTimeout(r, 500));
      rows = (
        await db.query(
          "SELECT id, attempts, completed_at, failed_at FROM job WHERE id > $1 AND task = 'send-email'",
          [before],
        )
      ).rows;
    } while (rows.some((r) => !r.completed_at) && Date.now() < deadline);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.filter((r) => !r.completed_at || r.failed_at)).toEqual([]);
    expect(rows.filter((r) => r.attempts !== 1)).toEqual([]);
    const emails = (
      await db.query(
        "SELECT status, count(*)::int AS n FROM email WHERE id IN (SELECT (payload->>'emailId')::uuid FROM job WHERE id > $1 AND task = 'send-email') GROUP BY status",
        [before],
      )
    ).rows;
    expect(emails).toEqual([{ status: "sent", n: rows.length }]);
  } finally {
    await db.end();
  }
});

test("behind nginx: a visitor's inquiry reaches staff, and both processes served the journey", async () => {
  const linesA = requestLines(a.output()).length;
  const linesB = requestLines(b.output()).length;
  const marker = `Nginx Visitor ${crypto.randomBytes(3).toString("hex")}`;

  for (const p of ["/", "/news", "/park", "/contact"]) {
    const response = await fetch(`${nginxBase}${p}`);
    await response.arrayBuffer();
    expect(response.status, p).toBe(200);
  }
  const sent = await inquiry(nginxBase, "192.0.2.77", marker);
  await sent.arrayBuffer();
  expect(sent.status).toBe(302);
  // The thank-you page shows the reference from this browser's flash cookie (ADR 0020).
  const location = sent.headers.get("location") ?? "";
  expect(location).toMatch(/^\/contact\/thanks/);
  const flash = sent.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const thanks = await fetch(`${nginxBase}${location}`, { headers: { Cookie: flash } });
  const reference = /INQ-\d{4}-\d{5}/.exec(await thanks.text())?.[0];
  expect(reference).toBeTruthy();

  const staff = await login(nginxBase, STAFF, { "X-Forwarded-For": "192.0.2.78" });
  for (let i = 0; i < 4; i++) {
    const inbox = await fetch(`${nginxBase}/desk/inquiries`, {
      headers: { Cookie: staff },
      redirect: "manual",
    });
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    expect(html).toContain(reference!);
    expect(html).toContain(marker);
  }

  // Public pages may be answered from a process's page cache, which writes no access-log line;
  // the inquiry, the login and the four inbox reads always reach the app. The log lines come
  // through a pipe, so give them a moment to arrive.
  const served = () => ({
    a: requestLines(a.output()).length - linesA,
    b: requestLines(b.output()).length - linesB,
  });
  await expect.poll(() => served().a + served().b, { timeout: 5_000 }).toBeGreaterThanOrEqual(6);
  expect(served().a, "requests served by process A").toBeGreaterThan(0);
  expect(served().b, "requests served by process B").toBeGreaterThan(0);
});

test("behind nginx, a forged X-Forwarded-For changes nothing: throttling, sessions and the audit log see nginx's peer", async () => {
  const forged = `203.0.113.${crypto.randomInt(1, 254)}`;
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const counter = async (ip: string) =>
      (
        await db.query<{ failures: number }>(
          "SELECT failures FROM attempt_counter WHERE key = $1",
          [`login:ip:${ip}`],
        )
      ).rows[0]?.failures ?? 0;
    const before = await counter("127.0.0.1");
    // Wrong passwords for an unknown account, each with another forged address (and a forged
    // X-Real-IP / Forwarded for good measure): all are counted against the one real peer.
    for (let i = 0; i < 3; i++) {
      const response = await formPost(
        nginxBase,
        "/login",
        { email: `nobody-${i}@example.com`, password: "wrong-password" },
        {
          "X-Forwarded-For": `${forged}, 198.51.100.${i + 1}`,
          "X-Real-IP": forged,
          Forwarded: `for=${forged}`,
        },
      );
      await response.arrayBuffer();
    }
    expect(await counter(forged)).toBe(0);
    expect(await counter("127.0.0.1")).toBe(before + 3);

    // A sign-in through nginx with a forged address: the session and the audit entry record
    // the address nginx saw.
    const cookie = await login(nginxBase, OWNER, { "X-Forwarded-For": forged });
    expect(cookie).toContain("session");
    const session = await db.query<{ ip: string }>(
      "SELECT s.ip FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.created_at DESC LIMIT 1",
      [OWNER],
    );
    expect(session.rows[0]?.ip).toBe("127.0.0.1");
    const entry = await db.query<{ ip: string }>(
      "SELECT a.ip FROM audit_log a JOIN app_user u ON a.entity_id = u.id::text WHERE u.email = $1 AND a.action = 'user.login' ORDER BY a.id DESC LIMIT 1",
      [OWNER],
    );
    expect(entry.rows[0]?.ip).toBe("127.0.0.1");
  } finally {
    await db.end();
  }
});
