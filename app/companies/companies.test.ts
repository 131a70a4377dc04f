import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser, type TestUser } from "../../tests/support/factories";
import { can } from "~/auth/permissions";
import { hashToken } from "~/auth/tokens.server";
import {
  INVITATION_TTL_MS,
  INVITE_LIMIT,
  acceptInvitation,
  createCompany,
  getCompanyForMember,
  getInvitationByToken,
  getMembership,
  inviteMember,
  leaveCompany,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
  transferOwnership,
  updateCompany,
} from "./companies.server";
import { withCheckChar } from "./credit-code";

const ORIGIN = "http://portal.test";
let t: TestDatabase;
let counter = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const newUser = (prefix = "person") => insertUser(t.db, { name: `${prefix} ${++counter}` });

function code(n: number): string {
  return withCheckChar(`9131011${String(n).padStart(10, "0")}`);
}

const base = {
  nameEn: "Acme Optics",
  nameZh: "艾克光学",
  industry: "new-materials" as const,
  size: "10-49" as const,
};

async function newCompany(owner?: TestUser) {
  const o = owner ?? (await newUser("owner"));
  const result = await createCompany(t.db, o, { ...base, creditCode: code(++counter) });
  if (!result.ok) throw new Error(result.error);
  return { owner: o, companyId: result.companyId };
}

async function addMember(companyId: string, owner: TestUser) {
  const m = await newUser("member");
  const invite = await inviteMember(t.db, owner, companyId, m.email, { origin: ORIGIN });
  if (!invite.ok) throw new Error(invite.error);
  const accepted = await acceptInvitation(t.db, m, invite.token);
  if (!accepted.ok) throw new Error(accepted.error);
  return m;
}

async function auditActions(companyId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity_type", "=", "company")
    .where("entity_id", "=", companyId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("creating a company", () => {
  it("makes the creator its owner and audits it", async () => {
    const { owner, companyId } = await newCompany();
    expect(await getMembership(t.db, owner.id)).toEqual({ companyId, role: "owner" });
    const company = await getCompanyForMember(t.db, owner.id, companyId);
    expect(company).toMatchObject({ nameEn: "Acme Optics", role: "owner", version: 1 });
    expect(await auditActions(companyId)).toEqual(["company.create"]);
  });

  it("allows one company per user", async () => {
    const { owner } = await newCompany();
    expect(await createCompany(t.db, owner, { ...base, creditCode: code(++counter) })).toEqual({
      ok: false,
      error: "alreadyInCompany",
    });
    // Even when two submissions race.
    const u = await newUser();
    const results = await Promise.all([
      createCompany(t.db, u, { ...base }),
      createCompany(t.db, u, { ...base }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "alreadyInCompany" }]);
  });

  it("refuses a credit code another company has", async () => {
    const taken = code(++counter);
    const a = await newUser();
    const b = await newUser();
    expect((await createCompany(t.db, a, { ...base, creditCode: taken })).ok).toBe(true);
    expect(await createCompany(t.db, b, { ...base, creditCode: taken })).toEqual({
      ok: false,
      error: "creditCodeTaken",
    });
    expect(await getMembership(t.db, b.id)).toBeUndefined();
  });
});

describe("updating a company (optimistic locking)", () => {
  it("of two saves from the same version exactly one wins; the other gets the current record", async () => {
    const { owner, companyId } = await newCompany();
    const first = { ...base, nameEn: "First Name Ltd.", version: 1 };
    const second = {
      ...base,
      nameEn: "Second Name Ltd.",
      website: "https://second.example",
      version: 1,
    };
    const results = await Promise.all([
      updateCompany(t.db, owner, companyId, first),
      updateCompany(t.db, owner, companyId, second),
    ]);
    const wins = results.filter((r) => r.ok);
    const conflicts = results.filter((r) => !r.ok);
    expect(wins).toEqual([{ ok: true, version: 2 }]);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    if (conflict.ok || conflict.error !== "conflict") throw new Error("expected a conflict");
    const saved = await getCompanyForMember(t.db, owner.id, companyId);
    expect(conflict.current.version).toBe(2);
    expect(conflict.current.nameEn).toBe(saved!.nameEn);
    expect(conflict.changed).toContain("nameEn");
    // Sequentially: a stale version is refused, the current one accepted.
    const stale = await updateCompany(t.db, owner, companyId, { ...first, version: 1 });
    expect(stale.ok).toBe(false);
    expect(await updateCompany(t.db, owner, companyId, { ...first, version: 2 })).toEqual({
      ok: true,
      version: 3,
    });
    expect(await auditActions(companyId)).toEqual([
      "company.create",
      "company.update",
      "company.update",
    ]);
  });

  it("lets only the owner save", async () => {
    const { owner, companyId } = await newCompany();
    const member = await addMember(companyId, owner);
    expect(await updateCompany(t.db, member, companyId, { ...base, version: 1 })).toEqual({
      ok: false,
      error: "forbidden",
    });
  });
});

describe("scoping (IDOR)", () => {
  it("a member of company B can neither read nor change company A", async () => {
    const a = await newCompany();
    const b = await newCompany();
    const memberB = await addMember(b.companyId, b.owner);
    expect(await getCompanyForMember(t.db, memberB.id, a.companyId)).toBeUndefined();
    expect(await getCompanyForMember(t.db, b.owner.id, a.companyId)).toBeUndefined();
    expect(await getCompanyForMember(t.db, b.owner.id, "not-a-uuid")).toBeUndefined();
    expect(
      await updateCompany(t.db, b.owner, a.companyId, { ...base, nameEn: "Hijacked", version: 1 }),
    ).toEqual({ ok: false, error: "notFound" });
    expect(
      await inviteMember(t.db, b.owner, a.companyId, "x@example.com", { origin: ORIGIN }),
    ).toEqual({ ok: false, error: "notFound" });
    expect(await removeMember(t.db, b.owner, a.companyId, a.owner.id)).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await transferOwnership(t.db, b.owner, a.companyId, b.owner.id)).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await leaveCompany(t.db, memberB, a.companyId)).toEqual({
      ok: false,
      error: "notFound",
    });
    // Company B's owner cannot take company A's member either.
    const memberA = await addMember(a.companyId, a.owner);
    expect(await removeMember(t.db, b.owner, b.companyId, memberA.id)).toEqual({
      ok: false,
      error: "notMember",
    });
    expect((await getCompanyForMember(t.db, a.owner.id, a.companyId))!.nameEn).toBe("Acme Optics");
  });
});

