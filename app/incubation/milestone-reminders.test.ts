/**
 * Milestone reminders (ADR 0045): the days each kind is due; a run reminds the company's members
 * in their language before the due day and after it (staff told of late ones), once per
 * milestone and kind however often it runs; milestones marked done, and incubations that
 * ended, are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertApplication,
  insertCall,
  insertCompany,
  insertProgramme,
  insertUser,
} from "../../tests/support/factories";
import { demoPdf } from "#db/seed/demo-incubation.server";
import { endIncubation } from "./cohort.server";
import type { Ctx } from "./incubation.server";
import { milestoneReminderDue, sendMilestoneReminders } from "./milestone-reminders.server";
import { addTemplate, completeMilestone, listMilestones } from "./milestones.server";
import { signAgreement } from "./offer.server";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let staff: string;
let programmeId: string;
const pdf = () => ({ bytes: demoPdf("Signed"), filename: "signed.pdf" });

beforeAll(async () => {
  t = await createTestDatabase();
  staff = (await insertUser(t.db, { email: "mr-staff@test.example", roles: ["staff"] })).id;
  programmeId = await insertProgramme(t.db, { slug: "reminded" });
  await addTemplate(t.db, ctx(staff), programmeId, {
    titleEn: "Team moved into the park",
    titleZh: "团队入驻园区",
    dueDays: 30,
    evidenceRequired: false,
  });
});
afterAll(() => t.close());

/** A signed incubation starting on 2026-01-01: its one milestone is due on 2026-01-31. */
async function incubatee() {
  const owner = await insertUser(t.db, { locale: "zh-CN" });
  const member = await insertUser(t.db);
  const company = await insertCompany(t.db, { owner: owner.id, nameZh: "提醒公司" });
  await addMembership(t.db, company.id, member.id, "member");
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
      status: "accepted",
      reply_by: "2099-01-31",
      start_date: "2026-01-01",
      planned_end_date: "2028-01-01",
    })
    .execute();
  await signAgreement(t.db, ctx(owner.id), "company", applicationId, pdf(), {
    companyId: company.id,
  });
  await signAgreement(t.db, ctx(staff), "staff", applicationId, pdf());
  const [milestone] = await listMilestones(t.db, applicationId);
  return { owner, member, companyId: company.id, applicationId, milestoneId: milestone!.id };
}

const emailsTo = (to: string) =>
  t.db
    .selectFrom("email")
    .select(["template", "subject", "text_body", "locale"])
    .where("to_address", "=", to)
    .where("template", "in", ["milestoneReminder", "milestoneLate"])
    .orderBy("created_at")
    .execute();

describe("milestone reminders", () => {
  it("knows which reminder a milestone is due on a day", () => {
    expect(milestoneReminderDue("2026-01-31", "2026-01-23")).toBeNull();
    expect(milestoneReminderDue("2026-01-31", "2026-01-24")).toBe("before");
    expect(milestoneReminderDue("2026-01-31", "2026-01-31")).toBe("before");
    expect(milestoneReminderDue("2026-01-31", "2026-02-01")).toBe("late");
    expect(milestoneReminderDue("2026-01-31", "2026-03-02")).toBe("late");
    expect(milestoneReminderDue("2026-01-31", "2026-03-03")).toBeNull();
  });

  it("reminds the members before and after the due day, each once, in their language; staff hear of late ones", async () => {
    const a = await incubatee();
    expect(await sendMilestoneReminders(t.db, "2026-01-20", "http://portal.test")).toMatchObject({
      sent: 0,
    });
    const before = await sendMilestoneReminders(t.db, "2026-01-26", "http://portal.test");
    expect(before).toMatchObject({ sent: 1, recipients: 2 });
    // The same day again, and the next day: nothing more of that kind.
    expect(await sendMilestoneReminders(t.db, "2026-01-26", "http://portal.test")).toMatchObject({
      sent: 0,
    });
    expect(await sendMilestoneReminders(t.db, "2026-01-27", "http://portal.test")).toMatchObject({
      sent: 0,
    });
    const ownerMail = await emailsTo(a.owner.email);
    expect(ownerMail).toEqual([
      expect.objectContaining({ template: "milestoneReminder", locale: "zh-CN" }),
    ]);
    expect(ownerMail[0]!.subject).toContain("2026-01-31");
    expect(ownerMail[0]!.text_body).toContain("团队入驻园区");
    expect((await emailsTo(a.member.email))[0]!.text_body).toContain("Team moved into the park");

    // The day after the due day: late, to the members, and staff are told.
    const late = await sendMilestoneReminders(t.db, "2026-02-01", "http://portal.test");
    expect(late).toMatchObject({ sent: 1, recipients: 2 });
    expect(await sendMilestoneReminders(t.db, "2026-02-02", "http://portal.test")).toMatchObject({
      sent: 0,
    });
    expect((await emailsTo(a.member.email)).map((e) => e.template)).toEqual([
      "milestoneReminder",
      "milestoneLate",
    ]);
    const staffNotes = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", staff)
      .where("kind", "=", "staff_milestone_late")
      .execute();
    expect(staffNotes).toHaveLength(1);
    const claims = await t.db
      .selectFrom("incubation_milestone_reminder")
      .select(["kind", "recipients"])
      .where("milestone_id", "=", a.milestoneId)
      .orderBy("kind")
      .execute();
    expect(claims).toEqual([
      { kind: "before", recipients: 2 },
      { kind: "late", recipients: 2 },
    ]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", a.milestoneId)
      .where("action", "=", "incubation.milestone_remind")
      .execute();
    expect(audits).toHaveLength(2);
  });

  it("leaves alone milestones marked done and incubations that ended", async () => {
    const done = await incubatee();
    expect(
      await completeMilestone(t.db, ctx(done.owner.id), done.companyId, done.milestoneId, {
        note: "We moved in on 20 January.",
      }),
    ).toMatchObject({ ok: true });
    const ended = await incubatee();
    expect(
      await endIncubation(t.db, ctx(staff), ended.applicationId, {
        outcome: "exited",
        reason: "Moved to another city",
        staysResident: false,
      }),
    ).toMatchObject({ ok: true });
    await sendMilestoneReminders(t.db, "2026-01-28", "http://portal.test");
    await sendMilestoneReminders(t.db, "2026-02-03", "http://portal.test");
    for (const id of [done.milestoneId, ended.milestoneId]) {
      const claims = await t.db
        .selectFrom("incubation_milestone_reminder")
        .select("kind")
        .where("milestone_id", "=", id)
        .execute();
      expect(claims).toEqual([]);
    }
    expect(await emailsTo(done.owner.email)).toEqual([]);
    expect(await emailsTo(ended.member.email)).toEqual([]);
  });
});
