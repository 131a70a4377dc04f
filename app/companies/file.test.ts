import { parseWithZod } from "@conform-to/zod/v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompanyMember,
  insertStaff,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import { decodeCursor } from "~/lib/cursor.server";
import { designationState } from "./designations";
import {
  addDesignation,
  companyTimeline,
  getCompanyFile,
  listChanges,
  listCompaniesForDesk,
  removeDesignation,
  updateCompanyFile,
} from "./file.server";
import { companyFileSchema, designationSchema, type CompanyFileInput } from "./file-schema";
import { updateCompany } from "./companies.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

function parsed(fields: Record<string, string>): CompanyFileInput {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  const s = parseWithZod(fd, { schema: companyFileSchema });
  if (s.status !== "success") throw new Error(JSON.stringify(s.error));
  return s.value;
}

describe("the company file form", () => {
  it("reads capital with 万 into minor units and refuses a bad amount, a future date, a negative count", () => {
    expect(
      parsed({ version: "1", capitalAmount: "500万", capitalCurrency: "CNY" }).capitalMinor,
    ).toBe(500_000_000);
    const fd = new FormData();
    fd.set("version", "1");
    fd.set("capitalAmount", "12.345");
    fd.set("registeredOn", "2099-01-01");
    fd.set("trademarks", "-1");
    const s = parseWithZod(fd, { schema: companyFileSchema });
    expect(s.status).toBe("error");
    expect(s.status === "error" && s.error).toMatchObject({
      capitalAmount: ["companyFile:errors.amountPrecision"],
      registeredOn: ["companyFile:errors.future"],
      trademarks: ["companyFile:errors.count"],
    });
  });

  it("refuses a designation that expires before it was issued", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      intent: "addDesignation",
      kind: "high_tech",
      issuedOn: "2025-01-01",
      expiresOn: "2024-01-01",
    }))
      fd.set(k, v);
    const s = parseWithZod(fd, { schema: designationSchema });
    expect(s.status === "error" && s.error).toMatchObject({
      expiresOn: ["companyFile:errors.expiresBeforeIssued"],
    });
  });

  it("tells valid, expiring and expired designations apart", () => {
    expect(designationState(null, "2026-12-05")).toBe("valid");
    expect(designationState("2026-12-04", "2026-12-05")).toBe("expired");
    expect(designationState("2027-01-31", "2026-12-05")).toBe("expiring");
    expect(designationState("2028-01-01", "2026-12-05")).toBe("valid");
  });
});

