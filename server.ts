/**
 * The app server (ADR 0022): node:http in front of the Remix build, through public APIs only
 * (`createRequestHandler` of @remix-run/node, a Fetch handler). Before the app it adds: the
 * Host check, request ids and the access log (the app's own logger), security headers with a
 * per-request CSP nonce, the cross-site and body checks, the build assets, the page cache of
 * public pages, and a graceful shutdown. Every setting comes validated from app/env.server.ts.
 * `npm run build` transpiles it to build/server.js, which `node server.js` runs.
 */
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import url from "node:url";
import {
  broadcastDevReady,
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import type * as Entry from "./app/entry.server";
import type { RefusalKind } from "./app/lib/refusal-page.server";

// `npm start` (and any start outside `remix dev`, which sets development) is production:
// React's production build, no stack traces on any page (ADR 0018).
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

// This file runs as build/server.js: the project folder is one up.
const here = path.dirname(path.dirname(url.fileURLToPath(import.meta.url)));
const BUILD_PATH = path.join(here, "build", "index.js");
const build = (await import(url.pathToFileURL(BUILD_PATH).href)) as ServerBuild & {
  entry: { module: typeof Entry };
};
const {
  startup,
  shutdown,
  publicPageCache,
  refusalPage,
  createAssetServer,
  isLoopbackHost,
  clientAddressResolver,
  logger,
} = build.entry.module;

let stopping = false;

let info: Awaited<ReturnType<typeof startup>>;
try {
  info = await startup();
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  process.stderr.write(
    `\n  Park Portal did not start:\n  ${error instanceof Error ? error.message : String(error)}\n\n`,
  );
  process.exit(1);
}
const { port, host, trustProxy, maxBody, maxUpload, production } = info.server;
const publicUrl = new URL(info.server.publicUrl);
const https = publicUrl.protocol === "https:";
const local = info.deployment.mode === "local";
const clientAddress = clientAddressResolver(trustProxy);

// ---------------------------------------------------------------------------------------
// Security headers with the CSP nonce of the response (new for every render; a cached public
// page keeps the nonce it was rendered with, ADR 0016).

const connect = production ? "'self'" : "'self' ws://localhost:* ws://127.0.0.1:*";
function securityHeaders(nonce: string): [string, string][] {
  const headers: [string, string][] = [
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
const newNonce = () => crypto.randomBytes(16).toString("base64");

// ---------------------------------------------------------------------------------------
// Request ids and the access log (path only: query strings can carry tokens; invitation
// links carry theirs in the path).

const logRequests = logger.isLevelEnabled("info");
function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return (typeof given === "string" && given.slice(0, 64)) || crypto.randomUUID();
}
function logWhenFinished(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (!logRequests && res.statusCode < 500) return;
    const pathOnly = (req.url ?? "/").split("?")[0]!.replace(/^\/invite\/[^/]+/, "/invite/:token");
    if (pathOnly.startsWith("/build/") || pathOnly.startsWith("/favicon")) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger[res.statusCode >= 500 ? "error" : "info"](
      {
        requestId,
        method: req.method,
        path: pathOnly,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      },
      "request",
    );
  });
}

/** A short styled page in the reader's language for a refusal before the app (ADR 0018). */
function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  kind: RefusalKind,
  limitBytes?: number,
) {
  const nonce = newNonce();
  const page = refusalPage(kind, req.headers, { limitBytes, nonce });
  for (const [name, value] of securityHeaders(nonce)) res.setHeader(name, value);
  if (kind === "tooLarge" || kind === "unsupported" || kind === "lengthRequired")
    page.headers.Connection = "close";
  res.writeHead(page.status, page.headers);
  res.end(req.method === "HEAD" ? undefined : page.body);
}

// ---------------------------------------------------------------------------------------
// Host, origin and body checks.

const HOST_PATTERN =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?)(?::\d{1,5})?$/i;
function validHost(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 255 || !HOST_PATTERN.test(value)) return false;
  try {
    new URL(`http://${value}/`);
    return true;
  } catch {
    return false;
  }
}
const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;

interface Resolved {
  ip: string;
  /** scheme://host as the visitor addressed it (X-Forwarded-* only from a trusted proxy). */
  origin: string;
}

/**
 * Host (and, from a trusted proxy, X-Forwarded-Host and -Proto) must be well formed; on a
 * local demo only loopback names are answered (DNS rebinding, a demo proxied without
 * PUBLIC_URL). Returns the refusal, or what the request resolves to.
 */
function resolve(req: http.IncomingMessage): RefusalKind | Resolved {
  const hostHeader = req.headers.host;
  if (!validHost(hostHeader)) return "badRequest";
  const { ip, viaTrustedProxy } = clientAddress(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
  );
  let host = hostHeader;
  let scheme = "http";
  if (viaTrustedProxy) {
    const forwardedHost = first(req.headers["x-forwarded-host"]);
    const forwardedProto = first(req.headers["x-forwarded-proto"]);
    if (forwardedHost !== undefined) {
      if (!validHost(forwardedHost)) return "badRequest";
      host = forwardedHost;
    }
    if (forwardedProto !== undefined) {
      if (!/^https?$/i.test(forwardedProto)) return "badRequest";
      scheme = forwardedProto.toLowerCase();
    }
  }
  // Remix compares Origin with X-Forwarded-Host from the raw headers: only a trusted proxy
  // may name the host, so the header goes unless it came from one.
  if (!viaTrustedProxy) delete req.headers["x-forwarded-host"];
  if (local && !isLoopbackHost(new URL(`http://${hostHeader}/`).hostname)) return "localOnly";
  return { ip, origin: `${scheme}://${host}` };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cross-site non-GET requests are refused (on top of SameSite=Lax cookies). */
function crossSite(req: http.IncomingMessage, own: string): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  if (origin === undefined || origin === "") return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  // The Origin must name this very host (Remix's own check would otherwise end in a 500).
  if (originHost !== new URL(own).host) return true;
  return origin !== own && origin !== publicUrl.origin;
}

