import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCall, insertCompany, insertUser } from "../../tests/support/factories";
import type { ParkRole } from "~/auth/permissions";
import {
  addComment,
  assignReviewers,
  declareConflict,
  draftDecision,
  exportCallCsv,
  getApplicationForCompany,
  getApplicationForStaff,
  getDocumentForUser,
  getReviewForReviewer,
  letterFromTemplate,
  parseScores,
  listCallApplications,
  listPendingDecisions,
  releaseDecisions,
  saveStep,
  staffTransition,
  startApplication,
  submitApplication,
  submitReview,
  type Ctx,
} from "./incubation.server";
import { demoPdf } from "#db/seed/demo-incubation.server";
import { storeUpload } from "~/uploads/uploads.server";
import type { Question } from "./schema";
import type { Criterion } from "./scoring";

let t: TestDatabase;
const DAY = 86400_000;

const QUESTIONS: Question[] = [
  { key: "team", step: 1, labelEn: "Team", labelZh: "团队", required: true, maxLength: 500 },
  { key: "size", step: 1, labelEn: "Size", labelZh: "规模", required: false, maxLength: 50 },
  { key: "product", step: 2, labelEn: "Product", labelZh: "产品", required: true, maxLength: 500 },
];
const DOCUMENTS = [
  { key: "business_plan", labelEn: "Business plan", labelZh: "商业计划书", required: true },
];
const RUBRIC: Criterion[] = [
  { key: "team", labelEn: "Team", labelZh: "团队", weight: 2, max: 5 },
  { key: "market", labelEn: "Market", labelZh: "市场", weight: 1, max: 5 },
];

const user = async (email: string, opts: { locale?: "en" | "zh-CN"; role?: ParkRole } = {}) =>
  (
    await insertUser(t.db, {
      email,
      name: email.split("@")[0],
      locale: opts.locale,
      roles: opts.role ? [opts.role] : [],
    })
  ).id;

const company = async (name: string, [owner, ...members]: string[]) =>
  (await insertCompany(t.db, { nameEn: name, nameZh: name, owner, members })).id;

const call = (opts: { opens?: number; closes?: number } = {}) =>
  insertCall(t.db, {
    opensInDays: opts.opens,
    closesInDays: opts.closes,
    questions: QUESTIONS,
    documents: DOCUMENTS,
    rubric: RUBRIC,
  });

async function addDoc(applicationId: string) {
  const stored = await storeUpload(t.db, {
    bytes: demoPdf("Plan"),
    filename: "plan.pdf",
    allowedTypes: ["application/pdf"],
    maxBytes: 100_000,
    uploadedBy: null,
  });
  if (!stored.ok) throw new Error(stored.error);
  return (
    await t.db
      .insertInto("application_document")
      .values({
        application_id: applicationId,
        kind: "business_plan",
        stored_file_id: stored.file.id,
        filename: "plan.pdf",
        content_type: "application/pdf",
        size_bytes: 10,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });

let ownerA: string,
  memberA: string,
  ownerB: string,
  staff: string,
  rev1: string,
  rev2: string,
  rev3: string;
let companyA: string, companyB: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ownerA = await user("owner-a@test.example");
  memberA = await user("member-a@test.example", { locale: "zh-CN" });
  ownerB = await user("owner-b@test.example");
  staff = await user("staff@test.example", { role: "staff" });
  rev1 = await user("rev1@test.example", { role: "reviewer" });
  rev2 = await user("rev2@test.example", { role: "reviewer" });
  rev3 = await user("rev3@test.example", { role: "reviewer" });
  companyA = await company("Company A", [ownerA, memberA]);
  companyB = await company("Company B", [ownerB]);
});
afterAll(() => t.close());

/** A complete application of company A, submitted. */
async function submittedApplication(callId?: string) {
  const c = callId ?? (await call());
  const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, c);
  if (!started.ok) throw new Error(started.error);
  await saveStep(t.db, ctx(ownerA), companyA, started.id, 1, { team: "Two founders" }, 1);
  await saveStep(t.db, ctx(ownerA), companyA, started.id, 2, { product: "A sensor" }, 2);
  await addDoc(started.id);
  const res = await submitApplication(t.db, ctx(ownerA), companyA, started.id);
  expect(res).toEqual({ ok: true, already: false });
  return { callId: c, id: started.id };
}

