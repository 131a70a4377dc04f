/**
 * Issue 16 after signing (ADR 0040): the programme's milestones reach an incubatee once when
 * its agreement is signed; the company marks one done, staff accept or send it back; overdue
 * ones are flagged; quarterly reports through company statistics, never asked twice; an
 * incubation ends by graduation or exit, with its history, notifications and emails.
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
import { demoPdf } from "#db/seed/demo-incubation.server";
import { STANDARD_FORM } from "~/statistics/forms";
import { endIncubation, getIncubatee, listCohort } from "./cohort.server";
import type { Ctx } from "./incubation.server";
import {
  addTemplate,
  completeMilestone,
  decideMilestone,
  dueDay,
  getProgrammePlan,
  isOverdue,
  listMilestones,
  removeTemplate,
} from "./milestones.server";
import { signAgreement } from "./offer.server";
import { openProgrammeReports, quarterOf, setReportPlan } from "./periodic-reports.server";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let staff: string;
let programmeId: string;
let formId: string;
const pdf = () => ({ bytes: demoPdf("Signed"), filename: "signed.pdf" });

beforeAll(async () => {
  t = await createTestDatabase();
  staff = (await insertUser(t.db, { email: "ms-staff@test.example", roles: ["staff"] })).id;
  programmeId = await insertProgramme(t.db);
  expect(
    await addTemplate(t.db, ctx(staff), programmeId, {
      titleEn: "Register the company in the park",
      titleZh: "完成园区工商注册",
      dueDays: 60,
      evidenceRequired: true,
    }),
  ).toMatchObject({ ok: true });
  await addTemplate(t.db, ctx(staff), programmeId, {
    titleEn: "First paying customer",
    titleZh: "首个付费客户",
    dueOn: "2099-12-31",
    evidenceRequired: false,
  });
  const form = await t.db
    .insertInto("report_form")
    .values({ code: "incubatee-quarterly", name_en: "Quarterly report", name_zh: "季度报告" })
    .returning("id")
    .executeTakeFirstOrThrow();
  formId = form.id;
  await t.db
    .insertInto("report_form_version")
    .values({
      form_id: formId,
      version: 1,
      fields: JSON.stringify(STANDARD_FORM.fields),
      checks: JSON.stringify(STANDARD_FORM.checks),
    })
    .execute();
});
afterAll(() => t.close());

/** An accepted offer of a new company (straight in the tables), signed by the company. */
async function accepted(opts: { locale?: "en" | "zh-CN" } = {}) {
  const owner = await insertUser(t.db, { locale: opts.locale ?? "en" });
  const company = await insertCompany(t.db, { owner: owner.id, nameZh: "里程碑公司" });
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
  expect(
    await signAgreement(t.db, ctx(owner.id), "company", applicationId, pdf(), {
      companyId: company.id,
    }),
  ).toMatchObject({ ok: true, signed: false });
  return { owner: owner.id, companyId: company.id, applicationId };
}

async function incubatee(opts: { locale?: "en" | "zh-CN" } = {}) {
  const a = await accepted(opts);
  expect(await signAgreement(t.db, ctx(staff), "staff", a.applicationId, pdf())).toMatchObject({
    ok: true,
    signed: true,
  });
  return a;
}

