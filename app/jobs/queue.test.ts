import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  claimJob,
  completeJob,
  enqueue,
  extendLease,
  holdsLease,
  runDueJobs,
  startWorker,
  type TaskHandler,
  type WorkerLog,
} from "./queue.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.deleteFrom("job").execute();
});

const jobs = () => t.db.selectFrom("job").selectAll().orderBy("id").execute();
const noop: TaskHandler = async () => {};

describe("enqueue", () => {
  it("writes the job in the caller's transaction: a rollback leaves no job", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, "probe", { n: 1 });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await jobs()).toHaveLength(0);

    await t.db.transaction().execute(async (trx) => {
      await enqueue(trx, "probe", { n: 2 });
    });
    const rows = await jobs();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ n: 2 });
  });

  it("dedupes by jobKey", async () => {
    await enqueue(t.db, "probe", { n: 1 }, { jobKey: "same" });
    await enqueue(t.db, "probe", { n: 2 }, { jobKey: "same" });
    await enqueue(t.db, "probe", { n: 3 }, { jobKey: "other" });
    const rows = await jobs();
    expect(rows.map((r) => r.job_key)).toEqual(["same", "other"]);
    expect(rows[0]!.payload).toEqual({ n: 1 });
    // Still a no-op once the job has run: keys are for ever.
    await runDueJobs(t.db, { handlers: { probe: noop } });
    await enqueue(t.db, "probe", { n: 4 }, { jobKey: "same" });
    expect(await jobs()).toHaveLength(2);
  });

  it("does not run a job before its runAt", async () => {
    await enqueue(t.db, "probe", {}, { runAt: new Date(Date.now() + 60_000) });
    const seen: unknown[] = [];
    expect(
      await runDueJobs(t.db, { handlers: { probe: async (_db, p) => void seen.push(p) } }),
    ).toBe(0);
    expect(seen).toHaveLength(0);
  });
});

describe("runDueJobs", () => {
  it("runs a due job once and marks it completed", async () => {
    await enqueue(t.db, "probe", { n: 7 });
    const seen: unknown[] = [];
    const handlers = { probe: async (_db: unknown, p: unknown) => void seen.push(p) };
    expect(await runDueJobs(t.db, { handlers })).toBe(1);
    expect(await runDueJobs(t.db, { handlers })).toBe(0);
    expect(seen).toEqual([{ n: 7 }]);
    const [row] = await jobs();
    expect(row!.completed_at).not.toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.locked_until).toBeNull();
  });

  it("retries a failing job with backoff and marks it failed after max_attempts", async () => {
    await enqueue(t.db, "flaky", {}, { maxAttempts: 3 });
    let calls = 0;
    const handlers: Record<string, TaskHandler> = {
      flaky: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    };
    const warnings: string[] = [];
    const logged: Record<string, unknown>[] = [];
    const log: WorkerLog = (_level, msg, extra) => {
      warnings.push(msg);
      logged.push(extra ?? {});
    };

    let previousDelay = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runDueJobs(t.db, { handlers, log })).toBe(1);
      const { rows } = await sql<{
        attempts: number;
        delay: number;
        failed: boolean;
        last_error: string;
      }>`
        SELECT attempts, extract(epoch FROM run_at - now())::float8 AS delay,
          failed_at IS NOT NULL AS failed, last_error FROM job`.execute(t.db);
      const row = rows[0]!;
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe(`boom ${attempt}`);
      // Not run again right away: the next try waits, longer each time.
      expect(await runDueJobs(t.db, { handlers, log })).toBe(0);
      if (attempt < 3) {
        expect(row.failed).toBe(false);
        expect(row.delay).toBeGreaterThan(previousDelay);
        expect(row.delay).toBeGreaterThanOrEqual(5);
        previousDelay = row.delay;
        // Let the backoff pass.
        await sql`UPDATE job SET run_at = now() - interval '1 second'`.execute(t.db);
      } else {
        expect(row.failed).toBe(true);
      }
    }
    // Failed for good: never claimed again, even when due.
    await sql`UPDATE job SET run_at = now() - interval '1 second'`.execute(t.db);
    expect(await runDueJobs(t.db, { handlers, log })).toBe(0);
    expect(calls).toBe(3);
    expect(warnings).toEqual(["job failed", "job failed", "job failed for good"]);
    // Each failure is logged with its context and the error itself (its stack is kept).
    expect(logged.map((e) => e.attempt)).toEqual([1, 2, 3]);
    for (const e of logged) {
      expect(e).toMatchObject({ task: "flaky", maxAttempts: 3 });
      expect(typeof e.jobId).toBe("number");
      expect((e.err as Error).stack).toMatch(/boom/);
    }
  });

  it("fails a job whose task has no handler instead of dropping it", async () => {
    await enqueue(t.db, "nobody-handles-this", {}, { maxAttempts: 1 });
    expect(await runDueJobs(t.db, { handlers: {} })).toBe(1);
    const [row] = await jobs();
    expect(row!.failed_at).not.toBeNull();
    expect(row!.last_error).toMatch(/No handler/);
  });

  it("claims again a job whose worker died (lock expired), but not one still locked", async () => {
    await enqueue(t.db, "probe", { who: "dead" });
    await enqueue(t.db, "probe", { who: "alive" });
    await sql`UPDATE job SET locked_by = 'dead-host:1', attempts = 1, locked_until = now() - interval '1 minute'
      WHERE payload->>'who' = 'dead'`.execute(t.db);
    await sql`UPDATE job SET locked_by = 'live-host:2', attempts = 1, locked_until = now() + interval '5 minutes'
      WHERE payload->>'who' = 'alive'`.execute(t.db);
    const seen: unknown[] = [];
    expect(
      await runDueJobs(t.db, {
        workerId: "me:3",
        handlers: { probe: async (_db, p) => void seen.push(p) },
      }),
    ).toBe(1);
    expect(seen).toEqual([{ who: "dead" }]);
    const rows = await jobs();
    const dead = rows.find((r) => (r.payload as { who: string }).who === "dead")!;
    expect(dead.locked_by).toBe("me:3");
    expect(dead.attempts).toBe(2);
    expect(dead.completed_at).not.toBeNull();
    expect(
      rows.find((r) => (r.payload as { who: string }).who === "alive")!.completed_at,
    ).toBeNull();
  });

  it("never runs the same job twice when several workers poll at once", async () => {
    const total = 40;
    for (let n = 0; n < total; n++) await enqueue(t.db, "count", { n });
    const runs: number[] = [];
    const handlers: Record<string, TaskHandler> = {
      count: async (_db, payload) => {
        runs.push(payload.n as number);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      },
    };
    // Four workers (on PostgreSQL: four connections at once; on PGlite the single connection
    // serialises their claims, and the result must be the same).
    const worker = async (id: number) => {
      while ((await runDueJobs(t.db, { handlers, workerId: `w${id}`, batchSize: 3 })) > 0) {
        /* drain */
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(runs).toHaveLength(total);
    expect(new Set(runs).size).toBe(total);
    const rows = await jobs();
    expect(rows.every((r) => r.completed_at !== null && r.attempts === 1)).toBe(true);
    if (t.kind === "postgres") {
      // The work was actually shared between workers.
      expect(new Set(rows.map((r) => r.locked_by)).size).toBeGreaterThan(1);
    }
  });
});