/** Body size and type, refused before anything reads the body. */
function bodyRefusal(req: http.IncomingMessage): [RefusalKind, number?] | null {
  const type = req.headers["content-type"] ?? "";
  const limit = type.startsWith("multipart/form-data") ? maxUpload : maxBody;
  const length = req.headers["content-length"];
  if (length === undefined) return req.headers["transfer-encoding"] ? ["lengthRequired"] : null;
  if (!/^\d+$/.test(length)) return ["badRequest"];
  if (Number(length) > limit) return ["tooLarge", limit];
  // Every form posts URL-encoded or multipart with a boundary; any other body would only make
  // request.formData() throw in an action, so it is refused here with a clear status.
  const form =
    /^application\/x-www-form-urlencoded\b/i.test(type) ||
    /^multipart\/form-data\s*;.*\bboundary=/i.test(type);
  if (Number(length) > 0 && !form) return ["unsupported"];
  return null;
}

// ---------------------------------------------------------------------------------------
// Node request <-> Fetch Request/Response, public APIs only.

function toRequest(req: http.IncomingMessage, res: http.ServerResponse, origin: string): Request {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.toLowerCase() === "x-forwarded-host" && !req.headers["x-forwarded-host"]) continue;
    headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal: controller.signal };
  if (method !== "GET" && method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(new URL(req.url ?? "/", origin), init);
}

/**
 * Sends a Fetch Response. The defaults (security headers) go first; a header the response sets
 * itself replaces the default (a download's sandboxing CSP), Set-Cookie lines stay separate.
 */
async function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: Response,
  defaults: [string, string][] = [],
): Promise<void> {
  for (const [name, value] of defaults) res.setHeader(name, value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (stopping) res.setHeader("Connection", "close");
  // A body the app did not read to its end (an action that refused before reading, a form over
  // a limit) leaves the request paused, so a client still uploading would wait on it until a
  // timeout. Once the answer is out, the rest is read and dropped (bounded by Content-Length,
  // checked against the body limits above): the client reads the answer, the socket is reused.
  res.once("finish", () => {
    if (req.complete || req.method === "GET" || req.method === "HEAD") return;
    req.removeAllListeners("data");
    req.resume();
  });
  res.writeHead(response.status, response.statusText || undefined);
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  await writeReadableStreamToWritable(response.body, res);
}

// ---------------------------------------------------------------------------------------
// The app, the page cache, the assets.

const handle = createRequestHandler(build, build.mode);
const context = (nonce: string, requestId: string, ip: string) => ({ nonce, requestId, ip });

const pageCache = publicPageCache({
  enabled: process.env.PAGE_CACHE !== "off",
  render: (request, nonce, meta) => handle(request, context(nonce, meta.requestId, meta.ip)),
  securityHeaders,
  sendUncached: send,
});

// In production a table of the real files of public/ with their precompressed copies; under
// `remix dev` the build changes while the process runs, so the table is made per request.
const publicDir = path.join(here, "public");
const assets = production ? createAssetServer(publicDir) : null;
if (assets && assets.stats().uncompressed > 0)
  logger.warn(
    { files: assets.stats().uncompressed },
    "build assets without .br/.gz copies: run `npm run build` (not `remix build`)",
  );

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const requestId = requestIdOf(req);
  res.setHeader("X-Request-Id", requestId);
  if (stopping) res.setHeader("Connection", "close");
  // One finish listener per request, and none below LOG_LEVEL=info for pages that cannot fail
  // (assets, kept pages): errors are logged when they happen.
  if (logRequests) logWhenFinished(req, res, requestId);
  const resolved = resolve(req);
  if (typeof resolved === "string") return refuse(req, res, resolved);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") {
    if (
      (assets ?? createAssetServer(publicDir)).handle(req, res, () => securityHeaders(newNonce()))
    )
      return;
    const meta = { requestId, ip: resolved.ip };
    const answered = await pageCache.serve(req, res, meta, () =>
      toRequest(req, res, resolved.origin),
    );
    if (answered) return;
  }
  if (!logRequests && logger.isLevelEnabled("error")) logWhenFinished(req, res, requestId);
  if (!SAFE.has(method)) {
    if (crossSite(req, resolved.origin)) return refuse(req, res, "crossSite");
    const refusal = bodyRefusal(req);
    if (refusal) return refuse(req, res, refusal[0], refusal[1]);
  }
  const nonce = newNonce();
  const response = await handle(
    toRequest(req, res, resolved.origin),
    context(nonce, requestId, resolved.ip),
  );
  await send(req, res, response, securityHeaders(nonce));
}

const server = http.createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    // The last word on any error: logged with its stack, answered with a short page, never a
    // stack trace or a path.
    logger.error({ err: error, path: (req.url ?? "/").split("?")[0] }, "request failed");
    if (res.headersSent) return void res.destroy();
    refuse(req, res, "serverError");
  });
});

server.listen(port, host, () => {
  const address = publicUrl.origin;
  const { mode, reason } = info.deployment;
  logger.info({ address, host, port, database: info.kind, mode, reason }, "listening");
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
  if (build.mode === "development") void broadcastDevReady(build);
});
server.keepAliveTimeout = 65_000;

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error("forced exit after 20 s");
    process.exit(1);
  }, 20_000);
  force.unref();
  // Stop accepting; in-flight requests finish; keep-alive sockets close as soon as they are
  // idle (a client's connection pool would otherwise hold the server open).
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeIdleConnections();
  });
  clearInterval(sweep);
  try {
    await shutdown();
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
