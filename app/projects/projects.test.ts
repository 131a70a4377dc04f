import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { allowAllInserts, installRefusals, refuseInserts } from "../../tests/support/refuse";
import { can, permissionsOf, type ParkRole } from "~/auth/permissions";
import { Forbidden } from "~/lib/result";
import { parseWithZod } from "@conform-to/zod/v4";
import { listProjects, parseProjectFilters, projectBoard } from "./list.server";
import { flagsOf, STAGES, type Stage } from "./pipeline";
import {
  addTranche,
  createProject,
  createProjectFromInquiry,
  getProject,
  moveProject,
  projectOfInquiry,
  removeTranche,
  setNextStep,
  updateProject,
  type ProjectActor,
} from "./projects.server";
import { sendProjectReminders } from "./reminders.server";
import { projectSchema, stageSchema, trancheSchema, type ProjectInput } from "./schema";
import { parseAmount } from "./money";
import { matchCountry } from "./countries";

let t: TestDatabase;
let promo: ProjectActor;
let promoZh: ProjectActor;
let admin: ProjectActor;
let desk: ProjectActor;
let industryId: string;

async function user(email: string, roles: ParkRole[], locale: "en" | "zh-CN" = "en") {
  const u = await t.db
    .insertInto("app_user")
    .values({ email, name: email.split("@")[0]!, password_hash: "x", locale })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
  return { id: u.id, roles, company: null };
}

const base: ProjectInput = {
  organisation: "Helio Robotics GmbH",
  country: "DE",
  parentGroup: "Helio Group",
  industryId: null,
  planKind: "rd_centre",
  investment: { minor: 5_000_000_000, currency: "EUR" },
  capital: null,
  jobsPlanned: 80,
  spaceType: "lab",
  areaMin: 800,
  areaMax: 1200,
  moveInOn: "2027-06-01",
  specialNeeds: "Clean room ISO 7",
  source: "event",
  ownerId: null,
  notes: "Met at the Hannover fair.",
  contacts: [{ name: "Anna Weber", title: "VP Asia", email: "anna@helio.example", phone: "" }],
};

