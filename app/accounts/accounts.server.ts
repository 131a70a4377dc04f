/** Accounts: sign-up, log-in, email verification, password reset and changes (ADR 0003). */
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import {
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "~/auth/password.server";
import {
  ABSOLUTE_LIFETIME_MS,
  createSession,
  invalidateSession,
  invalidateUserSessions,
} from "~/auth/session.server";
import {
  ACCOUNT_BACKOFF,
  IP_LOGIN_LIMIT,
  blockedFor,
  clearAttempts,
  hitWindowLimit,
  mayMailStranger,
  recordFailureWithBackoff,
  type WindowPolicy,
} from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Locale } from "~/i18n/i18n";
import { safeRedirect } from "~/lib/redirect";
import { enqueue } from "~/jobs/queue.server";
import { queueEmail } from "~/mail/mail.server";

export const VERIFY_TOKEN_MS = 24 * 60 * 60 * 1000;
export const RESET_TOKEN_MS = 60 * 60 * 1000;
/** Confirmation links a user may ask to be sent again. */
export const VERIFY_RESEND_LIMIT: WindowPolicy = { limit: 5, windowSeconds: 60 * 60 };
/** Reset requests from one address (the form then answers "too many"). */
export const RESET_IP_LIMIT: WindowPolicy = { limit: 20, windowSeconds: 60 * 60 };
/** Reset emails to one mailbox; past it the form answers as usual but sends nothing. */
export const RESET_EMAIL_LIMIT: WindowPolicy = { limit: 3, windowSeconds: 60 * 60 };

export interface Meta {
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
  /** Absolute origin for links in emails, e.g. https://portal.example. */
  origin: string;
}

export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom("app_user")
    .selectAll()
    .where(({ fn, eb }) => eb(fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

/** Sign-up notices to one address (new or taken); past it the answer is the same, nothing is sent. */
export const SIGNUP_EMAIL_LIMIT: WindowPolicy = { limit: 3, windowSeconds: 60 * 60 };

/**
 * Creates an account, or, when the address already has one, emails its owner instead. The
 * answer is the same either way (no account enumeration, issue 11): nobody is signed in, an
 * email goes to the address, and the password is hashed in both cases so that the two take
 * as long. `next` (a same-origin path, checked here) travels in the confirmation link.
 */
export async function signUp(
  db: DB,
  input: { name: string; email: string; password: string; locale: Locale; next?: string },
  meta: Meta,
): Promise<void> {
  const now = meta.now ?? new Date();
  const address = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  // Counted whatever happens next (both paths alike): a few messages an hour per address, and
  // a cap on all mail to addresses nobody has confirmed.
  const mayMail = await mayMailStranger(db, `signup:email:${address}`, SIGNUP_EMAIL_LIMIT, now);
  await inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto("app_user")
      .values({
        email: address,
        name: input.name,
        password_hash: passwordHash,
        locale: input.locale,
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await audit(trx, {
        actorId: inserted.id,
        action: "user.signup",
        entityType: "user",
        entityId: inserted.id,
        ip: meta.ip,
      });
      if (!mayMail) return;
      await sendVerification(trx, { id: inserted.id, email: address, locale: input.locale }, meta, {
        next: input.next,
      });
      return;
    }
    const owner = await findUserByEmail(trx, address);
    if (!owner) return;
    await audit(trx, {
      actorId: null,
      action: "user.signup_existing",
      entityType: "user",
      entityId: owner.id,
      ip: meta.ip,
    });
    if (!mayMail || owner.disabled_at) return;
    await queueEmail(trx, {
      to: owner.email,
      locale: owner.locale === "zh-CN" ? "zh-CN" : "en",
      template: "addressInUse",
      values: {
        signIn: `${meta.origin}/login`,
        reset: `${meta.origin}/forgot-password`,
      },
    });
  });
}

function cookieExpiry(now: Date): Date {
  return new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000);
}

async function issueToken(
  db: Executor,
  userId: string,
  purpose: "verify_email" | "reset_password" | "change_email",
  ttlMs: number,
  now: Date,
  newEmail: string | null = null,
): Promise<string> {
  // One live token per purpose: a new one replaces the old.
  await db
    .deleteFrom("user_token")
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .execute();
  const token = generateToken();
  await db
    .insertInto("user_token")
    .values({
      id: hashToken(token),
      user_id: userId,
      purpose,
      new_email: newEmail,
      created_at: now,
      expires_at: new Date(now.getTime() + ttlMs),
    })
    .execute();
  return token;
}

