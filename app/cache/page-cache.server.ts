/**
 * The page cache of public pages (issue 7, ADR 0016).
 *
 * - HTTP caching: anonymous GETs of public pages answer with `Cache-Control: public,
 *   max-age=0, s-maxage=60, stale-while-revalidate=600`, `Vary: Cookie, Accept-Language,
 *   Accept-Encoding`, an ETag, and 304 on a matching `If-None-Match`. Anything else stays
 *   `private, no-store`. A copy is gzipped once when kept and sent gzipped to clients that
 *   accept it (its own ETag, the plain one's with `-gz`).
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
  if (!cookieHeader) return true;
  return cookieHeader.split(";").every((part) => {
    const name = part.split("=")[0]!.trim();
    return name === "" || name === "lang";
  });
}

export interface CacheEntry {
  status: number;
  body: Buffer;
  etag: string;
  /** Every header of a 200, computed once: security (CSP of this copy's nonce), caching, type. */
  raw: string[];
  /** The body gzipped (level 6), its headers and ETag. */
  gzip: { body: Buffer; raw: string[]; etag: string };
  version: string;
  expiresAt: number;
}

export interface PageCacheOptions {
  /** Keep rendered copies in memory (PAGE_CACHE=off: render every time, HTTP headers kept). */
  enabled: boolean;
  /** The content state, read fresh for this request (see `batchedReader`). */
  state: () => Promise<ContentState>;
  /** The content state when known without a query (see `createContentWatcher`), else null. */
  knownState?: () => ContentState | null;
  /** Renders the page through Remix with this nonce. */
  render: (req: IncomingMessage, res: ServerResponse, nonce: string) => Promise<Response>;
  /** The security headers (CSP with this nonce, ...) of a response. */
  securityHeaders: (nonce: string) => [string, string][];
  /** Sends a response that is not kept (errors, redirects, Set-Cookie). */
  sendUncached: (res: ServerResponse, response: Response) => Promise<void>;
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
}

