/**
 * ADR 0049: incubation staff read an incubatee's periodic report once it is handed in and
 * comment on it; the company's reporters read the comments and are notified; nobody else
 * reads the report or the comments, and no other report is reachable through an incubation.
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
  type TestCompany,
  type TestUser,
} from "../../tests/support/factories";
import { STANDARD_FORM } from "~/statistics/forms";
import type { Ctx } from "./incubation.server";
import { openProgrammeReports, setReportPlan } from "./periodic-reports.server";
import { addReportComment, companyReportComments, programmeReport } from "./report-comments.server";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let staff: TestUser;
let stranger: TestUser;
let owner: TestUser;
let member: TestUser;
let company: TestCompany;
let applicationId: string;
let reportId: string;

/** A signed incubation of a new company (straight in the tables) in `programmeId`. */
async function signedIncubation(programmeId: string, who: TestUser) {
  const co = await insertCompany(t.db, { owner: who.id });
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
  return { company: co, applicationId: appId };
}

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertUser(t.db, { roles: ["staff"] });
  stranger = await insertUser(t.db, { roles: ["reviewer"] });
  owner = await insertUser(t.db);
  member = await insertUser(t.db);
  const programmeId = await insertProgramme(t.db);
  const form = await t.db
    .insertInto("report_form")
    .values({ code: "comments-quarterly", name_en: "Quarterly report", name_zh: "季度报告" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("report_form_version")
    .values({
      form_id: form.id,
      version: 1,
      fields: JSON.stringify(STANDARD_FORM.fields),
      checks: JSON.stringify(STANDARD_FORM.checks),
    })
    .execute();
  await setReportPlan(t.db, ctx(staff.id), programmeId, { formId: form.id, cadence: "quarter" });
  const inc = await signedIncubation(programmeId, owner);
  company = inc.company;
  applicationId = inc.applicationId;
  await t.db
    .insertInto("company_member")
    .values({ company_id: company.id, user_id: member.id, role: "member" })
    .execute();
  const opened = await openProgrammeReports(t.db, ctx(staff.id), programmeId, "2026-12-05");
  if (!opened.ok) throw new Error(opened.error);
  const report = await t.db
    .selectFrom("report")
    .select("id")
    .where("company_id", "=", company.id)
    .executeTakeFirstOrThrow();
  reportId = report.id;
});
afterAll(() => t.close());

const ownerUser = () => sessionUserOf(owner, { company, role: "owner" });
const memberUser = () => sessionUserOf(member, { company, role: "member" });

describe("comments on an incubatee's reports", () => {
  it("before the report is handed in: no figures, no comments", async () => {
    const view = await programmeReport(t.db, sessionUserOf(staff), applicationId, reportId);
    expect(view).toMatchObject({ ok: true, status: "open", report: null, comments: [] });
    expect(
      await addReportComment(t.db, ctx(staff.id), sessionUserOf(staff), applicationId, reportId, {
        body: "Too early",
      }),
    ).toEqual({ ok: false, error: "notSubmitted" });
  });

  it("staff read the submitted figures (audited) and comment; the reporters are notified", async () => {
    await t.db
      .updateTable("report")
      .set({ status: "submitted", figures: JSON.stringify({ revenue: 800 }) })
      .where("id", "=", reportId)
      .execute();
    const view = await programmeReport(t.db, sessionUserOf(staff), applicationId, reportId);
    if (!view.ok) throw new Error(view.error);
    expect(view.report?.figures).toMatchObject({ revenue: 800 });
    const audited = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", staff.id)
      .where("action", "=", "incubation.report_view")
      .execute();
    expect(audited).toHaveLength(1);

    expect(
      await addReportComment(t.db, ctx(staff.id), sessionUserOf(staff), applicationId, reportId, {
        body: "   ",
      }),
    ).toEqual({ ok: false, error: "bodyRequired" });
    expect(
      await addReportComment(t.db, ctx(staff.id), sessionUserOf(staff), applicationId, reportId, {
        body: "x".repeat(4001),
      }),
    ).toEqual({ ok: false, error: "tooLong" });
    const added = await addReportComment(
      t.db,
      ctx(staff.id),
      sessionUserOf(staff),
      applicationId,
      reportId,
      { body: "  Strong quarter: keep the pilot going.  " },
    );
    expect(added).toMatchObject({ ok: true });

    const notes = await t.db
      .selectFrom("notification")
      .select(["user_id", "link"])
      .where("kind", "=", "incubation_report_comment")
      .execute();
    // The owner is a reporter; the plain member is not (ADR 0033) and is not told.
    expect(notes).toEqual([{ user_id: owner.id, link: `/applications/${applicationId}` }]);
    const log = await t.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "incubation.report_comment")
      .execute();
    expect(log).toEqual([{ entity_id: applicationId }]);
  });

  it("the company's reporters read the comments; other members and other companies do not", async () => {
    const seen = await companyReportComments(t.db, ownerUser(), applicationId, [reportId]);
    expect(seen[reportId]?.map((c) => [c.body, c.author_role])).toEqual([
      ["Strong quarter: keep the pilot going.", "staff"],
    ]);
    expect(await companyReportComments(t.db, memberUser(), applicationId, [reportId])).toEqual({});
  });

  it("anyone but incubation staff, and any report not the incubatee's, is notFound", async () => {
    for (const viewer of [sessionUserOf(stranger), ownerUser(), memberUser()]) {
      expect(await programmeReport(t.db, viewer, applicationId, reportId)).toEqual({
        ok: false,
        error: "notFound",
      });
      expect(
        await addReportComment(t.db, ctx(viewer.id), viewer, applicationId, reportId, {
          body: "Hello",
        }),
      ).toEqual({ ok: false, error: "notFound" });
    }
    // Another company's report, asked through this incubation.
    const other = await insertCompany(t.db, { owner: (await insertUser(t.db)).id });
    const period = await t.db
      .selectFrom("report")
      .select("period_id")
      .where("id", "=", reportId)
      .executeTakeFirstOrThrow();
    const foreign = await t.db
      .insertInto("report")
      .values({ period_id: period.period_id, company_id: other.id, status: "submitted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await programmeReport(t.db, sessionUserOf(staff), applicationId, foreign.id)).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await programmeReport(t.db, sessionUserOf(staff), "not-a-uuid", reportId)).toEqual({
      ok: false,
      error: "notFound",
    });
  });
});