export async function sendVerification(
  db: Executor,
  user: { id: string; email: string; locale: string },
  meta: Meta,
  opts: { next?: string } = {},
): Promise<void> {
  // The new token (replacing the old) and its email commit together (ADR 0021).
  await inTransaction(db, async (trx) => {
    const token = await issueToken(
      trx,
      user.id,
      "verify_email",
      VERIFY_TOKEN_MS,
      meta.now ?? new Date(),
    );
    const next = opts.next ? safeRedirect(opts.next, "") : "";
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "verifyEmail",
      // Only the park's own words: the address is not confirmed, so nothing a stranger typed.
      values: {
        link: `${meta.origin}/verify-email?token=${token}${next ? `&next=${encodeURIComponent(next)}` : ""}`,
      },
    });
  });
}

/** Takes a token: marks it used and returns it if it is live and of the purpose. */
async function consumeToken(db: Executor, token: string, purpose: string, now: Date) {
  return db
    .updateTable("user_token")
    .set({ used_at: now })
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["user_id", "new_email"])
    .executeTakeFirst();
}

export async function peekToken(
  db: Executor,
  token: string,
  purpose: string,
  now = new Date(),
): Promise<boolean> {
  const row = await db
    .selectFrom("user_token")
    .select("id")
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return !!row;
}

/** The kind of a live email token (for the confirm page), or null when it is unknown, used or expired. */
export async function peekEmailToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<{ purpose: "verify_email" | "change_email"; newEmail: string | null } | null> {
  const row = await db
    .selectFrom("user_token")
    .select(["purpose", "new_email"])
    .where("id", "=", hashToken(token))
    .where("purpose", "in", ["verify_email", "change_email"])
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    purpose: row.purpose === "change_email" ? "change_email" : "verify_email",
    newEmail: row.new_email,
  };
}

export type ResendResult = "sent" | "alreadyVerified" | "throttled";

/** Sends a new confirmation link (the old one stops working), a few times an hour at most. */
export async function resendVerification(
  db: DB,
  userId: string,
  meta: Meta,
): Promise<ResendResult> {
  const now = meta.now ?? new Date();
  const user = await db
    .selectFrom("app_user")
    .selectAll()
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  if (user.email_verified_at) return "alreadyVerified";
  if (!(await hitWindowLimit(db, `verify-resend:user:${userId}`, VERIFY_RESEND_LIMIT, now)))
    return "throttled";
  await inTransaction(db, async (trx) => {
    await sendVerification(trx, user, { ...meta, now });
  });
  return "sent";
}

export type VerifyResult =
  | { ok: true; kind: "verified" | "emailChanged" }
  | { ok: false; error: "invalidToken" | "emailTaken" };

/** Confirms an address: a new account's, or the new address of an email change. */
export async function verifyEmailToken(
  db: DB,
  token: string,
  meta: Omit<Meta, "origin">,
): Promise<VerifyResult> {
  const now = meta.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const verify = await consumeToken(trx, token, "verify_email", now);
    if (verify) {
      await trx
        .updateTable("app_user")
        .set({ email_verified_at: now, updated_at: now })
        .where("id", "=", verify.user_id)
        .execute();
      await audit(trx, {
        actorId: verify.user_id,
        action: "user.email_verified",
        entityType: "user",
        entityId: verify.user_id,
        ip: meta.ip,
      });
      return { ok: true as const, kind: "verified" as const };
    }
    const change = await consumeToken(trx, token, "change_email", now);
    if (change?.new_email) {
      const taken = await findUserByEmail(trx, change.new_email);
      if (taken && taken.id !== change.user_id)
        return { ok: false as const, error: "emailTaken" as const };
      await trx
        .updateTable("app_user")
        .set({ email: change.new_email, email_verified_at: now, updated_at: now })
        .where("id", "=", change.user_id)
        .execute();
      // Links sent to the old address must not confirm the new one.
      await trx
        .deleteFrom("user_token")
        .where("user_id", "=", change.user_id)
        .where("purpose", "in", ["verify_email", "reset_password"])
        .execute();
      await audit(trx, {
        actorId: change.user_id,
        action: "user.email_changed",
        entityType: "user",
        entityId: change.user_id,
        ip: meta.ip,
      });
      return { ok: true as const, kind: "emailChanged" as const };
    }
    return { ok: false as const, error: "invalidToken" as const };
  });
}