describe("startWorker", () => {
  it("picks up a job enqueued while it runs, and stop() waits for it", async () => {
    const done: unknown[] = [];
    const worker = startWorker(t.db, {
      pollMs: 20,
      handlers: { probe: async (_db, p) => void done.push(p), noop },
    });
    await enqueue(t.db, "probe", { n: 1 });
    const deadline = Date.now() + 5_000;
    while (done.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(done).toEqual([{ n: 1 }]);
    const [row] = await jobs();
    expect(row!.completed_at).not.toBeNull();
  });
});

describe("leases (one per claimed job)", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // A short lease keeps these tests fast; the worker extends it every third of it. Where a live
  // worker must keep its lease, a full second leaves room for a busy machine.
  const LEASE = 0.3;
  const LIVE_LEASE = 1;

  it("claims again, within one lease, a job whose worker crashed (lease not extended)", async () => {
    await enqueue(t.db, "probe", { n: 1 });
    // The crashed worker: it claimed the job and then never extended, completed or failed it.
    const lost = await claimJob(t.db, "crashed:1", LEASE);
    expect(lost).toBeDefined();
    const seen: unknown[] = [];
    const handlers = { probe: async (_db: unknown, p: unknown) => void seen.push(p) };
    // While its lease runs, nobody else takes it.
    expect(await runDueJobs(t.db, { handlers, workerId: "live:2", leaseSeconds: LEASE })).toBe(0);
    await sleep(LEASE * 1000 + 150);
    expect(await runDueJobs(t.db, { handlers, workerId: "live:2", leaseSeconds: LEASE })).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    const [row] = await jobs();
    expect(row!.locked_by).toBe("live:2");
    expect(row!.attempts).toBe(2);
    expect(row!.completed_at).not.toBeNull();
    // The crashed claim, should it come back to life, can neither complete nor extend the job.
    expect(await completeJob(t.db, lost!)).toBe(false);
    expect(await extendLease(t.db, lost!, LEASE)).toBe(false);
  });

  it("a live worker extends the lease of a slow job, so nobody claims it twice", async () => {
    await enqueue(t.db, "slow", {});
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = runDueJobs(t.db, {
      workerId: "slow:1",
      leaseSeconds: LIVE_LEASE,
      handlers: {
        slow: async () => {
          runs++;
          started();
          await released; // runs for several leases
        },
      },
    });
    await running;
    // Another worker polls all through the slow job, over four lease lengths.
    const other: TaskHandler = async () => void runs++;
    const until = Date.now() + LIVE_LEASE * 3000;
    let claimedByOther = 0;
    while (Date.now() < until) {
      claimedByOther += await runDueJobs(t.db, {
        workerId: "other:2",
        leaseSeconds: LIVE_LEASE,
        handlers: { slow: other },
      });
      await sleep(50);
    }
    release();
    expect(await first).toBe(1);
    expect(claimedByOther).toBe(0);
    expect(runs).toBe(1);
    const [row] = await jobs();
    expect(row!.attempts).toBe(1);
    expect(row!.locked_by).toBe("slow:1");
    expect(row!.completed_at).not.toBeNull();
  });

  it("each job of a batch gets its own lease when it starts: a slow first job does not expose the rest", async () => {
    await enqueue(t.db, "slow", {});
    await enqueue(t.db, "fast", { n: 1 });
    await enqueue(t.db, "fast", { n: 2 });
    const runs: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const handlers: Record<string, TaskHandler> = {
      slow: async () => {
        runs.push("slow");
        started();
        await released;
      },
      fast: async (_db, p) => void runs.push(`fast${String(p.n)}`),
    };
    const first = runDueJobs(t.db, { workerId: "a", leaseSeconds: LIVE_LEASE, handlers });
    await running;
    // Only the running job is claimed: the others are free for another worker right away...
    const locked = await t.db
      .selectFrom("job")
      .select("task")
      .where("locked_by", "is not", null)
      .execute();
    expect(locked.map((r) => r.task)).toEqual(["slow"]);
    expect(await runDueJobs(t.db, { workerId: "b", leaseSeconds: LIVE_LEASE, handlers })).toBe(2);
    release();
    // ...and the first worker does not run them again after its slow job.
    expect(await first).toBe(1);
    expect(runs.sort()).toEqual(["fast1", "fast2", "slow"]);
    expect((await jobs()).every((r) => r.completed_at !== null && r.attempts === 1)).toBe(true);
  });

  it("a stalled worker that lost its lease is told so and cannot record the outcome", async () => {
    await enqueue(t.db, "stuck", {});
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let aborted = false;
    let signal!: AbortSignal;
    const logs: string[] = [];
    const first = runDueJobs(t.db, {
      workerId: "stalled:1",
      leaseSeconds: LEASE,
      log: (_l, msg) => void logs.push(msg),
      handlers: {
        stuck: async (_db, _p, run) => {
          signal = run.signal;
          started();
          await released;
          aborted = run.signal.aborted;
          throw new Error("late failure");
        },
      },
    });
    await running;
    // As if its event loop had stalled past the lease: the lease runs out and another worker
    // claims the job and completes it (in one transaction, so no extension slips in between).
    const second = await t.db.transaction().execute(async (trx) => {
      await sql`UPDATE job SET locked_until = now() - interval '1 second'`.execute(trx);
      return claimJob(trx, "rescuer:2", 60);
    });
    expect(second?.attempts).toBe(2);
    expect(await completeJob(t.db, second!)).toBe(true);
    // The stalled worker's next extension finds the lease gone and aborts the handler's signal.
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error("never told")), 10_000);
      const done = () => {
        clearTimeout(timeout);
        resolve();
      };
      if (signal.aborted) done();
      else signal.addEventListener("abort", done);
    });
    release();
    expect(await first).toBe(1);
    expect(aborted).toBe(true);
    expect(logs).toContain("job lease lost: the job may run again elsewhere");
    expect(logs).toContain("job failure not recorded: the lease was lost meanwhile");
    const [row] = await jobs();
    // The rescuer's outcome stands: completed, no error from the stalled claim.
    expect(row!.completed_at).not.toBeNull();
    expect(row!.last_error).toBeNull();
    expect(row!.locked_by).toBe("rescuer:2");
  });

  it("holdsLease locks the job row for the handler's transaction, so it cannot be claimed meanwhile", async () => {
    await enqueue(t.db, "probe", {});
    const job = (await claimJob(t.db, "w:1", LEASE))!;
    await t.db.transaction().execute(async (trx) => {
      expect(await holdsLease(trx, job)).toBe(true);
    });
    await sleep(LEASE * 1000 + 100);
    await t.db.transaction().execute(async (trx) => {
      expect(await holdsLease(trx, job)).toBe(false); // expired: do not commit
    });
    if (t.kind === "postgres") {
      // Expired but still held in a transaction by its worker: a claim skips the locked row.
      await sql`UPDATE job SET locked_until = now() + interval '1 minute'`.execute(t.db);
      await t.db.transaction().execute(async (trx) => {
        expect(await holdsLease(trx, job)).toBe(true);
        await sql`UPDATE job SET locked_until = now() - interval '1 second' WHERE id = ${job.id}`.execute(
          trx,
        );
        expect(await claimJob(t.db, "w:2", LEASE)).toBeUndefined();
      });
    }
  });

  it("two workers claiming at once never get the same job", async () => {
    const total = 30;
    for (let n = 0; n < total; n++) await enqueue(t.db, "probe", { n });
    // 40 claims over 20 connections at once (a lease longer than the test: a claim after a
    // lease ran out would rightly take that job again).
    const claims = await Promise.all(
      Array.from({ length: total + 10 }, (_, i) => claimJob(t.db, `w${i % 2}`, 60)),
    );
    const got = claims.filter((c) => c !== undefined);
    expect(got).toHaveLength(total);
    expect(new Set(got.map((c) => c.id)).size).toBe(total);
  });
});
