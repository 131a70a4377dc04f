/**
 * Bulk queue changes carry the versions the person saw (issue 11): a request changed meanwhile
 * is left alone and reported; the others are applied.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
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
  staff = await insertStaff(t.db, { name: "Staff" });
  colleague = await insertStaff(t.db, { name: "Colleague" });
  member = await insertCompanyMember(t.db, {
    user: { name: "Member" },
    company: { nameEn: "Bulk Co", nameZh: "批量公司" },
    resident: true,
  });
  typeId = await insertServiceType(t.db, { code: "bulk", nameEn: "Bulk", nameZh: "批量" });
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
