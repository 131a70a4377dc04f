/**
 * The page cache of public pages (issue 7, ADR 0016).
 *
 * - HTTP caching: anonymous GETs of public pages answer with `Cache-Control: public,
 *   max-age=0, s-maxage=60, stale-while-revalidate=600`, `Vary: Cookie, Accept-Language`, an
 *   ETag, and 304 on a matching `If-None-Match`. Anything else stays `private, no-store`.
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
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";

export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
export const PRIVATE_CACHE_CONTROL = "private, no-store";
const VARY = "Cookie, Accept-Language";

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
  headers: [string, string][];
  body: Buffer;
  etag: string;
  nonce: string;
  version: string;
  expiresAt: number;
}

export interface PageCacheOptions {
  /** Keep rendered copies in memory (PAGE_CACHE=off: render every time, HTTP headers kept). */
  enabled: boolean;
  /** The content state, read fresh for this request (see `batchedReader`). */
  state: () => Promise<ContentState>;
  /** Renders the page through Remix with this nonce. */
  render: (req: IncomingMessage, res: ServerResponse, nonce: string) => Promise<Response>;
  /** Sets the security headers (CSP with this nonce, ...) on a response. */
  securityHeaders: (res: ServerResponse, nonce: string) => void;
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

function etagOf(body: Buffer): string {
  return `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

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
    bytes -= old.body.length;
    entries.delete(key);
  };
  const keep = (key: string, entry: CacheEntry) => {
    drop(key);
    entries.set(key, entry);
    bytes += entry.body.length;
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
  ) => {
    res.setHeader("X-Page-Cache", outcome);
    res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    res.setHeader("Vary", VARY);
    res.setHeader("ETag", entry.etag);
    if (matches(req.headers["if-none-match"], entry.etag)) {
      // No CSP on a 304: the browser keeps the stored one, whose nonce matches its stored body.
      res.statusCode = 304;
      res.end();
      return;
    }
    options.securityHeaders(res, entry.nonce);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Content-Length", entry.body.length);
    res.statusCode = entry.status;
    res.end(req.method === "HEAD" ? undefined : entry.body);
  };

  const middleware: Middleware = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const url = req.originalUrl ?? req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    if (!isPublicPath(pathname) || !isAnonymous(req.headers.cookie)) return next();
    const locale = detectLocale({
      headers: { get: (name: string) => req.headers[name.toLowerCase()] ?? null },
    } as unknown as Request);
    const key = `${locale} ${url}`;
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
        options.securityHeaders(res, nonce);
        res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
        return options.sendUncached(res, response);
      }
      const body = Buffer.from(await response.arrayBuffer());
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== "cache-control" && name !== "content-length" && name !== "vary")
          headers.push([name, value]);
      });
      const entry: CacheEntry = {
        status: 200,
        headers,
        body,
        etag: etagOf(body),
        nonce,
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
    /** For tests and figures. */
    stats: () => ({ entries: entries.size, bytes, version }),
  };
}

/** The page cache of this process, reading the content state from its database. */
export function publicPageCache(options: Omit<PageCacheOptions, "state">) {
  return createPageCache({ ...options, state: batchedReader(() => readContentState(db())) });
}
