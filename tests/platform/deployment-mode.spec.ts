/**
 * Local demo or shared start (ADR 0018), on the built server:
 * - a shared start (PUBLIC_URL another machine's address) says so and why, no account accepts
 *   the README's demo password, a one-time password is printed once (never logged), the
 *   development mailbox and its footer link are for admins only, a malformed Host is a short
 *   400 page without a stack, server refusals are pages in the reader's language, build assets
 *   are sent precompressed and path variants neither grow memory nor reach the disk;
 * - TRUST_PROXY=true refuses to start;
 * - the local demo start of the browser tests (HOST and PUBLIC_URL on 127.0.0.1) shows the demo
 *   logins and the mailbox, and answers only loopback Host names.
 * No browser: requests are made with node:http so that Host and paths go out as written.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/e2e";
import {
  scratchDatabase,
  startReadyServer,
  startServer,
  stopServer,
  type ScratchDatabase,
  type ServerProcess,
} from "../support/server";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const ADMIN = "admin@demo.zizhupark.example";
const OWNER = "owner@demo.zizhupark.example";
const PUBLIC_URL = "http://portal.example.test";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** The shared start is addressed by its public name, the local one by its loopback address. */
const hostFor = (p: number) => (p === port ? new URL(PUBLIC_URL).host : `127.0.0.1:${p}`);

/** One request with node:http: the path and every header go out exactly as given. */
function request(
  port: number,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: rawPath,
        method: options.method ?? "GET",
        headers: { Host: hostFor(port), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString("utf8"),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function form(
  port: number,
  p: string,
  fields: Record<string, string>,
  cookie = "",
  headers: Record<string, string> = {},
) {
  return request(port, p, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: PUBLIC_URL,
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

function sessionCookie(answer: Answer): string {
  const cookies = answer.headers["set-cookie"] ?? [];
  return cookies
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.startsWith("session="))
    .join("; ");
}

let server: ServerProcess;
let port = 0;
let database: ScratchDatabase;

test.beforeAll(async () => {
  database = await scratchDatabase("portal_mode");
  // As `npm start` on a server: production by default, a public PUBLIC_URL, demo data asked
  // for. HOST stays on loopback only so that the test opens no port to the network.
  // NODE_ENV empty counts as unset (server.js then chooses production, as under `npm start`).
  server = await startReadyServer(
    {
      NODE_ENV: "",
      SMTP_URL: "",
      TRUST_PROXY: "",
      PUBLIC_URL,
      DATABASE_URL: database.url,
      SEED_DEMO: "always",
      LOG_LEVEL: "info",
    },
    { timeoutMs: 90_000 },
  );
  port = server.port;
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  if (database) await database.drop();
});

test("a shared start says so; the published demo password works nowhere, a one-time one is printed once and never logged", async () => {
  const stderr = server.stderr();
  expect(stderr).toContain(`Mode: shared, because PUBLIC_URL=${PUBLIC_URL}`);
  const oneTime = /shown only now\): (\S+)/.exec(stderr)?.[1];
  expect(oneTime, stderr).toBeTruthy();
  expect(server.stdout()).not.toContain(oneTime!);
  expect(server.stdout()).toContain('"mode":"shared"');

  for (const email of [ADMIN, OWNER]) {
    const refused = await form(port, "/login", { email, password: DEMO_PASSWORD });
    expect(refused.status, email).not.toBe(302);
    expect(sessionCookie(refused)).toBe("");
  }
  const admin = await form(port, "/login", { email: ADMIN, password: oneTime! });
  expect(admin.status).toBe(302);
  expect(sessionCookie(admin)).toMatch(/^session=/);
});

test("a shared start's mailbox is for admins only, and so is its footer link", async () => {
  const oneTime = /shown only now\): (\S+)/.exec(server.stderr())![1]!;
  const anonymous = await request(port, "/dev/mailbox");
  expect(anonymous.status).toBe(404);
  expect((await request(port, "/")).text).not.toContain('href="/dev/mailbox"');

  const owner = sessionCookie(await form(port, "/login", { email: OWNER, password: oneTime }));
  expect(owner).toMatch(/^session=/);
  expect((await request(port, "/dev/mailbox", { headers: { Cookie: owner } })).status).toBe(404);
  const ownersPage = await request(port, "/account", { headers: { Cookie: owner } });
  expect(ownersPage.text).not.toContain('href="/dev/mailbox"');

  const admin = sessionCookie(await form(port, "/login", { email: ADMIN, password: oneTime }));
  const mailbox = await request(port, "/dev/mailbox", { headers: { Cookie: admin } });
  expect(mailbox.status).toBe(200);
  const adminsPage = await request(port, "/account", { headers: { Cookie: admin } });
  expect(adminsPage.text).toContain('href="/dev/mailbox"');
});

test("a malformed Host and other server refusals are short pages in the reader's language, never a stack", async () => {
  const cases: Array<[string, Record<string, string>, string | undefined, number]> = [
    ["/", { Host: "bad host" }, undefined, 400],
    ["/login", { Host: "exa_mple.com:99999999" }, undefined, 400],
    ["/", { Host: "[::1" }, undefined, 400],
  ];
  for (const [p, headers, body, status] of cases) {
    const started = Date.now();
    const answer = await request(port, p, { headers, body });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer.status, JSON.stringify(headers)).toBe(status);
    expect(answer.headers["content-type"]).toContain("text/html");
    expect(answer.text).toContain("<h1>This request could not be read</h1>");
    expect(answer.text).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|server\.js|Error:/);
    expect(answer.body.length).toBeLessThan(4_000);
  }
  const chinese = await request(port, "/", {
    headers: { Host: "bad host", "Accept-Language": "zh-CN,zh;q=0.9" },
  });
  expect(chinese.text).toContain('<html lang="zh-CN">');
  expect(chinese.text).toContain("无法读取此请求");

  // Too large (413), cross-site (403), another body type (415): pages, in the cookie's language.
  const tooLarge = await request(port, "/contact", {
    method: "POST",
    headers: {
      Cookie: "lang=zh-CN",
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": "50000000",
    },
  });
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.text).toContain("提交的内容过大");
  const crossSite = await request(port, "/contact", {
    method: "POST",
    headers: {
      "Sec-Fetch-Site": "cross-site",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "a=1",
  });
  expect(crossSite.status).toBe(403);
  expect(crossSite.text).toContain("<h1>Request refused</h1>");
  // An Origin of another host, a malformed Origin, or a forged X-Forwarded-Host (no proxy is
  // trusted here) used to end in Remix's CSRF exception: a 500. Now: 403 pages, or ignored.
  for (const headers of <Array<Record<string, string>>>[
    { Origin: "http://127.0.0.1" },
    { Origin: "not a url" },
    { Origin: PUBLIC_URL, "X-Forwarded-Host": "elsewhere.example" },
  ]) {
    const answer = await form(
      port,
      "/login",
      { email: "x@example.com", password: "x" },
      "",
      headers,
    );
    expect([403, 400], JSON.stringify(headers)).toContain(answer.status);
  }
  const json = await request(port, "/contact", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  expect(json.status).toBe(415);
  expect(json.text).toContain("<h1>This form could not be read</h1>");
});

