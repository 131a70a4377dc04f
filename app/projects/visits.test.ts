import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser, sessionUserOf, type TestUser } from "../../tests/support/factories";
import type { SessionUser } from "~/auth/session.server";
import { Forbidden, NotFound } from "~/lib/result";
import { createProject } from "./projects.server";
import type { VisitInput } from "./visit-schema";
import { visitSchema } from "./visit-schema";
import {
  cancelVisit,
  listVisits,
  markVisitHeld,
  planVisit,
  rescheduleVisit,
  visitIcs,
} from "./visits.server";

let t: TestDatabase;
let promo: SessionUser;
let desk: SessionUser;
let host: TestUser;
let host2: TestUser;

async function project(stage: string) {
  const r = await createProject(t.db, promo, {
    organisation: "Alpenglühen Sensorik GmbH",
    country: "DE",
    parentGroup: "",
    industryId: null,
    planKind: "rd_centre",
    investment: null,
    capital: null,
    jobsPlanned: 40,
    spaceType: null,
    areaMin: null,
    areaMax: null,
    moveInOn: null,
    specialNeeds: "",
    source: "event",
    ownerId: null,
    notes: "internal: budget is tight",
    contacts: [{ name: "Lena Vogt", title: "COO", email: "lena@alpenglow.test", phone: "" }],
  });
  if (!r.ok) throw new Error(r.error);
  await t.db.updateTable("project").set({ stage }).where("id", "=", r.id).execute();
  return r.id;
}

function input(over: Record<string, unknown> = {}): VisitInput {
  return visitSchema.parse({
    startsAt: "2027-03-15T09:30",
    durationMinutes: "120",
    place: "Zizhu Park Service Centre, Room 301",
    hostIds: [host.id],
    visitors: "Lena Vogt, COO",
    agenda: "Park tour\nLab units in Building 7",
    contactEmail: "lena@alpenglow.test",
    contactLocale: "zh-CN",
    ...over,
  });
}

const emailsTo = (address: string) =>
  t.db
    .selectFrom("email")
    .selectAll()
    .where("to_address", "=", address)
    .orderBy("created_at")
    .execute();

function eventOf(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevent = cal.getFirstSubcomponent("vevent")!;
  return { cal, vevent, event: new ICAL.Event(vevent) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  promo = sessionUserOf(await insertUser(t.db, { roles: ["promotion"] }));
  desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
  host = await insertUser(t.db, { roles: ["promotion"], locale: "en" });
  host2 = await insertUser(t.db, { roles: ["staff"], locale: "zh-CN" });
});
afterAll(() => t.close());

