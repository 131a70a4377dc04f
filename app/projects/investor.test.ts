import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser, sessionUserOf } from "../../tests/support/factories";
import { Forbidden, NotFound } from "~/lib/result";
import type { SessionUser } from "~/auth/session.server";
import {
  acceptInvestorInvitation,
  addDocument,
  documentForViewer,
  getInvestorInvitation,
  investorProjects,
  investorProjectView,
  investorVisitIcs,
  linkInvestor,
  listInvestorLinks,
  postMessage,
  revokeInvestor,
} from "./investor.server";
import { createProject, setNextStep } from "./projects.server";
import { cancelVisit, listVisits, markVisitHeld, planVisit } from "./visits.server";

let t: TestDatabase;
let promo: SessionUser;
let desk: SessionUser;
let investor: SessionUser;
let other: SessionUser;
let projectId: string;
let otherProjectId: string;
const meta = { origin: "https://portal.test" };
const SECRET = "Internal: they will accept 20% less rent; do not tell them.";
const PDF = new TextEncoder().encode("%PDF-1.4\n%test document\n");

async function project(organisation: string) {
  const r = await createProject(t.db, promo, {
    organisation,
    country: "DE",
    parentGroup: "",
    industryId: null,
    planKind: "rd_centre",
    investment: { minor: 100_000_000, currency: "EUR" },
    capital: null,
    jobsPlanned: 40,
    spaceType: "lab",
    areaMin: 500,
    areaMax: 900,
    moveInOn: null,
    specialNeeds: "",
    source: "event",
    ownerId: null,
    notes: SECRET,
    contacts: [{ name: "Anna Weber", title: "", email: "anna@helio.example", phone: "" }],
  });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

async function emails(to: string) {
  return t.db
    .selectFrom("email")
    .select(["subject", "text_body", "locale"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  promo = sessionUserOf(await insertUser(t.db, { roles: ["promotion"], name: "Li Wei" }));
  desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
  investor = sessionUserOf(
    await insertUser(t.db, { email: "anna@helio.example", name: "Anna Weber", locale: "zh-CN" }),
  );
  other = sessionUserOf(await insertUser(t.db, { email: "bob@rival.example", name: "Bob" }));
  projectId = await project("Helio Robotics GmbH");
  otherProjectId = await project("Rival Motors");
  const v = await t.db
    .selectFrom("project")
    .select("version")
    .where("id", "=", projectId)
    .executeTakeFirstOrThrow();
  await setNextStep(t.db, promo, projectId, v.version, {
    nextStep: "Send the draft lease",
    nextStepDue: "2027-01-10",
  });
});
afterAll(() => t.close());

describe("linking an investor", () => {
  it("is for promotion staff only", async () => {
    await expect(
      linkInvestor(t.db, desk, projectId, { email: "x@y.example", locale: "en" }, meta),
    ).rejects.toThrow(Forbidden);
    await expect(
      linkInvestor(t.db, investor, projectId, { email: "x@y.example", locale: "en" }, meta),
    ).rejects.toThrow(Forbidden);
  });

  it("links an existing account at once and emails it in its own language", async () => {
    const r = await linkInvestor(
      t.db,
      promo,
      projectId,
      { email: "ANNA@helio.example", locale: "en" },
      meta,
    );
    expect(r).toEqual({ ok: true, kind: "linked" });
    const sent = await emails("anna@helio.example");
    expect(sent.at(-1)!.locale).toBe("zh-CN");
    expect(sent.at(-1)!.text_body).toContain(`https://portal.test/projects/${projectId}`);
    const again = await linkInvestor(
      t.db,
      promo,
      projectId,
      { email: "anna@helio.example", locale: "en" },
      meta,
    );
    expect(again).toMatchObject({ ok: false, error: "alreadyLinked" });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", projectId)
      .where("action", "=", "project.investor_linked")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("invites an unknown address; the invitation works once, for that address only", async () => {
    const r = await linkInvestor(
      t.db,
      promo,
      projectId,
      { email: "new.cfo@helio.example", locale: "zh-CN" },
      meta,
    );
    if (!r.ok || !r.token) throw new Error("no token");
    expect((await emails("new.cfo@helio.example")).at(-1)!.locale).toBe("zh-CN");
    expect(await getInvestorInvitation(t.db, r.token)).toMatchObject({ state: "pending" });
    expect(await acceptInvestorInvitation(t.db, other, r.token)).toMatchObject({
      ok: false,
      error: "emailMismatch",
    });
    const cfo = sessionUserOf(await insertUser(t.db, { email: "new.cfo@helio.example" }));
    expect(await acceptInvestorInvitation(t.db, cfo, r.token)).toEqual({ ok: true, projectId });
    expect(await acceptInvestorInvitation(t.db, cfo, r.token)).toMatchObject({ error: "used" });
    expect((await investorProjects(t.db, cfo.id)).map((p) => p.id)).toEqual([projectId]);
    const links = await listInvestorLinks(t.db, promo, projectId);
    expect(links.filter((l) => l.state === "linked")).toHaveLength(2);
    // Removing access: the project is then a 404 for them.
    const cfoLink = links.find((l) => l.email === "new.cfo@helio.example")!;
    expect(await revokeInvestor(t.db, promo, projectId, cfoLink.id)).toEqual({ ok: true });
    await expect(investorProjectView(t.db, cfo.id, projectId)).rejects.toThrow(NotFound);
  });
});

describe("what the investor sees", () => {
  it("is their project only, never internal notes or the history", async () => {
    const view = await investorProjectView(t.db, investor.id, projectId);
    expect(view.project.next_step).toBe("Send the draft lease");
    const json = JSON.stringify(view);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain("Internal");
    // No key of the staff's record beyond the named ones.
    for (const key of ["notes", "lost_reason", "investment_minor", "events", "contacts"])
      expect(Object.keys(view.project)).not.toContain(key);
    expect(Object.keys(view)).toEqual(["project", "visits", "units", "documents", "messages"]);
  });

  it("is a 404 for another account, and for another project", async () => {
    await expect(investorProjectView(t.db, other.id, projectId)).rejects.toThrow(NotFound);
    await expect(investorProjectView(t.db, investor.id, otherProjectId)).rejects.toThrow(NotFound);
    await expect(investorProjectView(t.db, promo.id, projectId)).rejects.toThrow(NotFound);
    await expect(investorProjectView(t.db, investor.id, "not-a-uuid")).rejects.toThrow(NotFound);
    expect(await investorProjects(t.db, other.id)).toEqual([]);
  });
});

describe("the investor's visits", () => {
  it("shows upcoming and past visits with time, place and agenda, never staff's notes", async () => {
    // Units to see: only units offered to the project.
    const unit = async (unit_no: string) =>
      (
        await t.db
          .insertInto("space_unit")
          .values({
            building: "7",
            floor: 3,
            unit_no,
            kind: "lab",
            area_m2: 850,
            rent_minor: 450,
            available_from: "2027-01-01",
            description_en: "Rent note: staff may go to 4.00",
            description_zh: "",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const offered = await unit("301");
    const notOffered = await unit("302");
    await t.db
      .insertInto("space_offer")
      .values({ project_id: projectId, unit_id: offered, offered_by: promo.id })
      .execute();
    const plan = (startsAt: string, place: string, unitIds = [offered]) =>
      planVisit(t.db, promo, projectId, {
        startsAt: new Date(startsAt),
        durationMinutes: 90,
        place,
        hostIds: [promo.id],
        unitIds,
        visitors: "Anna Weber",
        agenda: "Lab floor of Building 7",
        contactEmail: "anna@helio.example",
        contactLocale: "en",
      });
    const NOTES = "Staff only: they want a rent discount before signing.";
    expect(await plan("2030-04-21T02:00:00Z", "Nowhere", [offered, notOffered])).toEqual({
      ok: false,
      error: "unit",
    });
    for (const [at, place] of [
      ["2030-04-20T02:00:00Z", "Building 7 lobby"],
      ["2030-05-01T02:00:00Z", "Called-off place"],
      ["2020-03-01T02:00:00Z", "Service Centre, Room 301"],
    ] as const)
      expect((await plan(at, place)).ok).toBe(true);
    const visits = await listVisits(t.db, promo, projectId);
    const old = visits.find((v) => v.place === "Service Centre, Room 301")!;
    expect(
      (await markVisitHeld(t.db, promo, projectId, old.id, old.version, { outcome: NOTES })).ok,
    ).toBe(true);
    const off = visits.find((v) => v.place === "Called-off place")!;
    expect((await cancelVisit(t.db, promo, projectId, off.id, off.version, NOTES)).ok).toBe(true);

    const view = await investorProjectView(t.db, investor.id, projectId);
    expect(view.visits.upcoming.map((v) => [v.place, v.state])).toEqual([
      ["Building 7 lobby", "planned"],
      ["Called-off place", "cancelled"],
    ]);
    expect(view.visits.past.map((v) => [v.place, v.state])).toEqual([
      ["Service Centre, Room 301", "held"],
    ]);
    expect(view.visits.upcoming[0]).toEqual({
      id: expect.any(String),
      starts_at: "2030-04-20T02:00:00.000Z",
      duration_minutes: 90,
      place: "Building 7 lobby",
      agenda: "Lab floor of Building 7",
      state: "planned",
      units: [{ id: offered, building: "7", unit_no: "301", kind: "lab", area_m2: 850 }],
    });
    // Named fields only: never the outcome, the hosts' addresses, the contact or the UID.
    for (const v of [...view.visits.upcoming, ...view.visits.past])
      expect(Object.keys(v).sort()).toEqual(
        ["agenda", "duration_minutes", "id", "place", "starts_at", "state", "units"].sort(),
      );
    const json = JSON.stringify(view);
    expect(json).not.toContain(NOTES);
    expect(json).not.toContain("Staff only");
    expect(json).not.toContain("Rent note");

    // The .ics: for the linked investor, linking to their page; 404 for anyone else.
    const { ics } = await investorVisitIcs(
      t.db,
      investor.id,
      projectId,
      view.visits.upcoming[0]!.id,
    );
    const unfolded = ics.replace(/\r?\n /g, "");
    expect(unfolded).toContain("LOCATION:Building 7 lobby");
    expect(unfolded).toContain("Units to see · 参观单元: Building 7\\, unit 301");
    expect(unfolded).toContain(`/projects/${projectId}`);
    expect(unfolded).not.toContain("/desk/");
    expect(unfolded).not.toContain("Staff only");
    const id = view.visits.upcoming[0]!.id;
    await expect(investorVisitIcs(t.db, other.id, projectId, id)).rejects.toThrow(NotFound);
    await expect(investorVisitIcs(t.db, investor.id, otherProjectId, id)).rejects.toThrow(NotFound);
    await expect(investorVisitIcs(t.db, promo.id, projectId, id)).rejects.toThrow(NotFound);
  });
});

describe("messages and documents", () => {
  it("tells the owner of an investor's message, and the investor of the park's, in their language", async () => {
    await postMessage(t.db, investor, projectId, "When can we visit?", true, meta);
    const note = await t.db
      .selectFrom("notification")
      .select(["kind", "link"])
      .where("user_id", "=", promo.id)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({
      kind: "project_message",
      link: `/desk/projects/${projectId}/investor`,
    });
    const ownerMail = (await emails(promo.email)).at(-1)!;
    expect(ownerMail.locale).toBe("en");
    // The investor's words stay on the portal (ADR 0024): the email only links.
    expect(ownerMail.text_body).not.toContain("When can we visit?");
    await postMessage(t.db, promo, projectId, "Any Tuesday in January.", false, meta);
    const toInvestor = (await emails("anna@helio.example")).at(-1)!;
    expect(toInvestor.locale).toBe("zh-CN");
    expect(toInvestor.text_body).toContain("Any Tuesday in January.");
    const view = await investorProjectView(t.db, investor.id, projectId);
    expect(view.messages.map((m) => [m.body, m.from_investor])).toEqual([
      ["When can we visit?", true],
      ["Any Tuesday in January.", false],
    ]);
    // Someone else cannot write on it; desk staff cannot write for the park.
    await expect(postMessage(t.db, other, projectId, "hi", true, meta)).rejects.toThrow(NotFound);
    await expect(postMessage(t.db, desk, projectId, "hi", false, meta)).rejects.toThrow(Forbidden);
  });

  it("checks documents as every upload (bytes, not names) and serves them to both sides only", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(
      await addDocument(
        t.db,
        investor,
        projectId,
        { bytes: html, filename: "plan.pdf", declaredType: "application/pdf" },
        true,
        meta,
      ),
    ).toEqual({ ok: false, error: "type" });
    const r = await addDocument(
      t.db,
      investor,
      projectId,
      { bytes: PDF, filename: "../../business plan.pdf", declaredType: "application/pdf" },
      true,
      meta,
    );
    if (!r.ok) throw new Error(r.error);
    const doc = await documentForViewer(t.db, investor, projectId, r.documentId);
    expect(doc?.file_name).toBe("business plan.pdf");
    expect(await documentForViewer(t.db, promo, projectId, r.documentId)).toBeDefined();
    expect(await documentForViewer(t.db, other, projectId, r.documentId)).toBeUndefined();
    expect(await documentForViewer(t.db, desk, projectId, r.documentId)).toBeUndefined();
    expect(await documentForViewer(t.db, investor, otherProjectId, r.documentId)).toBeUndefined();
  });
});
