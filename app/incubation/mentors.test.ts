/**
 * ADR 0049: staff assign a person with the mentor role to a signed incubation; the mentor reads
 * that incubatee's reports and comments on them, and gets "notFound" for any other incubatee.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertApplication,
  insertCall,
  insertCompany,
  insertProgramme,
  insertUser,
  sessionUserOf,
  type TestUser,
} from "../../tests/support/factories";
import type { Ctx } from "./incubation.server";
import { assignMentor, isMentorOf, myIncubatees, removeMentor } from "./mentors.server";
import { programmeReport } from "./report-comments.server";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let staff: TestUser;
let mentor: TestUser;
let plain: TestUser;

async function signed(programmeId: string) {
  const co = await insertCompany(t.db, { owner: (await insertUser(t.db)).id });
  const callId = await insertCall(t.db, { programmeId });
  const appId = await insertApplication(t.db, { callId, companyId: co.id, status: "accepted" });
  await t.db
    .insertInto("incubation_offer")
    .values({
      application_id: appId,
      company_id: co.id,
      status: "signed",
      reply_by: "2099-01-31",
      start_date: "2026-10-01",
      planned_end_date: "2028-10-01",
    })
    .execute();
  return appId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertUser(t.db, { roles: ["staff"] });
  mentor = await insertUser(t.db, { roles: ["mentor"] });
  plain = await insertUser(t.db);
});
afterAll(() => t.close());

describe("mentors", () => {
  it("assign once (audited, the mentor told); only people with the mentor role; then remove", async () => {
    const programmeId = await insertProgramme(t.db);
    const mine = await signed(programmeId);
    const other = await signed(programmeId);
    expect(await assignMentor(t.db, ctx(staff.id), mine, plain.id)).toEqual({
      ok: false,
      error: "notMentor",
    });
    expect(await assignMentor(t.db, ctx(staff.id), mine, mentor.id)).toEqual({
      ok: true,
      added: true,
    });
    expect(await assignMentor(t.db, ctx(staff.id), mine, mentor.id)).toEqual({
      ok: true,
      added: false,
    });
    const told = await t.db
      .selectFrom("notification")
      .select("link")
      .where("user_id", "=", mentor.id)
      .where("kind", "=", "mentor_assigned")
      .execute();
    expect(told).toEqual([{ link: `/mentoring/${mine}` }]);
    expect(await isMentorOf(t.db, mentor.id, mine)).toBe(true);
    expect(await isMentorOf(t.db, mentor.id, other)).toBe(false);
    expect((await myIncubatees(t.db, mentor.id)).map((i) => i.application_id)).toEqual([mine]);

    // The mentor reaches the assigned incubation's reports, never another's.
    const m = sessionUserOf(mentor);
    const fake = "00000000-0000-4000-8000-000000000000";
    expect(await programmeReport(t.db, m, other, fake)).toEqual({ ok: false, error: "notFound" });

    expect(await removeMentor(t.db, ctx(staff.id), mine, mentor.id)).toEqual({ ok: true });
    expect(await isMentorOf(t.db, mentor.id, mine)).toBe(false);
    expect(await removeMentor(t.db, ctx(staff.id), mine, mentor.id)).toEqual({
      ok: false,
      error: "notFound",
    });
    const log = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", mine)
      .orderBy("id")
      .execute();
    expect(log.map((l) => l.action)).toEqual([
      "incubation.mentor.assign",
      "incubation.mentor.remove",
    ]);
  });
});
