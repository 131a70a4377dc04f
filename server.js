// The app server: Express in front of the Remix build. It adds what must run before any
// route: request ids and logs, body-size limits, the cross-site request check, security
// headers with a per-request CSP nonce, static files, and a graceful shutdown.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import url from "node:url";
import express from "express";
import pino from "pino";
import remixExpress from "@remix-run/express/dist/server.js";
import { broadcastDevReady, createRequestHandler as createFetchHandler } from "@remix-run/node";

// The package index re-exports only createRequestHandler; the module has all three (2.17.5).
const { createRemixRequest, createRequestHandler, sendRemixResponse } = remixExpress;

// `npm start` (and any start outside `remix dev`, which sets development) is production:
// React's production build, no stack traces on any page (ADR 0018).
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build", "index.js");
const build = await import(url.pathToFileURL(BUILD_PATH).href);
const { startup, shutdown, publicPageCache, refusalPage, createAssetServer, isLoopbackHost } =
  build.entry.module;

// The same JSON lines as the app's logger (app/observability/logger.server.ts, ADR 0009).
const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "park-portal", pid: process.pid },
});
const log = (level, msg, extra = {}) => logger[level](extra, msg);
let stopping = false;

let info;
try {
  info = await startup();
} catch (error) {
  log("fatal", error instanceof Error ? error.message : String(error), { err: error });
  process.stderr.write(`\n  Park Portal did not start:\n  ${String(error?.message ?? error)}\n\n`);
  process.exit(1);
}
// Every setting comes validated from app/env.server.ts (through startup()).
const { port, host, trustProxy, maxBody, maxUpload, production } = info.server;
const publicUrl = new URL(info.server.publicUrl);
const https = publicUrl.protocol === "https:";
const local = info.deployment.mode === "local";

const app = express();
app.disable("x-powered-by");
app.set("env", production ? "production" : "development");
// A hop count or the proxies' addresses, never "everything" (env.server.ts refuses `true`):
// req.ip is then the address the nearest trusted proxy saw, and it is the one address that
// throttles, sessions and the audit log record (load context `ip`).
app.set("trust proxy", trustProxy);

/** A short styled page in the reader's language for a refusal before the app (ADR 0018). */
function refuse(req, res, kind, limitBytes) {
  const nonce = crypto.randomBytes(16).toString("base64");
  const page = refusalPage(kind, req.headers, { limitBytes, nonce });
  // The usual security headers, with this page's nonce (its only inline part is a style).
  for (const [name, value] of securityHeaders(nonce)) res.setHeader(name, value);
  if (kind === "tooLarge" || kind === "unsupported" || kind === "lengthRequired")
    page.headers.Connection = "close";
  res.writeHead(page.status, page.headers);
  res.end(req.method === "HEAD" ? undefined : page.body);
}

// Host (and, from a trusted proxy, X-Forwarded-Host and -Proto) must be a well-formed name or
// address: anything else becomes a clear 400 instead of an exception deep in URL parsing. On a
// local demo only loopback names are answered (a guard against DNS rebinding, and against
// a local demo published through a proxy without PUBLIC_URL).
const HOST_PATTERN =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?)(?::\d{1,5})?$/i;
function validHost(value) {
  if (typeof value !== "string" || value.length > 255 || !HOST_PATTERN.test(value)) return false;
  try {
    new URL(`http://${value}/`);
    return true;
  } catch {
    return false;
  }
}
function hostRefusal(req) {
  const host = req.headers.host;
  if (!validHost(host)) return "badRequest";
  const forwardedHost = req.headers["x-forwarded-host"];
  const forwardedProto = req.headers["x-forwarded-proto"];
  if (trustProxy !== false) {
    if (forwardedHost !== undefined && !validHost(forwardedHost.split(",")[0].trim()))
      return "badRequest";
    if (
      forwardedProto !== undefined &&
      !/^https?$/i.test(String(forwardedProto).split(",")[0].trim())
    )
      return "badRequest";
  }
  if (local && !isLoopbackHost(new URL(`http://${host}/`).hostname)) return "localOnly";
  return null;
}