export type Middleware = (
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Bodies of pages rendered whole into one buffer (`loadContext.buffered`, entry.server.tsx),
 * by the Response that carries their status and headers: the page cache takes the buffer as it
 * is, without wrapping it in a web stream and reading it back (~3 % of an uncached render).
 * A Response not found here (a redirect, an error made by Remix) is read as usual.
 */
export const bufferedBodies = new WeakMap<Response, Buffer>();

async function bodyOf(response: Response): Promise<Buffer> {
  return bufferedBodies.get(response) ?? Buffer.from(await response.arrayBuffer());
}

function gzipOf(common: string[], etag: string, body: Buffer): CacheEntry["gzip"] {
  const gzipBody = gzipSync(body, { level: 6 });
  const gzipEtag = `${etag.slice(0, -1)}-gz"`;
  return {
    body: gzipBody,
    etag: gzipEtag,
    raw: [
      ...common,
      "ETag",
      gzipEtag,
      "Content-Encoding",
      "gzip",
      "Content-Length",
      String(gzipBody.length),
    ],
  };
}

function etagOf(body: Buffer): string {
  return `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))/.test(accept);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

const NOT_GZIPPED: CacheEntry["gzip"] = { body: Buffer.alloc(0), etag: "", raw: [] };

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

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: CacheEntry,
    outcome: "hit" | "miss" | "off",
    requestId?: string,
  ) => {
    // All headers in one array: no setHeader before writeHead keeps Node on its fast path
    // (a fifth of a hit's time, docs/performance.md).
    const own = requestId
      ? ["X-Request-Id", requestId, "X-Page-Cache", outcome]
      : ["X-Page-Cache", outcome];
    const gzip = acceptsGzip(req);
    const etag = gzip ? entry.gzip.etag : entry.etag;
    if (matches(req.headers["if-none-match"], etag)) {
      // No CSP on a 304: the browser keeps the stored one, whose nonce matches its stored body.
      res.writeHead(304, [
        ...own,
        "Cache-Control",
        PUBLIC_CACHE_CONTROL,
        "Vary",
        VARY,
        "ETag",
        etag,
      ]);
      res.end();
      return;
    }
    res.writeHead(entry.status, [...own, ...(gzip ? entry.gzip.raw : entry.raw)]);
    res.end(req.method === "HEAD" ? undefined : gzip ? entry.gzip.body : entry.body);
  };

  /** The cache key of a request for a public page by an anonymous reader, else null. */
  const keyOf = (req: IncomingMessage & { originalUrl?: string }): string | null => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = req.originalUrl ?? req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    if (!isPublicPath(pathname) || !isAnonymous(req.headers.cookie)) return null;
    const locale = detectLocale({
      headers: { get: (name: string) => req.headers[name.toLowerCase()] ?? null },
    } as unknown as Request);
    return `${locale} ${url}`;
  };

  /**
   * Answers from memory, before any middleware, when the state is known without a query and
   * a valid copy exists; returns false otherwise (the middleware then takes the request).
   */
  const tryServe = (
    req: IncomingMessage,
    res: ServerResponse,
    /** Called on a hit before anything is written; returns the request id to send. */
    onHit?: (req: IncomingMessage, res: ServerResponse) => string | undefined,
  ): boolean => {
    if (!options.enabled || !options.knownState) return false;
    const state = options.knownState();
    if (!state || state.version !== version) return false;
    const key = keyOf(req);
    if (key === null) return false;
    const hit = entries.get(key);
    if (!hit || hit.version !== state.version || now() >= hit.expiresAt) return false;
    entries.delete(key);
    entries.set(key, hit);
    send(req, res, hit, "hit", onHit?.(req, res));
    return true;
  };

  const middleware: Middleware = (req, res, next) => {
    const key = keyOf(req);
    if (key === null) return next();
    void (async () => {
      let state: ContentState;
      try {
        state = await options.state();
      } catch {
        // Database unreachable: the usual path answers (503 from the app).
        return next();
      }
      if (state.version !== version) {
        // Content changed: every copy is stale.
        entries.clear();
        bytes = 0;
        version = state.version;
      }
      const at = now();
      if (options.enabled) {
        const hit = entries.get(key);
        if (hit && hit.version === state.version && at < hit.expiresAt) {
          // Most recently used goes last.
          entries.delete(key);
          entries.set(key, hit);
          return send(req, res, hit, "hit");
        }
      }
      const nonce = crypto.randomBytes(16).toString("base64");
      const response = await options.render(req, res, nonce);
      if (response.status !== 200 || response.headers.has("Set-Cookie")) {
        for (const [name, value] of options.securityHeaders(nonce)) res.setHeader(name, value);
        res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
        const buffered = bufferedBodies.get(response);
        return options.sendUncached(
          res,
          buffered
            ? new Response(new Uint8Array(buffered), {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
              })
            : response,
        );
      }
      const body = await bodyOf(response);
      const etag = etagOf(body);
      const raw: string[] = [];
      for (const [name, value] of options.securityHeaders(nonce)) raw.push(name, value);
      response.headers.forEach((value, name) => {
        if (name !== "cache-control" && name !== "content-length" && name !== "vary")
          raw.push(name, value);
      });
      raw.push("Cache-Control", PUBLIC_CACHE_CONTROL, "Vary", VARY);
      const common = [...raw];
      raw.push("ETag", etag, "Content-Length", String(body.length));
      const entry: CacheEntry = {
        status: 200,
        body,
        etag,
        raw,
        // A kept copy is gzipped once for every later reader; with the cache off, only for a
        // reader that accepts gzip (send() never looks at it otherwise).
        gzip: options.enabled || acceptsGzip(req) ? gzipOf(common, etag, body) : NOT_GZIPPED,
        // Labelled with the version read before rendering: the rows the render read are at
        // least that new, so the label can only be too old (a spare re-render), never too new.
        version: state.version,
        expiresAt: Math.min(at + ttlMs, state.nextChangeAt),
      };
      if (options.enabled && state.version === version) keep(key, entry);
      send(req, res, entry, options.enabled ? "miss" : "off");
    })().catch(next);
  };

  return {
    middleware,
    tryServe,
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
      () => undefined,
    );
  };
  const lost = () => {
    known = null;
    generation++;
    const old = client;
    client = null;
    old?.end().catch(() => undefined);
    if (!stopped && !retry)
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, 1_000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: "page-cache-listener" });
    c.on("error", lost);
    c.on("end", () => {
      if (client === c) lost();
    });
    c.on("notification", () => refresh());
    try {
      await c.connect();
      await c.query("LISTEN content_version");
    } catch {
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
