/**
 * Bulk queue changes carry the versions the person saw (issue 11): a request changed meanwhile
 * is left alone and reported; the others are applied.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  bulkChange,
  bulkToast,
  fileRequest,
  seenVersions,
  staffChange,
} from "./service-requests.server";

const ORIGIN = "http://portal.test";
let t: TestDatabase;
let staff: SessionUser;
let colleague: SessionUser;
let member: SessionUser;
let typeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const mk = async (name: string, role?: "staff") => {
    const u = await t.db
      .insertInto("app_user")
      .values({
        email: `${name}-${crypto.randomBytes(3).toString("hex")}@example.com`,
        name,
        password_hash: "x",
        locale: "en",
      })
      .returning(["id", "email", "name"])
      .executeTakeFirstOrThrow();
    if (role) await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
    return u;
  };
  staff = { ...(await mk("Staff", "staff")), roles: ["staff"], company: null } as never;
  colleague = { ...(await mk("Colleague", "staff")), roles: ["staff"], company: null } as never;
  const m = await mk("Member");
  const c = await t.db
    .insertInto("company")
    .values({
      name_en: "Bulk Co",
      name_zh: "批量公司",
      industry: "ai",
      size: "1-9",
      is_resident: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("company_member")
    .values({ company_id: c.id, user_id: m.id, role: "owner" })
    .execute();
  member = {
    ...m,
    roles: [],
    company: { id: c.id, role: "owner", nameEn: "Bulk Co", nameZh: "批量公司", isResident: true },
  } as never;
  const cat = await t.db
    .insertInto("service_category")
    .values({ code: "bulk", name_en: "Bulk", name_zh: "批量" })
    .returning("id")
    .executeTakeFirstOrThrow();
  typeId = (
    await t.db
      .insertInto("service_type")
      .values({ code: "bulk", category_id: cat.id, name_en: "Bulk", name_zh: "批量" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

async function file(subject: string) {
  const r = await fileRequest(
    t.db,
    member,
    { typeId, subject, description: "Bulk.", idempotencyKey: crypto.randomUUID(), fields: {} },
    ORIGIN,
  );
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}

const versionOf = async (ref: string) =>
  await t.db
    .selectFrom("service_request")
    .select(["version", "priority"])
    .where("ref", "=", ref)
    .executeTakeFirstOrThrow();

describe("bulk change with the versions seen", () => {
  it("applies the unchanged requests and reports, without overwriting, one a colleague changed", async () => {
    const refs = [await file("One"), await file("Two"), await file("Three")];
    // The queue as the person saw it.
    const seen = seenVersions(
      await Promise.all(refs.map(async (r) => `${r}@${(await versionOf(r)).version}`)),
    );
    // Meanwhile a colleague raises the second one to urgent.
    const before = await versionOf(refs[1]!);
    const moved = await staffChange(
      t.db,
      colleague,
      refs[1]!,
      { version: before.version, priority: "urgent" },
      ORIGIN,
    );
    expect(moved.ok).toBe(true);
    const result = await bulkChange(
      t.db,
      staff,
      refs,
      { priority: "low" },
      ORIGIN,
      new Date(),
      seen,
    );
    expect(result).toEqual({ updated: 2, skipped: 0, changed: [refs[1]] });
    expect((await versionOf(refs[0]!)).priority).toBe("low");
    expect((await versionOf(refs[1]!)).priority).toBe("urgent");
    expect((await versionOf(refs[2]!)).priority).toBe("low");
    expect(bulkToast(result)).toMatchObject({
      type: "info",
      key: "services:toast.bulkChanged",
      values: { updated: 2, count: 1, refs: refs[1] },
    });
  });

  it("treats a request whose version the form did not carry as changed", async () => {
    const ref = await file("Unseen");
    const result = await bulkChange(
      t.db,
      staff,
      [ref],
      { priority: "high" },
      ORIGIN,
      new Date(),
      new Map(),
    );
    expect(result.changed).toEqual([ref]);
    expect((await versionOf(ref)).priority).not.toBe("high");
  });

  it("reads only well-formed versions", () => {
    expect([...seenVersions(["SR-2026-7@3", "SR-2026-8@x", "junk", "SR-2026-9@12"])]).toEqual([
      ["SR-2026-7", 3],
      ["SR-2026-9", 12],
    ]);
  });
});
