import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompany,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import { awardCandidates, claimPayee, confirmPayee, grantAwards } from "./awards.server";
import { actOnClaim } from "./claims.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const NOW = new Date("2026-12-05T02:00:00Z");

async function autoPolicy(over: Record<string, unknown> = {}) {
  const row = await t.db
    .insertInto("park_policy")
    .values({
      title_en: "Talent award",
      title_zh: "人才奖励",
      status: "published",
      benefit_kind: "amount",
      benefit_max_minor: 20_000_00,
      auto_award: true,
      criteria: JSON.stringify([{ kind: "residency", of: "resident" }]),
      ...over,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function company(resident = true, locale: "en" | "zh-CN" = "en") {
  const user = await insertUser(t.db, { locale });
  const member = await insertUser(t.db);
  const c = await insertCompany(t.db, { resident });
  await addMembership(t.db, c.id, user.id, "owner");
  await addMembership(t.db, c.id, member.id, "member");
  return {
    owner: sessionUserOf(user, { company: c, role: "owner" }),
    member: sessionUserOf(member, { company: c, role: "member" }),
    company: c,
  };
}

async function admin() {
  return sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
}

const PAYEE = {
  accountName: "Acme Ltd",
  bankName: "ICBC Minhang",
  accountNumber: "6222 0210 0112",
};

describe("awards without applying", () => {
  it("lists matched companies without an award, grants the chosen ones once, tells them", async () => {
    const pid = await autoPolicy();
    const a = await company(true, "zh-CN");
    const b = await company(true);
    const outsider = await company(false);
    const staff = await admin();
    const before = await awardCandidates(t.db, staff, pid, NOW);
    const ids = before!.candidates.map((c) => c.companyId);
    expect(ids).toContain(a.company.id);
    expect(ids).toContain(b.company.id);
    expect(ids).not.toContain(outsider.company.id);

    // Only the chosen company is granted; one not matching is skipped, never granted.
    const first = await grantAwards(t.db, staff, pid, {
      companyIds: [a.company.id, outsider.company.id],
      now: NOW,
    });
    expect(first).toMatchObject({ ok: true, granted: 1, skipped: 1 });
    const claim = await t.db
      .selectFrom("policy_claim")
      .selectAll()
      .where("policy_id", "=", pid)
      .where("company_id", "=", a.company.id)
      .executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ status: "approved", automatic: true, awarded_minor: 20_000_00 });

    // Members are notified; the owner is emailed in their language with the payee link.
    const notes = await t.db
      .selectFrom("notification")
      .select(["user_id", "kind", "link"])
      .where("user_id", "in", [a.owner.id, a.member.id])
      .execute();
    expect(notes).toHaveLength(2);
    expect(notes.every((n) => n.kind === "policy_award")).toBe(true);
    expect(notes[0]!.link).toBe(`/company/claims/${claim.id}/payee`);
    const mails = await t.db
      .selectFrom("email")
      .select(["to_address", "locale", "subject", "text_body"])
      .where("template", "=", "policyAward")
      .where("to_address", "in", [a.owner.email, a.member.email])
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: a.owner.email, locale: "zh-CN" });
    expect(mails[0]!.subject).toContain("免申即享");
    expect(mails[0]!.text_body).toContain("人才奖励");
    expect(mails[0]!.text_body).toContain(`/company/claims/${claim.id}/payee`);

    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where((eb) => eb.or([eb("entity_id", "=", pid), eb("entity_id", "=", claim.id)]))
      .execute();
    expect(audits.map((x) => x.action).sort()).toEqual(["policy.awards", "policy_claim.awarded"]);

    // The list no longer offers company A; granting again, or twice at once, adds nothing.
    const after = await awardCandidates(t.db, staff, pid, NOW);
    expect(after!.candidates.map((c) => c.companyId)).not.toContain(a.company.id);
    expect(after!.holding).toBe(1);
    const twice = await Promise.all([
      grantAwards(t.db, staff, pid, { companyIds: [a.company.id, b.company.id], now: NOW }),
      grantAwards(t.db, staff, pid, { companyIds: [a.company.id, b.company.id], now: NOW }),
    ]);
    expect(twice.map((r) => (r.ok ? r.granted : -1)).sort()).toEqual([0, 1]);
    const live = await t.db
      .selectFrom("policy_claim")
      .select("company_id")
      .where("policy_id", "=", pid)
      .execute();
    expect(live).toHaveLength(2);
  });

  it("refuses a policy not marked for it, and anyone but the policy office", async () => {
    const staff = await admin();
    const a = await company();
    const manual = await autoPolicy({ auto_award: false });
    expect(
      await grantAwards(t.db, staff, manual, { companyIds: [a.company.id], now: NOW }),
    ).toMatchObject({ error: "notAuto" });
    await expect(
      grantAwards(t.db, a.owner, await autoPolicy(), { companyIds: [a.company.id] }),
    ).rejects.toThrow();
    await expect(awardCandidates(t.db, a.owner, manual)).rejects.toThrow();
  });

  it("the company's owner confirms the payee; an award is paid only after that", async () => {
    const pid = await autoPolicy();
    const a = await company();
    const b = await company();
    const staff = await admin();
    await grantAwards(t.db, staff, pid, { companyIds: [a.company.id], now: NOW });
    const claim = await t.db
      .selectFrom("policy_claim")
      .select(["id", "version"])
      .where("policy_id", "=", pid)
      .executeTakeFirstOrThrow();
    const pay = {
      kind: "pay",
      paidOn: "2026-12-05",
      amountYuan: 20_000,
      reference: "B-1",
    } as const;
    expect(await actOnClaim(t.db, staff, claim.id, claim.version, pay)).toMatchObject({
      error: "payee",
    });

    // A member may not confirm; another company cannot see the claim; a stale version conflicts.
    await expect(confirmPayee(t.db, a.member, claim.id, claim.version, PAYEE)).rejects.toThrow();
    expect(await confirmPayee(t.db, b.owner, claim.id, claim.version, PAYEE)).toMatchObject({
      error: "notFound",
    });
    expect(await confirmPayee(t.db, a.owner, claim.id, claim.version + 5, PAYEE)).toMatchObject({
      error: "conflict",
    });
    expect(await confirmPayee(t.db, a.owner, claim.id, claim.version, PAYEE)).toMatchObject({
      ok: true,
    });
    // Corrected before payment: the one row is replaced.
    const fixed = { ...PAYEE, bankName: "ICBC Xuhui" };
    expect(await confirmPayee(t.db, a.owner, claim.id, claim.version + 1, fixed)).toMatchObject({
      ok: true,
    });
    expect(await claimPayee(t.db, claim.id)).toMatchObject({
      account_name: "Acme Ltd",
      bank_name: "ICBC Xuhui",
      account_number: "622202100112",
    });
    const events = await t.db
      .selectFrom("policy_claim_event")
      .select("kind")
      .where("claim_id", "=", claim.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["awarded", "payee_confirmed", "payee_confirmed"]);

    expect(await actOnClaim(t.db, staff, claim.id, claim.version + 2, pay)).toMatchObject({
      ok: true,
      status: "paid",
    });
    // Once paid, the payee is no longer changed.
    expect(await confirmPayee(t.db, a.owner, claim.id, claim.version + 3, PAYEE)).toMatchObject({
      error: "state",
    });
  });
});