// Request id, access log (path only: query strings can carry tokens).
const logRequests = logger.isLevelEnabled("info");
const logErrors = logger.isLevelEnabled("error");
function requestIdOf(req, res) {
  const requestId = req.headers["x-request-id"]?.slice(0, 64) || crypto.randomUUID();
  res.locals ??= {};
  res.locals.requestId = requestId;
  return requestId;
}
function logWhenFinished(req, res, requestId) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (!logRequests && res.statusCode < 500) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Invitation links carry their token in the path: log the route, not the token.
    const pathOnly = (req.originalUrl ?? req.url)
      .split("?")[0]
      .replace(/^\/invite\/[^/]+/, "/invite/:token");
    if (pathOnly.startsWith("/build/") || pathOnly.startsWith("/favicon")) return;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      requestId,
      method: req.method,
      path: pathOnly,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
}
function track(req, res) {
  const requestId = requestIdOf(req, res);
  res.setHeader("X-Request-Id", requestId);
  // While shutting down, a kept-alive connection is closed after its current response.
  if (stopping) res.setHeader("Connection", "close");
  if (logRequests || logErrors) logWhenFinished(req, res, requestId);
}
// A page answered from the page cache: the id goes out with the page's own headers (no
// setHeader before writeHead), and below info there is nothing to log (a kept page is never
// an error).
function trackHit(req, res) {
  const requestId = requestIdOf(req, res);
  if (logRequests) logWhenFinished(req, res, requestId);
  return requestId;
}
app.use((req, res, next) => {
  if (!res.locals.requestId) track(req, res);
  next();
});

// Security headers with the CSP nonce of the response (new for every render; a cached public
// page keeps the nonce it was rendered with, ADR 0016).
const connect = production ? "'self'" : "'self' ws://localhost:* ws://127.0.0.1:*";
function securityHeaders(nonce) {
  const headers = [
    [
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${nonce}'`,
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        `connect-src ${connect}`,
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join("; "),
    ],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
  ];
  if (https) headers.push(["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]);
  return headers;
}

// Public pages for anonymous readers (home, news, articles, park pages, RSS, sitemap): HTTP
// caching headers, ETag/304, and rendered copies kept until the content version in PostgreSQL
// moves (ADR 0016). PAGE_CACHE=off renders every time (benchmarks).
const renderPage = createFetchHandler(build, build.mode);
const pageCache = publicPageCache({
  enabled: process.env.PAGE_CACHE !== "off",
  render: (req, res, nonce) => {
    // A HEAD is rendered as a GET: the copy it leaves is served to GETs too.
    const request = createRemixRequest(req, res);
    const get =
      request.method === "HEAD"
        ? new Request(request.url, { headers: request.headers, signal: request.signal })
        : request;
    return renderPage(get, {
      nonce,
      requestId: res.locals.requestId,
      ip: req.ip ?? "unknown",
      buffered: true,
    });
  },
  securityHeaders,
  sendUncached: sendRemixResponse,
});
app.use(pageCache.middleware);

// A route that sets one of these itself (downloads: a sandboxing CSP) replaces the default
// rather than adding a second header line (Remix's Express adapter appends every header).
const OWN_HEADERS = new Set(["content-security-policy", "x-content-type-options"]);
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  for (const [name, value] of securityHeaders(nonce)) res.setHeader(name, value);
  const append = res.append;
  res.append = function (field, value) {
    if (typeof field === "string" && OWN_HEADERS.has(field.toLowerCase()))
      return this.set(field, value);
    return append.call(this, field, value);
  };
  next();
});

// Cross-site non-GET requests are refused (on top of SameSite=Lax cookies).
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const site = req.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return refuse(req, res, "crossSite");
  // An Origin must name this very host (the one Remix compares it with: X-Forwarded-Host from
  // a trusted proxy, else Host), or Remix's own check would end the action in a 500.
  const origin = req.get("origin");
  if (origin !== undefined && origin !== "") {
    let originHost;
    try {
      originHost = new URL(origin).host;
    } catch {
      return refuse(req, res, "crossSite");
    }
    const host = req.get("x-forwarded-host")?.split(",")[0].trim() || req.get("host");
    if (origin === "null" || originHost !== host) return refuse(req, res, "crossSite");
    if (origin !== `${req.protocol}://${host}` && origin !== publicUrl.origin)
      return refuse(req, res, "crossSite");
  }
  next();
});

