/**
 * The periodic SLA sweep (breach and approaching-breach notifications) and auto-close, run by
 * the job worker. The task re-enqueues itself for the next minute under a time-bucketed job
 * key (`service-sla-sweep:<ISO minute>`), so however many processes or requests schedule it,
 * one sweep runs per minute; `ensureSweepScheduled` (called by the job worker when it starts
 * and once a minute after, through `scheduleRecurring`) starts the chain idempotently after a
 * fresh start and mends it if it ever broke. Requests never schedule it. A sweep that runs
 * twice (a lease lost under a stalled worker) is harmless: each request's notification is
 * written under its row lock once (`breach_notified_at`, `warning_notified_at`).
 */
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { env } from "~/env.server";
import { enqueue } from "~/jobs/queue.server";
import { queueWaitingRules } from "./rules.server";
import { autoClose, slaSweep } from "./service-requests.server";

export const SWEEP_TASK = "service-sla-sweep";
const INTERVAL_MS = 60_000;

function bucket(at: Date): string {
  return new Date(Math.floor(+at / INTERVAL_MS) * INTERVAL_MS).toISOString().slice(0, 16);
}

export async function ensureSweepScheduled(db: Executor, now = new Date()) {
  await enqueue(
    db,
    SWEEP_TASK,
    {},
    { jobKey: `${SWEEP_TASK}:${bucket(now)}`, runAt: now, maxAttempts: 3 },
  );
}

export async function slaSweepTask(db: DB): Promise<void> {
  const now = new Date();
  const origin = env().PUBLIC_URL.replace(/\/$/, "");
  try {
    await slaSweep(db, origin, now);
    await autoClose(db, origin, now);
    await queueWaitingRules(db, now);
  } finally {
    const next = new Date(+now + INTERVAL_MS);
    await enqueue(
      db,
      SWEEP_TASK,
      {},
      {
        jobKey: `${SWEEP_TASK}:${bucket(next)}`,
        runAt: new Date(Math.floor(+next / INTERVAL_MS) * INTERVAL_MS),
        maxAttempts: 3,
      },
    );
  }
}
