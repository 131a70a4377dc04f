/**
 * One transaction per change (ADR 0021): a write, its audit entry and its queued emails commit
 * together or not at all. Each case makes the audit insert (or the job insert behind an email)
 * fail inside the database, as a full disk or a lost connection would, and shows that the
 * change itself was not written; then, with the refusal lifted, that the same call writes it
 * (so the refusal really was on that function's path).
 */
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import {
  insertApplication,
  insertCompany,
  insertProgramme,
  insertUser,
} from "../support/factories";
import { allowAllInserts, installRefusals, refuseInserts } from "../support/refuse";
import { logIn, logOut, sendVerification, updateProfile } from "~/accounts/accounts.server";
import { hashPassword } from "~/auth/password.server";
import type { ParkRole } from "~/auth/permissions";
import { createSession } from "~/auth/session.server";
import {
  createProgramme,
  declareConflict,
  draftDecision,
  releaseDecisions,
  saveCall,
  staffTransition,
  startApplication,
  submitReview,
  unassignReviewer,
  type Ctx,
} from "~/incubation/incubation.server";
import type { CallInput } from "~/incubation/schema";
import { saveCategory, saveTag } from "~/news/news.server";
import { deleteParkRow, saveIndustry, saveRanking } from "~/park/park.server";
import {
  addTeamMember,
  createTeam,
  createType,
  setTarget,
  upsertCalendarDay,
} from "~/service-requests/catalogue.server";

let t: TestDatabase;
let admin: string;
let reviewer: string;
let owner: string;
let companyId: string;
let programmeId: string;
let callId: string;

const uid = () => crypto.randomBytes(4).toString("hex");
const DAY = 86400_000;

const user = async (role?: ParkRole, passwordHash?: string) =>
  (await insertUser(t.db, { roles: role ? [role] : [], passwordHash })).id;

const ctx = (userId: string): Ctx => ({ userId, ip: "192.0.2.1", origin: "http://portal.test" });
const actor = () => ({ id: admin, roles: ["admin" as const], company: null });

function callInput(slug: string, title = "Call"): CallInput {
  return {
    programmeId,
    slug,
    titleEn: title,
    titleZh: "批次",
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 10 * DAY),
    places: 5,
    eligibilityEn: "",
    eligibilityZh: "",
    questions: [],
    documents: [],
    rubric: [],
  };
}

/** An application of a fresh company, in a status, with optional drafted decision. */
const application = (status: string, decision?: "accepted" | "rejected", inCall = callId) =>
  insertApplication(t.db, { callId: inCall, status, decision });

async function assign(applicationId: string) {
  await t.db
    .insertInto("review_assignment")
    .values({ application_id: applicationId, reviewer_id: reviewer, assigned_by: admin })
    .execute();
}

/**
 * With the insert refused, `change` fails and `written` stays false; with it allowed, the same
 * `change` succeeds and `written` turns true.
 */
async function provesAtomic(
  refusal: Parameters<typeof refuseInserts>,
  change: () => Promise<unknown>,
  written: () => Promise<boolean>,
) {
  await refuseInserts(...refusal);
  await expect(change()).rejects.toThrow(/test: insert into \w+ refused/);
  expect(await written()).toBe(false);
  await allowAllInserts(t.db);
  await change();
  expect(await written()).toBe(true);
}

const auditRefused = (action: string): Parameters<typeof refuseInserts> => [
  t.db,
  "audit_log",
  "action",
  action,
];

beforeAll(async () => {
  t = await createTestDatabase();
  await installRefusals(t.db);
  admin = await user("admin");
  reviewer = await user("reviewer");
  owner = await user();
  companyId = (await insertCompany(t.db, { nameEn: "Owner Co", owner })).id;
  programmeId = await insertProgramme(t.db);
  const created = await saveCall(t.db, ctx(admin), callInput(`c-${uid()}`));
  if (!created.ok) throw new Error(created.error);
  callId = created.id;
});
afterEach(() => allowAllInserts(t.db));
afterAll(() => t.close());