describe("the company file", () => {
  it("is saved by its owner with one history row per changed field (who, before, after)", async () => {
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    const first = await updateCompanyFile(
      t.db,
      owner,
      id,
      parsed({
        version: "1",
        registeredOn: "2019-03-01",
        trademarks: "2",
        space: "Building 3, 402",
      }),
    );
    expect(first).toMatchObject({ ok: true, version: 2 });
    const second = await updateCompanyFile(
      t.db,
      owner,
      id,
      parsed({
        version: "2",
        registeredOn: "2019-03-01",
        trademarks: "3",
        capitalAmount: "1000000",
      }),
    );
    expect(second.ok && second.changed.sort()).toEqual(["capital", "space", "trademarks"]);
    const history = await listChanges(t.db, owner, id);
    expect(history.ok && history.items.map((c) => [c.field, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ["trademarks", "2", "3"],
        ["space", "Building 3, 402", null],
        ["capital", null, "CNY 1,000,000"],
      ]),
    );
    expect(history.ok && history.items[0]?.actorName).toBe(owner.name);
  });

  it("answers conflict to a stale version and changes nothing", async () => {
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    await updateCompanyFile(t.db, owner, id, parsed({ version: "1", trademarks: "1" }));
    const stale = await updateCompanyFile(
      t.db,
      owner,
      id,
      parsed({ version: "1", trademarks: "9" }),
    );
    expect(stale).toEqual({ ok: false, error: "conflict" });
    const file = await getCompanyFile(t.db, owner, id);
    expect(file.ok && file.file.trademarks).toBe(1);
  });

  it("is forbidden to members, not found for another company, readable by staff only beyond members", async () => {
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    const memberUser = await insertUser(t.db);
    await addMembership(t.db, id, memberUser.id, "member");
    const member = sessionUserOf(memberUser, {
      company: { id, nameEn: "", nameZh: "", isResident: false },
      role: "member",
    });
    expect(await updateCompanyFile(t.db, member, id, parsed({ version: "1" }))).toEqual({
      ok: false,
      error: "forbidden",
    });
    const other = await insertCompanyMember(t.db);
    expect(await updateCompanyFile(t.db, other, id, parsed({ version: "1" }))).toEqual({
      ok: false,
      error: "notFound",
    });
    expect((await getCompanyFile(t.db, other, id)).ok).toBe(false);
    expect((await getCompanyFile(t.db, member, id)).ok).toBe(true);
    expect((await getCompanyFile(t.db, await insertStaff(t.db), id)).ok).toBe(true);
  });

  it("keeps designations added and removed in the history", async () => {
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    const added = await addDesignation(t.db, owner, id, {
      intent: "addDesignation",
      kind: "high_tech",
      reference: "GR202431000123",
      issuedOn: "2024-11-19",
      expiresOn: "2027-11-18",
    });
    expect(added.ok).toBe(true);
    const other = await insertCompanyMember(t.db);
    expect(await removeDesignation(t.db, other, id, added.ok ? added.id : "")).toEqual({
      ok: false,
      error: "notFound",
    });
    expect((await removeDesignation(t.db, owner, id, added.ok ? added.id : "")).ok).toBe(true);
    const history = await listChanges(t.db, owner, id);
    expect(
      history.ok && history.items.map((c) => [c.field, c.before === null, c.after === null]),
    ).toEqual([
      ["designation", false, true],
      ["designation", true, false],
    ]);
  });

  it("records the name and industry changes of the company form too", async () => {
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    await updateCompany(t.db, owner, id, {
      nameEn: "Renamed Co",
      nameZh: "改名公司",
      industry: "biomedicine",
      size: "10-49",
      version: 1,
    });
    const history = await listChanges(t.db, owner, id);
    expect(history.ok && history.items.map((c) => c.field).sort()).toEqual(
      expect.arrayContaining(["industry", "nameEn", "nameZh", "size"]),
    );
  });
});

describe("the staff timeline and list", () => {
  it("pages newest first without repeats, and is staff-only", async () => {
    const staff = await insertStaff(t.db);
    const owner = await insertCompanyMember(t.db);
    const id = owner.company!.id;
    const category = await t.db.selectFrom("service_category").select("id").executeTakeFirst();
    if (category) {
      for (let i = 0; i < 5; i++)
        await t.db
          .insertInto("service_request")
          .values({
            company_id: id,
            category_id: category.id,
            ref: `SR-T${Date.now()}${i}`,
            subject: `Request ${i}`,
            description: "d",
            idempotency_key: `k-${id}-${i}`,
            first_response_target_minutes: 60,
            created_at: new Date(Date.UTC(2026, 0, 1 + i)),
          } as never)
          .execute();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await companyTimeline(t.db, staff, id, decodeCursor(cursor), 2);
      if (!page.ok) throw new Error("page");
      seen.push(...page.items.map((e) => `${e.kind}:${e.id}`));
      cursor = page.next;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await companyTimeline(t.db, owner, id, undefined)).ok).toBe(false);
    const list = await listCompaniesForDesk(t.db, staff, { q: owner.company!.nameEn });
    expect(list.ok && list.items.map((c) => c.id)).toContain(id);
    expect((await listCompaniesForDesk(t.db, owner, {})).ok).toBe(false);
  });
});