describe("milestones", () => {
  it("the programme's plan: its templates in order, its report form; unknown ids are undefined", async () => {
    const plan = await getProgrammePlan(t.db, programmeId);
    expect(plan?.templates.map((m) => m.title_en).slice(0, 2)).toEqual([
      "Register the company in the park",
      "First paying customer",
    ]);
    expect(plan?.templates[0]).toMatchObject({ due_days: 60, evidence_required: true });
    expect(await getProgrammePlan(t.db, "not-a-uuid")).toBeUndefined();
    expect(await getProgrammePlan(t.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("computes due days and overdue flags", () => {
    expect(dueDay({ due_days: 60, due_on: null }, "2026-01-01")).toBe("2026-03-02");
    expect(dueDay({ due_days: null, due_on: "2099-12-31" }, "2026-01-01")).toBe("2099-12-31");
    expect(isOverdue({ status: "open", due_on: "2026-03-02" }, "2026-03-03")).toBe(true);
    expect(isOverdue({ status: "returned", due_on: "2026-03-02" }, "2026-03-03")).toBe(true);
    expect(isOverdue({ status: "submitted", due_on: "2026-03-02" }, "2026-03-03")).toBe(false);
    expect(isOverdue({ status: "open", due_on: "2026-03-02" }, "2026-03-02")).toBe(false);
  });

  it("reach an incubatee when both sides have signed, once however often a copy is uploaded", async () => {
    const a = await accepted();
    expect(await listMilestones(t.db, a.applicationId)).toHaveLength(0);
    await signAgreement(t.db, ctx(staff), "staff", a.applicationId, pdf());
    await signAgreement(t.db, ctx(staff), "staff", a.applicationId, pdf());
    const ms = await listMilestones(t.db, a.applicationId);
    expect(ms.map((m) => m.title_en)).toEqual([
      "Register the company in the park",
      "First paying customer",
    ]);
    expect(String(ms[0]!.due_on).length).toBeGreaterThan(0);
    expect(ms.every((m) => m.status === "open")).toBe(true);
  });

  it("a removed template reaches new incubatees no more; existing ones keep theirs", async () => {
    const extra = await addTemplate(t.db, ctx(staff), programmeId, {
      titleEn: "Temporary",
      titleZh: "临时",
      dueDays: 10,
      evidenceRequired: false,
    });
    if (!extra.ok) throw new Error(extra.error);
    const a = await incubatee();
    expect(await listMilestones(t.db, a.applicationId)).toHaveLength(3);
    expect(await removeTemplate(t.db, ctx(staff), programmeId, extra.id)).toBe(true);
    expect(await listMilestones(t.db, a.applicationId)).toHaveLength(3);
    const b = await incubatee();
    expect(await listMilestones(t.db, b.applicationId)).toHaveLength(2);
  });

  it("the company marks one done (evidence where required), staff send it back, then accept", async () => {
    const a = await incubatee();
    const [register] = await listMilestones(t.db, a.applicationId);
    const other = await incubatee();
    // Another company's milestone does not exist for it.
    expect(
      await completeMilestone(t.db, ctx(other.owner), other.companyId, register!.id, {
        note: "Done",
      }),
    ).toEqual({ ok: false, error: "notFound" });
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, { note: "  " }),
    ).toEqual({ ok: false, error: "noteRequired" });
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, { note: "Done" }),
    ).toEqual({ ok: false, error: "evidenceRequired" });
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, {
        note: "Done",
        file: { bytes: new TextEncoder().encode("not a pdf"), filename: "x.pdf" },
      }),
    ).toEqual({ ok: false, error: "fileType" });
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, {
        note: "Registered on 3 March",
        file: pdf(),
      }),
    ).toEqual({ ok: true });
    // Twice is refused; staff hear of it.
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, {
        note: "Again",
        file: pdf(),
      }),
    ).toEqual({ ok: false, error: "state" });
    const staffNote = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", staff)
      .where("kind", "=", "staff_milestone_submitted")
      .execute();
    expect(staffNote.length).toBeGreaterThan(0);

    expect(
      await decideMilestone(t.db, ctx(staff), register!.id, { accept: false, comment: "" }),
    ).toEqual({ ok: false, error: "commentRequired" });
    expect(
      await decideMilestone(t.db, ctx(staff), register!.id, {
        accept: false,
        comment: "Please add the licence page",
      }),
    ).toMatchObject({ ok: true });
    let [m] = await listMilestones(t.db, a.applicationId);
    expect(m).toMatchObject({ status: "returned", staff_comment: "Please add the licence page" });
    await completeMilestone(t.db, ctx(a.owner), a.companyId, register!.id, {
      note: "With the licence page",
      file: pdf(),
    });
    expect(
      await decideMilestone(t.db, ctx(staff), register!.id, { accept: true, comment: "" }),
    ).toMatchObject({ ok: true });
    [m] = await listMilestones(t.db, a.applicationId);
    expect(m).toMatchObject({ status: "accepted", evidence_name: "signed.pdf" });
    const kinds = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", a.owner)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(["milestone_returned", "milestone_accepted"]),
    );
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", register!.id)
      .execute();
    expect(audits.map((x) => x.action).sort()).toEqual([
      "incubation.milestone.accept",
      "incubation.milestone.return",
      "incubation.milestone.submit",
      "incubation.milestone.submit",
    ]);
    // Accepted is final.
    expect(
      await decideMilestone(t.db, ctx(staff), register!.id, { accept: true, comment: "" }),
    ).toEqual({ ok: false, error: "state" });
  });

  it("the cohort counts progress and flags overdue milestones", async () => {
    const a = await incubatee();
    const rows = await listCohort(t.db, "2026-06-01");
    const row = rows.find((r) => r.application_id === a.applicationId);
    // Started 2026-01-01: registration was due 2026-03-02.
    expect(row).toMatchObject({ milestones: 2, accepted: 0, overdue: 1, outcome: null });
  });
});

