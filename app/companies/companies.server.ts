/**
 * Companies and their members (issue 2, section 4). Every function that reads or changes a
 * company is scoped by the acting user's own membership: another company's id behaves as if
 * it did not exist (`undefined` / "notFound"), so routes answer 404 rather than leak it.
 * Membership and ownership changes are audited in the transaction that makes them.
 */
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import type { CompanyRole } from "~/auth/permissions";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Locale } from "~/i18n/i18n";
import { queueEmail } from "~/mail/mail.server";
import type { CompanyInput, UpdateCompanyInput } from "./schema";
import { recordChanges } from "./file.server";
import { isUuid } from "~/lib/ids";
import { formatDate } from "~/lib/format";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { hitWindowLimit, type WindowPolicy } from "~/auth/throttle.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Meta {
  ip?: string | null;
  now?: Date;
  /** Absolute origin for links in emails, e.g. https://portal.example. */
  origin?: string;
}

export interface Actor {
  id: string;
  name: string;
  locale: Locale;
}

export interface CompanyRecord {
  id: string;
  nameEn: string;
  nameZh: string;
  creditCode: string | null;
  industry: string;
  website: string | null;
  size: string;
  isResident: boolean;
  residentSince: string | null;
  version: number;
  updatedAt: string;
}

/** The fields a user edits, in the order the edit form shows them. */
export const EDITABLE_FIELDS = [
  "nameEn",
  "nameZh",
  "creditCode",
  "industry",
  "website",
  "size",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e || e.code !== "23505") return null;
  return e.constraint ?? e.message ?? "";
}

const companyColumns = [
  "company.id",
  "company.name_en",
  "company.name_zh",
  "company.credit_code",
  "company.industry",
  "company.website",
  "company.size",
  "company.is_resident",
  "company.resident_since",
  "company.version",
  "company.updated_at",
] as const;

