/**
 * Sessions in the Lucia design (ADR 0003): a random token in an HttpOnly cookie, only its
 * SHA-256 in the `session` table, 10 days idle expiry extended on use, 30 days absolute.
 */
import type { Executor } from "#db/executor";
import { readSessionCookie } from "~/lib/cookies.server";
import type { CompanyRole, ParkRole } from "./permissions";
import { generateToken, hashToken } from "./tokens.server";

export const IDLE_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Extend at most once an hour, so a busy session does not write on every request. */
const EXTEND_AFTER_MS = 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: "en" | "zh-CN";
  emailVerified: boolean;
  roles: ParkRole[];
  company: {
    id: string;
    role: CompanyRole;
    nameEn: string;
    nameZh: string;
    isResident: boolean;
  } | null;
}

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
}

export async function createSession(
  db: Executor,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + IDLE_TIMEOUT_MS);
  await db
    .insertInto("session")
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function validateSessionToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .leftJoin("company_member", "company_member.user_id", "app_user.id")
    .leftJoin("company", "company.id", "company_member.company_id")
    .select([
      "session.created_at",
      "session.expires_at",
      "app_user.id as user_id",
      "app_user.email",
      "app_user.name",
      "app_user.locale",
      "app_user.email_verified_at",
      "app_user.disabled_at",
      "company_member.role as company_role",
      "company.id as company_id",
      "company.name_en",
      "company.name_zh",
      "company.is_resident",
    ])
    .where("session.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const absoluteEnd = row.created_at.getTime() + ABSOLUTE_LIFETIME_MS;
  if (
    now.getTime() >= row.expires_at.getTime() ||
    now.getTime() >= absoluteEnd ||
    row.disabled_at
  ) {
    await db.deleteFrom("session").where("id", "=", sessionId).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (now.getTime() + IDLE_TIMEOUT_MS - expiresAt.getTime() >= EXTEND_AFTER_MS) {
    expiresAt = new Date(Math.min(now.getTime() + IDLE_TIMEOUT_MS, absoluteEnd));
    await db
      .updateTable("session")
      .set({ expires_at: expiresAt })
      .where("id", "=", sessionId)
      .execute();
  }
  const roles = await db
    .selectFrom("user_role")
    .select("role")
    .where("user_id", "=", row.user_id)
    .execute();
  return {
    sessionId,
    expiresAt,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      locale: row.locale === "zh-CN" ? "zh-CN" : "en",
      emailVerified: row.email_verified_at !== null,
      roles: roles.map((r) => r.role as ParkRole),
      company:
        row.company_id && row.company_role
          ? {
              id: row.company_id,
              role: row.company_role as CompanyRole,
              nameEn: row.name_en ?? "",
              nameZh: row.name_zh ?? "",
              isResident: row.is_resident ?? false,
            }
          : null,
    },
  };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally keeping one (the one that changed the password). */
export async function invalidateUserSessions(
  db: Executor,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptSessionId) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}

/** The session token this request carries, when it has the token's form. */
export function readSessionToken(request: Request): string | null {
  const value = readSessionCookie(request.headers.get("Cookie"));
  return value !== null && /^[a-z2-7]{32}$/.test(value) ? value : null;
}
