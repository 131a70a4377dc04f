/**
 * The page cache of public pages (issue 7, ADR 0016; a layer in front of the app, ADR 0022).
 *
 * - HTTP caching: anonymous GETs of public pages answer with `Cache-Control: public,
 *   max-age=0, s-maxage=60, stale-while-revalidate=600`, `Vary: Cookie, Accept-Language,
 *   Accept-Encoding`, a weak ETag made from the content version before any render
 *   (`etagFor`), and 304 on a matching `If-None-Match` without running the app. Anything else
 *   stays `private, no-store`. A copy is gzipped once when kept and sent gzipped to clients
 *   that accept it.
 * - In-process copies of the rendered HTML, keyed by (locale, URL) and labelled with the
 *   content version (a counter in PostgreSQL that triggers bump on every write to public
 *   content). Every request reads the version fresh (one query shared by all requests that
 *   arrived before it started), so a publish committed in any process is seen by every process
 *   on its next request. A copy also expires at the next scheduled publish time and after a
 *   minute.
 * - The CSP nonce: a cached copy keeps the nonce it was rendered with and is always sent with
 *   the CSP header of that same nonce; 304s carry no CSP (the browser keeps its stored one).
 */
import crypto from "node:crypto";
import { gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "kysely";
import pg from "pg";
import type { Executor } from "#db/executor";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale } from "~/i18n/locale.server";
import { onlyLanguageCookie } from "~/lib/cookies.server";
import { logger } from "~/observability/logger.server";

export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
export const PRIVATE_CACHE_CONTROL = "private, no-store";
const VARY = "Cookie, Accept-Language, Accept-Encoding";

export interface ContentState {
  /** The content version (bigint as text). */
  version: string;
  /** Epoch ms of the next scheduled publish (content changes then without a write). */
  nextChangeAt: number;
}

/** One query: the content version and the next scheduled publication. */
export async function readContentState(db: Executor): Promise<ContentState> {
  const { rows } = await sql<{ version: string; next_at: Date | null }>`
    SELECT version::text AS version,
      (SELECT min(published_at) FROM news_article
        WHERE status = 'published' AND published_at > now()) AS next_at
    FROM content_version`.execute(db);
  const row = rows[0];
  if (!row) throw new Error("content_version has no row: migrations have not run");
  return {
    version: row.version,
    nextChangeAt: row.next_at ? new Date(row.next_at).getTime() : Number.POSITIVE_INFINITY,
  };
}

/**
 * Wraps a reader so concurrent callers share queries, without ever answering a caller with a
 * value read before it called: a caller arriving while a query runs waits for the next one,
 * which starts as soon as the running one ends. Under load, one query serves a whole batch.
 */
export function batchedReader<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p: Promise<T> = read().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  const get = (): Promise<T> => {
    if (!running) return start();
    if (!queued) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          return running ?? start();
        });
    }
    return queued;
  };
  return get;
}

const PUBLIC_PATHS = [
  /^\/$/,
  /^\/news$/,
  /^\/news\/(?!media\/)[^/]+$/,
  /^\/park$/,
  /^\/park\/[a-z-]+$/,
  /^\/rss\.xml$/,
  /^\/sitemap\.xml$/,
];

/** Public pages: the same for every anonymous reader of a language. */
export function isPublicPath(pathname: string): boolean {
  if (pathname.endsWith(".data")) return false;
  return PUBLIC_PATHS.some((re) => re.test(pathname));
}

/** Anonymous: no cookie but the language choice (no session, no toast). */
export function isAnonymous(cookieHeader: string | undefined): boolean {
  return onlyLanguageCookie(cookieHeader);
}

export interface CacheEntry {
  status: number;
  body: Buffer;
  etag: string;
  /** Every header of a 200, computed once: security (CSP of this copy's nonce), caching, type. */
  raw: string[];
  /** The body gzipped (level 6) and its headers. */
  gzip: { body: Buffer; raw: string[] };
  version: string;
  expiresAt: number;
}

/** Who asks: the request id and the client address (load context). */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

export interface PageCacheOptions {
  /** Keep rendered copies in memory (PAGE_CACHE=off: render every time, HTTP headers kept). */
  enabled: boolean;
  /** The content state, read fresh for this request (see `batchedReader`). */
  state: () => Promise<ContentState>;
  /** The content state when known without a query (see `createContentWatcher`), else null. */
  knownState?: () => ContentState | null;
  /** Renders a request through the app (Remix's public request handler) with this nonce. */
  render: (request: Request, nonce: string, meta: RequestMeta) => Promise<Response>;
  /** The security headers (CSP with this nonce, ...) of a response. */
  securityHeaders: (nonce: string) => [string, string][];
  /** Sends a response that is not kept (errors, redirects, Set-Cookie), after these headers. */
  sendUncached: (
    req: IncomingMessage,
    res: ServerResponse,
    response: Response,
    headers: [string, string][],
  ) => Promise<void>;
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
}