describe("site visits", () => {
  it("reads the time as Beijing time", () => {
    expect(input().startsAt.toISOString()).toBe("2027-03-15T01:30:00.000Z");
    expect(visitSchema.safeParse({ ...input(), startsAt: "2027-02-30T09:00" }).success).toBe(false);
  });

  it("plans a visit: history, audit and invitations in each recipient's language", async () => {
    const id = await project("visit_planned");
    const r = await planVisit(t.db, promo, id, input());
    if (!r.ok) throw new Error(r.error);
    const [visit] = await listVisits(t.db, promo, id);
    expect(visit).toMatchObject({ state: "planned", sequence: 0, hosts: [{ id: host.id }] });
    const events = await t.db
      .selectFrom("project_event")
      .select("kind")
      .where("project_id", "=", id)
      .execute();
    expect(events.map((e) => e.kind)).toContain("visit_planned");
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audits.map((a) => a.action)).toContain("project.visit_planned");

    const [toHost] = await emailsTo(host.email);
    const [toInvestor] = await emailsTo("lena@alpenglow.test");
    expect(toHost?.locale).toBe("en");
    expect(toInvestor?.locale).toBe("zh-CN");
    expect(toInvestor?.subject).toContain("实地考察");
    expect(toInvestor?.text_body).not.toContain("budget is tight");
    expect(toInvestor?.ics_method).toBe("REQUEST");
    const { cal, event } = eventOf(toInvestor!.ics!);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(visit!.uid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-03-15T01:30:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-03-15T03:30:00.000Z");
    expect(event.location).toBe("Zizhu Park Service Centre, Room 301");
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(
      expect.arrayContaining([`mailto:${host.email}`.toLowerCase(), "mailto:lena@alpenglow.test"]),
    );
  });

  it("reschedules with the same UID and SEQUENCE up; a dropped host gets a cancellation", async () => {
    const id = await project("visit_planned");
    await planVisit(
      t.db,
      promo,
      id,
      input({ hostIds: [host.id, host2.id], contactEmail: undefined }),
    );
    const [before] = await listVisits(t.db, promo, id);
    const r = await rescheduleVisit(
      t.db,
      promo,
      id,
      before!.id,
      before!.version,
      input({ startsAt: "2027-03-16T14:00", hostIds: [host.id], contactEmail: undefined }),
    );
    expect(r.ok).toBe(true);
    const [after] = await listVisits(t.db, promo, id);
    expect(after).toMatchObject({ sequence: 1, uid: before!.uid });
    const toHost = (await emailsTo(host.email)).filter((e) => e.template === "projectVisitUpdated");
    const { event } = eventOf(toHost.at(-1)!.ics!);
    expect(event.uid).toBe(before!.uid);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-03-16T06:00:00.000Z");
    const dropped = (await emailsTo(host2.email)).at(-1)!;
    expect(dropped.template).toBe("projectVisitCancelled");
    expect(dropped.locale).toBe("zh-CN");
    expect(dropped.ics_method).toBe("CANCEL");
    // A stale version is a conflict.
    expect(
      await rescheduleVisit(
        t.db,
        promo,
        id,
        before!.id,
        before!.version,
        input({ contactEmail: undefined }),
      ),
    ).toEqual({ ok: false, error: "conflict" });
  });

  it("cancels: a CANCEL with the same UID to everyone, and no second cancel", async () => {
    const id = await project("visit_planned");
    await planVisit(t.db, promo, id, input());
    const [v] = await listVisits(t.db, promo, id);
    expect((await cancelVisit(t.db, promo, id, v!.id, v!.version, "Flight cancelled")).ok).toBe(
      true,
    );
    const last = (await emailsTo("lena@alpenglow.test")).at(-1)!;
    expect(last.template).toBe("projectVisitCancelled");
    const { cal, event, vevent } = eventOf(last.ics!);
    expect(cal.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.uid).toBe(v!.uid);
    expect(event.sequence).toBe(1);
    const download = await visitIcs(t.db, promo, id, v!.id);
    expect(download.ics).toContain("METHOD:CANCEL");
    expect(await cancelVisit(t.db, promo, id, v!.id, v!.version + 1, "")).toEqual({
      ok: false,
      error: "notPlanned",
    });
  });

  it("held: moves visit planned to visited through the move table, other stages stay", async () => {
    const id = await project("visit_planned");
    await planVisit(t.db, promo, id, input());
    const [v] = await listVisits(t.db, promo, id);
    expect(
      await markVisitHeld(t.db, promo, id, v!.id, v!.version, { outcome: "Liked B7" }),
    ).toEqual({ ok: true, moved: true });
    const p = await t.db
      .selectFrom("project")
      .select("stage")
      .where("id", "=", id)
      .executeTakeFirst();
    expect(p?.stage).toBe("visited");
    const kinds = await t.db
      .selectFrom("project_event")
      .select(["kind", "to_stage"])
      .where("project_id", "=", id)
      .orderBy("id")
      .execute();
    expect(kinds.slice(-2)).toEqual([
      { kind: "visit_held", to_stage: null },
      { kind: "stage", to_stage: "visited" },
    ]);

    const other = await project("negotiating");
    await planVisit(t.db, promo, other, input());
    const [w] = await listVisits(t.db, promo, other);
    expect(await markVisitHeld(t.db, promo, other, w!.id, w!.version, { outcome: "" })).toEqual({
      ok: true,
      moved: false,
    });
    const q = await t.db
      .selectFrom("project")
      .select("stage")
      .where("id", "=", other)
      .executeTakeFirst();
    expect(q?.stage).toBe("negotiating");
  });

  it("refuses hosts who are not park staff, desk staff without the promotion role, other projects' visits", async () => {
    const id = await project("qualified");
    const outsider = await insertUser(t.db);
    expect(await planVisit(t.db, promo, id, input({ hostIds: [outsider.id] }))).toEqual({
      ok: false,
      error: "host",
    });
    await expect(planVisit(t.db, desk, id, input())).rejects.toThrow(Forbidden);
    await expect(listVisits(t.db, desk, id)).rejects.toThrow(Forbidden);
    await planVisit(t.db, promo, id, input());
    const [v] = await listVisits(t.db, promo, id);
    const other = await project("qualified");
    await expect(visitIcs(t.db, promo, other, v!.id)).rejects.toThrow(NotFound);
    await expect(markVisitHeld(t.db, promo, other, v!.id, 1, { outcome: "" })).rejects.toThrow(
      NotFound,
    );
  });
});
