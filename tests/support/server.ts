/**
 * The built server (`node server.js`) as a child process, for the platform specs
 * (tests/platform) and the scripts in bench/: a free port, a scratch PostgreSQL database, a
 * start with an environment on top of production defaults, a readiness wait on /healthz, a stop
 * with SIGTERM that reports the exit code, and the process's stdout and stderr kept as one log.
 * Nothing here uses a browser. Build first (`npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import pg from "pg";

/** The PostgreSQL server on which scratch databases are made (and dropped). */
export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One statement on the admin connection (CREATE/DROP DATABASE, pg_terminate_backend, ...). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  url = ADMIN_URL,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new empty database `<prefix>_<random>` on the admin server; `drop()` removes it. */
export async function scratchDatabase(
  prefix: string,
  opts: { adminUrl?: string; keep?: boolean } = {},
): Promise<ScratchDatabase> {
  const adminUrl = opts.adminUrl ?? ADMIN_URL;
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`, [], adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (opts.keep) return;
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, [], adminUrl);
    },
  };
}

/** A child process whose stdout and stderr are kept, with the address it answers on. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** stdout alone (the JSON log), and stderr alone (banner, one-time passwords, refusals). */
  stdout(): string;
  stderr(): string;
  /** The exit code once it has exited (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resident memory in KiB now (Linux), or null once it has gone. */
  rssKb(): number | null;
}

export interface SpawnOptions {
  /** The address `base` points at (default 127.0.0.1:0). */
  port?: number;
  /** Keep at most about this many characters of output, the newest (default: all). */
  maxOutput?: number;
}

/** Any command as a `ServerProcess` (nginx in the two-process spec, for one). */
export function spawnProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: SpawnOptions = {},
): ServerProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const logs = { output: "", stdout: "", stderr: "" };
  const keep = (stream: "stdout" | "stderr") => (d: Buffer) => {
    const text = d.toString("utf8");
    for (const key of ["output", stream] as const) {
      logs[key] += text;
      if (opts.maxOutput && logs[key].length > opts.maxOutput * 2)
        logs[key] = logs[key].slice(-opts.maxOutput);
    }
  };
  child.stdout!.on("data", keep("stdout"));
  child.stderr!.on("data", keep("stderr"));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = opts.port ?? 0;
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => logs.output,
    stdout: () => logs.stdout,
    stderr: () => logs.stderr,
    exited,
    rssKb: () => (child.pid === undefined ? null : rssKbOf(child.pid)),
  };
}

/**
 * `node server.js` on `port` in production on loopback, with no banner, no demo data and the
 * embedded database unless `env` says otherwise; `env` is laid over these and over this
 * process's environment (an empty string counts as unset for the app).
 */
export function spawnServer(
  port: number,
  env: Record<string, string> = {},
  opts: Omit<SpawnOptions, "port"> = {},
): ServerProcess {
  if (!fs.existsSync("build/index.js")) throw new Error("no build/: run `npm run build` first");
  return spawnProcess(
    process.execPath,
    ["server.js"],
    {
      ...process.env,
      DATABASE_URL: "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "never",
      PRINT_BANNER: "false",
      ...env,
    },
    { ...opts, port },
  );
}

/** `spawnServer` on `opts.port`, or on a free port. */
export async function startServer(
  env: Record<string, string> = {},
  opts: SpawnOptions = {},
): Promise<ServerProcess> {
  return spawnServer(opts.port ?? (await freePort()), env, opts);
}

/** Waits until `<base>/healthz` answers 2xx; throws with the log when it exits or times out. */
export async function waitForReady(server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`exited during start-up (${server.child.exitCode}):\n${server.output()}`);
    try {
      const response = await fetch(`${server.base}/healthz`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`not ready in ${timeoutMs} ms:\n${server.output()}`);
}

/** `startServer` and `waitForReady`; a server that never gets ready is killed. */
export async function startReadyServer(
  env: Record<string, string> = {},
  opts: SpawnOptions & { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const server = await startServer(env, opts);
  try {
    await waitForReady(server, opts.timeoutMs);
  } catch (error) {
    kill(server);
    throw error;
  }
  return server;
}

/** `promise`, or an error naming `what` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * SIGTERM, then the exit code; after `timeoutMs` without an exit, SIGKILL and null. A process
 * that has already exited answers its code at once. Tests check `toBe(0)`: a clean stop.
 */
export async function stopServer(
  server: ServerProcess,
  timeoutMs = 20_000,
): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  server.child.kill("SIGTERM");
  const code = await Promise.race([server.exited, sleep(timeoutMs).then(() => "timeout" as const)]);
  if (code === "timeout") {
    server.child.kill("SIGKILL");
    return null;
  }
  return code;
}

/** Form POST as a same-origin browser would send it (the app refuses cross-site POSTs). */
export function formPost(
  base: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      "Sec-Fetch-Site": "same-origin",
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Resident memory of a process in KiB (Linux /proc), or null when it has gone. */
export function rssKbOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The pid of the process listening on a TCP port on this machine (Linux /proc), if readable. */
export function listeningPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length >= 10 && parseInt(cols[1]!.split(":")[1]!, 16) === port && cols[3] === "0A")
        inodes.add(cols[9]!);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      // Not ours to read.
    }
  }
  return null;
}

/** SIGKILL if it still runs: for `finally` blocks after a failed test. */
export function kill(server: ServerProcess | undefined): void {
  if (server && server.child.exitCode === null && server.child.signalCode === null)
    server.child.kill("SIGKILL");
}