export type LoginResult =
  | { ok: true; userId: string; token: string; cookieExpiry: Date; parkSide: boolean }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Checks the password; slowed per account (backoff) and per IP (window), both in PostgreSQL.
 * The answer for an unknown email and a wrong password is the same, and takes as long.
 */
export async function logIn(
  db: DB,
  input: { email: string; password: string },
  meta: Omit<Meta, "origin">,
): Promise<LoginResult> {
  const now = meta.now ?? new Date();
  const accountKey = `login:account:${input.email.toLowerCase()}`;
  const ipKey = `login:ip:${meta.ip ?? "unknown"}`;
  const wait = Math.max(await blockedFor(db, accountKey, now), await blockedFor(db, ipKey, now));
  if (wait > 0) return { ok: false, error: "throttled", retryAfterSeconds: wait };

  const user = await findUserByEmail(db, input.email);
  let valid = false;
  if (user) valid = await verifyPassword(user.password_hash, input.password);
  else await verifyPassword(await dummyPasswordHash(), input.password); // same time either way
  if (!user || !valid || user.disabled_at) {
    // The counters and the audit entry commit together (ADR 0021).
    await inTransaction(db, async (trx) => {
      await recordFailureWithBackoff(trx, accountKey, ACCOUNT_BACKOFF, now);
      await hitWindowLimit(trx, ipKey, IP_LOGIN_LIMIT, now);
      if (user)
        await audit(trx, {
          actorId: null,
          action: "user.login_failed",
          entityType: "user",
          entityId: user.id,
          ip: meta.ip,
        });
    });
    return { ok: false, error: "invalidCredentials" };
  }
  // Hashed before the transaction: the transaction never waits for the slow hash.
  const rehashed = needsRehash(user.password_hash) ? await hashPassword(input.password) : null;
  const session = await inTransaction(db, async (trx) => {
    await clearAttempts(trx, accountKey);
    if (rehashed)
      await trx
        .updateTable("app_user")
        .set({ password_hash: rehashed })
        .where("id", "=", user.id)
        .execute();
    const created = await createSession(trx, user.id, meta, now);
    await audit(trx, {
      actorId: user.id,
      action: "user.login",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
    });
    return created;
  });
  // Where sign-in lands without a redirectTo: park staff (any park role) on their desk.
  const role = await db
    .selectFrom("user_role")
    .select("role")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  return {
    ok: true,
    userId: user.id,
    token: session.token,
    cookieExpiry: cookieExpiry(now),
    parkSide: !!role,
  };
}

export type ResetRequestResult = { ok: true } | { ok: false; error: "throttled" };

export const RESET_TASK = "password-reset";

/**
 * Asks for a reset link. The request does the same work whatever the address: two counters
 * and one queued job (no lookup of the account here), so neither the answer nor its time
 * tells whether an account exists. The job (`passwordResetTask`) decides whether to send.
 * Too many requests from one IP are refused; past the per-address limit (or the cap on mail
 * to strangers) the answer stays "ok" and no job is queued.
 */
export async function requestPasswordReset(
  db: DB,
  emailAddress: string,
  meta: Meta,
): Promise<ResetRequestResult> {
  const now = meta.now ?? new Date();
  if (!(await hitWindowLimit(db, `reset:ip:${meta.ip ?? "unknown"}`, RESET_IP_LIMIT, now)))
    return { ok: false, error: "throttled" };
  const address = emailAddress.toLowerCase();
  if (!(await mayMailStranger(db, `reset:email:${address}`, RESET_EMAIL_LIMIT, now)))
    return { ok: true };
  await enqueue(
    db,
    RESET_TASK,
    { email: address, origin: meta.origin, requestedAt: now.toISOString() },
    { maxAttempts: 3 },
  );
  return { ok: true };
}

