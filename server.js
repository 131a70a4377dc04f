// The app server: Express in front of the Remix build. It adds what must run before any
// route: request ids and logs, body-size limits, the cross-site request check, security
// headers with a per-request CSP nonce, static files, and a graceful shutdown.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import url from "node:url";
import zlib from "node:zlib";
import express from "express";
import pino from "pino";
import remixExpress from "@remix-run/express/dist/server.js";
import { broadcastDevReady, createRequestHandler as createFetchHandler } from "@remix-run/node";

// The package index re-exports only createRequestHandler; the module has all three (2.17.5).
const { createRemixRequest, createRequestHandler, sendRemixResponse } = remixExpress;

const here = path.dirname(url.fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build", "index.js");
const build = await import(url.pathToFileURL(BUILD_PATH).href);
const { startup, shutdown, publicPageCache } = build.entry.module;

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const publicUrl = new URL(process.env.PUBLIC_URL ?? `http://localhost:${port}`);
const https = publicUrl.protocol === "https:";
const maxBody = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
const maxUpload = Number(process.env.MAX_UPLOAD_BYTES ?? 20_000_000);

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
  log("fatal", error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

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
  if (site && site !== "same-origin" && site !== "none")
    return res.status(403).type("text").send("Cross-site request refused");
  const origin = req.get("origin");
  if (origin && origin !== "null") {
    const own = `${req.protocol}://${req.get("host")}`;
    if (origin !== own && origin !== publicUrl.origin)
      return res.status(403).type("text").send("Cross-site request refused");
  } else if (origin === "null") {
    return res.status(403).type("text").send("Cross-site request refused");
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
    if (req.get("transfer-encoding")) return res.status(411).type("text").send("Length required");
    return next();
  }
  if (!/^\d+$/.test(length)) return res.status(400).type("text").send("Bad Content-Length");
  if (Number(length) > limit) {
    res.set("Connection", "close");
    return res.status(413).type("text").send("Request too large");
  }
  // Every form posts URL-encoded or multipart with a boundary; any other body would only make
  // request.formData() throw in an action, so it is refused here with a clear status.
  const form =
    /^application\/x-www-form-urlencoded\b/i.test(type) ||
    /^multipart\/form-data\s*;.*\bboundary=/i.test(type);
  if (Number(length) > 0 && !form) {
    res.set("Connection", "close");
    return res.status(415).type("text").send("Send the form as a web form would");
  }
  next();
});

// Build assets (content-hashed names, never changed while the process runs) are gzipped once
// per file and process and kept in memory: the ~450 KB of JavaScript a hydrated page loads is
// ~150 KB on the wire. A client that does not accept gzip gets the file as it is.
const buildDir = path.join(here, "public", "build");
const gzipped = new Map();
const compressible = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};
app.use("/build", (req, res, next) => {
  if (!production || (req.method !== "GET" && req.method !== "HEAD")) return next();
  if (!/\bgzip\b/.test(req.get("accept-encoding") ?? "")) return next();
  const type = compressible[path.extname(req.path)];
  if (!type) return next();
  let file = gzipped.get(req.path);
  if (!file) {
    let body;
    try {
      const full = path.join(buildDir, path.normalize(decodeURIComponent(req.path)));
      if (!full.startsWith(buildDir + path.sep)) return next();
      body = fs.readFileSync(full);
    } catch {
      return next();
    }
    file = { type, gzip: zlib.gzipSync(body, { level: 9 }) };
    gzipped.set(req.path, file);
  }
  res.writeHead(200, {
    "Content-Type": file.type,
    "Content-Encoding": "gzip",
    "Content-Length": String(file.gzip.length),
    "Cache-Control": "public, max-age=31536000, immutable",
    Vary: "Accept-Encoding",
  });
  res.end(req.method === "HEAD" ? undefined : file.gzip);
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

// A public page already rendered for this content version is answered before Express.
const server = http.createServer((req, res) => {
  if (!stopping && pageCache.tryServe(req, res, trackHit)) return;
  app(req, res);
});
server.listen(port, host, () => {
  const address = `http://localhost:${port}`;
  log("info", "listening", { address, database: info.kind });
  if (process.stdout.isTTY || process.env.PRINT_BANNER !== "false") {
    process.stderr.write(`\n  Park Portal is running at ${address} (database: ${info.kind})\n`);
    if (info.demoLogins.length)
      process.stderr.write(
        `  Demo logins:\n${info.demoLogins.map((l) => `    ${l}`).join("\n")}\n`,
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
    log("error", "shutdown failed", { err: String(error) });
    process.exit(1);
  }
  log("info", "stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