function gzipOf(common: string[], body: Buffer): CacheEntry["gzip"] {
  const gzipBody = gzipSync(body, { level: 6 });
  return {
    body: gzipBody,
    raw: [...common, "Content-Encoding", "gzip", "Content-Length", String(gzipBody.length)],
  };
}

/**
 * The validator of a public page, known before any render: the content version, the next
 * scheduled publication (content changes then without a write), the UTC day (pages say "3
 * days left") and the language. Weak: the gzipped and plain bodies are the same page, and two
 * renders differ in their CSP nonce only. Every process computes the same one.
 */
export function etagFor(state: ContentState, locale: string, at: number): string {
  const next = Number.isFinite(state.nextChangeAt) ? state.nextChangeAt.toString(36) : "-";
  const day = Math.floor(at / 86_400_000).toString(36);
  return `W/"${state.version}.${next}.${day}.${locale}"`;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))/.test(accept);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const plain = etag.replace(/^W\//, "");
  return ifNoneMatch
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === plain || tag.trim() === "*");
}

const NOT_GZIPPED: CacheEntry["gzip"] = { body: Buffer.alloc(0), raw: [] };

/**
 * The page cache as a layer in front of the app: for an anonymous GET or HEAD of a public
 * page it answers a matching `If-None-Match` with 304 and a kept copy with 200 before the app
 * runs; on a miss it renders through the app, reads the real Response's body once, keeps it
 * and sends it. Anything else is left to the caller (`serve` resolves false).
 */
export function createPageCache(options: PageCacheOptions) {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, CacheEntry>();
  let bytes = 0;
  let version = "";

  const drop = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length + old.gzip.body.length;
    entries.delete(key);
  };
  const keep = (key: string, entry: CacheEntry) => {
    drop(key);
    entries.set(key, entry);
    bytes += entry.body.length + entry.gzip.body.length;
    // Map order is insertion order: the first keys are the least recently used.
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  };

  const notModified = (res: ServerResponse, etag: string, own: string[]) => {
    // No CSP on a 304: the browser keeps the stored one, whose nonce matches its stored body.
    res.writeHead(304, [...own, "Cache-Control", PUBLIC_CACHE_CONTROL, "Vary", VARY, "ETag", etag]);
    res.end();
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: CacheEntry,
    outcome: "hit" | "miss" | "off",
  ) => {
    // All headers in one array: no setHeader before writeHead keeps Node on its fast path
    // (a fifth of a hit's time, docs/performance.md); X-Request-Id is already set.
    const own = ["X-Page-Cache", outcome];
    const gzip = acceptsGzip(req) && entry.gzip.body.length > 0;
    res.writeHead(entry.status, [...own, ...(gzip ? entry.gzip.raw : entry.raw)]);
    res.end(req.method === "HEAD" ? undefined : gzip ? entry.gzip.body : entry.body);
  };

  /** The locale and cache key of a request for a public page by an anonymous reader, else null. */
  const keyOf = (req: IncomingMessage): { key: string; locale: string } | null => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    if (!isPublicPath(pathname) || !isAnonymous(req.headers.cookie)) return null;
    const locale = detectLocale({
      headers: { get: (name: string) => req.headers[name.toLowerCase()] ?? null },
    } as unknown as Request);
    return { key: `${locale} ${url}`, locale };
  };

  const current = (state: ContentState) => {
    if (state.version !== version) {
      // Content changed: every copy is stale.
      entries.clear();
      bytes = 0;
      version = state.version;
    }
  };

  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    meta: RequestMeta,
    makeRequest: () => Request,
  ): Promise<boolean> => {
    const found = keyOf(req);
    if (found === null) return false;
    const { key, locale } = found;
    let state = options.knownState?.() ?? null;
    if (!state) {
      try {
        state = await options.state();
      } catch {
        // Database unreachable: the app answers (503).
        return false;
      }
    }
    current(state);
    const at = now();
    const etag = etagFor(state, locale, at);
    if (matches(req.headers["if-none-match"], etag)) {
      notModified(res, etag, ["X-Page-Cache", "revalidated"]);
      return true;
    }
    if (options.enabled) {
      const hit = entries.get(key);
      if (hit && hit.version === state.version && hit.etag === etag && at < hit.expiresAt) {
        // Most recently used goes last.
        entries.delete(key);
        entries.set(key, hit);
        send(req, res, hit, "hit");
        return true;
      }
    }
    const nonce = crypto.randomBytes(16).toString("base64");
    const response = await options.render(makeRequest(), nonce, meta);
    if (
      response.status !== 200 ||
      response.headers.has("Set-Cookie") ||
      req.method === "HEAD" ||
      !response.body
    ) {
      await options.sendUncached(req, res, response, [
        ...options.securityHeaders(nonce),
        ["Cache-Control", PRIVATE_CACHE_CONTROL],
      ]);
      return true;
    }
    // The one read of the body: the page is kept whole.
    const body = Buffer.from(await response.arrayBuffer());
    const raw: string[] = [];
    for (const [name, value] of options.securityHeaders(nonce)) raw.push(name, value);
    response.headers.forEach((value, name) => {
      if (
        name !== "cache-control" &&
        name !== "content-length" &&
        name !== "vary" &&
        name !== "etag"
      )
        raw.push(name, value);
    });
    raw.push("Cache-Control", PUBLIC_CACHE_CONTROL, "Vary", VARY, "ETag", etag);
    const common = [...raw];
    raw.push("Content-Length", String(body.length));
    const entry: CacheEntry = {
      status: 200,
      body,
      etag,
      raw,
      // A kept copy is gzipped once for every later reader; with the cache off, only for a
      // reader that accepts gzip (send() never looks at it otherwise).
      gzip: options.enabled || acceptsGzip(req) ? gzipOf(common, body) : NOT_GZIPPED,
      // Labelled with the version read before rendering: the rows the render read are at
      // least that new, so the label can only be too old (a spare re-render), never too new.
      version: state.version,
      expiresAt: Math.min(at + ttlMs, state.nextChangeAt),
    };
    if (options.enabled && state.version === version) keep(key, entry);
    send(req, res, entry, options.enabled ? "miss" : "off");
    return true;
  };

  return {
    serve,
    /** For tests and figures. */
    stats: () => ({ entries: entries.size, bytes, version }),
  };
}