describe("invitations", () => {
  it("stores only the token's hash, emails the link and expires in 7 days", async () => {
    const { owner, companyId } = await newCompany();
    const now = new Date("2026-05-01T08:00:00Z");
    const result = await inviteMember(t.db, owner, companyId, "New.Person@Example.com", {
      origin: ORIGIN,
      now,
    });
    if (!result.ok) throw new Error(result.error);
    const row = await t.db
      .selectFrom("company_invitation")
      .selectAll()
      .where("id", "=", result.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(result.token));
    expect(row.token_hash).not.toContain(result.token);
    expect(row.email).toBe("new.person@example.com");
    expect(new Date(row.expires_at).getTime() - now.getTime()).toBe(INVITATION_TTL_MS);
    const email = await t.db
      .selectFrom("email")
      .selectAll()
      .where("to_address", "=", "new.person@example.com")
      .executeTakeFirstOrThrow();
    expect(email.template).toBe("invitation");
    expect(email.locale).toBe("en");
    expect(email.text_body).toContain(`${ORIGIN}/invite/${result.token}`);
    // The park's own words only: the inviter's typed name never reaches the stranger (ADR 0024).
    expect(email.text_body).not.toContain(owner.name);
    expect(await auditActions(companyId)).toContain("company.invite");
  });

  it("works once, for the invited address only, and not for someone already in a company", async () => {
    const { owner, companyId } = await newCompany();
    const invitee = await newUser("invitee");
    const stranger = await newUser("stranger");
    const result = await inviteMember(t.db, owner, companyId, invitee.email.toUpperCase(), {
      origin: ORIGIN,
    });
    if (!result.ok) throw new Error(result.error);
    expect(await acceptInvitation(t.db, stranger, result.token)).toEqual({
      ok: false,
      error: "emailMismatch",
    });
    expect(await acceptInvitation(t.db, invitee, "wrong-token")).toEqual({
      ok: false,
      error: "invalid",
    });
    // Case does not matter.
    expect(
      await acceptInvitation(
        t.db,
        { id: invitee.id, email: invitee.email.toUpperCase() },
        result.token,
      ),
    ).toEqual({ ok: true, companyId });
    expect(await getMembership(t.db, invitee.id)).toEqual({ companyId, role: "member" });
    expect(await acceptInvitation(t.db, invitee, result.token)).toEqual({
      ok: false,
      error: "used",
    });
    expect((await getInvitationByToken(t.db, result.token))?.state).toBe("accepted");
    expect(await auditActions(companyId)).toContain("company.member_join");

    // Someone who belongs to another company cannot accept.
    const other = await newCompany();
    const again = await inviteMember(t.db, owner, companyId, other.owner.email, { origin: ORIGIN });
    if (!again.ok) throw new Error(again.error);
    expect(await acceptInvitation(t.db, other.owner, again.token)).toEqual({
      ok: false,
      error: "alreadyInCompany",
    });
  });

  it("expires after 7 days with a clear error", async () => {
    const { owner, companyId } = await newCompany();
    const invitee = await newUser("late");
    const now = new Date("2026-05-01T08:00:00Z");
    const result = await inviteMember(t.db, owner, companyId, invitee.email, {
      origin: ORIGIN,
      now,
    });
    if (!result.ok) throw new Error(result.error);
    const later = new Date(now.getTime() + INVITATION_TTL_MS + 1000);
    expect((await getInvitationByToken(t.db, result.token, later))?.state).toBe("expired");
    expect(await acceptInvitation(t.db, invitee, result.token, { now: later })).toEqual({
      ok: false,
      error: "expired",
    });
    expect(await getMembership(t.db, invitee.id)).toBeUndefined();
  });

  it("refuses to invite a member; a new invitation replaces the pending one; revoked links stop working", async () => {
    const { owner, companyId } = await newCompany();
    const member = await addMember(companyId, owner);
    expect(
      await inviteMember(t.db, owner, companyId, member.email.toUpperCase(), { origin: ORIGIN }),
    ).toEqual({ ok: false, error: "alreadyMember" });
    const invitee = await newUser("twice");
    const first = await inviteMember(t.db, owner, companyId, invitee.email, { origin: ORIGIN });
    const second = await inviteMember(t.db, owner, companyId, invitee.email, { origin: ORIGIN });
    if (!first.ok || !second.ok) throw new Error("invite failed");
    const pending = await listPendingInvitations(t.db, companyId);
    expect(pending.map((p) => p.id)).toEqual([second.invitationId]);
    expect(await acceptInvitation(t.db, invitee, first.token)).toEqual({
      ok: false,
      error: "revoked",
    });
    expect(await revokeInvitation(t.db, owner, companyId, second.invitationId)).toEqual({
      ok: true,
    });
    expect(await acceptInvitation(t.db, invitee, second.token)).toEqual({
      ok: false,
      error: "revoked",
    });
    expect(await listPendingInvitations(t.db, companyId)).toEqual([]);
    expect(await auditActions(companyId)).toContain("company.invitation_revoke");
  });

  it("an owner sends at most INVITE_LIMIT invitations an hour (each one is an email)", async () => {
    const { owner, companyId } = await newCompany();
    for (let i = 0; i < INVITE_LIMIT.limit; i++)
      expect(
        (await inviteMember(t.db, owner, companyId, `limit-${i}@example.com`, { origin: ORIGIN }))
          .ok,
      ).toBe(true);
    expect(
      await inviteMember(t.db, owner, companyId, "one-more@example.com", { origin: ORIGIN }),
    ).toEqual({ ok: false, error: "tooMany" });
  });

  it("a member cannot invite: no permission, and the domain function refuses too", async () => {
    const { owner, companyId } = await newCompany();
    const member = await addMember(companyId, owner);
    expect(can({ roles: [], company: { role: "member" } }, "manage:company_member:own")).toBe(
      false,
    );
    expect(can({ roles: [], company: { role: "owner" } }, "manage:company_member:own")).toBe(true);
    expect(
      await inviteMember(t.db, member, companyId, "friend@example.com", { origin: ORIGIN }),
    ).toEqual({ ok: false, error: "forbidden" });
    expect(await removeMember(t.db, member, companyId, owner.id)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await transferOwnership(t.db, member, companyId, member.id)).toEqual({
      ok: false,
      error: "forbidden",
    });
  });
});

