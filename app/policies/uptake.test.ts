import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertCompanyMember,
  insertServiceType,
  insertStaff,
  TEST_ORIGIN,
} from "../../tests/support/factories";
import { Forbidden } from "~/lib/result";
import {
  notClaimed,
  OUTREACH_TYPE_CODE,
  openOutreach,
  policyUptake,
  uptakeCsv,
} from "./uptake.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertServiceType(t.db, { code: OUTREACH_TYPE_CODE });
});
afterAll(async () => {
  await t.close();
});

const NOW = new Date("2026-12-05T02:00:00Z");

async function policy() {
  const row = await t.db
    .insertInto("park_policy")
    .values({
      title_en: "Growth grant",
      title_zh: "成长资助",
      status: "published",
      benefit_kind: "amount",
      benefit_max_minor: 100_000_00,
      criteria: JSON.stringify([
        { kind: "industry", in: ["new-energy"] },
        { kind: "residency", of: "resident" },
        { kind: "no_open_claim" },
      ]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function company(resident: boolean) {
  const owner = await insertCompanyMember(t.db, { resident });
  await t.db
    .updateTable("company")
    .set({ industry: "new-energy" })
    .where("id", "=", owner.company!.id)
    .execute();
  return owner;
}

async function claim(policyId: string, companyId: string, status: string, awarded?: number) {
  const row = await t.db
    .insertInto("policy_claim")
    .values({
      policy_id: policyId,
      company_id: companyId,
      year: 2026,
      status,
      awarded_minor: awarded ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("policy uptake", () => {
  it("counts eligible, claimed, awarded and paid, and lists who has not claimed", async () => {
    const staff = await insertStaff(t.db);
    const id = await policy();
    const a = await company(true); // eligible, no claim
    const b = await company(true); // claimed, approved, partly paid
    const c = await company(true); // claimed, rejected
    const d = await company(false); // not eligible (not a resident)
    const bClaim = await claim(id, b.company!.id, "approved", 50_000_00);
    await claim(id, c.company!.id, "rejected");
    await t.db
      .insertInto("policy_payment")
      .values({ claim_id: bClaim, paid_on: "2026-11-30", amount_minor: 20_000_00, reference: "R1" })
      .execute();

    const u = (await policyUptake(t.db, staff, id, NOW))!;
    expect(u.year).toBe(2026);
    // b stays eligible although its own claim fails "no claim this year".
    expect(u.eligible).toBe(3);
    expect(u.claimed).toBe(2);
    expect(u.awarded).toBe(1);
    expect(u.paid).toBe(1);
    expect(u.awardedMinor).toBe(50_000_00);
    expect(u.paidMinor).toBe(20_000_00);
    expect(notClaimed(u).map((r) => r.companyId)).toEqual([a.company!.id]);
    expect(u.rows.some((r) => r.companyId === d.company!.id)).toBe(false);
    const csv = uptakeCsv(u);
    expect(csv.rows).toHaveLength(3);
    expect(csv.rows.find((r) => r[0] === b.company!.nameEn)).toEqual(
      expect.arrayContaining(["approved", 50_000, 20_000]),
    );

    await expect(policyUptake(t.db, a, id, NOW)).rejects.toBeInstanceOf(Forbidden);
    expect(await policyUptake(t.db, staff, "not-a-uuid", NOW)).toBeUndefined();
  });

  it("opens one proactive request per policy and company, assigned to the account manager", async () => {
    const staff = await insertStaff(t.db);
    const manager = await insertStaff(t.db);
    const id = await policy();
    const a = await company(true);
    const claimedCo = await company(true);
    const outsider = await company(false);
    await claim(id, claimedCo.company!.id, "submitted");
    await t.db
      .updateTable("company")
      .set({ account_manager_id: manager.id })
      .where("id", "=", a.company!.id)
      .execute();

    const first = await openOutreach(t.db, staff, id, a.company!.id, TEST_ORIGIN, NOW);
    expect(first).toMatchObject({ ok: true, created: true });
    const ref = first.ok ? first.ref : "";
    const request = await t.db
      .selectFrom("service_request")
      .select(["subject", "assignee_id", "requester_id", "company_id"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      subject: "You may be eligible for Growth grant",
      assignee_id: manager.id,
      requester_id: a.id,
      company_id: a.company!.id,
    });
    // The manager is told; the audit log has it.
    expect(
      await t.db
        .selectFrom("notification")
        .select("id")
        .where("user_id", "=", manager.id)
        .execute(),
    ).toHaveLength(1);
    expect(
      await t.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "policy.outreach")
        .where("entity_id", "=", id)
        .execute(),
    ).toHaveLength(1);

    // Twice, or at once: still one request.
    const again = await Promise.all([
      openOutreach(t.db, staff, id, a.company!.id, TEST_ORIGIN, NOW),
      openOutreach(t.db, staff, id, a.company!.id, TEST_ORIGIN, NOW),
    ]);
    for (const r of again) expect(r).toMatchObject({ ok: true, ref, created: false });
    const count = await t.db
      .selectFrom("service_request")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("company_id", "=", a.company!.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // Two first clicks at once: one request, both answered with it.
    const e = await company(true);
    const race = await Promise.all([
      openOutreach(t.db, staff, id, e.company!.id, TEST_ORIGIN, NOW),
      openOutreach(t.db, staff, id, e.company!.id, TEST_ORIGIN, NOW),
    ]);
    expect(race.map((r) => r.ok && r.created).sort()).toEqual([false, true]);
    expect(new Set(race.map((r) => r.ok && r.ref)).size).toBe(1);

    const u = (await policyUptake(t.db, staff, id, NOW))!;
    expect(u.rows.find((r) => r.companyId === a.company!.id)?.outreachRef).toBe(ref);

    expect(await openOutreach(t.db, staff, id, claimedCo.company!.id, TEST_ORIGIN, NOW)).toEqual({
      ok: false,
      error: "claimed",
    });
    expect(await openOutreach(t.db, staff, id, outsider.company!.id, TEST_ORIGIN, NOW)).toEqual({
      ok: false,
      error: "notEligible",
    });
    await expect(openOutreach(t.db, a, id, a.company!.id, TEST_ORIGIN, NOW)).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