async function inReview() {
  const app = await submittedApplication();
  expect((await staffTransition(t.db, ctx(staff), app.id, "start_screening")).ok).toBe(true);
  expect((await staffTransition(t.db, ctx(staff), app.id, "send_to_review")).ok).toBe(true);
  return app;
}

const scores = (team: number, market: number) => ({
  team: { score: team, comment: "ok" },
  market: { score: market, comment: "" },
});

describe("starting an application", () => {
  it("needs a company and an open call; one application per company and call", async () => {
    const open = await call();
    expect(await startApplication(t.db, ctx(ownerA), null, open)).toEqual({
      ok: false,
      error: "noCompany",
    });
    expect(
      await startApplication(
        t.db,
        ctx(ownerA),
        { id: companyA },
        await call({ opens: 2, closes: 5 }),
      ),
    ).toEqual({ ok: false, error: "notOpen" });
    expect(
      await startApplication(
        t.db,
        ctx(ownerA),
        { id: companyA },
        await call({ opens: -5, closes: -1 }),
      ),
    ).toEqual({ ok: false, error: "notOpen" });
    const first = await startApplication(t.db, ctx(ownerA), { id: companyA }, open);
    const second = await startApplication(t.db, ctx(memberA), { id: companyA }, open);
    expect(
      first.ok && second.ok && first.id === second.id && first.created && !second.created,
    ).toBe(true);
  });
});

describe("company scoping", () => {
  it("never shows company A's application or documents to company B (undefined => 404)", async () => {
    const app = await submittedApplication();
    const [doc] = await t.db
      .selectFrom("application_document")
      .select("id")
      .where("application_id", "=", app.id)
      .execute();
    expect(await getApplicationForCompany(t.db, companyB, app.id)).toBeUndefined();
    expect(await getApplicationForCompany(t.db, companyA, app.id)).toBeDefined();
    const b = { id: ownerB, roles: [], company: { id: companyB } };
    expect(await getDocumentForUser(t.db, b, app.id, doc!.id)).toBeUndefined();
    expect(
      await getDocumentForUser(
        t.db,
        { id: memberA, roles: [], company: { id: companyA } },
        app.id,
        doc!.id,
      ),
    ).toBeDefined();
    expect(
      await getDocumentForUser(
        t.db,
        { id: staff, roles: ["staff"], company: null },
        app.id,
        doc!.id,
      ),
    ).toBeDefined();
    // A reviewer sees it only while assigned and without a conflict.
    const reviewer = { id: rev1, roles: ["reviewer"], company: null };
    expect(await getDocumentForUser(t.db, reviewer, app.id, doc!.id)).toBeUndefined();
    await assignReviewers(t.db, ctx(staff), app.id, [rev1]);
    expect(await getDocumentForUser(t.db, reviewer, app.id, doc!.id)).toBeDefined();
    await declareConflict(t.db, ctx(rev1), app.id, "I advised them");
    expect(await getDocumentForUser(t.db, reviewer, app.id, doc!.id)).toBeUndefined();
    // Company B cannot save into or submit A's application either.
    expect(await saveStep(t.db, ctx(ownerB), companyB, app.id, 1, { team: "x" }, 1)).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await submitApplication(t.db, ctx(ownerB), companyB, app.id)).toEqual({
      ok: false,
      error: "notFound",
    });
  });

  it("hides internal comments and undelivered decisions from the company", async () => {
    const app = await submittedApplication();
    await addComment(t.db, ctx(staff), app.id, "Secret note");
    const seen = await getApplicationForCompany(t.db, companyA, app.id);
    expect(JSON.stringify(seen)).not.toContain("Secret note");
  });
});

