/**
 * The hourly clean-up of what anonymous requests leave behind (issue 11): attempt counters
 * that hold nothing back any more (one row per address or IP a visitor named), expired
 * one-time tokens, and finished password-reset jobs (their payload is an address a visitor
 * typed). Like the SLA sweep, the task re-enqueues itself under an hour-bucketed job key, so
 * however many processes start, one run happens per hour.
 */
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { RESET_TASK } from "~/accounts/accounts.server";
import { pruneAttemptCounters } from "~/auth/throttle.server";
import { enqueue } from "./queue.server";

export const PRUNE_TASK = "prune-anonymous";
const INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function bucket(at: Date): string {
  return new Date(Math.floor(+at / INTERVAL_MS) * INTERVAL_MS).toISOString().slice(0, 13);
}

export async function ensurePruneScheduled(db: Executor, now = new Date()): Promise<void> {
  await enqueue(db, PRUNE_TASK, {}, { jobKey: `${PRUNE_TASK}:${bucket(now)}`, maxAttempts: 3 });
}

export interface PruneCounts {
  counters: number;
  tokens: number;
  jobs: number;
}

export async function pruneAnonymousRows(db: Executor, now = new Date()): Promise<PruneCounts> {
  const counters = await pruneAttemptCounters(db, now);
  const tokens = await db
    .deleteFrom("user_token")
    .where("expires_at", "<", new Date(+now - DAY_MS))
    .executeTakeFirst();
  const jobs = await db
    .deleteFrom("job")
    .where("task", "=", RESET_TASK)
    .where((eb) =>
      eb.or([
        eb("completed_at", "<", new Date(+now - DAY_MS)),
        eb("failed_at", "<", new Date(+now - DAY_MS)),
      ]),
    )
    .executeTakeFirst();
  return {
    counters,
    tokens: Number(tokens.numDeletedRows),
    jobs: Number(jobs.numDeletedRows),
  };
}

export async function pruneTask(db: DB): Promise<void> {
  const now = new Date();
  try {
    await pruneAnonymousRows(db, now);
  } finally {
    const next = new Date(Math.floor(+now / INTERVAL_MS) * INTERVAL_MS + INTERVAL_MS);
    await enqueue(
      db,
      PRUNE_TASK,
      {},
      { jobKey: `${PRUNE_TASK}:${bucket(next)}`, runAt: next, maxAttempts: 3 },
    );
  }
}
