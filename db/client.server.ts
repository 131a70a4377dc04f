/**
 * Opens the database in one of its two modes (ADR 0002):
 * - `url` given: a real PostgreSQL server through a `pg` Pool;
 * - otherwise: embedded PostgreSQL (PGlite) kept in `dataDir`, reached through the same
 *   `pg` driver over a one-connection pool, so every transaction holds the only connection.
 */
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { DB as Database } from "./schema";

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  kind: "pglite" | "postgres";
  /** The embedded instance (pglite mode only), e.g. for `dumpDataDir`. */
  pglite?: { dumpDataDir(compression?: "gzip" | "none" | "auto"): Promise<Blob | File> };
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  url?: string;
  dataDir?: string;
  /** A PGlite data dump (from `dumpDataDir`) to start from instead of an empty folder. */
  loadDataDir?: Blob;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
}

// PostgreSQL returns int8 and numeric as strings by default; counts and sums fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options);
}

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const onError = options.onPoolError ?? ((error: Error) => console.warn(`[db] ${error.message}`));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    idleTimeoutMillis: 30_000,
  });
  // Without these listeners a server-side disconnect of an idle client crashes the process.
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "postgres",
    close: () => db.destroy(),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");

  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite;
  try {
    // Extensions must be given every time the folder is opened, or writes to their indexes fail.
    pglite = await PGlite.create({
      dataDir: dataDir ?? "memory://",
      extensions: { pg_trgm },
      loadDataDir: options.loadDataDir,
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  pool.on("error", (error) => console.warn(`[db] ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: "pglite",
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database folder ${dataDir} is in use by another process (pid ${pid}). ` +
        `PGlite cannot share a folder between processes: stop that process, or set DATABASE_URL ` +
        `to run several app processes on one PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * PGlite takes no lock of its own; two processes on one folder silently lose writes.
 * An exclusive lock file holding our pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, ".portal.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isFinite(pid) && pid > 0 && isAlive(pid))
        throw new DataDirLockedError(dataDir, pid);
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown (pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** True for errors that mean the database is unreachable right now (answer 503, not 500). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || code.startsWith("08"))) {
    return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}