describe("saving drafts", () => {
  it("saves only the step's own questions: posted status, company or other fields change nothing", async () => {
    const open = await call();
    const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, open);
    if (!started.ok) throw new Error();
    const res = await saveStep(
      t.db,
      ctx(ownerA),
      companyA,
      started.id,
      1,
      { team: "Us", product: "sneaky", status: "accepted", company_id: companyB, version: "99" },
      1,
    );
    expect(res).toEqual({ ok: true, version: 2 });
    const row = await t.db
      .selectFrom("application")
      .selectAll()
      .where("id", "=", started.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
    expect(row.company_id).toBe(companyA);
    expect(row.answers).toEqual({ team: "Us", size: "" });
    expect(row.last_saved_by).toBe(ownerA);
  });

  it("tells the second of two tabs that the draft changed and does not overwrite", async () => {
    const open = await call();
    const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, open);
    if (!started.ok) throw new Error();
    expect(
      (await saveStep(t.db, ctx(ownerA), companyA, started.id, 1, { team: "Tab one" }, 1)).ok,
    ).toBe(true);
    expect(
      await saveStep(t.db, ctx(memberA), companyA, started.id, 1, { team: "Tab two" }, 1),
    ).toEqual({ ok: false, error: "conflict", version: 2 });
    const row = await t.db
      .selectFrom("application")
      .select("answers")
      .where("id", "=", started.id)
      .executeTakeFirstOrThrow();
    expect((row.answers as Record<string, string>).team).toBe("Tab one");
  });

  it("refuses changes once submitted", async () => {
    const app = await submittedApplication();
    const row = await t.db
      .selectFrom("application")
      .select("version")
      .where("id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(
      await saveStep(t.db, ctx(ownerA), companyA, app.id, 1, { team: "changed" }, row.version),
    ).toEqual({ ok: false, error: "notEditable" });
  });
});