describe("members and ownership", () => {
  it("transfer swaps the roles and leaves exactly one owner", async () => {
    const { owner, companyId } = await newCompany();
    const member = await addMember(companyId, owner);
    const outsider = await newUser();
    expect(await transferOwnership(t.db, owner, companyId, outsider.id)).toEqual({
      ok: false,
      error: "notMember",
    });
    expect(await transferOwnership(t.db, owner, companyId, owner.id)).toEqual({
      ok: false,
      error: "self",
    });
    expect(await transferOwnership(t.db, owner, companyId, member.id)).toEqual({ ok: true });
    const members = await listMembers(t.db, companyId);
    expect(members.filter((m) => m.role === "owner").map((m) => m.userId)).toEqual([member.id]);
    expect(members.find((m) => m.userId === owner.id)?.role).toBe("member");
    // The old owner has lost the owner's powers.
    expect(await transferOwnership(t.db, owner, companyId, owner.id)).toEqual({
      ok: false,
      error: "forbidden",
    });
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "details"])
      .where("entity_id", "=", companyId)
      .where("action", "=", "company.ownership_transfer")
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(owner.id);
  });

  it("the owner removes members but not themselves; members may leave, the owner may not", async () => {
    const { owner, companyId } = await newCompany();
    const m1 = await addMember(companyId, owner);
    const m2 = await addMember(companyId, owner);
    expect(await removeMember(t.db, owner, companyId, owner.id)).toEqual({
      ok: false,
      error: "self",
    });
    expect(await removeMember(t.db, owner, companyId, m1.id)).toEqual({ ok: true });
    expect(await getMembership(t.db, m1.id)).toBeUndefined();
    expect(await leaveCompany(t.db, owner, companyId)).toEqual({ ok: false, error: "owner" });
    expect(await leaveCompany(t.db, m2, companyId)).toEqual({ ok: true });
    expect((await listMembers(t.db, companyId)).map((m) => m.userId)).toEqual([owner.id]);
    const actions = await auditActions(companyId);
    expect(actions).toContain("company.member_remove");
    expect(actions).toContain("company.member_leave");
  });
});
