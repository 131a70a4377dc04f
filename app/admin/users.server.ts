/**
 * The admin's view of accounts: search, detail, park roles, disable / enable.
 * Every change runs in one transaction with its audit entry (who, what, when).
 */
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { audit, recentActivity } from "~/audit/audit.server";
import type { ParkRole } from "~/auth/permissions";
import { invalidateUserSessions } from "~/auth/session.server";
import { cursorAt, decodeCursor, keysetPage, olderThan } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import type { UserStatus } from "./schema";

export const USER_PAGE_SIZE = 25;

/** LIKE pattern for a substring, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const userCursorAt = cursorAt("app_user.created_at");

export interface UserSearchOptions {
  q?: string;
  role?: ParkRole | "none";
  status?: UserStatus;
  cursor?: string;
  limit?: number;
}

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  disabled: boolean;
  emailVerified: boolean;
  roles: ParkRole[];
  company: { id: string; nameEn: string; nameZh: string; role: string } | null;
}

/**
 * Newest first, keyset-paged by (created_at, id): each page starts strictly after the last
 * row of the one before, never with OFFSET, so pages stay fast and rows are neither skipped
 * nor repeated when many accounts share a creation time.
 */
export async function searchUsers(
  db: Executor,
  opts: UserSearchOptions = {},
): Promise<{ items: UserListItem[]; nextCursor?: string }> {
  const limit = Math.min(Math.max(opts.limit ?? USER_PAGE_SIZE, 1), 100);
  let query = db
    .selectFrom("app_user")
    .leftJoin("company_member", "company_member.user_id", "app_user.id")
    .leftJoin("company", "company.id", "company_member.company_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.created_at",
      "app_user.disabled_at",
      "app_user.email_verified_at",
      "company.id as company_id",
      "company.name_en as company_name_en",
      "company.name_zh as company_name_zh",
      "company_member.role as company_role",
      sql<
        string[]
      >`coalesce((SELECT array_agg(ur.role ORDER BY ur.role) FROM user_role ur WHERE ur.user_id = app_user.id), '{}')`.as(
        "roles",
      ),
      userCursorAt.as("cursor_at"),
    ])
    .orderBy("app_user.created_at", "desc")
    .orderBy("app_user.id", "desc")
    .limit(limit + 1);
  const text = opts.q?.trim();
  if (text) {
    const pattern = containsPattern(text);
    query = query.where((eb) =>
      eb.or([eb("app_user.name", "ilike", pattern), eb("app_user.email", "ilike", pattern)]),
    );
  }
  if (opts.role === "none") {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("user_role")
            .select("user_role.role")
            .whereRef("user_role.user_id", "=", "app_user.id"),
        ),
      ),
    );
  } else if (opts.role) {
    const role = opts.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_role")
          .select("user_role.role")
          .whereRef("user_role.user_id", "=", "app_user.id")
          .where("user_role.role", "=", role),
      ),
    );
  }
  if (opts.status === "active") query = query.where("app_user.disabled_at", "is", null);
  if (opts.status === "disabled") query = query.where("app_user.disabled_at", "is not", null);
  if (opts.status === "unverified") query = query.where("app_user.email_verified_at", "is", null);
  const cursor = decodeCursor(opts.cursor);
  if (cursor) query = query.where(olderThan("app_user.created_at", "app_user.id", cursor));
  const { items, nextCursor } = keysetPage(await query.execute(), limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      createdAt: r.created_at,
      disabled: r.disabled_at !== null,
      emailVerified: r.email_verified_at !== null,
      roles: r.roles as ParkRole[],
      company:
        r.company_id && r.company_role
          ? {
              id: r.company_id,
              nameEn: r.company_name_en ?? "",
              nameZh: r.company_name_zh ?? "",
              role: r.company_role,
            }
          : null,
    })),
    nextCursor,
  };
}

/** How many sessions the account has (those still valid at `activeAt`, when given). */
async function sessionCount(db: Executor, userId: string, activeAt?: Date): Promise<number> {
  let q = db
    .selectFrom("session")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId);
  if (activeAt) q = q.where("expires_at", ">", activeAt);
  return (await q.executeTakeFirstOrThrow()).count;
}