describe("submitting", () => {
  it("lists every gap at once: required answers and documents", async () => {
    const open = await call();
    const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, open);
    if (!started.ok) throw new Error();
    const res = await submitApplication(t.db, ctx(ownerA), companyA, started.id);
    expect(res.ok).toBe(false);
    if (res.ok || res.error !== "gaps") throw new Error("expected gaps");
    expect(res.gaps.map((g) => `${g.kind}:${g.key}:${g.step}`)).toEqual([
      "answer:team:1",
      "answer:product:2",
      "document:business_plan:5",
    ]);
  });

  it("refuses a draft at and after the close time", async () => {
    const c = await call({ opens: -5, closes: 1 });
    const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, c);
    if (!started.ok) throw new Error();
    await saveStep(t.db, ctx(ownerA), companyA, started.id, 1, { team: "x" }, 1);
    await saveStep(t.db, ctx(ownerA), companyA, started.id, 2, { product: "y" }, 2);
    await addDoc(started.id);
    const closes = (
      await t.db
        .selectFrom("incubation_call")
        .select("closes_at")
        .where("id", "=", c)
        .executeTakeFirstOrThrow()
    ).closes_at;
    expect(await submitApplication(t.db, ctx(ownerA), companyA, started.id, closes)).toEqual({
      ok: false,
      error: "closed",
    });
    expect(
      await submitApplication(
        t.db,
        ctx(ownerA),
        companyA,
        started.id,
        new Date(closes.getTime() - 1000),
      ),
    ).toEqual({ ok: true, already: false });
  });

  it("is idempotent: a double click makes one submission, one message, one email per member", async () => {
    const open = await call();
    const started = await startApplication(t.db, ctx(ownerA), { id: companyA }, open);
    if (!started.ok) throw new Error();
    await saveStep(t.db, ctx(ownerA), companyA, started.id, 1, { team: "x" }, 1);
    await saveStep(t.db, ctx(ownerA), companyA, started.id, 2, { product: "y" }, 2);
    await addDoc(started.id);
    const results = await Promise.all([
      submitApplication(t.db, ctx(ownerA), companyA, started.id),
      submitApplication(t.db, ctx(ownerA), companyA, started.id),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const messages = await t.db
      .selectFrom("application_message")
      .select("status")
      .where("application_id", "=", started.id)
      .execute();
    expect(messages).toEqual([{ status: "submitted" }]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("entity_id", "=", started.id)
      .where("action", "=", "incubation.application.status")
      .execute();
    expect(audits).toHaveLength(1);
    const mails = await t.db
      .selectFrom("email")
      .select(["to_address", "subject", "locale"])
      .where("template", "=", "incubationStatus")
      .where("text_body", "like", `%${started.id}%`)
      .orderBy("to_address")
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual([
      "member-a@test.example",
      "owner-a@test.example",
    ]);
    expect(mails[0]!.locale).toBe("zh-CN");
    expect(mails[0]!.subject).toContain("已提交");
    expect(mails[1]!.subject).toContain("Submitted");
  });
});

describe("screening and more information", () => {
  it("reopens the application with staff's question; the applicant resubmits even after the deadline", async () => {
    const c = await call({ opens: -5, closes: 1 });
    const app = await submittedApplication(c);
    expect(await staffTransition(t.db, ctx(staff), app.id, "send_to_review")).toEqual({
      ok: false,
      error: "refused",
    });
    expect((await staffTransition(t.db, ctx(staff), app.id, "start_screening")).ok).toBe(true);
    expect(
      (
        await staffTransition(
          t.db,
          ctx(staff),
          app.id,
          "request_info",
          "Please add revenue figures.",
        )
      ).ok,
    ).toBe(true);
    const seen = await getApplicationForCompany(t.db, companyA, app.id);
    expect(seen?.status).toBe("info_requested");
    expect(seen?.messages.find((m) => m.kind === "info_request")?.body).toBe(
      "Please add revenue figures.",
    );
    const version = (
      await t.db
        .selectFrom("application")
        .select("version")
        .where("id", "=", app.id)
        .executeTakeFirstOrThrow()
    ).version;
    expect(
      (
        await saveStep(
          t.db,
          ctx(ownerA),
          companyA,
          app.id,
          1,
          { team: "Two founders, revenue 1m" },
          version,
        )
      ).ok,
    ).toBe(true);
    await t.db
      .updateTable("incubation_call")
      .set({ closes_at: new Date(Date.now() - DAY), opens_at: new Date(Date.now() - 5 * DAY) })
      .where("id", "=", c)
      .execute();
    expect(await submitApplication(t.db, ctx(ownerA), companyA, app.id)).toEqual({
      ok: true,
      already: false,
    });
    expect((await getApplicationForCompany(t.db, companyA, app.id))?.status).toBe("resubmitted");
  });
});

describe("review", () => {
  it("shows other reviewers' scores only after the reviewer submits their own", async () => {
    const app = await inReview();
    expect(await assignReviewers(t.db, ctx(staff), app.id, [rev1, rev2, rev1, ownerB])).toBe(2);
    expect(await getReviewForReviewer(t.db, rev3, app.id)).toBeUndefined();
    expect((await submitReview(t.db, ctx(rev1), app.id, scores(5, 4), "Strong")).ok).toBe(true);
    const before = await getReviewForReviewer(t.db, rev2, app.id);
    expect(before?.others).toBeNull();
    expect(JSON.stringify(before)).not.toContain("Strong");
    expect((await submitReview(t.db, ctx(rev2), app.id, scores(3, 3), "Average")).ok).toBe(true);
    const after = await getReviewForReviewer(t.db, rev2, app.id);
    expect(after?.others?.[0]?.total).toBeCloseTo(93.333, 2);
    // A second submission is a revision (issue 16): the latest counts, see care.test.ts.
    expect(await submitReview(t.db, ctx(rev2), app.id, scores(5, 5), "")).toEqual({
      ok: true,
      revised: true,
    });
  });

  it("removes a reviewer who declares a conflict, and their scores do not count", async () => {
    const app = await inReview();
    await assignReviewers(t.db, ctx(staff), app.id, [rev1, rev3]);
    expect((await submitReview(t.db, ctx(rev1), app.id, scores(5, 5), "")).ok).toBe(true);
    expect(await declareConflict(t.db, ctx(rev3), app.id, "Former employer")).toBe(true);
    expect(await getReviewForReviewer(t.db, rev3, app.id)).toBeUndefined();
    expect((await submitReview(t.db, ctx(rev3), app.id, scores(1, 1), "")).ok).toBe(false);
    const staffView = await getApplicationForStaff(t.db, app.id);
    expect(staffView?.totals).toEqual({ weightedMean: 100, normalised: 0, reviews: 1 });
    const list = await listCallApplications(t.db, app.callId);
    expect(list[0]?.assigned).toBe(1);
  });

  it("reads only the rubric's scores from a posted form (extra fields change nothing)", () => {
    const { scores: parsed, errors } = parseScores(RUBRIC, {
      score_team: "5",
      score_market: "9",
      comment_team: "Good",
      submitted_at: "2020-01-01",
      reviewer_id: rev2,
      score_extra: "5",
    });
    expect(parsed).toEqual({
      team: { score: 5, comment: "Good" },
      market: { score: 9, comment: "" },
    });
    expect(errors).toEqual({ score_market: "incubation:errors.score" });
  });

  it("refuses scores before the application is in review", async () => {
    const app = await submittedApplication();
    await assignReviewers(t.db, ctx(staff), app.id, [rev1]);
    expect(await submitReview(t.db, ctx(rev1), app.id, scores(5, 5), "")).toEqual({
      ok: false,
      error: "notInReview",
    });
  });
});

describe("decisions", () => {
  it("releases only the decisions the person saw; one edited meanwhile stays pending (issue 11)", async () => {
    const c = await call();
    const a = await inReviewFor(c, companyA, ownerA);
    const b = await inReviewFor(c, companyB, ownerB);
    // Rejections: the test below counts on company B not becoming a resident.
    const draft = (id: string, letter: string) =>
      draftDecision(t.db, ctx(staff), id, { outcome: "rejected", letter, locale: "en" });
    await draft(a, "Sorry, A.");
    await draft(b, "Sorry, B.");
    const shown = (await listPendingDecisions(t.db, c)).map((p) => p.stamp);
    await draft(b, "Sorry, B. (edited by a colleague)");
    expect(await releaseDecisions(t.db, ctx(staff), c, shown)).toEqual({
      released: 1,
      skipped: 0,
      changed: 1,
    });
    expect((await getApplicationForCompany(t.db, companyB, b))?.status).toBe("in_review");
    const again = (await listPendingDecisions(t.db, c)).map((p) => p.stamp);
    expect(await releaseDecisions(t.db, ctx(staff), c, again)).toEqual({
      released: 1,
      skipped: 0,
      changed: 0,
    });
  });

  it("keeps drafts hidden until released together; acceptance makes an offer, not yet a resident", async () => {
    const c = await call();
    const a = await inReviewFor(c, companyA, ownerA);
    const b = await inReviewFor(c, companyB, ownerB);
    expect(
      (
        await draftDecision(t.db, ctx(staff), a, {
          outcome: "accepted",
          letter: "Welcome, A.",
          locale: "en",
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await draftDecision(t.db, ctx(staff), b, {
          outcome: "rejected",
          letter: "Sorry, B.",
          locale: "en",
        })
      ).ok,
    ).toBe(true);
    const before = await getApplicationForCompany(t.db, companyA, a);
    expect(before?.status).toBe("in_review");
    expect(before?.decision_letter).toBeNull();
    expect(JSON.stringify(before)).not.toContain("Welcome, A.");

    expect(await releaseDecisions(t.db, ctx(staff), c)).toEqual({
      released: 2,
      skipped: 0,
      changed: 0,
    });
    const afterA = await getApplicationForCompany(t.db, companyA, a);
    expect(afterA?.status).toBe("accepted");
    expect(afterA?.decision_letter).toBe("Welcome, A.");
    expect((await getApplicationForCompany(t.db, companyB, b))?.status).toBe("rejected");
    const companies = await t.db
      .selectFrom("company")
      .select(["id", "is_resident", "resident_since"])
      .where("id", "in", [companyA, companyB])
      .execute();
    // Issue 16: an offer to accept and an agreement to sign first (offer.test.ts).
    expect(companies.find((x) => x.id === companyA)?.is_resident).toBe(false);
    expect(companies.find((x) => x.id === companyB)?.is_resident).toBe(false);
    const offers = await t.db
      .selectFrom("incubation_offer")
      .select(["application_id", "status"])
      .where("application_id", "in", [a, b])
      .execute();
    expect(offers).toEqual([{ application_id: a, status: "offered" }]);
    // Released decisions cannot be redrafted; a second release does nothing.
    expect(
      await draftDecision(t.db, ctx(staff), a, { outcome: "rejected", letter: "x", locale: "en" }),
    ).toEqual({ ok: false, error: "refused" });
    expect(await releaseDecisions(t.db, ctx(staff), c)).toEqual({
      released: 0,
      skipped: 0,
      changed: 0,
    });
    const decisionMail = await t.db
      .selectFrom("email")
      .select("to_address")
      .where("template", "=", "incubationDecision")
      .where("text_body", "like", `%${a}%`)
      .execute();
    expect(decisionMail.length).toBe(2);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", a)
      .where("action", "=", "incubation.application.decision")
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("refuses an outcome the state machine does not allow", async () => {
    const app = await submittedApplication();
    expect(
      await draftDecision(t.db, ctx(staff), app.id, {
        outcome: "accepted",
        letter: "x",
        locale: "en",
      }),
    ).toEqual({ ok: false, error: "refused" });
    expect(
      (
        await draftDecision(t.db, ctx(staff), app.id, {
          outcome: "rejected",
          letter: "Not eligible.",
          locale: "en",
        })
      ).ok,
    ).toBe(true);
  });
});

describe("letter templates", () => {
  it("fill the placeholders in the applicant's language", () => {
    const app = {
      company_en: "Northlight AI",
      company_zh: "北光智能",
      call_title_en: "Spring 2027",
      call_title_zh: "2027 春季",
      programme_en: "Accelerator",
      programme_zh: "加速器",
    };
    expect(letterFromTemplate("accepted", "en", app)).toMatch(
      /^Dear Northlight AI,[\s\S]*Spring 2027 of the Accelerator/,
    );
    expect(letterFromTemplate("rejected", "zh-CN", app)).toMatch(
      /^北光智能：[\s\S]*加速器“2027 春季”/,
    );
  });
});

describe("CSV export", () => {
  it("lists submitted applications with scores and neutralises formula cells", async () => {
    const c = await call();
    const app = await inReviewFor(c, companyB, ownerB);
    await t.db
      .updateTable("company")
      .set({ name_en: '=HYPERLINK("http://x")' })
      .where("id", "=", companyB)
      .execute();
    await assignReviewers(t.db, ctx(staff), app, [rev1]);
    await submitReview(t.db, ctx(rev1), app, scores(4, 2), "");
    const csv = await exportCallCsv(t.db, c);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("weighted_mean");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain("66.67");
    await t.db
      .updateTable("company")
      .set({ name_en: "Company B" })
      .where("id", "=", companyB)
      .execute();
  });
});

async function inReviewFor(callId: string, companyId: string, owner: string): Promise<string> {
  const started = await startApplication(t.db, ctx(owner), { id: companyId }, callId);
  if (!started.ok) throw new Error(started.error);
  const v = (
    await t.db
      .selectFrom("application")
      .select("version")
      .where("id", "=", started.id)
      .executeTakeFirstOrThrow()
  ).version;
  await saveStep(t.db, ctx(owner), companyId, started.id, 1, { team: "t" }, v);
  await saveStep(t.db, ctx(owner), companyId, started.id, 2, { product: "p" }, v + 1);
  await addDoc(started.id);
  expect((await submitApplication(t.db, ctx(owner), companyId, started.id)).ok).toBe(true);
  await staffTransition(t.db, ctx(staff), started.id, "start_screening");
  await staffTransition(t.db, ctx(staff), started.id, "send_to_review");
  return started.id;
}