describe("incubation: the row and its audit entry commit together", () => {
  it("createProgramme", async () => {
    const slug = `p-${uid()}`;
    await provesAtomic(
      auditRefused("incubation.programme.create"),
      () => createProgramme(t.db, ctx(admin), { slug, nameEn: "P", nameZh: "P" }),
      async () =>
        !!(await t.db
          .selectFrom("incubation_programme")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst()),
    );
  });

  it("saveCall, creating and updating", async () => {
    const slug = `c-${uid()}`;
    await provesAtomic(
      auditRefused("incubation.call.create"),
      () => saveCall(t.db, ctx(admin), callInput(slug)),
      async () =>
        !!(await t.db
          .selectFrom("incubation_call")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst()),
    );
    const id = (
      await t.db
        .selectFrom("incubation_call")
        .select("id")
        .where("slug", "=", slug)
        .executeTakeFirstOrThrow()
    ).id;
    await provesAtomic(
      auditRefused("incubation.call.update"),
      () => saveCall(t.db, ctx(admin), callInput(slug, "Renamed"), id),
      async () =>
        (
          await t.db
            .selectFrom("incubation_call")
            .select("title_en")
            .where("id", "=", id)
            .executeTakeFirstOrThrow()
        ).title_en === "Renamed",
    );
  });

  it("startApplication", async () => {
    await provesAtomic(
      auditRefused("incubation.application.create"),
      () => startApplication(t.db, ctx(owner), { id: companyId }, callId),
      async () =>
        !!(await t.db
          .selectFrom("application")
          .select("id")
          .where("company_id", "=", companyId)
          .executeTakeFirst()),
    );
  });

  it("submitReview, declareConflict and unassignReviewer", async () => {
    const app = await application("in_review");
    await assign(app);
    const assignment = () =>
      t.db
        .selectFrom("review_assignment")
        .selectAll()
        .where("application_id", "=", app)
        .executeTakeFirst();
    await provesAtomic(
      auditRefused("incubation.review.submit"),
      () => submitReview(t.db, ctx(reviewer), app, {}, "Fine"),
      async () => !!(await assignment())?.submitted_at,
    );

    const other = await application("in_review");
    await assign(other);
    await provesAtomic(
      auditRefused("incubation.review.conflict"),
      () => declareConflict(t.db, ctx(reviewer), other, "I advised them"),
      async () =>
        !!(
          await t.db
            .selectFrom("review_assignment")
            .select("conflict_declared_at")
            .where("application_id", "=", other)
            .executeTakeFirstOrThrow()
        ).conflict_declared_at,
    );

    const third = await application("in_review");
    await assign(third);
    await provesAtomic(
      auditRefused("incubation.review.unassign"),
      () => unassignReviewer(t.db, ctx(admin), third, reviewer),
      async () =>
        !(await t.db
          .selectFrom("review_assignment")
          .select("reviewer_id")
          .where("application_id", "=", third)
          .executeTakeFirst()),
    );
  });

  it("draftDecision", async () => {
    const app = await application("in_review");
    await provesAtomic(
      auditRefused("incubation.decision.draft"),
      () =>
        draftDecision(t.db, ctx(admin), app, { outcome: "accepted", letter: "Yes", locale: "en" }),
      async () =>
        (
          await t.db
            .selectFrom("application")
            .select("decision_outcome")
            .where("id", "=", app)
            .executeTakeFirstOrThrow()
        ).decision_outcome === "accepted",
    );
  });

  it("a status change whose email cannot be queued changes nothing", async () => {
    const app = await application("submitted");
    const status = async () =>
      (
        await t.db
          .selectFrom("application")
          .select("status")
          .where("id", "=", app)
          .executeTakeFirstOrThrow()
      ).status;
    await provesAtomic(
      [t.db, "job", "task", "send-email"],
      () => staffTransition(t.db, ctx(admin), app, "start_screening"),
      async () => (await status()) === "screening",
    );
  });

  it("releaseDecisions releases all of a call's decisions or none (ADR 0021)", async () => {
    const call = await saveCall(t.db, ctx(admin), callInput(`c-${uid()}`));
    if (!call.ok) throw new Error(call.error);
    const a = await application("in_review", "accepted", call.id);
    const b = await application("in_review", "rejected", call.id);
    const state = () =>
      t.db
        .selectFrom("application")
        .select(["id", "status", "decision_released_at"])
        .where("id", "in", [a, b])
        .execute();
    const decisionEmails = async () =>
      (
        await t.db
          .selectFrom("email")
          .select("id")
          .where("template", "=", "incubationDecision")
          .execute()
      ).length;
    // The second application's audit entry fails: the first one's release is undone too.
    await refuseInserts(t.db, "audit_log", "entity_id", b);
    await expect(releaseDecisions(t.db, ctx(admin), call.id)).rejects.toThrow(/refused/);
    expect((await state()).every((r) => r.status === "in_review" && !r.decision_released_at)).toBe(
      true,
    );
    expect(await decisionEmails()).toBe(0);
    await allowAllInserts(t.db);
    expect(await releaseDecisions(t.db, ctx(admin), call.id)).toEqual({
      released: 2,
      skipped: 0,
      changed: 0,
    });
    expect((await state()).every((r) => r.decision_released_at !== null)).toBe(true);
    expect(await decisionEmails()).toBe(2);
  });
});

