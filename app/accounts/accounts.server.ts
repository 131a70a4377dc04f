/** Accounts: sign-up, log-in, email verification, password reset and changes (ADR 0003). */
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { createSession, invalidateUserSessions } from "~/auth/session.server";
import {
  ACCOUNT_BACKOFF,
  IP_LOGIN_LIMIT,
  blockedFor,
  clearAttempts,
  hitWindowLimit,
  recordFailureWithBackoff,
} from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Locale } from "~/i18n/i18n";
import { queueEmail } from "~/mail/mail.server";

export const VERIFY_TOKEN_MS = 24 * 60 * 60 * 1000;
export const RESET_TOKEN_MS = 60 * 60 * 1000;

export interface Meta {
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
  /** Absolute origin for links in emails, e.g. https://portal.example. */
  origin: string;
}

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom("app_user").selectAll().where(({ fn, eb }) => eb(fn("lower", ["email"]), "=", email.toLowerCase())).executeTakeFirst();
}

export type SignUpResult = { ok: true; userId: string; token: string; cookieExpiry: Date } | { ok: false; error: "emailTaken" };

export async function signUp(
  db: DB,
  input: { name: string; email: string; password: string; locale: Locale },
  meta: Meta,
): Promise<SignUpResult> {
  const now = meta.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("app_user")
      .values({ email: input.email.toLowerCase(), name: input.name, password_hash: passwordHash, locale: input.locale })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { ok: false as const, error: "emailTaken" as const };
    await sendVerification(trx, { id: inserted.id, name: input.name, email: input.email, locale: input.locale }, meta);
    await audit(trx, { actorId: inserted.id, action: "user.signup", entityType: "user", entityId: inserted.id, ip: meta.ip });
    const session = await createSession(trx, inserted.id, meta, now);
    return { ok: true as const, userId: inserted.id, token: session.token, cookieExpiry: cookieExpiry(now) };
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
  await db.deleteFrom("user_token").where("user_id", "=", userId).where("purpose", "=", purpose).execute();
  const token = generateToken();
  await db
    .insertInto("user_token")
    .values({ id: hashToken(token), user_id: userId, purpose, new_email: newEmail, created_at: now, expires_at: new Date(now.getTime() + ttlMs) })
    .execute();
  return token;
}

export async function sendVerification(
  db: Executor,
  user: { id: string; name: string; email: string; locale: string },
  meta: Meta,
): Promise<void> {
  const token = await issueToken(db, user.id, "verify_email", VERIFY_TOKEN_MS, meta.now ?? new Date());
  await queueEmail(db, {
    to: user.email,
    locale: user.locale === "zh-CN" ? "zh-CN" : "en",
    template: "verifyEmail",
    values: { name: user.name, link: `${meta.origin}/verify-email?token=${token}` },
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

export async function peekToken(db: Executor, token: string, purpose: string, now = new Date()): Promise<boolean> {
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

export type VerifyResult = { ok: true; kind: "verified" | "emailChanged" } | { ok: false; error: "invalidToken" | "emailTaken" };

/** Confirms an address: a new account's, or the new address of an email change. */
export async function verifyEmailToken(db: DB, token: string, meta: Omit<Meta, "origin">): Promise<VerifyResult> {
  const now = meta.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const verify = await consumeToken(trx, token, "verify_email", now);
    if (verify) {
      await trx.updateTable("app_user").set({ email_verified_at: now, updated_at: now }).where("id", "=", verify.user_id).execute();
      await audit(trx, { actorId: verify.user_id, action: "user.email_verified", entityType: "user", entityId: verify.user_id, ip: meta.ip });
      return { ok: true as const, kind: "verified" as const };
    }
    const change = await consumeToken(trx, token, "change_email", now);
    if (change?.new_email) {
      const taken = await findUserByEmail(trx, change.new_email);
      if (taken && taken.id !== change.user_id) return { ok: false as const, error: "emailTaken" as const };
      await trx
        .updateTable("app_user")
        .set({ email: change.new_email, email_verified_at: now, updated_at: now })
        .where("id", "=", change.user_id)
        .execute();
      await audit(trx, { actorId: change.user_id, action: "user.email_changed", entityType: "user", entityId: change.user_id, ip: meta.ip });
      return { ok: true as const, kind: "emailChanged" as const };
    }
    return { ok: false as const, error: "invalidToken" as const };
  });
}

export type LoginResult =
  | { ok: true; userId: string; token: string; cookieExpiry: Date }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Checks the password; slowed per account (backoff) and per IP (window), both in PostgreSQL.
 * The answer for an unknown email and a wrong password is the same, and takes as long.
 */
export async function logIn(db: DB, input: { email: string; password: string }, meta: Omit<Meta, "origin">): Promise<LoginResult> {
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
    await recordFailureWithBackoff(db, accountKey, ACCOUNT_BACKOFF, now);
    await hitWindowLimit(db, ipKey, IP_LOGIN_LIMIT, now);
    if (user) await audit(db, { actorId: null, action: "user.login_failed", entityType: "user", entityId: user.id, ip: meta.ip });
    return { ok: false, error: "invalidCredentials" };
  }
  await clearAttempts(db, accountKey);
  if (needsRehash(user.password_hash)) {
    await db.updateTable("app_user").set({ password_hash: await hashPassword(input.password) }).where("id", "=", user.id).execute();
  }
  const session = await createSession(db, user.id, meta, now);
  await audit(db, { actorId: user.id, action: "user.login", entityType: "user", entityId: user.id, ip: meta.ip });
  return { ok: true, userId: user.id, token: session.token, cookieExpiry: cookieExpiry(now) };
}

/** Always succeeds from the caller's view, so the form never tells whether an account exists. */
export async function requestPasswordReset(db: DB, emailAddress: string, meta: Meta): Promise<void> {
  const now = meta.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, emailAddress);
    if (!user || user.disabled_at) return;
    const token = await issueToken(trx, user.id, "reset_password", RESET_TOKEN_MS, now);
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "resetPassword",
      values: { name: user.name, link: `${meta.origin}/reset-password?token=${token}` },
    });
  });
}

