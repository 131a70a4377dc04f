/**
 * Extensions at the end-of-incubation review (issue 16, ADR 0055): a later planned end with a
 * reason, kept with its history, audit entry and the company's notification; refused when not
 * later, too far, ended or not a signed incubation; the cohort's states and their counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertApplication,
  insertCall,
  insertCompany,
  insertProgramme,
  insertUser,
} from "../../tests/support/factories";
import { cohortState, cohortSummary } from "./cohort-state";
import { endIncubation, listCohort } from "./cohort.server";
import { extendIncubation, listExtensions } from "./extensions.server";
import type { Ctx } from "./incubation.server";
import { extensionSchema } from "./extension-schema";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let staff: string;
let programmeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = (await insertUser(t.db, { email: "ext-staff@test.example", roles: ["staff"] })).id;
  programmeId = await insertProgramme(t.db);
});
afterAll(() => t.close());

/** A signed incubation of a new company, straight in the tables. */
async function incubation(status: "signed" | "accepted" = "signed") {
  const owner = await insertUser(t.db, {});
  const company = await insertCompany(t.db, { owner: owner.id });
  const callId = await insertCall(t.db, { programmeId });
  const applicationId = await insertApplication(t.db, {
    callId,
    companyId: company.id,
    status: "accepted",
  });
  await t.db
    .insertInto("incubation_offer")
    .values({
      application_id: applicationId,
      company_id: company.id,
      status,
      reply_by: "2026-01-15",
      start_date: "2026-02-01",
      planned_end_date: "2028-01-31",
      signed_at: status === "signed" ? new Date("2026-01-20T00:00:00Z") : null,
    })
    .execute();
  return { owner: owner.id, companyId: company.id, applicationId };
}

describe("extending an incubation", () => {
  it("moves the planned end later with a reason: history, audit, notification; twice kept in order", async () => {
    const a = await incubation();
    expect(
      await extendIncubation(t.db, ctx(staff), a.applicationId, {
        plannedEndDate: "2028-07-31",
        reason: "The pilot line arrives in spring",
      }),
    ).toEqual({ ok: true, from: "2028-01-31", to: "2028-07-31" });
    expect(
      await extendIncubation(t.db, ctx(staff), a.applicationId, {
        plannedEndDate: "2028-12-31",
        reason: "Second round of funding",
      }),
    ).toMatchObject({ ok: true });
    const [offer] = await t.db
      .selectFrom("incubation_offer")
      .select((eb) => eb.fn<string>("to_char", ["planned_end_date", eb.val("YYYY-MM-DD")]).as("d"))
      .where("application_id", "=", a.applicationId)
      .execute();
    expect(offer?.d).toBe("2028-12-31");
    const history = await listExtensions(t.db, a.applicationId);
    expect(history.map((e) => [e.from_end_date, e.to_end_date, e.reason])).toEqual([
      ["2028-01-31", "2028-07-31", "The pilot line arrives in spring"],
      ["2028-07-31", "2028-12-31", "Second round of funding"],
    ]);
    const messages = await t.db
      .selectFrom("application_message")
      .select(["kind", "status", "body"])
      .where("application_id", "=", a.applicationId)
      .execute();
    expect(messages).toContainEqual({
      kind: "incubation",
      status: "extended",
      body: "Second round of funding",
    });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", a.applicationId)
      .where("action", "=", "incubation.extend")
      .execute();
    expect(audits).toHaveLength(2);
    const notes = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", a.owner)
      .where("kind", "=", "incubation_extended")
      .execute();
    expect(notes).toHaveLength(2);
  });

  it("refuses a date not later, more than three years later, an ended or unsigned incubation", async () => {
    const a = await incubation();
    const extend = (id: string, plannedEndDate: string) =>
      extendIncubation(t.db, ctx(staff), id, { plannedEndDate, reason: "why" });
    expect(await extend(a.applicationId, "2028-01-31")).toEqual({ ok: false, error: "notLater" });
    expect(await extend(a.applicationId, "2027-06-30")).toEqual({ ok: false, error: "notLater" });
    expect(await extend(a.applicationId, "2031-03-01")).toEqual({ ok: false, error: "tooFar" });
    expect(await extend("not-a-uuid", "2029-01-01")).toEqual({ ok: false, error: "notFound" });
    const unsigned = await incubation("accepted");
    expect(await extend(unsigned.applicationId, "2029-01-01")).toEqual({
      ok: false,
      error: "notFound",
    });
    await endIncubation(t.db, ctx(staff), a.applicationId, {
      outcome: "graduated",
      reason: "",
      staysResident: true,
    });
    expect(await extend(a.applicationId, "2029-01-01")).toEqual({ ok: false, error: "ended" });
    expect(await listExtensions(t.db, a.applicationId)).toEqual([]);
  });

  it("the form: a real day and a reason", () => {
    const parse = (plannedEndDate: string, reason: string) =>
      extensionSchema.safeParse({ intent: "extend_incubation", plannedEndDate, reason }).success;
    expect(parse("2028-06-30", "Funding round")).toBe(true);
    expect(parse("2028-02-31", "Funding round")).toBe(false);
    expect(parse("30/06/2028", "Funding round")).toBe(false);
    expect(parse("2028-06-30", "   ")).toBe(false);
    expect(parse("2028-06-30", "x".repeat(4001))).toBe(false);
  });
});

describe("the cohort's states", () => {
  it("onboarding, incubating, extended, graduated, exited; counted, every state listed", async () => {
    expect(cohortState({ outcome: null, extensions: 0, onboarding_open: 2 })).toBe("onboarding");
    expect(cohortState({ outcome: null, extensions: 0, onboarding_open: 0 })).toBe("incubating");
    expect(cohortState({ outcome: null, extensions: 1, onboarding_open: 1 })).toBe("extended");
    expect(cohortState({ outcome: "graduated", extensions: 1, onboarding_open: 0 })).toBe(
      "graduated",
    );
    expect(cohortState({ outcome: "exited", extensions: 0, onboarding_open: 0 })).toBe("exited");
    expect(cohortSummary(["incubating", "extended", "incubating"])).toEqual({
      onboarding: 0,
      incubating: 2,
      extended: 1,
      graduated: 0,
      exited: 0,
    });
    const a = await incubation();
    await extendIncubation(t.db, ctx(staff), a.applicationId, {
      plannedEndDate: "2029-01-31",
      reason: "More time to certify",
    });
    const row = (await listCohort(t.db)).find((r) => r.application_id === a.applicationId);
    expect(row).toMatchObject({ extensions: 1, onboarding_open: 0 });
    expect(cohortState(row!)).toBe("extended");
  });
});