function toRecord(row: {
  id: string;
  name_en: string;
  name_zh: string;
  credit_code: string | null;
  industry: string;
  website: string | null;
  size: string;
  is_resident: boolean;
  resident_since: Date | null;
  version: number;
  updated_at: Date;
}): CompanyRecord {
  return {
    id: row.id,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    creditCode: row.credit_code,
    industry: row.industry,
    website: row.website,
    size: row.size,
    isResident: row.is_resident,
    residentSince: row.resident_since ? new Date(row.resident_since).toISOString() : null,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The company of `userId` and their role in it, or undefined. */
export async function getMembership(
  db: Executor,
  userId: string,
): Promise<{ companyId: string; role: CompanyRole } | undefined> {
  const row = await db
    .selectFrom("company_member")
    .select(["company_id", "role"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { companyId: row.company_id, role: row.role as CompanyRole } : undefined;
}

/** A company as seen by one of its members; another company's id gives undefined. */
export async function getCompanyForMember(
  db: Executor,
  userId: string,
  companyId: string,
): Promise<(CompanyRecord & { role: CompanyRole }) | undefined> {
  if (!isUuid(companyId)) return undefined;
  const row = await db
    .selectFrom("company")
    .innerJoin("company_member", "company_member.company_id", "company.id")
    .select([...companyColumns, "company_member.role"])
    .where("company.id", "=", companyId)
    .where("company_member.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toRecord(row), role: row.role as CompanyRole };
}

/** The columns a company's form sets. */
function formColumns(input: CompanyInput) {
  return {
    name_en: input.nameEn,
    name_zh: input.nameZh,
    credit_code: input.creditCode ?? null,
    industry: input.industry,
    website: input.website ?? null,
    size: input.size,
  };
}

/** Whether another company (not `exceptId`) already has this credit code. */
async function creditCodeTaken(
  trx: Executor,
  creditCode: string | null | undefined,
  exceptId?: string,
): Promise<boolean> {
  if (!creditCode) return false;
  let q = trx.selectFrom("company").select("id").where("credit_code", "=", creditCode);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return !!(await q.executeTakeFirst());
}

export type CreateCompanyResult =
  { ok: true; companyId: string } | { ok: false; error: "alreadyInCompany" | "creditCodeTaken" };

/** Creates a company; the creator becomes its owner. A user belongs to one company at most. */
export async function createCompany(
  db: DB,
  actor: { id: string },
  input: Omit<CompanyInput, "redirectTo">,
  meta: Meta = {},
): Promise<CreateCompanyResult> {
  try {
    return await inTransaction(db, async (trx) => {
      if (await getMembership(trx, actor.id))
        return { ok: false as const, error: "alreadyInCompany" as const };
      if (await creditCodeTaken(trx, input.creditCode))
        return { ok: false as const, error: "creditCodeTaken" as const };
      const company = await trx
        .insertInto("company")
        .values(formColumns(input))
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("company_member")
        .values({ company_id: company.id, user_id: actor.id, role: "owner" })
        .execute();
      await audit(trx, {
        actorId: actor.id,
        action: "company.create",
        entityType: "company",
        entityId: company.id,
        details: { nameEn: input.nameEn },
        ip: meta.ip,
      });
      return { ok: true as const, companyId: company.id };
    });
  } catch (error) {
    // Two submissions racing past the checks above meet the unique indexes instead.
    const violated = uniqueViolation(error);
    if (violated === null) throw error;
    if (violated.includes("credit_code")) return { ok: false, error: "creditCodeTaken" };
    return { ok: false, error: "alreadyInCompany" };
  }
}

export type UpdateCompanyResult =
  | { ok: true; version: number }
  | { ok: false; error: "notFound" | "forbidden" | "creditCodeTaken" }
  | { ok: false; error: "conflict"; current: CompanyRecord; changed: EditableField[] };

/**
 * Saves the company if nobody else saved it since `input.version` was read (optimistic
 * locking); otherwise answers "conflict" with the record as it is now and which of the
 * submitted fields differ from it.
 */
export async function updateCompany(
  db: DB,
  actor: { id: string },
  companyId: string,
  input: UpdateCompanyInput,
  meta: Meta = {},
): Promise<UpdateCompanyResult> {
  try {
    return await inTransaction(db, async (trx) => {
      const company = await getCompanyForMember(trx, actor.id, companyId);
      if (!company) return { ok: false as const, error: "notFound" as const };
      if (company.role !== "owner") return { ok: false as const, error: "forbidden" as const };
      if (await creditCodeTaken(trx, input.creditCode, companyId))
        return { ok: false as const, error: "creditCodeTaken" as const };
      const updated = await trx
        .updateTable("company")
        .set({
          ...formColumns(input),
          version: sql<number>`version + 1`,
          updated_at: meta.now ?? new Date(),
        })
        .where("id", "=", companyId)
        .where("version", "=", input.version)
        .returning("version")
        .executeTakeFirst();
      if (!updated) {
        const current = (await getCompanyForMember(trx, actor.id, companyId))!;
        return {
          ok: false as const,
          error: "conflict" as const,
          current: stripRole(current),
          changed: changedFields(current, input),
        };
      }
      const changed = changedFields(company, input);
      const text = (v: string | null | undefined) => v || null;
      await recordChanges(
        trx,
        companyId,
        actor.id,
        Object.fromEntries(changed.map((f) => [f, text(company[f])])),
        Object.fromEntries(changed.map((f) => [f, text(input[f])])),
        meta.now,
      );
      await audit(trx, {
        actorId: actor.id,
        action: "company.update",
        entityType: "company",
        entityId: companyId,
        details: { fields: changed },
        ip: meta.ip,
      });
      return { ok: true as const, version: updated.version };
    });
  } catch (error) {
    const violated = uniqueViolation(error);
    if (violated !== null && violated.includes("credit_code"))
      return { ok: false, error: "creditCodeTaken" };
    throw error;
  }
}

function stripRole(company: CompanyRecord & { role: CompanyRole }): CompanyRecord {
  const { role, ...record } = company;
  void role;
  return record;
}

/** The editable fields whose value in `input` differs from the record. */
export function changedFields(
  record: CompanyRecord,
  input: Partial<Record<EditableField, string | undefined | null>>,
): EditableField[] {
  return EDITABLE_FIELDS.filter((f) => (record[f] ?? "") !== (input[f] ?? ""));
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: CompanyRole;
  joinedAt: string;
}

/** The members of a company, the owner first. Call only with a company the actor belongs to. */
/** A company's members with their accounts, the owner first, then by joining date. */
export function membersQuery(db: Executor, companyId: string) {
  return db
    .selectFrom("company_member")
    .innerJoin("app_user", "app_user.id", "company_member.user_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "company_member.role",
      "company_member.joined_at",
    ])
    .where("company_member.company_id", "=", companyId)
    .orderBy(sql`company_member.role = 'owner'`, "desc")
    .orderBy("company_member.joined_at");
}

export async function listMembers(db: Executor, companyId: string): Promise<MemberRow[]> {
  const rows = await membersQuery(db, companyId).orderBy("app_user.name").execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    email: r.email,
    role: r.role as CompanyRole,
    joinedAt: new Date(r.joined_at).toISOString(),
  }));
}

export interface InvitationRow {
  id: string;
  email: string;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

/** Invitations neither accepted nor revoked (expired ones included, marked). */
export async function listPendingInvitations(
  db: Executor,
  companyId: string,
  now = new Date(),
): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom("company_invitation")
    .leftJoin("app_user", "app_user.id", "company_invitation.invited_by")
    .select([
      "company_invitation.id",
      "company_invitation.email",
      "company_invitation.created_at",
      "company_invitation.expires_at",
      "app_user.name as inviter",
    ])
    .where("company_invitation.company_id", "=", companyId)
    .where("company_invitation.accepted_at", "is", null)
    .where("company_invitation.revoked_at", "is", null)
    .orderBy("company_invitation.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    invitedBy: r.inviter,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    expired: new Date(r.expires_at).getTime() <= now.getTime(),
  }));
}