// Body size: refused before anything reads it.
app.use((req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const type = req.get("content-type") ?? "";
  const limit = type.startsWith("multipart/form-data") ? maxUpload : maxBody;
  const length = req.get("content-length");
  if (length === undefined) {
    if (req.get("transfer-encoding")) return refuse(req, res, "lengthRequired");
    return next();
  }
  if (!/^\d+$/.test(length)) return refuse(req, res, "badRequest");
  if (Number(length) > limit) return refuse(req, res, "tooLarge", limit);
  // Every form posts URL-encoded or multipart with a boundary; any other body would only make
  // request.formData() throw in an action, so it is refused here with a clear status.
  const form =
    /^application\/x-www-form-urlencoded\b/i.test(type) ||
    /^multipart\/form-data\s*;.*\bboundary=/i.test(type);
  if (Number(length) > 0 && !form) return refuse(req, res, "unsupported");
  next();
});

// Build assets: in production from the table of real files and their precompressed copies
// (app/lib/build-assets.server.ts, answered in the request entry below); under `remix dev`
// the folder changes while the process runs, so it is served as it is.
const assets = production ? createAssetServer(path.join(here, "public", "build")) : null;
if (assets && assets.stats().uncompressed > 0)
  log("warn", "build assets without .br/.gz copies: run `npm run build` (not `remix build`)", {
    files: assets.stats().uncompressed,
  });
app.use(
  "/build",
  express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }),
);
app.use(express.static(path.join(here, "public"), { maxAge: "1h", index: false }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      nonce: res.locals.nonce,
      requestId: res.locals.requestId,
      ip: req.ip ?? "unknown",
    }),
  }),
);

// The last word on any error that reaches Express: logged with its stack, answered with a
// short page and never a stack trace or a path (Express's own handler shows both outside
// production).
app.use((error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode ?? 500);
  if (status >= 500 || !(status >= 400)) log("error", "request failed", { err: error });
  if (res.headersSent) return res.destroy();
  refuse(req, res, status >= 400 && status < 500 ? "badRequest" : "serverError");
});

// The request entry: a malformed or (on a local demo) foreign Host is refused first; build
// assets and public pages already rendered for this content version are answered before
// Express.
const server = http.createServer((req, res) => {
  // Only a trusted proxy may name the host: Remix reads X-Forwarded-Host from the raw headers.
  if (trustProxy === false) delete req.headers["x-forwarded-host"];
  const refusal = hostRefusal(req);
  if (refusal) {
    const requestId = requestIdOf(req, res);
    if (logRequests) logWhenFinished(req, res, requestId);
    return refuse(req, res, refusal);
  }
  if (assets?.handle(req, res)) return;
  if (!stopping && pageCache.tryServe(req, res, trackHit)) return;
  app(req, res);
});
server.listen(port, host, () => {
  const address = publicUrl.origin;
  const { mode, reason } = info.deployment;
  log("info", "listening", { address, host, port, database: info.kind, mode, reason });
  const banner = process.stdout.isTTY || process.env.PRINT_BANNER !== "false";
  // One-time passwords of a shared start are printed once whatever PRINT_BANNER says (they
  // are never written to the JSON log).
  const oneTime = mode === "shared" && info.demoLogins.length > 0;
  if (banner || oneTime) {
    const title = mode === "local" ? "local demo" : "shared";
    process.stderr.write(
      `\n  Park Portal is running at ${address} on ${host}:${port} (database: ${info.kind})\n` +
        `  Mode: ${title}, because ${reason}.\n`,
    );
    if (mode === "local")
      process.stderr.write(
        "  Demo logins and the development mailbox work; set HOST and PUBLIC_URL for a shared start.\n",
      );
    if (info.demoLogins.length)
      process.stderr.write(
        `${mode === "local" ? "  Demo logins:\n" : ""}${info.demoLogins.map((l) => `    ${l}`).join("\n")}\n`,
      );
    process.stderr.write("\n");
  }
  if (build.mode === "development") broadcastDevReady(build);
});
server.keepAliveTimeout = 65_000;

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log("info", "shutting down", { signal });
  const force = setTimeout(() => {
    log("error", "forced exit after 20 s");
    process.exit(1);
  }, 20_000);
  force.unref();
  // Stop accepting; in-flight requests finish; keep-alive sockets close as soon as they are
  // idle (a client's connection pool would otherwise hold the server open).
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeIdleConnections();
  });
  clearInterval(sweep);
  try {
    await shutdown();
  } catch (error) {
    log("error", "shutdown failed", { err: error });
    process.exit(1);
  }
  log("info", "stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
