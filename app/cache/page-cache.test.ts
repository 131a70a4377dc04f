/**
 * The page cache (ADR 0016): the content version moves with every write to public content and
 * with nothing else; two app "processes" (each its own HTTP server, page cache and database
 * connections) never serve a copy older than a publish committed before the request; HTTP
 * caching headers, ETag/304 (from the content version, before any render) and the CSP nonce of
 * a cached copy.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "#db/client.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertStaff } from "../../tests/support/factories";
import {
  createArticle,
  publishArticle,
  unpublishArticle,
  type NewsActor,
} from "~/news/news.server";
import {
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  batchedReader,
  createContentWatcher,
  createPageCache,
  isAnonymous,
  isPublicPath,
  readContentState,
  type ContentState,
} from "./page-cache.server";

let t: TestDatabase;
let staff: NewsActor;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await t.close();
});

/** One app process: an HTTP server whose public pages list the published titles. */
async function startProcess(
  db: DB,
  state: () => Promise<ContentState>,
  knownState?: () => ContentState | null,
) {
  let renders = 0;
  const cache = createPageCache({
    enabled: true,
    state,
    knownState,
    render: async (_request, nonce) => {
      renders++;
      const rows = await db
        .selectFrom("news_article")
        .select("title_en")
        .where("status", "=", "published")
        .where("published_at", "<=", new Date())
        .orderBy("title_en")
        .execute();
      const body = `<script nonce="${nonce}"></script><ul>${rows.map((r) => `<li>${r.title_en}</li>`).join("")}</ul>`;
      return new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    },
    securityHeaders: (nonce) => [["Content-Security-Policy", `script-src 'nonce-${nonce}'`]],
    sendUncached: async (_req, res, response) => {
      res.statusCode = response.status;
      res.end(await response.text());
    },
  });
  const server = http.createServer((req, res) => {
    const meta = { requestId: "test", ip: "127.0.0.1" };
    const request = () => new Request(`http://portal.test${req.url}`);
    void cache.serve(req, res, meta, request).then((answered) => {
      if (answered) return;
      res.statusCode = 299;
      res.end("not cached");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, renders: () => renders };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, body: await response.text() };
}

async function published(title: string) {
  const a = await createArticle(t.db, staff, { titleEn: title, bodyEn: `About ${title}.` });
  await publishArticle(t.db, staff, a.id, null);
  return t.db
    .selectFrom("news_article")
    .select(["id", "version"])
    .where("id", "=", a.id)
    .executeTakeFirstOrThrow();
}

describe("content version", () => {
  it("moves with every publish, edit and unpublish, and not with other writes", async () => {
    const v0 = (await readContentState(t.db)).version;
    const a = await published("Version one");
    const v1 = (await readContentState(t.db)).version;
    expect(BigInt(v1)).toBeGreaterThan(BigInt(v0));
    await t.db
      .insertInto("app_user")
      .values({ email: "other@test.example", name: "Other", password_hash: "x" })
      .execute();
    await sql`UPDATE app_user SET name = 'Renamed' WHERE email = 'other@test.example'`.execute(
      t.db,
    );
    expect((await readContentState(t.db)).version).toBe(v1);
    await unpublishArticle(t.db, staff, a.id, a.version);
    expect(BigInt((await readContentState(t.db)).version)).toBeGreaterThan(BigInt(v1));
  });

  it("knows the next scheduled publication", async () => {
    const at = new Date(Date.now() + 3_600_000);
    const a = await createArticle(t.db, staff, { titleEn: "Later", bodyEn: "Soon." });
    await t.db
      .updateTable("news_article")
      .set({ status: "published", published_at: at })
      .where("id", "=", a.id)
      .execute();
    const state = await readContentState(t.db);
    expect(state.nextChangeAt).toBeLessThanOrEqual(at.getTime());
    expect(state.nextChangeAt).toBeGreaterThan(Date.now());
    await t.db.deleteFrom("news_article").where("id", "=", a.id).execute();
  });
});

describe("batchedReader", () => {
  it("never answers a caller with a value read before it called, and shares queries", async () => {
    let value = 0;
    let reads = 0;
    const pending: (() => void)[] = [];
    const reader = batchedReader(
      () =>
        new Promise<number>((resolve) => {
          reads++;
          const seen = value; // the read happens when the query starts
          pending.push(() => resolve(seen));
        }),
    );
    const a = reader(); // starts read 1 (sees 0)
    value = 1; // a commit after read 1 started
    const b = reader(); // must not get read 1
    const c = reader(); // shares b's read
    pending.shift()!();
    expect(await a).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    pending.shift()!(); // read 2, started after b and c called
    expect(await b).toBe(1);
    expect(await c).toBe(1);
    expect(reads).toBe(2);
  });
});

describe("paths and readers", () => {
  it("caches public pages for anonymous readers only", () => {
    for (const p of [
      "/",
      "/news",
      "/news/a-slug",
      "/park",
      "/park/space",
      "/rss.xml",
      "/sitemap.xml",
    ])
      expect(isPublicPath(p), p).toBe(true);
    for (const p of [
      "/news/media/123",
      "/news/a.data",
      "/login",
      "/desk/news",
      "/account",
      "/news/a/b",
    ])
      expect(isPublicPath(p), p).toBe(false);
    expect(isAnonymous(undefined)).toBe(true);
    expect(isAnonymous("lang=zh-CN")).toBe(true);
    expect(isAnonymous("session=abc")).toBe(false);
    expect(isAnonymous("lang=en; toast=xyz")).toBe(false);
  });
});

describe("two processes", () => {
  it("a publish committed in one is served by the other on its next request (version read per request)", async () => {
    // Process B has its own connections (PGlite has one database per process: B shares it).
    const other = t.url ? await openDatabase({ url: t.url, poolSize: 2 }) : null;
    if (other) closers.push(() => other.close());
    const dbB = other?.db ?? t.db;
    const b = await startProcess(
      dbB,
      batchedReader(() => readContentState(dbB)),
    );

    await published("Alpha");
    const first = await get(`${b.base}/news`);
    expect(first.response.headers.get("x-page-cache")).toBe("miss");
    expect(first.body).toContain("Alpha");
    const again = await get(`${b.base}/news`);
    expect(again.response.headers.get("x-page-cache")).toBe("hit");
    expect(again.body).toBe(first.body);
    const renders = b.renders();

    // "Process A" publishes (its own connection: t.db); B's very next request shows it.
    const beta = await published("Beta");
    const after = await get(`${b.base}/news`);
    expect(after.body).toContain("Beta");
    expect(after.response.headers.get("x-page-cache")).toBe("miss");
    expect(b.renders()).toBe(renders + 1);

    await unpublishArticle(t.db, staff, beta.id, beta.version);
    expect((await get(`${b.base}/news`)).body).not.toContain("Beta");
  });

  it.skipIf(!process.env.TEST_DB_MODE?.startsWith("postgres"))(
    "with LISTEN/NOTIFY, the other process drops its copies as soon as the publish commits",
    async () => {
      const other = await openDatabase({ url: t.url!, poolSize: 2 });
      closers.push(() => other.close());
      const read = batchedReader(() => readContentState(other.db));
      const watcher = createContentWatcher(t.url!, read);
      closers.push(() => watcher.stop());
      const deadline = Date.now() + 5_000;
      while (!watcher.current() && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(watcher.current()).not.toBeNull();
      const b = await startProcess(
        other.db,
        () => (watcher.current() ? Promise.resolve(watcher.current()!) : read()),
        () => watcher.current(),
      );
      await get(`${b.base}/news`);
      expect((await get(`${b.base}/news`)).response.headers.get("x-page-cache")).toBe("hit");

      const started = Date.now();
      await published("Gamma");
      let body = "";
      while (Date.now() - started < 2_000) {
        body = (await get(`${b.base}/news`)).body;
        if (body.includes("Gamma")) break;
      }
      expect(body).toContain("Gamma");
      // Bounded staleness: the notice arrives at commit (milliseconds on one machine).
      expect(Date.now() - started).toBeLessThan(2_000);
    },
  );
});

describe("HTTP caching", () => {
  it("public headers, an ETag from the content version and 304 without a render or CSP; the cached copy keeps its nonce and CSP together", async () => {
    const b = await startProcess(
      t.db,
      batchedReader(() => readContentState(t.db)),
    );
    const first = await get(`${b.base}/park`);
    const second = await get(`${b.base}/park`);
    for (const { response, body } of [first, second]) {
      expect(response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
      expect(response.headers.get("vary")).toBe("Cookie, Accept-Language, Accept-Encoding");
      const nonce = /nonce="([^"]+)"/.exec(body)![1];
      expect(response.headers.get("content-security-policy")).toBe(`script-src 'nonce-${nonce}'`);
    }
    expect(second.response.headers.get("etag")).toBe(first.response.headers.get("etag"));
    const etag = first.response.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"\d+\..+\.(en|zh-CN)"$/);
    const rendersBefore = b.renders();
    const revalidated = await get(`${b.base}/park`, { "If-None-Match": etag });
    expect(revalidated.response.status).toBe(304);
    // Another page of the same version: 304 too, with nothing rendered (no copy needed).
    const other = await get(`${b.base}/news`, { "If-None-Match": etag });
    expect(other.response.status).toBe(304);
    expect(b.renders()).toBe(rendersBefore);
    expect(revalidated.body).toBe("");
    expect(revalidated.response.headers.get("content-security-policy")).toBeNull();
    expect((await get(`${b.base}/park`, { "If-None-Match": '"other"' })).response.status).toBe(200);

    // Gzipped for a client that accepts it (fetch does), as it is otherwise; one weak ETag.
    expect(first.response.headers.get("content-encoding")).toBe("gzip");
    const plain = await get(`${b.base}/park`, { "Accept-Encoding": "identity" });
    expect(plain.response.headers.get("content-encoding")).toBeNull();
    expect(plain.body).toBe(first.body);
    expect(plain.response.headers.get("etag")).toBe(etag);

    // A publish moves the version: the old ETag no longer matches, the page is rendered.
    await published("Moves the ETag");
    const after = await get(`${b.base}/park`, { "If-None-Match": etag });
    expect(after.response.status).toBe(200);
    expect(after.body).toContain("Moves the ETag");

    // Signed in (any cookie but the language): not taken by the page cache at all.
    const signedIn = await get(`${b.base}/park`, { Cookie: "session=abc" });
    expect(signedIn.response.status).toBe(299);
    expect(PRIVATE_CACHE_CONTROL).toBe("private, no-store");
  });
});