/** The job behind a reset request: a link to an active account's address, or nothing. */
export async function passwordResetTask(db: DB, payload: Record<string, unknown>): Promise<void> {
  const address = typeof payload.email === "string" ? payload.email : "";
  const origin = typeof payload.origin === "string" ? payload.origin : "";
  const requestedAt =
    typeof payload.requestedAt === "string" ? new Date(payload.requestedAt) : new Date();
  if (!address || !origin || Number.isNaN(+requestedAt)) return;
  await inTransaction(db, async (trx) => {
    const user = await findUserByEmail(trx, address);
    if (!user || user.disabled_at) return;
    const token = await issueToken(trx, user.id, "reset_password", RESET_TOKEN_MS, requestedAt);
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "resetPassword",
      values: { link: `${origin}/reset-password?token=${token}` },
    });
  });
}

export async function resetPassword(
  db: DB,
  input: { token: string; password: string },
  meta: Meta,
): Promise<boolean> {
  const now = meta.now ?? new Date();
  // A cheap look first, so that made-up tokens cannot make the server hash passwords.
  if (!(await peekToken(db, input.token, "reset_password", now))) return false;
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const row = await consumeToken(trx, input.token, "reset_password", now);
    if (!row) return false;
    const user = await trx
      .updateTable("app_user")
      // Reading the reset link proves the address, too.
      .set({ password_hash: passwordHash, updated_at: now, email_verified_at: now })
      .where("id", "=", row.user_id)
      .returning(["id", "email", "name", "locale"])
      .executeTakeFirstOrThrow();
    await invalidateUserSessions(trx, user.id);
    await clearAttempts(trx, `login:account:${user.email.toLowerCase()}`);
    await audit(trx, {
      actorId: user.id,
      action: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
    });
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "passwordChanged",
      values: { link: `${meta.origin}/forgot-password` },
    });
    return true;
  });
}

export type ReauthError = "wrongPassword" | "throttled";

/**
 * Re-authentication before a sensitive change: the current password, with its own backoff
 * so that a stolen session cannot be used to guess the password.
 */
async function reauthenticate(
  db: Executor,
  user: { id: string; password_hash: string },
  password: string,
  now: Date,
): Promise<ReauthError | null> {
  const key = `reauth:user:${user.id}`;
  if ((await blockedFor(db, key, now)) > 0) return "throttled";
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailureWithBackoff(db, key, ACCOUNT_BACKOFF, now);
    return "wrongPassword";
  }
  await clearAttempts(db, key);
  return null;
}

/** The signed-in account, once its current password is confirmed (throttled like a sign-in). */
async function withCurrentPassword(db: DB, userId: string, password: string, now: Date) {
  const user = await db
    .selectFrom("app_user")
    .selectAll()
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const denied = await reauthenticate(db, user, password, now);
  return denied ? { ok: false as const, error: denied } : { ok: true as const, user };
}

export type ChangePasswordResult = { ok: true } | { ok: false; error: ReauthError };

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  db: DB,
  input: { userId: string; sessionId: string; currentPassword: string; password: string },
  meta: Meta,
): Promise<ChangePasswordResult> {
  const now = meta.now ?? new Date();
  const checked = await withCurrentPassword(db, input.userId, input.currentPassword, now);
  if (!checked.ok) return checked;
  const { user } = checked;
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, updated_at: now })
      .where("id", "=", user.id)
      .execute();
    // A reset link asked for earlier must not undo this change.
    await trx
      .deleteFrom("user_token")
      .where("user_id", "=", user.id)
      .where("purpose", "=", "reset_password")
      .execute();
    await invalidateUserSessions(trx, user.id, input.sessionId);
    await audit(trx, {
      actorId: user.id,
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
    });
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "passwordChanged",
      values: { link: `${meta.origin}/forgot-password` },
    });
  });
  return { ok: true };
}

export type ChangeEmailResult = { ok: true } | { ok: false; error: ReauthError | "sameEmail" };

