/**
 * A durable job queue in PostgreSQL (ADR 0005): jobs are rows, enqueued in the same
 * transaction as the change that causes them, claimed with FOR UPDATE SKIP LOCKED so several
 * app processes share the work, retried with backoff, and never lost to a crash (a claimed
 * job whose worker died is claimed again when its lock expires).
 */
import os from "node:os";
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import type { DB } from "#db/client.server";

export interface EnqueueOptions {
  runAt?: Date;
  /**
   * At most one job with this key, ever (pending, done or failed): enqueuing it again is a
   * no-op. Put a time bucket or version in the key for recurring work.
   */
  jobKey?: string;
  maxAttempts?: number;
}

export async function enqueue(
  db: Executor,
  task: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
) {
  await db
    .insertInto("job")
    .values({
      task,
      payload: JSON.stringify(payload),
      run_at: opts.runAt ?? new Date(),
      job_key: opts.jobKey ?? null,
      max_attempts: opts.maxAttempts ?? 10,
    })
    .onConflict((oc) => oc.column("job_key").doNothing())
    .execute();
}

export interface ClaimedJob {
  id: number;
  task: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const LOCK_SECONDS = 300;

export async function claimJobs(db: DB, workerId: string, limit: number): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    UPDATE job SET locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${LOCK_SECONDS}),
      attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM job
      WHERE completed_at IS NULL AND failed_at IS NULL AND run_at <= now()
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, task, payload, attempts, max_attempts`.execute(db);
  return result.rows;
}

export async function completeJob(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("job")
    .set({ completed_at: new Date(), locked_until: null, last_error: null })
    .where("id", "=", id)
    .execute();
}

export async function failJob(db: Executor, job: ClaimedJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(2 ** job.attempts * 5, 3600);
  await db
    .updateTable("job")
    .set({
      last_error: message.slice(0, 2000),
      locked_until: null,
      failed_at: final ? new Date() : null,
      run_at: sql<Date>`now() + make_interval(secs => ${backoffSeconds})`,
    })
    .where("id", "=", job.id)
    .execute();
}

export type TaskHandler = (db: DB, payload: Record<string, unknown>) => Promise<void>;

export interface WorkerOptions {
  handlers: Record<string, TaskHandler>;
  pollMs?: number;
  batchSize?: number;
  workerId?: string;
  log?: (level: "info" | "warn" | "error", msg: string, extra?: Record<string, unknown>) => void;
}

/** Runs every job that is due; returns how many ran. Used by the worker loop and by tests. */
export async function runDueJobs(db: DB, opts: WorkerOptions): Promise<number> {
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}`;
  const jobs = await claimJobs(db, workerId, opts.batchSize ?? 10);
  for (const job of jobs) {
    const handler = opts.handlers[job.task];
    try {
      if (!handler) throw new Error(`No handler for task ${job.task}`);
      await handler(db, job.payload);
      await completeJob(db, job.id);
    } catch (error) {
      opts.log?.("warn", "job failed", { jobId: job.id, task: job.task, error: String(error) });
      await failJob(db, job, error);
    }
  }
  return jobs.length;
}

export function startWorker(db: DB, opts: WorkerOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      // Drain what is due, then wait.
      while (!stopped && (await runDueJobs(db, opts)) > 0) {
        /* keep going */
      }
    } catch (error) {
      opts.log?.("warn", "job worker could not reach the database", { error: String(error) });
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), opts.pollMs ?? 1000);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
