/**
 * A durable job queue in PostgreSQL (ADR 0005, with its leases): jobs are rows, enqueued
 * in the same transaction as the change that causes them, claimed one at a time with
 * FOR UPDATE SKIP LOCKED so several app processes share the work, retried with backoff.
 *
 * Each claimed job holds its own short lease (`locked_until`, 30 s by default) that the
 * worker extends while the handler runs. A crashed process stops extending, so its job is
 * claimed again within one lease. Every claim adds one to `attempts`, which therefore fences
 * a claim: completing, failing or extending a job only works for the claim that still holds it
 * (`locked_by` and `attempts` unchanged), so a worker that lost its lease never overwrites the
 * outcome of the worker that took the job over.
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
  /** This claim's number (1 for the first run); with `locked_by` it identifies the claim. */
  attempts: number;
  max_attempts: number;
  locked_by: string;
}

/** How long a claim lasts unless its worker extends it (a third of it between extensions). */
export const DEFAULT_LEASE_SECONDS = 30;

/**
 * Claims the next due job for `workerId` with a lease of `leaseSeconds`, or undefined when
 * nothing is due. A job whose lease ran out (its worker died or stalled) is due again.
 */
export async function claimJob(
  db: Executor,
  workerId: string,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<ClaimedJob | undefined> {
  const result = await sql<ClaimedJob>`
    UPDATE job SET locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseSeconds}::float8),
      attempts = attempts + 1
    WHERE id = (
      SELECT id FROM job
      WHERE completed_at IS NULL AND failed_at IS NULL AND run_at <= now()
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, task, payload, attempts, max_attempts, locked_by`.execute(db);
  return result.rows[0];
}

/** The claim still holds the job (whether or not its lease has run out meanwhile). */
function ownClaim(job: Pick<ClaimedJob, "id" | "attempts" | "locked_by">) {
  return sql<boolean>`id = ${job.id} AND locked_by = ${job.locked_by} AND attempts = ${job.attempts}
    AND completed_at IS NULL AND failed_at IS NULL`;
}

/**
 * Extends the lease of a job this worker still holds. False when the lease was lost: another
 * worker claimed the job after the lease ran out (or it was completed or failed meanwhile).
 */
export async function extendLease(
  db: Executor,
  job: ClaimedJob,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<boolean> {
  const result = await sql<{ id: number }>`
    UPDATE job SET locked_until = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE ${ownClaim(job)}
    RETURNING id`.execute(db);
  return result.rows.length > 0;
}

/**
 * For a handler to call inside its own transaction just before it commits: true while this
 * claim holds an unexpired lease, and the job row stays locked until that transaction ends, so
 * no other worker can claim the job in between. False: leave without committing.
 */
export async function holdsLease(trx: Executor, job: ClaimedJob): Promise<boolean> {
  const result = await sql<{ id: number }>`
    SELECT id FROM job WHERE ${ownClaim(job)} AND locked_until > now() FOR UPDATE`.execute(trx);
  return result.rows.length > 0;
}

/** Marks the job done; false (and nothing written) when this claim no longer holds it. */
export async function completeJob(db: Executor, job: ClaimedJob): Promise<boolean> {
  const result = await sql<{ id: number }>`
    UPDATE job SET completed_at = now(), locked_until = NULL, last_error = NULL
    WHERE ${ownClaim(job)}
    RETURNING id`.execute(db);
  return result.rows.length > 0;
}

/**
 * Records a failure and schedules the next try after `min(5 s x 2^attempts, 1 h)`, or marks the
 * job failed for good after `max_attempts`; false when this claim no longer holds the job.
 */
export async function failJob(db: Executor, job: ClaimedJob, error: unknown): Promise<boolean> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(2 ** job.attempts * 5, 3600);
  const result = await sql<{ id: number }>`
    UPDATE job SET last_error = ${message.slice(0, 2000)}, locked_until = NULL,
      failed_at = ${final ? sql`now()` : sql`NULL`},
      run_at = now() + make_interval(secs => ${backoffSeconds})
    WHERE ${ownClaim(job)}
    RETURNING id`.execute(db);
  return result.rows.length > 0;
}

/** What a handler knows about the run it is part of. */
export interface JobRun {
  job: ClaimedJob;
  /** Aborted when the worker learns that its lease was lost (the job may be running elsewhere). */
  signal: AbortSignal;
}

/**
 * A task. It may run more than once (at-least-once delivery: a retry after a failure, or a
 * lease that ran out under a stalled worker), so it must be idempotent, or check
 * `holdsLease(trx, run.job)` in its transaction before it commits.
 */
export type TaskHandler = (db: DB, payload: Record<string, unknown>, run: JobRun) => Promise<void>;

export type WorkerLog = (
  level: "info" | "warn" | "error",
  msg: string,
  extra?: Record<string, unknown>,
) => void;

export interface WorkerOptions {
  handlers: Record<string, TaskHandler>;
  pollMs?: number;
  /** At most this many jobs per `runDueJobs` call (each claimed on its own, when it starts). */
  batchSize?: number;
  workerId?: string;
  /** Lease per claimed job, in seconds (fractions allowed, for tests). */
  leaseSeconds?: number;
  /** Recurring scheduling (for example the SLA sweep chain): run when the worker starts and
   * then every `scheduleEveryMs` (default one minute); it must be idempotent. */
  schedule?: (db: DB) => Promise<void>;
  scheduleEveryMs?: number;
  log?: WorkerLog;
}

function context(job: ClaimedJob, workerId: string) {
  return { jobId: job.id, task: job.task, attempt: job.attempts, workerId };
}

/** Runs one claimed job under its lease, extended every third of the lease while it runs. */
async function runClaimed(db: DB, job: ClaimedJob, opts: WorkerOptions): Promise<void> {
  const leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const ctx = context(job, job.locked_by);
  const controller = new AbortController();
  let extending: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(
    () => {
      extending = extending.then(async () => {
        if (controller.signal.aborted) return;
        try {
          if (!(await extendLease(db, job, leaseSeconds))) {
            opts.log?.("warn", "job lease lost: the job may run again elsewhere", ctx);
            controller.abort(new Error(`lease of job ${job.id} lost`));
          }
        } catch (error) {
          opts.log?.("warn", "job lease could not be extended", { ...ctx, err: error });
        }
      });
    },
    Math.max(10, (leaseSeconds * 1000) / 3),
  );
  try {
    const handler = opts.handlers[job.task];
    try {
      if (!handler) throw new Error(`No handler for task ${job.task}`);
      await handler(db, job.payload, { job, signal: controller.signal });
    } catch (error) {
      clearInterval(heartbeat);
      await extending;
      const final = job.attempts >= job.max_attempts;
      opts.log?.(final ? "error" : "warn", final ? "job failed for good" : "job failed", {
        ...ctx,
        maxAttempts: job.max_attempts,
        err: error,
      });
      if (!(await failJob(db, job, error)))
        opts.log?.("warn", "job failure not recorded: the lease was lost meanwhile", ctx);
      return;
    }
    clearInterval(heartbeat);
    await extending;
    if (!(await completeJob(db, job)))
      opts.log?.("warn", "job finished after its lease was lost: it may run again", ctx);
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs the jobs that are due (at most `batchSize`); returns how many ran. Used by the worker loop and by tests. */
export async function runDueJobs(db: DB, opts: WorkerOptions): Promise<number> {
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}`;
  const limit = opts.batchSize ?? 10;
  let ran = 0;
  // One claim per job, taken when it starts: a slow job never holds the others' leases.
  while (ran < limit) {
    const job = await claimJob(db, workerId, opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
    if (!job) break;
    ran++;
    await runClaimed(db, job, opts);
  }
  return ran;
}

export function startWorker(db: DB, opts: WorkerOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let nextSchedule = 0;
  const tick = async () => {
    if (stopped) return;
    let phase = "run";
    try {
      if (opts.schedule && Date.now() >= nextSchedule) {
        nextSchedule = Date.now() + (opts.scheduleEveryMs ?? 60_000);
        phase = "schedule";
        await opts.schedule(db);
        phase = "run";
      }
      // Drain what is due, then wait.
      while (!stopped && (await runDueJobs(db, opts)) > 0) {
        /* keep going */
      }
    } catch (error) {
      // Usually the database is unreachable; the next tick tries again.
      opts.log?.(
        "warn",
        `job worker: ${phase === "schedule" ? "scheduling recurring jobs" : "claiming due jobs"} failed`,
        {
          err: error,
          phase,
          workerId: opts.workerId,
        },
      );
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
