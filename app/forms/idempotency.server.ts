/**
 * Idempotency keys of form posts (issue 11, ADR 0020). Every create and reply form carries a
 * hidden `idempotencyKey` (rendered by `<IdempotencyKey />`, app/components/idempotency-key.tsx);
 * its action runs through `idempotent(post, args)`. The first post of a key by an actor claims a row
 * in `idempotency_key` (primary key (actor, key): of two concurrent posts exactly one inserts),
 * runs the action and stores its result, the redirect; every later post of that key (a double
 * click, a retry, back and resubmit) waits for that result and answers it again, without
 * running the action: nothing is created twice and no email is queued twice.
 *
 * - Only a redirect is stored. An action that answers anything else (a field error, a 409, a
 *   throw) releases the claim, so the same form can be corrected and sent again.
 * - Stored with the redirect: its flash cookies (`toast`, `flash_*`), never a session cookie.
 * - Rows expire after a day; each completed claim deletes a few expired rows.
 * - The claim commits before the action runs (domain functions open their own transaction),
 *   so a process that dies between the action's commit and storing the result leaves a claim
 *   without a result: a repeat then answers 409 ("already sent") instead of running again.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { IDEMPOTENCY_FIELD, KEY_PATTERN } from "~/lib/idempotency";
import { isFlashCookie } from "~/lib/cookies.server";
import { logger } from "~/observability/logger.server";

export { IDEMPOTENCY_FIELD, KEY_PATTERN };

/** How long a key is remembered. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim without a result older than this is taken as abandoned (its process died). */
export const PENDING_STALE_MS = 60_000;

export interface KeyId {
  /** The user's id, or "anonymous" (the key itself is 128 random bits from that page). */
  actor: string;
  key: string;
}

export interface StoredResult {
  status: number;
  location: string;
  cookies: string[];
}

export type Claim =
  { kind: "claimed" } | { kind: "done"; result: StoredResult } | { kind: "pending"; since: Date };

/** Tries to claim a key: exactly one of any number of concurrent callers gets "claimed". */
export async function claimKey(
  db: Executor,
  id: KeyId,
  path: string,
  now = new Date(),
): Promise<Claim> {
  const inserted = await db
    .insertInto("idempotency_key")
    .values({
      actor: id.actor,
      key: id.key,
      path: path.slice(0, 500),
      created_at: now,
      expires_at: new Date(+now + KEY_TTL_MS),
    })
    .onConflict((oc) => oc.columns(["actor", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return { kind: "claimed" };
  const row = await db
    .selectFrom("idempotency_key")
    .select(["status", "location", "cookies", "created_at", "expires_at"])
    .where("actor", "=", id.actor)
    .where("key", "=", id.key)
    .executeTakeFirst();
  if (!row) return claimKey(db, id, path, now); // released meanwhile: try again
  if (new Date(row.expires_at) <= now) {
    await db
      .deleteFrom("idempotency_key")
      .where("actor", "=", id.actor)
      .where("key", "=", id.key)
      .where("expires_at", "<=", now)
      .execute();
    return claimKey(db, id, path, now);
  }
  if (row.status !== null && row.location !== null)
    return {
      kind: "done",
      result: { status: row.status, location: row.location, cookies: row.cookies },
    };
  return { kind: "pending", since: new Date(row.created_at) };
}

/** Stores the result of a claimed key, and deletes a few expired keys. */
export async function completeKey(
  db: Executor,
  id: KeyId,
  result: StoredResult,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("idempotency_key")
    .set({
      status: result.status,
      location: result.location,
      cookies: result.cookies,
      completed_at: now,
    })
    .where("actor", "=", id.actor)
    .where("key", "=", id.key)
    .execute();
  await sql`
    DELETE FROM idempotency_key WHERE ctid IN (
      SELECT ctid FROM idempotency_key WHERE expires_at <= ${now} LIMIT 20)`.execute(db);
}

/** Gives a claimed key up (the action did not complete), so the form can be sent again. */
export async function releaseKey(db: Executor, id: KeyId): Promise<void> {
  await db
    .deleteFrom("idempotency_key")
    .where("actor", "=", id.actor)
    .where("key", "=", id.key)
    .where("status", "is", null)
    .execute();
}

export type Once<T> =
  { kind: "ran"; value: T } | { kind: "replay"; result: StoredResult } | { kind: "busy" };

export interface OnceOptions {
  /** How long a repeat waits for the first post's result. */
  waitMs?: number;
  pollMs?: number;
}

/**
 * Runs `run` at most once per key: the first caller runs it; `toResult` says what of its value
 * to keep (null: nothing, the claim is released). Other callers wait for the kept result and
 * get it as a replay; "busy" when the first caller is still running after `waitMs`, or died.
 */
export async function once<T>(
  db: Executor,
  id: KeyId,
  path: string,
  run: () => Promise<T>,
  toResult: (value: T) => StoredResult | null,
  { waitMs = 10_000, pollMs = 50 }: OnceOptions = {},
): Promise<Once<T>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await claimKey(db, id, path);
    if (claim.kind === "done") return { kind: "replay", result: claim.result };
    if (claim.kind === "pending") {
      if (Date.now() >= deadline || Date.now() - +claim.since > PENDING_STALE_MS)
        return { kind: "busy" };
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    let value: T;
    try {
      value = await run();
    } catch (error) {
      await releaseKey(db, id).catch((releaseError: unknown) =>
        // The action's own error goes on to the caller; the claim ends when it goes stale.
        logger.warn(
          { err: releaseError, path },
          "idempotency: releasing the key of a failed action failed",
        ),
      );
      throw error;
    }
    const result = toResult(value);
    if (result) await completeKey(db, id, result);
    else await releaseKey(db, id);
    return { kind: "ran", value };
  }
}

// ------------------------------------------------------------------------------ Remix actions

function redirectResult(value: unknown): StoredResult | null {
  if (!(value instanceof Response)) return null;
  const location = value.headers.get("Location");
  if (value.status < 300 || value.status > 399 || !location) return null;
  const cookies = value.headers.getSetCookie().filter(isFlashCookie);
  return { status: value.status, location, cookies };
}

function replay(result: StoredResult): Response {
  const headers = new Headers({ Location: result.location });
  for (const c of result.cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: result.status, headers });
}

/** The key of a posted form, read from a copy of the request (the action reads the original). */
export async function readIdempotencyKey(request: Request): Promise<string | null> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!request.body) return null;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const value = new URLSearchParams(await request.clone().text()).get(IDEMPOTENCY_FIELD);
    return value && KEY_PATTERN.test(value) ? value : null;
  }
  if (type.startsWith("multipart/form-data")) return scanMultipart(request.clone());
  return null;
}