/**
 * Keeps the content state current from PostgreSQL notifications (the trigger notifies channel
 * `content_version` at commit) on a connection of its own. `current()` answers without a query
 * while that connection listens and nothing changed since the last read; otherwise (not yet
 * connected, connection lost, a notification whose re-read is still running, a scheduled
 * publication reached) it answers null and the caller reads the state itself.
 */
export function createContentWatcher(
  url: string,
  read: () => Promise<ContentState>,
  now: () => number = Date.now,
) {
  let client: pg.Client | null = null;
  let known: ContentState | null = null;
  let generation = 0;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const refresh = () => {
    const mine = ++generation;
    known = null;
    read().then(
      (state) => {
        // A notification during the read makes its answer possibly old: keep waiting.
        if (mine === generation && client) known = state;
      },
      (error: unknown) =>
        // Requests read the version themselves meanwhile; the next notification retries.
        logger.warn(
          { err: error, channel: "content_version" },
          "page cache: reading the content version failed",
        ),
    );
  };
  const lost = (error?: unknown) => {
    if (!stopped)
      logger.warn(
        { err: error, channel: "content_version" },
        "page cache: the listening connection was lost; requests read the version until it is back",
      );
    known = null;
    generation++;
    const old = client;
    client = null;
    old
      ?.end()
      .catch((error: unknown) =>
        logger.debug({ err: error }, "page cache: closing the lost connection failed"),
      );
    if (!stopped && !retry)
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, 1_000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: "page-cache-listener" });
    c.on("error", (error) => lost(error));
    c.on("end", () => {
      if (client === c) lost();
    });
    c.on("notification", () => refresh());
    try {
      await c.connect();
      await c.query("LISTEN content_version");
    } catch (error) {
      logger.warn(
        { err: error, channel: "content_version" },
        "page cache: could not listen for content changes; retrying in 1 s",
      );
      c.removeAllListeners("end");
      await c.end().catch(() => undefined);
      if (!stopped && !retry)
        retry = setTimeout(() => {
          retry = null;
          void connect();
        }, 1_000);
      return;
    }
    if (stopped) return void c.end().catch(() => undefined);
    client = c;
    // Read only once listening: no commit can fall between the read and the first notice.
    refresh();
  };
  void connect();
  return {
    current(): ContentState | null {
      if (!known) return null;
      if (now() >= known.nextChangeAt) {
        refresh();
        return null;
      }
      return known;
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      known = null;
      await c?.end().catch(() => undefined);
    },
  };
}

const WATCHER = Symbol.for("park-portal.content-watcher");
type WatcherHolder = { [WATCHER]?: ReturnType<typeof createContentWatcher> };

/** Stops the listening connection (called by shutdown()). */
export async function stopContentWatcher(): Promise<void> {
  const holder = globalThis as WatcherHolder;
  await holder[WATCHER]?.stop();
  delete holder[WATCHER];
}

/**
 * The page cache of this process. With a PostgreSQL server it listens for content changes and
 * reads the version itself only while it cannot listen; with PGlite (one process) it reads the
 * version for every request (batched).
 */
export function publicPageCache(options: Omit<PageCacheOptions, "state">) {
  const readFresh = batchedReader(() => readContentState(db()));
  const url = env().DATABASE_URL;
  let watcher: ReturnType<typeof createContentWatcher> | null = null;
  if (url && process.env.PAGE_CACHE_LISTEN !== "off") {
    const holder = globalThis as WatcherHolder;
    void holder[WATCHER]?.stop();
    watcher = createContentWatcher(url, readFresh);
    holder[WATCHER] = watcher;
  }
  const knownState = () => watcher?.current() ?? null;
  const state = () => {
    const known = knownState();
    return known ? Promise.resolve(known) : readFresh();
  };
  return createPageCache({ ...options, state, knownState });
}