/** Checks in the transaction that the actor owns the company (scoped: else "notFound"). */
async function requireOwner(
  trx: Executor,
  actorId: string,
  companyId: string,
): Promise<"ok" | "notFound" | "forbidden"> {
  if (!isUuid(companyId)) return "notFound";
  const m = await trx
    .selectFrom("company_member")
    .select("role")
    .where("company_id", "=", companyId)
    .where("user_id", "=", actorId)
    .forUpdate()
    .executeTakeFirst();
  if (!m) return "notFound";
  return m.role === "owner" ? "ok" : "forbidden";
}

/**
 * An owner's change to their company, in one transaction: the ownership is checked under a
 * lock first, then `work` makes the change and names what to audit (`details`, and `value`
 * for the caller), or returns a failure and nothing is audited.
 */
async function ownerChange<E extends string, T extends object = object>(
  db: Executor,
  actor: { id: string },
  companyId: string,
  meta: Meta,
  action: string,
  work: (trx: Executor) => Promise<Failure<E> | { details: Record<string, unknown>; value?: T }>,
): Promise<Success<T> | Failure<E | "notFound" | "forbidden">> {
  return inTransaction(db, async (trx) => {
    const check = await requireOwner(trx, actor.id, companyId);
    if (check !== "ok") return fail(check);
    const done = await work(trx);
    if ("ok" in done) return done;
    await audit(trx, {
      actorId: actor.id,
      action,
      entityType: "company",
      entityId: companyId,
      details: done.details,
      ip: meta.ip,
    });
    return ok((done.value ?? {}) as T);
  });
}

/** Invitations send email: at most this many an hour per inviting owner. */
export const INVITE_LIMIT: WindowPolicy = { limit: 30, windowSeconds: 60 * 60 };

export type InviteResult =
  | { ok: true; invitationId: string; token: string }
  | { ok: false; error: "notFound" | "forbidden" | "alreadyMember" | "tooMany" };

/**
 * Invites `email` to the company: a random token of which only the hash is stored, valid for
 * 7 days, and the email in the same transaction (in the inviter's language: the invitee's is
 * not known). A new invitation to the same address replaces a pending one.
 */