describe("periodic reports", () => {
  it("quarters", () => {
    expect(quarterOf("2026-12-05")).toEqual({
      label: "2026-Q4",
      startsOn: "2026-10-01",
      endsOn: "2026-12-31",
      dueOn: "2027-01-15",
    });
    expect(quarterOf("2027-02-28").label).toBe("2027-Q1");
  });

  it("open the quarter's report for every current incubatee, once, through a statistics period", async () => {
    const p2 = await insertProgramme(t.db);
    expect(await openProgrammeReports(t.db, ctx(staff), p2)).toEqual({
      ok: false,
      error: "noForm",
    });
    const a = await incubatee();
    expect(
      await setReportPlan(t.db, ctx(staff), programmeId, { formId, cadence: "quarter" }),
    ).toEqual({ ok: true });
    const first = await openProgrammeReports(t.db, ctx(staff), programmeId, "2026-12-05");
    expect(first).toMatchObject({ ok: true, label: "2026-Q4" });
    if (!first.ok) throw new Error(first.error);
    expect(first.asked).toBeGreaterThan(0);
    const again = await openProgrammeReports(t.db, ctx(staff), programmeId, "2026-12-05");
    expect(again).toMatchObject({ ok: true, asked: 0, periodId: first.periodId });
    const emails = await t.db
      .selectFrom("email")
      .innerJoin("app_user", "app_user.email", "email.to_address")
      .select("email.id")
      .where("app_user.id", "=", a.owner)
      .where("email.template", "=", "reportTask")
      .execute();
    expect(emails).toHaveLength(1);
    const inc = await getIncubatee(t.db, a.applicationId);
    expect(inc?.reports.map((r) => [r.label, r.status])).toEqual([["2026-Q4", "open"]]);
    const cohort = await listCohort(t.db, "2026-12-05");
    expect(cohort.find((r) => r.application_id === a.applicationId)?.last_report).toBe(
      "2026-Q4 · open",
    );
  });
});

describe("the end of an incubation", () => {
  it("graduation: history, resident kept, notification and an email in the member's language; never twice", async () => {
    const a = await incubatee({ locale: "zh-CN" });
    expect(
      await endIncubation(t.db, ctx(staff), a.applicationId, {
        outcome: "graduated",
        reason: "",
        staysResident: true,
      }),
    ).toEqual({ ok: true });
    expect(
      await endIncubation(t.db, ctx(staff), a.applicationId, {
        outcome: "exited",
        reason: "x",
        staysResident: false,
      }),
    ).toEqual({ ok: false, error: "ended" });
    const inc = await getIncubatee(t.db, a.applicationId);
    expect(inc).toMatchObject({ outcome: "graduated", is_resident: true, stays_resident: true });
    const history = await t.db
      .selectFrom("application_message")
      .select(["kind", "status"])
      .where("application_id", "=", a.applicationId)
      .execute();
    expect(history).toContainEqual({ kind: "incubation", status: "graduated" });
    const email = await t.db
      .selectFrom("email")
      .innerJoin("app_user", "app_user.email", "email.to_address")
      .select(["email.subject", "email.locale"])
      .where("app_user.id", "=", a.owner)
      .where("email.template", "=", "incubationEnded")
      .executeTakeFirstOrThrow();
    expect(email.locale).toBe("zh-CN");
    expect(email.subject).toContain("孵化器");
    const note = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", a.owner)
      .where("kind", "=", "incubation_graduated")
      .execute();
    expect(note).toHaveLength(1);
  });

  it("an early exit needs a reason and may end the residency; completing a milestone after is refused", async () => {
    const a = await incubatee();
    expect(
      await endIncubation(t.db, ctx(staff), a.applicationId, {
        outcome: "exited",
        reason: " ",
        staysResident: false,
      }),
    ).toEqual({ ok: false, error: "reasonRequired" });
    expect(
      await endIncubation(t.db, ctx(staff), a.applicationId, {
        outcome: "exited",
        reason: "The founders moved the company to Hangzhou",
        staysResident: false,
      }),
    ).toEqual({ ok: true });
    const inc = await getIncubatee(t.db, a.applicationId);
    expect(inc).toMatchObject({ outcome: "exited", is_resident: false });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "in", [a.applicationId, a.companyId])
      .execute();
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(["incubation.exit", "company.resident_end"]),
    );
    const [m] = await listMilestones(t.db, a.applicationId);
    expect(
      await completeMilestone(t.db, ctx(a.owner), a.companyId, m!.id, {
        note: "late",
        file: pdf(),
      }),
    ).toEqual({ ok: false, error: "ended" });
    // Another company's incubation is not found for it.
    expect(await getIncubatee(t.db, a.applicationId, "00000000-0000-4000-8000-000000000000")).toBe(
      undefined,
    );
  });
});
