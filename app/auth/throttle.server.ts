/**
 * Attempt counters in PostgreSQL, shared by every app process (ADR 0003):
 * - per account: the `freeFailures`-th wrong password locks the account for a while, and each
 *   further one doubles the lockout (capped); while locked even the right password is refused;
 * - per IP (and other keys): at most `limit` events in a fixed window.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";

export interface BackoffPolicy {
  /** Wrong attempts allowed before the first lockout: the N-th failure starts it. */
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  /** A failure this long after the previous one starts the count again. */
  forgetAfterSeconds: number;
}
export const ACCOUNT_BACKOFF: BackoffPolicy = {
  freeFailures: 5,
  baseSeconds: 30,
  maxSeconds: 15 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};

export interface WindowPolicy {
  limit: number;
  windowSeconds: number;
}
export const IP_LOGIN_LIMIT: WindowPolicy = { limit: 50, windowSeconds: 15 * 60 };

/** Seconds until the key may try again, or 0. */
export async function blockedFor(db: Executor, key: string, now = new Date()): Promise<number> {
  const row = await db
    .selectFrom("attempt_counter")
    .select("blocked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row?.blocked_until) return 0;
  return Math.max(0, Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000));
}

/**
 * Counts one failure; from the `freeFailures`-th on, each failure locks the key for a doubling
 * time (`baseSeconds`, then twice that, ... up to `maxSeconds`). Atomic across processes.
 */
export async function recordFailureWithBackoff(
  db: Executor,
  key: string,
  policy: BackoffPolicy,
  now = new Date(),
): Promise<void> {
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
  const row = await sql<{ failures: number }>`
    INSERT INTO attempt_counter (key, failures, window_started_at, updated_at)
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN attempt_counter.updated_at < ${forgetBefore} THEN 1 ELSE attempt_counter.failures + 1 END,
      window_started_at = CASE WHEN attempt_counter.updated_at < ${forgetBefore} THEN ${now} ELSE attempt_counter.window_started_at END,
      updated_at = ${now}
    RETURNING failures`.execute(db);
  const failures = row.rows[0]?.failures ?? 1;
  if (failures >= policy.freeFailures) {
    const seconds = Math.min(
      policy.baseSeconds * 2 ** (failures - policy.freeFailures),
      policy.maxSeconds,
    );
    await db
      .updateTable("attempt_counter")
      .set({ blocked_until: new Date(now.getTime() + seconds * 1000) })
      .where("key", "=", key)
      .execute();
  }
}

/**
 * Counts one event in the key's current window; returns false (and blocks until the window
 * ends) once the limit is passed. Atomic: concurrent callers in several processes share it.
 */
export async function hitWindowLimit(
  db: Executor,
  key: string,
  policy: WindowPolicy,
  now = new Date(),
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  const row = await sql<{ failures: number; window_started_at: Date }>`
    INSERT INTO attempt_counter (key, failures, window_started_at, updated_at)
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN attempt_counter.window_started_at < ${windowStart} THEN 1 ELSE attempt_counter.failures + 1 END,
      window_started_at = CASE WHEN attempt_counter.window_started_at < ${windowStart} THEN ${now} ELSE attempt_counter.window_started_at END,
      blocked_until = CASE WHEN attempt_counter.window_started_at < ${windowStart} THEN NULL ELSE attempt_counter.blocked_until END,
      updated_at = ${now}
    RETURNING failures, window_started_at`.execute(db);
  const r = row.rows[0];
  if (!r) return true;
  if (r.failures > policy.limit) {
    await db
      .updateTable("attempt_counter")
      .set({ blocked_until: new Date(r.window_started_at.getTime() + policy.windowSeconds * 1000) })
      .where("key", "=", key)
      .execute();
    return false;
  }
  return true;
}

export async function clearAttempts(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("attempt_counter").where("key", "=", key).execute();
}

/**
 * All mail that an anonymous request can send to an address nobody has confirmed (sign-up
 * links and notices, reset links, inquiry acknowledgements), per hour, across processes: past
 * it such mail waits for the next hour (the answers stay the same). A bound on what a botnet
 * can make the park send, on top of the per-IP and per-address limits.
 */
export const STRANGER_MAIL_CAP: WindowPolicy = { limit: 1000, windowSeconds: 60 * 60 };

/**
 * Counts one message for `key` (e.g. `reset:email:<address>`) and one against the global cap;
 * true when both are under their limits. Both counters live in PostgreSQL.
 */
export async function mayMailStranger(
  db: Executor,
  key: string,
  policy: WindowPolicy,
  now = new Date(),
  cap: WindowPolicy = STRANGER_MAIL_CAP,
): Promise<boolean> {
  if (!(await hitWindowLimit(db, key, policy, now))) return false;
  return hitWindowLimit(db, "mail:strangers", cap, now);
}

/** Counters older than this (and not blocking) are deleted by `pruneAttemptCounters`. */
export const COUNTER_RETENTION_SECONDS = 2 * 24 * 60 * 60;

/**
 * Deletes counters that no longer hold anything back: untouched for longer than every policy's
 * window or forget time, and not blocking. Anonymous requests make one row per address or IP
 * they name; this keeps the table bounded. Returns how many rows went.
 */
export async function pruneAttemptCounters(db: Executor, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - COUNTER_RETENTION_SECONDS * 1000);
  const result = await db
    .deleteFrom("attempt_counter")
    .where("updated_at", "<", before)
    .where((eb) => eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