export async function inviteMember(
  db: DB,
  actor: Actor,
  companyId: string,
  email: string,
  meta: Meta & { origin: string },
): Promise<InviteResult> {
  const now = meta.now ?? new Date();
  const address = email.trim().toLowerCase();
  if (!(await hitWindowLimit(db, `invite:user:${actor.id}`, INVITE_LIMIT))) return fail("tooMany");
  return ownerChange(db, actor, companyId, meta, "company.invite", async (trx) => {
    const member = await trx
      .selectFrom("company_member")
      .innerJoin("app_user", "app_user.id", "company_member.user_id")
      .select("app_user.id")
      .where("company_member.company_id", "=", companyId)
      .where(sql<string>`lower(app_user.email)`, "=", address)
      .executeTakeFirst();
    if (member) return fail("alreadyMember");
    await trx
      .updateTable("company_invitation")
      .set({ revoked_at: now })
      .where("company_id", "=", companyId)
      .where(sql<string>`lower(email)`, "=", address)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const row = await trx
      .insertInto("company_invitation")
      .values({
        company_id: companyId,
        email: address,
        token_hash: hashToken(token),
        invited_by: actor.id,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const company = await trx
      .selectFrom("company")
      .select(["name_en", "name_zh"])
      .where("id", "=", companyId)
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      to: address,
      locale: actor.locale,
      template: "invitation",
      values: {
        inviter: actor.name,
        company:
          actor.locale === "zh-CN"
            ? company.name_zh || company.name_en
            : company.name_en || company.name_zh,
        link: `${meta.origin}/invite/${token}`,
        expires: formatDate(expiresAt, actor.locale, "long"),
      },
    });
    return {
      details: { invitationId: row.id, email: address },
      value: { invitationId: row.id, token },
    };
  });
}

export type SimpleResult = { ok: true } | { ok: false; error: "notFound" | "forbidden" };

export async function revokeInvitation(
  db: DB,
  actor: { id: string },
  companyId: string,
  invitationId: string,
  meta: Meta = {},
): Promise<SimpleResult> {
  if (!isUuid(invitationId)) return fail("notFound");
  return ownerChange(db, actor, companyId, meta, "company.invitation_revoke", async (trx) => {
    const revoked = await trx
      .updateTable("company_invitation")
      .set({ revoked_at: meta.now ?? new Date() })
      .where("id", "=", invitationId)
      .where("company_id", "=", companyId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!revoked) return fail("notFound");
    return { details: { invitationId, email: revoked.email } };
  });
}

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

export interface InvitationView {
  id: string;
  email: string;
  companyId: string;
  companyNameEn: string;
  companyNameZh: string;
  inviterName: string | null;
  expiresAt: string;
  state: InvitationState;
}

/** The invitation a link's token stands for, or undefined for an unknown token. */
export async function getInvitationByToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<InvitationView | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db
    .selectFrom("company_invitation")
    .innerJoin("company", "company.id", "company_invitation.company_id")
    .leftJoin("app_user", "app_user.id", "company_invitation.invited_by")
    .select([
      "company_invitation.id",
      "company_invitation.email",
      "company_invitation.company_id",
      "company_invitation.expires_at",
      "company_invitation.accepted_at",
      "company_invitation.revoked_at",
      "company.name_en",
      "company.name_zh",
      "app_user.name as inviter",
    ])
    .where("company_invitation.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const state: InvitationState = row.accepted_at
    ? "accepted"
    : row.revoked_at
      ? "revoked"
      : new Date(row.expires_at).getTime() <= now.getTime()
        ? "expired"
        : "pending";
  return {
    id: row.id,
    email: row.email,
    companyId: row.company_id,
    companyNameEn: row.name_en,
    companyNameZh: row.name_zh,
    inviterName: row.inviter,
    expiresAt: new Date(row.expires_at).toISOString(),
    state,
  };
}

export type AcceptResult =
  | { ok: true; companyId: string }
  | {
      ok: false;
      error: "invalid" | "revoked" | "used" | "expired" | "emailMismatch" | "alreadyInCompany";
    };

/**
 * Accepts an invitation for the signed-in user: their email must be the invited one (case
 * aside), they must not belong to a company yet; the link works once and until it expires.
 */
