/**
 * The same article page served three ways, loaded with the same wrk settings (issue 7):
 *   1. nginx (/usr/sbin/nginx, a temporary config on loopback) serving the portal's article
 *      HTML saved as a static file;
 *   2. a bare react-dom/server script (bench/lib/bare-article.tsx) reading the same rows from
 *      PostgreSQL and rendering equivalent markup for every request;
 *   3. the portal: the production build on PostgreSQL, with its page cache, and again with
 *      PAGE_CACHE=off (every request rendered by Remix).
 * Prints requests/s, p50 and p99 for each, the ratios, and PASS/FAIL against the targets:
 * cached portal >= 0.25 x nginx with p99 < 25 ms; uncached portal >= 0.3 x bare.
 *
 *   npm run build && npx tsx bench/article-three-ways.ts [--seconds 10] [--warmup 3]
 *   (--threads 2 --connections 32 by default; exits 1 on a missed target)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  adminQuery,
  arg,
  type AppServer,
  freePort,
  scratchDatabase,
  sleep,
  startServer,
  stopServer,
  waitReady,
} from "./lib/harness";

const SECONDS = arg("seconds", 10);
const WARMUP = arg("warmup", 3);
const THREADS = arg("threads", 2);
const CONNECTIONS = arg("connections", 32);
const WRK = "/usr/bin/wrk";
const NGINX = "/usr/sbin/nginx";

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}

function wrk(url: string, seconds: number): Figures {
  const run = spawnSync(
    WRK,
    [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", url],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const out = run.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? "");
  const p99 = toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? "");
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p50, p99, errors };
}

function load(name: string, url: string): Figures {
  wrk(url, WARMUP);
  const figures = wrk(url, SECONDS);
  process.stderr.write(
    `${name.padEnd(22)} ${figures.rps.toFixed(0).padStart(7)} req/s  p50 ${figures.p50.toFixed(2)} ms  p99 ${figures.p99.toFixed(2)} ms\n`,
  );
  return figures;
}

async function waitHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 in ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

for (const tool of [WRK, NGINX])
  if (!fs.existsSync(tool)) throw new Error(`${tool} is missing (apt-get install wrk nginx)`);

const database = await scratchDatabase("bench_three");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "three-ways-"));
// nginx workers run as an unprivileged user when started as root: they must read the files.
fs.chmodSync(tmp, 0o755);
const children: ChildProcess[] = [];
const portals: AppServer[] = [];
let exitCode = 0;
try {
  // The portal with its cache; the first start migrates and loads the demo data.
  const cachedPort = await freePort();
  let portal = startServer(cachedPort, { DATABASE_URL: database.url });
  portals.push(portal);
  await waitReady(portal);
  const [row] = await adminQuery<{ slug: string }>(
    `SELECT slug FROM news_article WHERE status = 'published' AND published_at <= now()
       AND title_en IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET 1`,
    [],
    database.url,
  );
  if (!row) throw new Error("no published article in the demo data");
  const articlePath = `/news/${row.slug}`;

  // 1. nginx serves the portal's HTML of that article as a static file.
  const html = await (await fetch(`${portal.base}${articlePath}`)).text();
  const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? "/build/app.css";
  fs.mkdirSync(path.join(tmp, "www", "news"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "www", "news", `${row.slug}.html`), html);
  const nginxPort = await freePort();
  const temp = path.join(tmp, "nginx-temp");
  fs.mkdirSync(temp);
  fs.writeFileSync(
    path.join(tmp, "nginx.conf"),
    `worker_processes auto;
daemon off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp}; proxy_temp_path ${temp}; fastcgi_temp_path ${temp};
  uwsgi_temp_path ${temp}; scgi_temp_path ${temp};
  server {
    listen 127.0.0.1:${nginxPort};
    root ${tmp}/www;
    location /news/ { default_type "text/html; charset=utf-8"; try_files $uri.html =404; }
  }
}
`,
  );
  const nginx = spawn(NGINX, ["-c", path.join(tmp, "nginx.conf"), "-p", tmp], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(nginx);
  const nginxUrl = `http://127.0.0.1:${nginxPort}${articlePath}`;
  await waitHttp(nginxUrl);

  // 2. The bare renderer.
  const barePort = await freePort();
  const bare = spawn(process.execPath, ["--import", "tsx", "bench/lib/bare-article.tsx"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      PORT: String(barePort),
      PUBLIC_URL: portal.base,
      STYLESHEET: stylesheet,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(bare);
  const bareUrl = `http://127.0.0.1:${barePort}${articlePath}`;
  await waitHttp(bareUrl);

  const results: Record<string, Figures> = {};
  results.nginx = load("nginx (static file)", nginxUrl);
  await stopChild(nginx);
  results.bare = load("bare react-dom/server", bareUrl);
  await stopChild(bare);
  results.portalCached = load("portal (page cache)", `${portal.base}${articlePath}`);
  await stopServer(portal);

  // 3b. The portal again, rendering every request.
  const uncachedPort = await freePort();
  portal = startServer(uncachedPort, { DATABASE_URL: database.url, PAGE_CACHE: "off" });
  portals.push(portal);
  await waitReady(portal);
  results.portalUncached = load("portal (cache off)", `${portal.base}${articlePath}`);
  await stopServer(portal);

  const cachedVsNginx = results.portalCached!.rps / results.nginx!.rps;
  const uncachedVsBare = results.portalUncached!.rps / results.bare!.rps;
  const checks = {
    "portal cached >= 0.25 x nginx": cachedVsNginx >= 0.25,
    "portal cached p99 < 25 ms": results.portalCached!.p99 < 25,
    "portal uncached >= 0.3 x bare": uncachedVsBare >= 0.3,
    "no errors or non-2xx": Object.values(results).every((r) => r.errors === 0),
  };
  const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify(
      {
        article: articlePath,
        bytes: Buffer.byteLength(html),
        wrk: { threads: THREADS, connections: CONNECTIONS, seconds: SECONDS, warmup: WARMUP },
        machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l)) },
        results: Object.fromEntries(
          Object.entries(results).map(([k, r]) => [
            k,
            { rps: round(r.rps, 0), p50Ms: round(r.p50), p99Ms: round(r.p99), errors: r.errors },
          ]),
        ),
        ratios: {
          portalCachedVsNginx: round(cachedVsNginx, 3),
          portalUncachedVsBare: round(uncachedVsBare, 3),
          portalUncachedVsNginx: round(results.portalUncached!.rps / results.nginx!.rps, 4),
          bareVsNginx: round(results.bare!.rps / results.nginx!.rps, 3),
        },
        checks,
      },
      null,
      2,
    ),
  );
  const failed = Object.entries(checks).filter(([, ok]) => !ok);
  console.log(failed.length ? `FAIL: ${failed.map(([k]) => k).join("; ")}` : "PASS");
  if (failed.length) exitCode = 1;
} finally {
  for (const child of children) await stopChild(child);
  for (const server of portals) await stopServer(server);
  await database.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