/** Re-authenticates, then sends a confirmation link to the new address; the old stays until then. */
export async function requestEmailChange(
  db: DB,
  input: { userId: string; currentPassword: string; newEmail: string },
  meta: Meta,
): Promise<ChangeEmailResult> {
  const now = meta.now ?? new Date();
  const checked = await withCurrentPassword(db, input.userId, input.currentPassword, now);
  if (!checked.ok) return checked;
  const { user } = checked;
  if (user.email.toLowerCase() === input.newEmail.toLowerCase())
    return { ok: false, error: "sameEmail" };
  // Whether another account has the address is not told here (no enumeration, issue 11): the
  // answer and the pending change look the same; the owner of the address gets a notice instead
  // of the link, and confirming could not succeed anyway.
  const owner = await findUserByEmail(db, input.newEmail);
  await inTransaction(db, async (trx) => {
    const token = await issueToken(
      trx,
      user.id,
      "change_email",
      VERIFY_TOKEN_MS,
      now,
      input.newEmail.toLowerCase(),
    );
    if (owner)
      await queueEmail(trx, {
        to: owner.email,
        locale: owner.locale === "zh-CN" ? "zh-CN" : "en",
        template: "addressInUse",
        values: { signIn: `${meta.origin}/login`, reset: `${meta.origin}/forgot-password` },
      });
    else
      await queueEmail(trx, {
        to: input.newEmail,
        locale: user.locale === "zh-CN" ? "zh-CN" : "en",
        template: "changeEmail",
        values: { link: `${meta.origin}/verify-email?token=${token}` },
      });
    await audit(trx, {
      actorId: user.id,
      action: "user.email_change_requested",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
    });
  });
  return { ok: true };
}

export async function updateProfile(
  db: Executor,
  userId: string,
  input: { name?: string; locale?: Locale },
  meta: { ip?: string | null } = {},
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("app_user")
      .set({ ...input, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    // A name is what others see: audited. A language switch alone is a preference, not audited.
    if (input.name !== undefined)
      await audit(trx, {
        actorId: userId,
        action: "user.profile_update",
        entityType: "user",
        entityId: userId,
        details: { fields: Object.keys(input) },
        ip: meta.ip ?? null,
      });
  });
}

/** The address an email change waits to confirm, if any. */
export async function pendingEmailChange(
  db: Executor,
  userId: string,
  now = new Date(),
): Promise<string | null> {
  const row = await db
    .selectFrom("user_token")
    .select("new_email")
    .where("user_id", "=", userId)
    .where("purpose", "=", "change_email")
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row?.new_email ?? null;
}

export interface SessionSummary {
  current: boolean;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** The user's live sessions, newest first; `current` marks the one asking. Never exposes ids. */
export async function listSessions(
  db: Executor,
  userId: string,
  currentSessionId: string,
  now = new Date(),
): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom("session")
    .select(["id", "created_at", "expires_at", "user_agent", "ip"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .where("created_at", ">", new Date(now.getTime() - ABSOLUTE_LIFETIME_MS))
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    current: r.id === currentSessionId,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    userAgent: r.user_agent,
    ip: r.ip,
  }));
}

/** Signing out: the session ends and the audit entry is written in one transaction. */
export async function logOut(
  db: Executor,
  session: { sessionId: string; userId: string },
  meta: { ip?: string | null },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await invalidateSession(trx, session.sessionId);
    await audit(trx, {
      actorId: session.userId,
      action: "user.logout",
      entityType: "user",
      entityId: session.userId,
      ip: meta.ip ?? null,
    });
  });
}

/** "Sign out everywhere else": ends every session of the user but the current one. */
export async function endOtherSessions(
  db: DB,
  userId: string,
  currentSessionId: string,
  meta: Omit<Meta, "origin">,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await invalidateUserSessions(trx, userId, currentSessionId);
    await audit(trx, {
      actorId: userId,
      action: "user.other_sessions_ended",
      entityType: "user",
      entityId: userId,
      ip: meta.ip,
    });
  });
}

/** The labels of roles (reference data) in both languages, in the order asked. */
export async function roleLabels(
  db: Executor,
  names: readonly string[],
): Promise<{ name: string; labelEn: string; labelZh: string }[]> {
  if (!names.length) return [];
  const rows = await db
    .selectFrom("role")
    .select(["name", "label_en", "label_zh"])
    .where("name", "in", [...names])
    .execute();
  return names.flatMap((n) => {
    const r = rows.find((row) => row.name === n);
    return r ? [{ name: r.name, labelEn: r.label_en, labelZh: r.label_zh }] : [];
  });
}