async function newProject(input: Partial<ProjectInput> = {}, actor = promo) {
  const r = await createProject(t.db, actor, { ...base, industryId, ...input });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

async function versionOf(id: string) {
  return (
    await t.db
      .selectFrom("project")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).version;
}

/** Puts a project straight into a stage (bypassing the table) to test the moves out of it. */
async function force(id: string, stage: Stage) {
  const stopped = stage === "on_hold" || stage === "lost" ? "negotiating" : null;
  await t.db
    .updateTable("project")
    .set({ stage, stopped_stage: stopped, lost_reason: stage === "lost" ? "Budget cut" : null })
    .where("id", "=", id)
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  promo = await user("promo@test.example", ["promotion"]);
  promoZh = await user("promo-zh@test.example", ["promotion"], "zh-CN");
  admin = await user("admin@test.example", ["admin"]);
  desk = await user("desk@test.example", ["staff"]);
  industryId = (
    await t.db
      .insertInto("park_industry")
      .values({ name_en: "Integrated circuits", name_zh: "集成电路" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await installRefusals(t.db);
});
afterAll(() => t.close());

describe("permissions", () => {
  it("gives the pipeline to the promotion role and admins, not to desk staff", async () => {
    expect(can(promo, "update:project:any")).toBe(true);
    expect(can(admin, "read:project:any")).toBe(true);
    expect(can(desk, "read:project:any")).toBe(false);
    expect(can(desk, "update:project:any")).toBe(false);
    // The promotion role works the inquiries the pipeline starts from, nothing else of the desk.
    expect([...permissionsOf(promo)].sort()).toEqual(
      [
        "create:company:own",
        "read:inquiry:any",
        "read:project:any",
        "update:inquiry:any",
        "update:project:any",
      ].sort(),
    );
    await expect(createProject(t.db, desk, { ...base })).rejects.toBeInstanceOf(Forbidden);
    const id = await newProject();
    await expect(getProject(t.db, desk, id)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      listProjects(t.db, desk, parseProjectFilters(new URLSearchParams(), desk.id), null),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(moveProject(t.db, desk, id, 1, { to: "qualified" })).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect(await projectOfInquiry(t.db, desk, id)).toBeNull();
    // Admins may own projects; desk staff may not.
    expect((await createProject(t.db, admin, { ...base, ownerId: desk.id })).ok).toBe(false);
    expect((await createProject(t.db, admin, { ...base, ownerId: promo.id })).ok).toBe(true);
  });
});

describe("stages", () => {
  // Written out here, not derived from the table, so a change to the table must change this too.
  const ALLOWED: Record<Stage, Stage[]> = {
    new: ["qualified", "on_hold", "lost"],
    qualified: ["visit_planned", "new", "on_hold", "lost"],
    visit_planned: ["visited", "qualified", "on_hold", "lost"],
    visited: ["negotiating", "visit_planned", "on_hold", "lost"],
    negotiating: ["signed", "visit_planned", "on_hold", "lost"],
    signed: ["registered", "on_hold", "lost"],
    registered: ["moved_in", "on_hold", "lost"],
    moved_in: ["producing", "on_hold", "lost"],
    producing: [],
    // Stopped at negotiating (see force): reopening returns there.
    on_hold: ["negotiating", "lost"],
    lost: ["negotiating"],
  };

  it("allows exactly the moves of the table and refuses every other", async () => {
    const id = await newProject();
    for (const from of STAGES)
      for (const to of STAGES) {
        await force(id, from);
        const r = await moveProject(t.db, promo, id, await versionOf(id), {
          to,
          lostReason: to === "lost" ? "Chose another park" : undefined,
        });
        const expected = ALLOWED[from].includes(to);
        expect({ from, to, ok: r.ok }).toEqual({ from, to, ok: expected });
        if (!r.ok) expect(r.error).toBe("notAllowed");
      }
  });

  it("needs a reason to lose a project, remembers where it stopped and reopens there", async () => {
    const id = await newProject();
    const step = async (to: Stage, extra: { note?: string; lostReason?: string } = {}) =>
      moveProject(t.db, promo, id, await versionOf(id), { to, ...extra });
    expect((await step("qualified", { note: "Budget confirmed" })).ok).toBe(true);
    expect((await step("visit_planned")).ok).toBe(true);
    expect(await step("lost")).toEqual({ ok: false, error: "lostReason" });
    expect(await step("lost", { lostReason: "   " })).toEqual({ ok: false, error: "lostReason" });
    // The form's schema says the same before the domain is asked.
    const fd = new FormData();
    fd.set("to", "lost");
    expect(parseWithZod(fd, { schema: stageSchema }).status).toBe("error");
    expect((await step("lost", { lostReason: "Chose Suzhou" })).ok).toBe(true);
    let row = await t.db
      .selectFrom("project")
      .select(["stage", "stopped_stage", "lost_reason"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      stage: "lost",
      stopped_stage: "visit_planned",
      lost_reason: "Chose Suzhou",
    });
    expect((await step("visit_planned")).ok).toBe(true);
    row = await t.db
      .selectFrom("project")
      .select(["stage", "stopped_stage", "lost_reason"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: "visit_planned", stopped_stage: null, lost_reason: null });
    // On hold, then lost from on hold: still reopens where it stopped.
    expect((await step("on_hold")).ok).toBe(true);
    expect((await step("lost", { lostReason: "No budget this year" })).ok).toBe(true);
    expect((await step("visit_planned")).ok).toBe(true);

    const { events } = await getProject(t.db, promo, id);
    const moves = events
      .filter((e) => e.kind === "stage")
      .reverse()
      .map((e) => [e.from_stage, e.to_stage, e.note, e.actor_name]);
    expect(moves[0]).toEqual(["new", "qualified", "Budget confirmed", "promo"]);
    expect(moves.map((m) => m[1])).toEqual([
      "qualified",
      "visit_planned",
      "lost",
      "visit_planned",
      "on_hold",
      "lost",
      "visit_planned",
    ]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .where("action", "=", "project.stage")
      .execute();
    expect(audits).toHaveLength(7);
  });

  it("refuses a stale version and writes nothing when its audit entry cannot be written", async () => {
    const id = await newProject();
    expect(await moveProject(t.db, promo, id, 99, { to: "qualified" })).toEqual({
      ok: false,
      error: "conflict",
    });
    await refuseInserts(t.db, "audit_log", "action", "project.stage");
    await expect(moveProject(t.db, promo, id, 1, { to: "qualified" })).rejects.toThrow();
    await allowAllInserts(t.db);
    const row = await t.db
      .selectFrom("project")
      .select(["stage", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: "new", version: 1 });
    const events = await t.db
      .selectFrom("project_event")
      .select("kind")
      .where("project_id", "=", id)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("edits fields and contacts with a version and records what changed", async () => {
    const id = await newProject();
    const r = await updateProject(t.db, promo, id, 1, {
      ...base,
      industryId,
      jobsPlanned: 120,
      contacts: [...base.contacts, { name: "Li Na", title: "", email: "", phone: "+86 21 5555" }],
    });
    expect(r.ok).toBe(true);
    expect(await updateProject(t.db, promo, id, 1, { ...base, industryId })).toEqual({
      ok: false,
      error: "conflict",
    });
    const { project, contacts, events } = await getProject(t.db, promo, id);
    expect(project.jobs_planned).toBe(120);
    expect(project.move_in_on).toBe("2027-06-01");
    expect(contacts.map((c) => c.name)).toEqual(["Anna Weber", "Li Na"]);
    const edited = events.find((e) => e.kind === "edited");
    expect((edited?.details as { fields: string[] }).fields.sort()).toEqual(
      ["contacts", "jobs_planned"].sort(),
    );
  });
});

describe("capital tranches", () => {
  it("records dated tranches, removes one by mistake, and keeps both in the history", async () => {
    const id = await newProject();
    const first = await addTranche(t.db, promo, id, {
      minor: 2_000_000_000,
      currency: "EUR",
      arrivedOn: "2026-10-15",
      note: "First instalment",
    });
    const second = await addTranche(t.db, promo, id, {
      minor: 1_500_000_000,
      currency: "EUR",
      arrivedOn: "2026-11-20",
      note: "",
    });
    expect(first.ok && second.ok).toBe(true);
    if (!second.ok) return;
    let { tranches } = await getProject(t.db, promo, id);
    expect(tranches.map((x) => [x.amount_minor, x.arrived_on])).toEqual([
      [2_000_000_000, "2026-10-15"],
      [1_500_000_000, "2026-11-20"],
    ]);
    expect((await removeTranche(t.db, promo, id, second.trancheId)).ok).toBe(true);
    expect(await removeTranche(t.db, promo, id, second.trancheId)).toEqual({
      ok: false,
      error: "notFound",
    });
    ({ tranches } = await getProject(t.db, promo, id));
    expect(tranches).toHaveLength(1);
    const { events } = await getProject(t.db, promo, id);
    expect(events.map((e) => e.kind).slice(0, 3)).toEqual([
      "tranche_removed",
      "tranche_added",
      "tranche_added",
    ]);
    // The stage never moves because capital arrived.
    expect((await getProject(t.db, promo, id)).project.stage).toBe("new");
  });

  it("parses amounts without floating point, per currency", () => {
    expect(parseAmount("12,500,000.50", "CNY")).toEqual({ ok: true, minor: 1_250_000_050 });
    expect(parseAmount("1250万", "CNY")).toEqual({ ok: true, minor: 1_250_000_000 });
    expect(parseAmount("1.5亿", "USD")).toEqual({ ok: true, minor: 15_000_000_000 });
    expect(parseAmount("0.1", "JPY")).toEqual({ ok: false, error: "precision" });
    expect(parseAmount("1e9", "USD")).toEqual({ ok: false, error: "format" });
    expect(parseAmount("99999999999999999", "USD")).toEqual({ ok: false, error: "tooLarge" });
    const fd = new FormData();
    fd.set("amount", "0");
    fd.set("currency", "CNY");
    fd.set("arrivedOn", "2026-02-30");
    const s = parseWithZod(fd, { schema: trancheSchema });
    expect(s.status).toBe("error");
    expect(Object.keys((s.status === "error" && s.error) || {}).sort()).toEqual([
      "amount",
      "arrivedOn",
    ]);
  });

  it("reads the project form: contacts, money, ranges", () => {
    const fd = new FormData();
    fd.set("organisation", "  Sakura Materials  ");
    fd.set("source", "referral");
    fd.set("investmentAmount", "3000万");
    fd.set("investmentCurrency", "JPY");
    fd.set("areaMin", "500");
    fd.set("areaMax", "300");
    fd.set("contacts[0].name", "");
    fd.set("contacts[0].email", "x@y.example");
    const s = parseWithZod(fd, { schema: projectSchema });
    expect(s.status).toBe("error");
    expect(Object.keys((s.status === "error" && s.error) || {}).sort()).toEqual([
      "areaMax",
      "contacts[0].name",
    ]);
    fd.set("areaMax", "900");
    fd.set("contacts[0].name", "Sato Ken");
    const ok = parseWithZod(fd, { schema: projectSchema });
    expect(ok.status).toBe("success");
    if (ok.status !== "success") return;
    expect(ok.value.organisation).toBe("Sakura Materials");
    expect(ok.value.investment).toEqual({ minor: 30_000_000, currency: "JPY" });
    expect(ok.value.contacts).toEqual([
      { name: "Sato Ken", title: "", email: "x@y.example", phone: "" },
    ]);
  });
});

describe("flags", () => {
  it("flags active projects without a next step, with an overdue one, or without activity", async () => {
    const now = new Date("2026-12-04T10:00:00Z");
    const p = { stage: "qualified", next_step: "", next_step_due: null, last_activity_at: now };
    expect(flagsOf(p, now)).toEqual(["no_next_step"]);
    expect(flagsOf({ ...p, next_step: "Call", next_step_due: "2026-12-04" }, now)).toEqual([]);
    expect(flagsOf({ ...p, next_step: "Call", next_step_due: "2026-12-03" }, now)).toEqual([
      "overdue",
    ]);
    // The park's day: 2026-12-04T17:00Z is already the 5th in Shanghai.
    expect(
      flagsOf(
        { ...p, next_step: "Call", next_step_due: "2026-12-04" },
        new Date("2026-12-04T17:00:00Z"),
      ),
    ).toEqual(["overdue"]);
    const old = new Date(+now - 15 * 86_400_000);
    expect(
      flagsOf({ ...p, next_step: "Call", next_step_due: "2026-12-10", last_activity_at: old }, now),
    ).toEqual(["stale"]);
    expect(flagsOf({ ...p, last_activity_at: old }, now, 30)).toEqual(["no_next_step"]);
    for (const stage of ["producing", "lost", "on_hold"])
      expect(flagsOf({ ...p, stage, last_activity_at: old }, now)).toEqual([]);
  });

  it("filters the table by flag the same way, and pages it by keyset", async () => {
    const owner = await user("flags@test.example", ["promotion"]);
    const mk = async (stage: Stage, step: string, due: string | null, daysIdle: number) => {
      const id = await newProject({ ownerId: owner.id }, owner);
      await t.db
        .updateTable("project")
        .set({
          stage,
          stopped_stage: stage === "on_hold" ? "new" : null,
          next_step: step,
          next_step_due: due,
          last_activity_at: new Date(Date.now() - daysIdle * 86_400_000),
        })
        .where("id", "=", id)
        .execute();
      return id;
    };
    const none = await mk("qualified", "", null, 0);
    const overdue = await mk("negotiating", "Send term sheet", "2020-01-01", 1);
    const stale = await mk("visited", "Follow up", "2099-01-01", 20);
    const fine = await mk("signed", "Register", "2099-01-01", 2);
    const held = await mk("on_hold", "", null, 40);
    const list = async (flag: string, limit = 25, after: string | null = null) =>
      listProjects(
        t.db,
        promo,
        parseProjectFilters(new URLSearchParams({ owner: owner.id, stage: "all", flag }), promo.id),
        after,
        { limit },
      );
    const ids = async (flag: string) => (await list(flag)).items.map((i) => i.id).sort();
    expect(await ids("any")).toEqual([none, overdue, stale].sort());
    expect(await ids("no_next_step")).toEqual([none]);
    expect(await ids("overdue")).toEqual([overdue]);
    expect(await ids("stale")).toEqual([stale]);
    expect(await ids("none")).toEqual([fine, held].sort());
    // Keyset pages of two: every project once, most recent activity first.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await list("", 2, after);
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual([none, overdue, fine, stale, held]);
    const board = await projectBoard(t.db, promo, { ownerId: owner.id });
    expect(board.find((c) => c.stage === "negotiating")?.cards[0]?.flags).toEqual(["overdue"]);
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(5);
  });

  it("filters the table by size (jobs planned), ignoring an unknown size", async () => {
    const owner = await user("sizes@test.example", ["promotion"]);
    const small = await newProject({ ownerId: owner.id, jobsPlanned: 49 }, owner);
    const medium = await newProject({ ownerId: owner.id, jobsPlanned: 50 }, owner);
    const large = await newProject({ ownerId: owner.id, jobsPlanned: 250 }, owner);
    const unknown = await newProject({ ownerId: owner.id, jobsPlanned: null }, owner);
    const ids = async (size: string) =>
      (
        await listProjects(
          t.db,
          promo,
          parseProjectFilters(new URLSearchParams({ owner: owner.id, size }), promo.id),
          null,
        )
      ).items
        .map((i) => i.id)
        .sort();
    expect(await ids("small")).toEqual([small]);
    expect(await ids("medium")).toEqual([medium]);
    expect(await ids("large")).toEqual([large]);
    expect(await ids("unknown")).toEqual([unknown]);
    expect(await ids("huge")).toEqual([small, medium, large, unknown].sort());
  });

  it("setting a next step clears the flag and counts as activity", async () => {
    const id = await newProject();
    const before = (await getProject(t.db, promo, id)).project;
    expect(flagsOf(before, new Date())).toEqual(["no_next_step"]);
    expect(
      (
        await setNextStep(t.db, promo, id, 1, {
          nextStep: "Send the park brochure",
          nextStepDue: "2099-01-01",
        })
      ).ok,
    ).toBe(true);
    const after = (await getProject(t.db, promo, id)).project;
    expect(flagsOf(after, new Date())).toEqual([]);
    expect(after.next_step_due).toBe("2099-01-01");
  });
});

describe("from an inquiry", () => {
  async function inquiry(country: string) {
    return t.db
      .insertInto("inquiry")
      .values({
        reference: `INQ-2026-${Math.floor(Math.random() * 90000 + 10000)}`,
        name: "Park Ji-ho",
        organisation: "Hanbit Batteries",
        email: "jiho@hanbit.example",
        phone: "+82 2 555 0100",
        country,
        interest: "investment",
        message: "We plan a battery R&D centre with 60 engineers.",
        locale: "en",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("copies and links the inquiry, and a second create finds the first project", async () => {
    const inq = await inquiry("South Korea");
    const r = await createProjectFromInquiry(t.db, promo, inq.id);
    expect(r).toMatchObject({ ok: true, existed: false });
    if (!r.ok) return;
    const { project, contacts } = await getProject(t.db, promo, r.id);
    expect(project).toMatchObject({
      organisation: "Hanbit Batteries",
      country: "KR",
      source: "inquiry",
      stage: "new",
      owner_id: promo.id,
      inquiry_id: inq.id,
      notes: "We plan a battery R&D centre with 60 engineers.",
    });
    expect(contacts).toEqual([
      { name: "Park Ji-ho", title: "", email: "jiho@hanbit.example", phone: "+82 2 555 0100" },
    ]);
    const again = await createProjectFromInquiry(t.db, promo, inq.id);
    expect(again).toEqual({ ok: true, id: r.id, reference: r.reference, existed: true });
    expect(await projectOfInquiry(t.db, promo, inq.id)).toMatchObject({ id: r.id });
    const events = await t.db
      .selectFrom("inquiry_event")
      .select("kind")
      .where("inquiry_id", "=", inq.id)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["project"]);
  });

  it("makes one project when two creates of the same inquiry race", async () => {
    const inq = await inquiry("Atlantis");
    const results = await Promise.all([
      createProjectFromInquiry(t.db, promo, inq.id),
      createProjectFromInquiry(t.db, promo, inq.id),
    ]);
    expect(results.filter((r) => r.ok && !r.existed)).toHaveLength(1);
    const rows = await t.db
      .selectFrom("project")
      .select(["country", "notes"])
      .where("inquiry_id", "=", inq.id)
      .execute();
    expect(rows).toHaveLength(1);
    // A country we cannot match is kept as written, in the notes.
    expect(rows[0]).toMatchObject({ country: null });
    expect(rows[0]!.notes).toContain("(Atlantis)");
  });

  it("matches countries written as text", () => {
    expect(matchCountry("Germany")).toBe("DE");
    expect(matchCountry("德国")).toBe("DE");
    expect(matchCountry("usa")).toBe("US");
    expect(matchCountry("jp")).toBe("JP");
    expect(matchCountry("Narnia")).toBeNull();
  });
});

describe("the daily reminder", () => {
  it("emails each owner once a day, in their language, about their flagged projects", async () => {
    await sql`UPDATE project SET owner_id = NULL`.execute(t.db);
    const a = await newProject({ ownerId: promo.id });
    const b = await newProject({ ownerId: promoZh.id });
    await newProject({ ownerId: promoZh.id });
    const fine = await newProject({ ownerId: promo.id });
    await setNextStep(t.db, promo, fine, 1, { nextStep: "Call", nextStepDue: "2099-01-01" });
    const clock = { now: new Date(), staleDays: 14 };
    const origin = "https://portal.example";
    expect(await sendProjectReminders(t.db, origin, clock)).toEqual({ owners: 2, emails: 2 });
    expect(await sendProjectReminders(t.db, origin, clock)).toEqual({ owners: 2, emails: 0 });
    const mails = await t.db
      .selectFrom("email")
      .select(["to_address", "subject", "text_body"])
      .where("template", "=", "projectReminder")
      .orderBy("to_address")
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(["promo-zh@test.example", "promo@test.example"]);
    const [zh, en] = mails;
    expect(zh!.subject).toBe("今天需要您关注的招商项目");
    expect(zh!.text_body).toContain("2 个招商项目");
    expect(zh!.text_body).toContain(`${origin}/desk/projects/${b}`);
    expect(en!.subject).toBe("Your projects that need attention today");
    expect(en!.text_body).toContain(`${origin}/desk/projects/${a}`);
    expect(en!.text_body).not.toContain(fine);
    expect(en!.text_body).toContain("No next step");
  });
});