export async function getUserDetail(db: Executor, userId: string, now = new Date()) {
  if (!isUuid(userId)) return undefined;
  const user = await db
    .selectFrom("app_user")
    .select([
      "id",
      "name",
      "email",
      "locale",
      "created_at",
      "updated_at",
      "disabled_at",
      "email_verified_at",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db
    .selectFrom("user_role")
    .leftJoin("app_user as granter", "granter.id", "user_role.granted_by")
    .select([
      "user_role.role",
      "user_role.granted_at",
      "granter.id as granted_by_id",
      "granter.name as granted_by_name",
    ])
    .where("user_role.user_id", "=", userId)
    .orderBy("user_role.role")
    .execute();
  const company = await db
    .selectFrom("company_member")
    .innerJoin("company", "company.id", "company_member.company_id")
    .select([
      "company.id",
      "company.name_en",
      "company.name_zh",
      "company.is_resident",
      "company_member.role",
      "company_member.joined_at",
    ])
    .where("company_member.user_id", "=", userId)
    .executeTakeFirst();
  const activeSessions = await sessionCount(db, userId, now);
  const activity = await recentActivity(db, {
    entityType: "user",
    entityId: userId,
    orActor: userId,
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    createdAt: user.created_at,
    disabledAt: user.disabled_at,
    emailVerifiedAt: user.email_verified_at,
    roles: roles.map((r) => ({
      role: r.role as ParkRole,
      grantedAt: r.granted_at,
      grantedBy: r.granted_by_id ? { id: r.granted_by_id, name: r.granted_by_name ?? "" } : null,
    })),
    company: company
      ? {
          id: company.id,
          nameEn: company.name_en,
          nameZh: company.name_zh,
          isResident: company.is_resident,
          role: company.role,
          joinedAt: company.joined_at,
        }
      : null,
    activeSessions,
    activity,
  };
}
export type UserDetail = NonNullable<Awaited<ReturnType<typeof getUserDetail>>>;

export type AdminChangeError = "notFound" | "notAdmin" | "ownAdmin" | "self" | "lastAdmin";
export type AdminChangeResult =
  { ok: true; changed: boolean } | { ok: false; error: AdminChangeError };

export interface AdminMeta {
  ip?: string | null;
}

class Refused extends Error {
  constructor(readonly reason: AdminChangeError) {
    super(reason);
  }
}

/**
 * Locks the actor's and the target's rows (in id order, so two admins acting on each other
 * cannot deadlock) and checks, under the lock, that the actor is still an enabled admin.
 * This serialises admin changes that touch the same people, which is what keeps at least
 * one enabled admin: nobody may demote or disable themself, and a demoted admin's pending
 * change is refused.
 */
async function lockForChange(trx: Executor, actorId: string, userId: string) {
  const rows = await trx
    .selectFrom("app_user")
    .select(["id", "name", "email", "disabled_at"])
    .where("id", "in", [actorId, userId])
    .orderBy("id")
    .forUpdate()
    .execute();
  const actor = rows.find((r) => r.id === actorId);
  const target = rows.find((r) => r.id === userId);
  const actorIsAdmin = await trx
    .selectFrom("user_role")
    .select("role")
    .where("user_id", "=", actorId)
    .where("role", "=", "admin")
    .executeTakeFirst();
  if (!actor || actor.disabled_at || !actorIsAdmin) throw new Refused("notAdmin");
  if (!target) throw new Refused("notFound");
  return target;
}

async function enabledAdminCount(trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom("user_role")
    .innerJoin("app_user", "app_user.id", "user_role.user_id")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_role.role", "=", "admin")
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.count;
}

async function change(
  db: DB,
  work: (trx: Executor) => Promise<boolean>,
): Promise<AdminChangeResult> {
  try {
    const changed = await db.transaction().execute(work);
    return { ok: true, changed };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.reason };
    throw error;
  }
}

/**
 * An admin's change to an account, in one transaction: both rows locked and the actor checked
 * (`lockForChange`), then `work` changes what it must and answers the audit details, or null
 * when nothing changed (then nothing is recorded). The entry names the account's email.
 */
async function adminChange(
  db: DB,
  actorId: string,
  userId: string,
  action: string,
  ip: string | null | undefined,
  work: (
    trx: Executor,
    target: { disabled_at: Date | null },
  ) => Promise<Record<string, unknown> | null>,
): Promise<AdminChangeResult> {
  if (!isUuid(userId)) return { ok: false, error: "notFound" };
  return change(db, async (trx) => {
    const target = await lockForChange(trx, actorId, userId);
    const details = await work(trx, target);
    if (!details) return false;
    await audit(trx, {
      actorId,
      action,
      entityType: "user",
      entityId: userId,
      details: { ...details, email: target.email },
      ip,
    });
    return true;
  });
}

export async function grantRole(
  db: DB,
  actorId: string,
  userId: string,
  role: ParkRole,
  meta: AdminMeta = {},
): Promise<AdminChangeResult> {
  return adminChange(db, actorId, userId, "user.role_granted", meta.ip, async (trx) => {
    const inserted = await trx
      .insertInto("user_role")
      .values({ user_id: userId, role, granted_by: actorId })
      .onConflict((oc) => oc.doNothing())
      .returning("role")
      .executeTakeFirst();
    return inserted ? { role } : null; // already held: nothing to record
  });
}

export async function revokeRole(
  db: DB,
  actorId: string,
  userId: string,
  role: ParkRole,
  meta: AdminMeta = {},
): Promise<AdminChangeResult> {
  if (role === "admin" && actorId === userId) return { ok: false, error: "ownAdmin" };
  return adminChange(db, actorId, userId, "user.role_revoked", meta.ip, async (trx) => {
    const deleted = await trx
      .deleteFrom("user_role")
      .where("user_id", "=", userId)
      .where("role", "=", role)
      .returning("role")
      .executeTakeFirst();
    if (!deleted) return null;
    if (role === "admin" && (await enabledAdminCount(trx)) < 1) throw new Refused("lastAdmin");
    return { role };
  });
}

/** Disables the account and ends every one of its sessions at once. */
export async function disableUser(
  db: DB,
  actorId: string,
  userId: string,
  opts: AdminMeta & { reason?: string } = {},
): Promise<AdminChangeResult> {
  if (actorId === userId) return { ok: false, error: "self" };
  return adminChange(db, actorId, userId, "user.disabled", opts.ip, async (trx, target) => {
    if (target.disabled_at) return null;
    const now = new Date();
    await trx
      .updateTable("app_user")
      .set({ disabled_at: now, updated_at: now })
      .where("id", "=", userId)
      .execute();
    const sessionsEnded = await sessionCount(trx, userId);
    await invalidateUserSessions(trx, userId);
    if ((await enabledAdminCount(trx)) < 1) throw new Refused("lastAdmin");
    return { sessionsEnded, ...(opts.reason ? { reason: opts.reason } : {}) };
  });
}

export async function enableUser(
  db: DB,
  actorId: string,
  userId: string,
  meta: AdminMeta = {},
): Promise<AdminChangeResult> {
  if (actorId === userId) return { ok: false, error: "self" };
  return adminChange(db, actorId, userId, "user.enabled", meta.ip, async (trx, target) => {
    if (!target.disabled_at) return null;
    await trx
      .updateTable("app_user")
      .set({ disabled_at: null, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    return {};
  });
}

/** Labels (and descriptions) of the roles in both languages, from the `role` reference table. */
export async function parkRoleLabels(
  db: Executor,
): Promise<
  Record<string, { en: string; zh: string; descriptionEn: string; descriptionZh: string }>
> {
  const rows = await db
    .selectFrom("role")
    .select(["name", "label_en", "label_zh", "description_en", "description_zh"])
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.name,
      {
        en: r.label_en,
        zh: r.label_zh,
        descriptionEn: r.description_en,
        descriptionZh: r.description_zh,
      },
    ]),
  );
}

export async function userExists(db: Executor, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  return !!(await db
    .selectFrom("app_user")
    .select("id")
    .where("id", "=", userId)
    .executeTakeFirst());
}
