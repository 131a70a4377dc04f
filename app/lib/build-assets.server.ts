/**
 * The build assets (public/build: content-hashed names, never changed while the process runs)
 * served from a table made once at start-up: one entry per real file, with the `.br` and `.gz`
 * that `npm run build` wrote beside it (scripts/compress-assets.ts). A request path is looked
 * up as it came, then once percent-decoded; anything else (`..`, `//`, encoded letters that
 * name no file, a directory) is a 404 without touching the disk. Nothing is compressed here
 * and memory is bounded by the build itself, however many distinct URLs arrive (ADR 0018).
 */
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

interface Variant {
  file: string;
  size: number;
}
interface Asset {
  type: string;
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
  /** Read on first use and kept: the table holds at most the build's own bytes. */
  bodies: Partial<Record<"identity" | "br" | "gzip", Buffer>>;
}

export interface AssetServer {
  /**
   * Answers a request for a file of the folder. Under `/build/` every path is answered (a 404
   * when it names no file); elsewhere only real files are, and false leaves the rest to the app.
   */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    /** Headers every answer carries (security headers), asked for only when answering. */
    common?: () => [string, string][],
  ): boolean;
  /** Files served, and how many have no precompressed copies (a `remix build` without postbuild). */
  stats(): { files: number; uncompressed: number; cachedBytes: number };
}

function walk(folder: string, base: string, into: Map<string, Asset>) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      walk(full, `${base}/${entry.name}`, into);
      continue;
    }
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue;
    const variant = (file: string): Variant | undefined => {
      try {
        const stat = fs.statSync(file);
        return stat.isFile() ? { file, size: stat.size } : undefined;
      } catch {
        return undefined;
      }
    };
    const identity = variant(full);
    if (!identity) continue;
    into.set(`${base}/${entry.name}`, {
      type: TYPES[path.extname(entry.name).toLowerCase()] ?? "application/octet-stream",
      identity,
      br: variant(`${full}.br`),
      gzip: variant(`${full}.gz`),
      bodies: {},
    });
  }
}

/** Which encoding to send: brotli, then gzip, when the client accepts it and a copy exists. */
function pick(asset: Asset, accept: string): "br" | "gzip" | "identity" {
  const accepts = (name: string) => {
    const match = new RegExp(`(?:^|,)\\s*${name}\\s*(?:;\\s*q=([0-9.]+))?`, "i").exec(accept);
    return !!match && (match[1] === undefined || Number(match[1]) > 0);
  };
  if (asset.br && accepts("br")) return "br";
  if (asset.gzip && accepts("gzip")) return "gzip";
  return "identity";
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const HOUR = "public, max-age=3600";

/** Serves `folder` (public/) at the root; `/build/` holds the content-hashed build. */
export function createAssetServer(folder: string): AssetServer {
  const assets = new Map<string, Asset>();
  if (fs.existsSync(folder)) walk(folder, "", assets);
  let cachedBytes = 0;

  const find = (rawPath: string): Asset | undefined => {
    const exact = assets.get(rawPath);
    if (exact || !rawPath.includes("%")) return exact;
    try {
      return assets.get(decodeURIComponent(rawPath));
    } catch {
      return undefined;
    }
  };

  return {
    handle(req, res, common) {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const asset = find(q < 0 ? url : url.slice(0, q));
      const build = url.startsWith("/build/");
      if (!asset && !build) return false;
      const method = req.method ?? "GET";
      if (common) for (const [name, value] of common()) res.setHeader(name, value);
      if (!asset || (method !== "GET" && method !== "HEAD")) {
        const body = asset ? "Method not allowed\n" : "Not found\n";
        res.writeHead(asset ? 405 : 404, {
          "Content-Type": "text/plain; charset=utf-8",
          "Content-Length": String(body.length),
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          ...(asset ? { Allow: "GET, HEAD" } : {}),
        });
        res.end(method === "HEAD" ? undefined : body);
        return true;
      }
      const encoding = pick(asset, String(req.headers["accept-encoding"] ?? ""));
      const variant = asset[encoding] ?? asset.identity;
      let body = asset.bodies[encoding];
      if (!body) {
        body = fs.readFileSync(variant.file);
        asset.bodies[encoding] = body;
        cachedBytes += body.length;
      }
      const headers: Record<string, string> = {
        "Content-Type": asset.type,
        "Content-Length": String(body.length),
        "Cache-Control": build ? IMMUTABLE : HOUR,
        "X-Content-Type-Options": "nosniff",
      };
      if (asset.br || asset.gzip) headers.Vary = "Accept-Encoding";
      if (encoding !== "identity") headers["Content-Encoding"] = encoding;
      res.writeHead(200, headers);
      res.end(method === "HEAD" ? undefined : body);
      return true;
    },
    stats() {
      let uncompressed = 0;
      for (const [name, asset] of assets)
        if (/\.(js|css)$/.test(name) && !asset.br && !asset.gzip) uncompressed++;
      return { files: assets.size, uncompressed, cachedBytes };
    },
  };
}
