/**
 * Issue 16, an application nobody can lose: withdrawal with undo and a new application to the
 * same call, partial and revised reviews (each revision kept), and the notifications every
 * application event writes for the company and for staff.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCall, insertCompany, insertUser } from "../../tests/support/factories";
import type { ParkRole } from "~/auth/permissions";
import {
  assignReviewers,
  getApplicationForStaff,
  getReviewForReviewer,
  listReviewRevisions,
  parseScores,
  saveReviewDraft,
  saveStep,
  staffTransition,
  startApplication,
  submitApplication,
  submitReview,
  undoWithdrawal,
  withdrawApplication,
  draftDecision,
  releaseDecisions,
  type Ctx,
} from "./incubation.server";
import type { Question } from "./schema";
import type { Criterion } from "./scoring";

let t: TestDatabase;
const DAY = 86400_000;
const QUESTIONS: Question[] = [
  { key: "team", step: 1, labelEn: "Team", labelZh: "团队", required: true, maxLength: 500 },
];
const RUBRIC: Criterion[] = [
  { key: "team", labelEn: "Team", labelZh: "团队", weight: 2, max: 5 },
  { key: "market", labelEn: "Market", labelZh: "市场", weight: 1, max: 5 },
];
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
const user = async (email: string, role?: ParkRole) =>
  (await insertUser(t.db, { email, name: email.split("@")[0], roles: role ? [role] : [] })).id;

let owner: string, member: string, staff: string, rev1: string, rev2: string;
let companyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await user("care-owner@test.example");
  member = await user("care-member@test.example");
  staff = await user("care-staff@test.example", "staff");
  rev1 = await user("care-rev1@test.example", "reviewer");
  rev2 = await user("care-rev2@test.example", "reviewer");
  companyId = (
    await insertCompany(t.db, { nameEn: "Care Co", nameZh: "关怀公司", owner, members: [member] })
  ).id;
});
afterAll(() => t.close());

const newCall = (closesInDays = 10) =>
  insertCall(t.db, { closesInDays, questions: QUESTIONS, rubric: RUBRIC, titleEn: "Care call" });

async function submitted(callId: string) {
  const started = await startApplication(t.db, ctx(owner), { id: companyId }, callId);
  if (!started.ok) throw new Error(started.error);
  await saveStep(t.db, ctx(owner), companyId, started.id, 1, { team: "Two founders" }, 1);
  expect((await submitApplication(t.db, ctx(owner), companyId, started.id)).ok).toBe(true);
  return started.id;
}

const statusOf = async (id: string) =>
  (
    await t.db
      .selectFrom("application")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).status;

const notifications = (userId: string) =>
  t.db
    .selectFrom("notification")
    .select(["kind", "link"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();

describe("withdrawing", () => {
  it("can be undone until the deadline, back to the state it left", async () => {
    const callId = await newCall();
    const id = await submitted(callId);
    expect(await withdrawApplication(t.db, ctx(owner), companyId, id)).toEqual({
      ok: true,
      to: "withdrawn",
    });
    expect(await undoWithdrawal(t.db, ctx(member), companyId, id)).toEqual({
      ok: true,
      to: "submitted",
    });
    expect(await statusOf(id)).toBe("submitted");
    // Not after the deadline.
    await withdrawApplication(t.db, ctx(owner), companyId, id);
    const late = new Date(Date.now() + 11 * DAY);
    expect(await undoWithdrawal(t.db, ctx(owner), companyId, id, late)).toEqual({
      ok: false,
      error: "closed",
    });
    expect(await statusOf(id)).toBe("withdrawn");
  });

  it("lets the company start a new application to the same call; the old one then stays withdrawn", async () => {
    const callId = await newCall();
    const first = await submitted(callId);
    await withdrawApplication(t.db, ctx(owner), companyId, first);
    const again = await startApplication(t.db, ctx(owner), { id: companyId }, callId);
    expect(again.ok && again.created && again.id !== first).toBe(true);
    // A second start finds the new one (one live application per company and call).
    const twice = await startApplication(t.db, ctx(member), { id: companyId }, callId);
    expect(twice.ok && again.ok && twice.id === again.id && !twice.created).toBe(true);
    expect(await undoWithdrawal(t.db, ctx(owner), companyId, first)).toEqual({
      ok: false,
      error: "replaced",
    });
    // The database holds it too: a second live application is refused by the partial index.
    await expect(
      t.db.updateTable("application").set({ status: "draft" }).where("id", "=", first).execute(),
    ).rejects.toThrow();
  });

  it("is refused for another company's application and once decided", async () => {
    const callId = await newCall();
    const id = await submitted(callId);
    const other = (await insertCompany(t.db, { nameEn: "Other", nameZh: "其他", owner: rev1 })).id;
    expect((await withdrawApplication(t.db, ctx(rev1), other, id)).ok).toBe(false);
    expect(await statusOf(id)).toBe("submitted");
  });
});

describe("reviews", () => {
  async function inReview() {
    const id = await submitted(await newCall());
    await staffTransition(t.db, ctx(staff), id, "start_screening");
    await staffTransition(t.db, ctx(staff), id, "send_to_review");
    await assignReviewers(t.db, ctx(staff), id, [rev1, rev2]);
    return id;
  }
  const full = (team: number, market: number) => ({
    team: { score: team, comment: "team" },
    market: { score: market, comment: "" },
  });

  it("saves partial scores as a draft that counts nowhere until submitted", async () => {
    const id = await inReview();
    const { scores, errors } = parseScores(
      RUBRIC,
      { score_team: "4", score_market: "", comment_team: "Half way" },
      { partial: true },
    );
    expect(errors).toEqual({});
    expect((await saveReviewDraft(t.db, ctx(rev1), id, scores, "thinking")).ok).toBe(true);
    const mine = await getReviewForReviewer(t.db, rev1, id);
    expect(mine?.mine.scores.team).toEqual({ score: 4, comment: "Half way" });
    expect(mine?.mine.submitted_at).toBeNull();
    expect((await getApplicationForStaff(t.db, id))?.totals.reviews).toBe(0);
    // A submission still needs every score.
    expect(parseScores(RUBRIC, { score_team: "4", score_market: "" }).errors).toEqual({
      score_market: "incubation:errors.score",
    });
  });

  it("revises a submitted review until the decision is released, keeping every revision", async () => {
    const id = await inReview();
    expect(await submitReview(t.db, ctx(rev1), id, full(5, 5), "first")).toEqual({
      ok: true,
      revised: false,
    });
    expect(await submitReview(t.db, ctx(rev1), id, full(3, 3), "second")).toEqual({
      ok: true,
      revised: true,
    });
    const history = await listReviewRevisions(t.db, id, rev1);
    expect(history.map((r) => r.overall_comment)).toEqual(["second", "first"]);
    expect((await getApplicationForStaff(t.db, id))?.totals.weightedMean).toBeCloseTo(60, 5);
    const view = await getReviewForReviewer(t.db, rev1, id);
    expect(view?.canRevise).toBe(true);
    expect(view?.revisions).toHaveLength(2);
    // Staff heard of both: a submission and a revision.
    const kinds = (await notifications(staff)).map((n) => n.kind);
    expect(kinds).toContain("staff_review_submitted");
    expect(kinds).toContain("staff_review_revised");

    const app = await t.db
      .selectFrom("application")
      .select("call_id")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await draftDecision(t.db, ctx(staff), id, { outcome: "rejected", letter: "No.", locale: "en" });
    await releaseDecisions(t.db, ctx(staff), app.call_id);
    expect(await submitReview(t.db, ctx(rev1), id, full(1, 1), "too late")).toEqual({
      ok: false,
      error: "released",
    });
    expect(await listReviewRevisions(t.db, id, rev1)).toHaveLength(2);
  });
});

describe("notifications", () => {
  it("tells every member of the company of each event, and staff of a submission", async () => {
    const before = (await notifications(member)).length;
    const staffBefore = (await notifications(staff)).length;
    const id = await submitted(await newCall());
    await staffTransition(t.db, ctx(staff), id, "request_info", "Tell us more");
    const mine = (await notifications(member)).slice(before);
    expect(mine.map((n) => n.kind)).toEqual(["app_submitted", "app_info"]);
    expect(mine.every((n) => n.link === `/applications/${id}`)).toBe(true);
    const desk = (await notifications(staff)).slice(staffBefore);
    expect(desk).toEqual([
      { kind: "staff_app_submitted", link: `/desk/incubation/applications/${id}` },
    ]);
  });
});
