import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompany,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import {
  actOnClaim,
  claimHistory,
  getCompanyClaim,
  listCompanyClaims,
  resubmitClaim,
  submitClaim,
} from "./claims.server";
import { grantAwards } from "./awards.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const NOW = new Date("2026-12-05T02:00:00Z");

async function policy(over: Record<string, unknown> = {}) {
  const row = await t.db
    .insertInto("park_policy")
    .values({
      title_en: "Grant",
      title_zh: "资助",
      status: "published",
      benefit_kind: "amount",
      benefit_max_minor: 100_000_00,
      criteria: JSON.stringify([{ kind: "residency", of: "resident" }, { kind: "no_open_claim" }]),
      documents: JSON.stringify([{ key: "d1", en: "Licence", zh: "执照" }]),
      stages: JSON.stringify(["check", "approve"]),
      ...over,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function owner(resident = true) {
  const user = await insertUser(t.db);
  const company = await insertCompany(t.db, { resident });
  await addMembership(t.db, company.id, user.id, "owner");
  return sessionUserOf(user, { company, role: "owner" });
}

async function file(userId: string) {
  const row = await t.db
    .insertInto("stored_file")
    .values({
      uploaded_by: userId,
      filename: "licence.pdf",
      content_type: "application/pdf",
      size_bytes: 4,
      sha256: "0".repeat(64),
      bytes: Buffer.from("%PDF"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("claims", () => {
  it("claim, more information, resubmit, stages, approve, two payments: every step told and kept", async () => {
    const pid = await policy();
    const a = await owner();
    const staff = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    expect(await submitClaim(t.db, a, pid, { statement: "", documents: [] }, NOW)).toMatchObject({
      ok: false,
      error: "documents",
    });
    const made = await submitClaim(
      t.db,
      a,
      pid,
      { statement: "Please", documents: [{ docKey: "d1", fileId: await file(a.id) }] },
      NOW,
    );
    if (!made.ok) throw new Error(made.error);
    // A second claim this year is refused.
    expect(
      await submitClaim(
        t.db,
        a,
        pid,
        { statement: "", documents: [{ docKey: "d1", fileId: await file(a.id) }] },
        NOW,
      ),
    ).toMatchObject({ ok: false, error: "duplicate" });

    expect(
      await actOnClaim(t.db, staff, made.id, 1, { kind: "approve", amountYuan: 10 }),
    ).toMatchObject({ error: "state" });
    expect(
      await actOnClaim(t.db, staff, made.id, 1, {
        kind: "request_info",
        note: "Stamp the licence",
      }),
    ).toMatchObject({ ok: true });
    expect(await actOnClaim(t.db, staff, made.id, 1, { kind: "advance" })).toMatchObject({
      error: "conflict",
    });
    expect(
      await resubmitClaim(t.db, a, made.id, 2, { statement: "Stamped", documents: [] }),
    ).toMatchObject({ ok: true });
    expect(await actOnClaim(t.db, staff, made.id, 3, { kind: "advance" })).toMatchObject({
      ok: true,
    });
    expect(
      await actOnClaim(t.db, staff, made.id, 4, { kind: "approve", amountYuan: 200_000 }),
    ).toMatchObject({ error: "amount" });
    expect(
      await actOnClaim(t.db, staff, made.id, 4, { kind: "approve", amountYuan: 80_000 }),
    ).toMatchObject({ ok: true, status: "approved" });
    expect(
      await actOnClaim(t.db, staff, made.id, 5, {
        kind: "pay",
        paidOn: "2026-12-10",
        amountYuan: 50_000,
        reference: "PAY-1",
      }),
    ).toMatchObject({ ok: true, status: "approved" });
    expect(
      await actOnClaim(t.db, staff, made.id, 6, {
        kind: "pay",
        paidOn: "2026-12-20",
        amountYuan: 40_000,
        reference: "PAY-2",
      }),
    ).toMatchObject({ error: "amount" });
    expect(
      await actOnClaim(t.db, staff, made.id, 6, {
        kind: "pay",
        paidOn: "2026-12-20",
        amountYuan: 30_000,
        reference: "PAY-2",
      }),
    ).toMatchObject({ ok: true, status: "paid" });

    const h = await claimHistory(t.db, made.id);
    expect(h.events.map((e) => e.kind)).toEqual([
      "submitted",
      "request_info",
      "resubmitted",
      "advance",
      "approve",
      "pay",
      "pay",
    ]);
    expect(h.payments.map((p) => p.amount_minor)).toEqual([50_000_00, 30_000_00]);
    const told = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", a.id)
      .execute();
    expect(told.length).toBe(7);
    const mails = await t.db
      .selectFrom("email")
      .select("template")
      .where("to_address", "=", a.email)
      .execute();
    expect(mails.filter((m) => m.template === "policyClaim").length).toBe(7);
  });

  it("a company never sees another's claim; a non-resident cannot claim", async () => {
    const pid = await policy();
    const a = await owner();
    const b = await owner();
    const made = await submitClaim(
      t.db,
      a,
      pid,
      { statement: "", documents: [{ docKey: "d1", fileId: await file(a.id) }] },
      NOW,
    );
    if (!made.ok) throw new Error(made.error);
    expect(await getCompanyClaim(t.db, a, made.id)).toBeDefined();
    expect(await getCompanyClaim(t.db, b, made.id)).toBeUndefined();
    expect(await listCompanyClaims(t.db, b)).toEqual([]);
    expect(
      await resubmitClaim(t.db, b, made.id, 1, { statement: "", documents: [] }),
    ).toMatchObject({ error: "notFound" });
    const outsider = await owner(false);
    expect(
      await submitClaim(
        t.db,
        outsider,
        pid,
        { statement: "", documents: [{ docKey: "d1", fileId: await file(outsider.id) }] },
        NOW,
      ),
    ).toMatchObject({ error: "notEligible" });
    // The company cannot act as staff.
    await expect(
      actOnClaim(t.db, a, made.id, 1, { kind: "reject", reason: "x" }),
    ).rejects.toThrow();
  });

  it("the window is by the Shanghai day", async () => {
    const pid = await policy({ deadline: "2026-12-05" });
    const a = await owner();
    const docs = [{ docKey: "d1", fileId: await file(a.id) }];
    // 2026-12-05 16:30 UTC is already the 6th in Shanghai.
    expect(
      await submitClaim(
        t.db,
        a,
        pid,
        { statement: "", documents: docs },
        new Date("2026-12-05T16:30:00Z"),
      ),
    ).toMatchObject({ error: "closed" });
    expect(
      await submitClaim(
        t.db,
        a,
        pid,
        { statement: "", documents: docs },
        new Date("2026-12-05T15:30:00Z"),
      ),
    ).toMatchObject({ ok: true });
  });

  it("bulk awards are idempotent", async () => {
    const pid = await policy({
      auto_award: true,
      criteria: JSON.stringify([{ kind: "residency", of: "resident" }]),
    });
    const a = await owner();
    const b = await owner();
    const admin = sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
    const first = await grantAwards(t.db, admin, pid, {
      companyIds: [a.company!.id, b.company!.id],
      now: NOW,
    });
    expect(first).toMatchObject({ ok: true, granted: 2 });
    const again = await grantAwards(t.db, admin, pid, {
      companyIds: [a.company!.id, b.company!.id],
      now: NOW,
    });
    expect(again).toMatchObject({ ok: true, granted: 0 });
    const claims = await t.db
      .selectFrom("policy_claim")
      .select(["status", "awarded_minor"])
      .where("policy_id", "=", pid)
      .execute();
    expect(claims).toEqual([
      { status: "approved", awarded_minor: 100_000_00 },
      { status: "approved", awarded_minor: 100_000_00 },
    ]);
    expect(await grantAwards(t.db, admin, await policy(), { now: NOW })).toMatchObject({
      error: "notAuto",
    });
  });
});
