import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { enqueue, runDueJobs, startWorker, type TaskHandler } from "./queue.server";

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
    const log = (_level: string, msg: string) => void warnings.push(msg);

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
    expect(warnings).toEqual(["job failed", "job failed", "job failed"]);
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