export async function resetPassword(db: DB, input: { token: string; password: string }, meta: Meta): Promise<boolean> {
  const now = meta.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
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
    await audit(trx, { actorId: user.id, action: "user.password_reset", entityType: "user", entityId: user.id, ip: meta.ip });
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "passwordChanged",
      values: { name: user.name, link: `${meta.origin}/forgot-password` },
    });
    return true;
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; error: "wrongPassword" };

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  db: DB,
  input: { userId: string; sessionId: string; currentPassword: string; password: string },
  meta: Meta,
): Promise<ChangePasswordResult> {
  const user = await db.selectFrom("app_user").selectAll().where("id", "=", input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) return { ok: false, error: "wrongPassword" };
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("app_user").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", user.id).execute();
    await invalidateUserSessions(trx, user.id, input.sessionId);
    await audit(trx, { actorId: user.id, action: "user.password_changed", entityType: "user", entityId: user.id, ip: meta.ip });
    await queueEmail(trx, {
      to: user.email,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "passwordChanged",
      values: { name: user.name, link: `${meta.origin}/forgot-password` },
    });
  });
  return { ok: true };
}

export type ChangeEmailResult = { ok: true } | { ok: false; error: "wrongPassword" | "emailTaken" | "sameEmail" };

/** Re-authenticates, then sends a confirmation link to the new address; the old stays until then. */
export async function requestEmailChange(
  db: DB,
  input: { userId: string; currentPassword: string; newEmail: string },
  meta: Meta,
): Promise<ChangeEmailResult> {
  const user = await db.selectFrom("app_user").selectAll().where("id", "=", input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) return { ok: false, error: "wrongPassword" };
  if (user.email.toLowerCase() === input.newEmail.toLowerCase()) return { ok: false, error: "sameEmail" };
  if (await findUserByEmail(db, input.newEmail)) return { ok: false, error: "emailTaken" };
  await db.transaction().execute(async (trx) => {
    const token = await issueToken(trx, user.id, "change_email", VERIFY_TOKEN_MS, meta.now ?? new Date(), input.newEmail.toLowerCase());
    await queueEmail(trx, {
      to: input.newEmail,
      locale: user.locale === "zh-CN" ? "zh-CN" : "en",
      template: "changeEmail",
      values: { name: user.name, link: `${meta.origin}/verify-email?token=${token}` },
    });
    await audit(trx, { actorId: user.id, action: "user.email_change_requested", entityType: "user", entityId: user.id, ip: meta.ip });
  });
  return { ok: true };
}

export async function updateProfile(db: Executor, userId: string, input: { name?: string; locale?: Locale }): Promise<void> {
  await db.updateTable("app_user").set({ ...input, updated_at: new Date() }).where("id", "=", userId).execute();
}