/** Looks for the key field in the first 64 KB of a multipart body (render the key first). */
async function scanMultipart(copy: Request): Promise<string | null> {
  const reader = copy.body!.getReader();
  const decoder = new TextDecoder("latin1");
  const marker = `name="${IDEMPOTENCY_FIELD}"`;
  let text = "";
  try {
    while (text.length < 65_536) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const at = text.indexOf(marker);
      if (at === -1) continue;
      const match = /^[^\r\n]*\r\n\r\n([A-Za-z0-9_-]{16,64})\r\n/.exec(text.slice(at));
      if (match) return match[1]!;
      if (text.length - at > 200) return null;
    }
    return null;
  } finally {
    // Not awaited: a tee branch's cancel settles only once the other branch (the action's) ends.
    reader.cancel().catch(() => undefined);
  }
}

/**
 * Runs a route's action once per key: a post that carries an `idempotencyKey` runs at most once
 * per (signed-in user or anonymous visitor, key); a repeat answers the first post's redirect.
 * A post without a key runs as before. In a route (an arrow, so the browser build drops it):
 * `export const action = (args: ActionFunctionArgs) => idempotent(post, args);`
 */
export async function idempotent<R>(
  action: (args: ActionFunctionArgs) => Promise<R>,
  args: ActionFunctionArgs,
): Promise<R | Response> {
  const { request } = args;
  if (request.method !== "POST") return action(args);
  const key = await readIdempotencyKey(request);
  if (!key) return action(args);
  const user = await getUser(request);
  const id = { actor: user?.id ?? "anonymous", key };
  const outcome = await once<{ ok: R } | { thrown: unknown }>(
    db(),
    id,
    new URL(request.url).pathname,
    async () => {
      try {
        return { ok: await action(args) };
      } catch (thrown) {
        // A thrown redirect is a result too; anything else is released and rethrown.
        if (thrown instanceof Response && redirectResult(thrown)) return { thrown };
        throw thrown;
      }
    },
    (v) => redirectResult("ok" in v ? v.ok : v.thrown),
  );
  if (outcome.kind === "replay") return replay(outcome.result);
  if (outcome.kind === "busy") throw alreadySent();
  if ("thrown" in outcome.value) throw outcome.value.thrown;
  return outcome.value.ok;
}

function alreadySent(): Response {
  return new Response("This form was already sent. Reload the page to see the result.", {
    status: 409,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