export async function acceptInvitation(
  db: DB,
  user: { id: string; email: string },
  token: string,
  meta: Meta = {},
): Promise<AcceptResult> {
  const now = meta.now ?? new Date();
  if (!token || token.length > 100) return { ok: false, error: "invalid" };
  try {
    return await inTransaction(db, async (trx) => {
      const invitation = await trx
        .selectFrom("company_invitation")
        .selectAll()
        .where("token_hash", "=", hashToken(token))
        .forUpdate()
        .executeTakeFirst();
      if (!invitation) return { ok: false as const, error: "invalid" as const };
      if (invitation.accepted_at) return { ok: false as const, error: "used" as const };
      if (invitation.revoked_at) return { ok: false as const, error: "revoked" as const };
      if (new Date(invitation.expires_at).getTime() <= now.getTime())
        return { ok: false as const, error: "expired" as const };
      if (invitation.email.toLowerCase() !== user.email.toLowerCase())
        return { ok: false as const, error: "emailMismatch" as const };
      if (await getMembership(trx, user.id))
        return { ok: false as const, error: "alreadyInCompany" as const };
      await trx
        .updateTable("company_invitation")
        .set({ accepted_at: now, accepted_by: user.id })
        .where("id", "=", invitation.id)
        .execute();
      await trx
        .insertInto("company_member")
        .values({
          company_id: invitation.company_id,
          user_id: user.id,
          // Member, or owner for a company landed from a project (ADR 0029).
          role: invitation.role === "owner" ? "owner" : "member",
          joined_at: now,
        })
        .execute();
      await audit(trx, {
        actorId: user.id,
        action: "company.member_join",
        entityType: "company",
        entityId: invitation.company_id,
        details: { invitationId: invitation.id, userId: user.id },
        ip: meta.ip,
      });
      return { ok: true as const, companyId: invitation.company_id };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return { ok: false, error: "alreadyInCompany" };
    throw error;
  }
}

export type MemberChangeResult =
  { ok: true } | { ok: false; error: "notFound" | "forbidden" | "self" | "notMember" };

/** The owner removes a member (never themselves: they transfer ownership first). */
export async function removeMember(
  db: DB,
  actor: { id: string },
  companyId: string,
  userId: string,
  meta: Meta = {},
): Promise<MemberChangeResult> {
  if (!isUuid(userId)) return fail("notMember");
  return ownerChange(db, actor, companyId, meta, "company.member_remove", async (trx) => {
    if (userId === actor.id) return fail("self");
    const removed = await trx
      .deleteFrom("company_member")
      .where("company_id", "=", companyId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .executeTakeFirst();
    if (!removed) return fail("notMember");
    return { details: { userId } };
  });
}

/**
 * The owner hands the company to one of its members: both roles change in one transaction
 * (the old owner first, so the one-owner index never sees two).
 */
export async function transferOwnership(
  db: DB,
  actor: { id: string },
  companyId: string,
  newOwnerId: string,
  meta: Meta = {},
): Promise<MemberChangeResult> {
  if (!isUuid(newOwnerId)) return fail("notMember");
  return ownerChange(db, actor, companyId, meta, "company.ownership_transfer", async (trx) => {
    if (newOwnerId === actor.id) return fail("self");
    const target = await trx
      .selectFrom("company_member")
      .select("role")
      .where("company_id", "=", companyId)
      .where("user_id", "=", newOwnerId)
      .forUpdate()
      .executeTakeFirst();
    if (!target) return fail("notMember");
    for (const [userId, role] of [
      [actor.id, "member"],
      [newOwnerId, "owner"],
    ] as const)
      await trx
        .updateTable("company_member")
        .set({ role })
        .where("company_id", "=", companyId)
        .where("user_id", "=", userId)
        .execute();
    return { details: { from: actor.id, to: newOwnerId } };
  });
}

export type LeaveResult = { ok: true } | { ok: false; error: "notFound" | "owner" };

/** A member leaves their company; the owner must hand ownership over first. */
export async function leaveCompany(
  db: DB,
  actor: { id: string },
  companyId: string,
  meta: Meta = {},
): Promise<LeaveResult> {
  if (!isUuid(companyId)) return { ok: false, error: "notFound" };
  return inTransaction(db, async (trx) => {
    const m = await trx
      .selectFrom("company_member")
      .select("role")
      .where("company_id", "=", companyId)
      .where("user_id", "=", actor.id)
      .forUpdate()
      .executeTakeFirst();
    if (!m) return { ok: false as const, error: "notFound" as const };
    if (m.role === "owner") return { ok: false as const, error: "owner" as const };
    await trx
      .deleteFrom("company_member")
      .where("company_id", "=", companyId)
      .where("user_id", "=", actor.id)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "company.member_leave",
      entityType: "company",
      entityId: companyId,
      details: { userId: actor.id },
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}