test("build assets go out precompressed; path variants are normalised or refused and do not grow memory", async () => {
  const home = (await request(port, "/")).text;
  const script = /\/build\/_shared\/[A-Za-z0-9_-]+\.js/.exec(home)?.[0];
  expect(script, "a shared chunk on the home page").toBeTruthy();
  const onDisk = fs.readFileSync(path.join("public", script!));

  const br = await request(port, script!, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(br.status).toBe(200);
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["cache-control"]).toContain("immutable");
  expect(br.headers.vary).toContain("Accept-Encoding");
  expect(br.body.equals(fs.readFileSync(path.join("public", `${script!}.br`)))).toBe(true);
  expect(zlib.brotliDecompressSync(br.body).equals(onDisk)).toBe(true);
  const gz = await request(port, script!, { headers: { "Accept-Encoding": "gzip" } });
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gz.body).equals(onDisk)).toBe(true);
  const plain = await request(port, script!);
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.equals(onDisk)).toBe(true);

  const file = script!.split("/").pop()!;
  // An encoded letter names the same file: served as it (one entry, nothing new kept).
  expect((await request(port, `/build/%5Fshared/${file}`)).status).toBe(200);
  for (const variant of [
    `/build/v1/../_shared/${file}`,
    `/build//_shared/${file}`,
    `/build/_shared/./${file}`,
    `/build/%2e%2e/build/_shared/${file}`,
    `/build/_shared/${file}/`,
    `/build/_shared/${file}%00`,
    `/build/_shared/%E0%A4%A`,
    `/build/../server.js`,
  ]) {
    const answer = await request(port, variant, { headers: { "Accept-Encoding": "gzip" } });
    expect(answer.status, variant).toBe(404);
    expect(answer.body.length, variant).toBeLessThan(100);
  }

  // Thousands of distinct variants of the largest chunks: memory stays where it was.
  const chunks = [...home.matchAll(/\/build\/_shared\/([A-Za-z0-9_-]+\.js)/g)].map((m) => m[1]!);
  const before = server.rssKb()!;
  for (let i = 0; i < 3_000; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) => {
        const name = chunks[(i + j) % chunks.length]!;
        const variant =
          (i + j) % 2
            ? `/build/v${i + j}/../_shared/${name}`
            : `/build/%5Fshared/${name}?v=${i + j}`;
        return request(port, variant, { headers: { "Accept-Encoding": "gzip" } });
      }),
    );
  }
  const grownMb = ((server.rssKb() ?? 0) - before) / 1024;
  expect(grownMb, "RSS growth over 3,000 distinct asset URLs").toBeLessThan(25);
});

test("TRUST_PROXY=true refuses to start, with a clear message", async () => {
  const refused = await startServer(
    { TRUST_PROXY: "true", DATABASE_URL: "postgres://unused/x" },
    { port: 1 },
  );
  expect(await refused.exited).toBe(1);
  expect(refused.output()).toContain("TRUST_PROXY=true would believe any client's X-Forwarded-For");
});

test("the local demo start (the browser tests' server) shows its demo logins and mailbox, on loopback names only", async ({
  baseURL,
}) => {
  const local = Number(new URL(baseURL!).port);
  const login = await request(local, "/login", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: baseURL!,
    },
    body: new URLSearchParams({ email: OWNER, password: DEMO_PASSWORD }).toString(),
  });
  expect(login.status).toBe(302);
  expect((await request(local, "/dev/mailbox")).status).toBe(200);
  expect((await request(local, "/")).text).toContain('href="/dev/mailbox"');
  expect((await request(local, "/", { headers: { Host: `localhost:${local}` } })).status).toBe(200);
  const foreign = await request(local, "/", { headers: { Host: "portal.example.test" } });
  expect(foreign.status).toBe(400);
  expect(foreign.text).toContain("<h1>This is a local demo</h1>");
});