describe("park, news and the service catalogue: the edit and its audit entry commit together", () => {
  it("park rankings, industries and deletions", async () => {
    const measure = `m_${uid()}`;
    const ranking = () =>
      t.db
        .selectFrom("park_ranking")
        .select("id")
        .where("measure", "=", measure)
        .executeTakeFirst();
    await provesAtomic(
      auditRefused("park.ranking.save"),
      () =>
        saveRanking(t.db, actor(), {
          year: 2026,
          measure,
          measureEn: "M",
          measureZh: "M",
          rank: 3,
          featured: false,
          position: 0,
        }),
      async () => !!(await ranking()),
    );
    const id = (await ranking())!.id;
    await provesAtomic(
      auditRefused("park.row.delete"),
      () => deleteParkRow(t.db, actor(), "park_ranking", id),
      async () => !(await ranking()),
    );
    const name = `Industry ${uid()}`;
    await provesAtomic(
      auditRefused("park.industry.save"),
      () =>
        saveIndustry(t.db, actor(), {
          nameEn: name,
          nameZh: "产业",
          summaryEn: "",
          summaryZh: "",
          position: 0,
        }),
      async () =>
        !!(await t.db
          .selectFrom("park_industry")
          .select("id")
          .where("name_en", "=", name)
          .executeTakeFirst()),
    );
  });

  it("news categories and tags", async () => {
    const slug = `s-${uid()}`;
    await provesAtomic(
      auditRefused("news.category.save"),
      () => saveCategory(t.db, actor(), { slug, nameEn: "C", nameZh: "C" }),
      async () =>
        !!(await t.db
          .selectFrom("news_category")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst()),
    );
    await provesAtomic(
      auditRefused("news.tag.save"),
      () => saveTag(t.db, actor(), { slug, nameEn: "T", nameZh: "T" }),
      async () =>
        !!(await t.db
          .selectFrom("news_tag")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst()),
    );
  });

  it("service types, SLA targets, calendar days and teams", async () => {
    const who = { id: admin, ip: "192.0.2.1" };
    const code = `t${uid()}`;
    const category = await t.db
      .insertInto("service_category")
      .values({ code: `c${uid()}`, name_en: "C", name_zh: "C" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const type = () =>
      t.db.selectFrom("service_type").select("id").where("code", "=", code).executeTakeFirst();
    await provesAtomic(
      auditRefused("service_type.create"),
      () =>
        createType(t.db, who, {
          code,
          categoryId: category.id,
          nameEn: "T",
          nameZh: "T",
          descriptionEn: "",
          descriptionZh: "",
          defaultTeamId: null,
          residentOnly: false,
          active: true,
        }),
      async () => !!(await type()),
    );
    const typeId = (await type())!.id;
    await provesAtomic(
      auditRefused("service_sla.update"),
      () => setTarget(t.db, who, typeId, "high", 30, 240),
      async () =>
        !!(await t.db
          .selectFrom("service_sla_target")
          .select("type_id")
          .where("type_id", "=", typeId)
          .executeTakeFirst()),
    );
    await provesAtomic(
      auditRefused("business_calendar.upsert"),
      () =>
        upsertCalendarDay(t.db, who, {
          day: "2031-05-01",
          kind: "holiday",
          name_en: "Labour Day",
          name_zh: "劳动节",
        }),
      async () =>
        !!(await t.db
          .selectFrom("business_calendar_day")
          .select("kind")
          .where("day", "=", "2031-05-01")
          .executeTakeFirst()),
    );
    const teamCode = `team${uid()}`;
    await createTeam(t.db, who, { code: teamCode, nameEn: "Team", nameZh: "团队" });
    const team = await t.db
      .selectFrom("service_team")
      .select("id")
      .where("code", "=", teamCode)
      .executeTakeFirstOrThrow();
    await provesAtomic(
      auditRefused("service_team.member_add"),
      () => addTeamMember(t.db, who, team.id, admin),
      async () =>
        !!(await t.db
          .selectFrom("service_team_member")
          .select("user_id")
          .where("team_id", "=", team.id)
          .executeTakeFirst()),
    );
  });
});

describe("accounts: the change, its audit entry and its email commit together", () => {
  it("updateProfile (a new name)", async () => {
    const id = await user();
    await provesAtomic(
      auditRefused("user.profile_update"),
      () => updateProfile(t.db, id, { name: "New Name" }),
      async () =>
        (
          await t.db
            .selectFrom("app_user")
            .select("name")
            .where("id", "=", id)
            .executeTakeFirstOrThrow()
        ).name === "New Name",
    );
  });

  it("logIn and logOut", async () => {
    const id = await user(undefined, await hashPassword("correct horse battery"));
    const email = (
      await t.db
        .selectFrom("app_user")
        .select("email")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).email;
    const sessions = async () =>
      (await t.db.selectFrom("session").select("id").where("user_id", "=", id).execute()).length;
    await provesAtomic(
      auditRefused("user.login"),
      () => logIn(t.db, { email, password: "correct horse battery" }, { ip: "192.0.2.1" }),
      async () => (await sessions()) === 1,
    );
    const other = await user();
    const session = await createSession(t.db, other);
    const { hashToken } = await import("~/auth/tokens.server");
    await provesAtomic(
      auditRefused("user.logout"),
      () => logOut(t.db, { sessionId: hashToken(session.token), userId: other }, {}),
      async () =>
        !(await t.db
          .selectFrom("session")
          .select("id")
          .where("user_id", "=", other)
          .executeTakeFirst()),
    );
  });

  it("sendVerification: no new link unless its email is queued", async () => {
    const id = await user();
    const u = await t.db
      .selectFrom("app_user")
      .select(["id", "name", "email", "locale"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await provesAtomic(
      [t.db, "job", "task", "send-email"],
      () => sendVerification(t.db, u, { origin: "http://portal.test" }),
      async () =>
        !!(await t.db
          .selectFrom("user_token")
          .select("id")
          .where("user_id", "=", id)
          .executeTakeFirst()),
    );
  });
});
