import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod/v4";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import type { ParkRole } from "~/auth/permissions";
import { Forbidden } from "~/lib/result";
import {
  expireAllHolds,
  holdUnit,
  letUnit,
  matchUnits,
  offerUnit,
  projectSpace,
  releaseHold,
  setSpaceNeed,
  spaceNeedOf,
} from "./holds.server";
import { investorProjectView } from "./investor.server";
import { createProject, moveProject, type ProjectActor } from "./projects.server";
import type { ProjectInput } from "./schema";
import { matchReasons, type SpaceNeed } from "./space";
import { unitSchema, type UnitInput } from "./space-schema";
import { createUnit, getUnit, listUnits, parseUnitFilters, updateUnit } from "./space.server";

let t: TestDatabase;
let promo: ProjectActor;
let promo2: ProjectActor;
let desk: ProjectActor;

async function user(email: string, roles: ParkRole[]) {
  const u = await t.db
    .insertInto("app_user")
    .values({ email, name: email.split("@")[0]!, password_hash: "x", locale: "en" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
  return { id: u.id, roles, company: null };
}

const project: ProjectInput = {
  organisation: "Helio Robotics GmbH",
  country: "DE",
  parentGroup: "",
  industryId: null,
  planKind: "rd_centre",
  investment: null,
  capital: null,
  jobsPlanned: 80,
  spaceType: "lab",
  areaMin: 800,
  areaMax: 1200,
  moveInOn: "2027-06-01",
  specialNeeds: "",
  source: "event",
  ownerId: null,
  notes: "",
  contacts: [],
};

async function newProject(input: Partial<ProjectInput> = {}) {
  const r = await createProject(t.db, promo, { ...project, ...input });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

let seq = 0;
const unitBase: UnitInput = {
  building: "T",
  floor: 2,
  unitNo: "201",
  kind: "lab",
  area: 1000,
  rentMinor: 450,
  availableFrom: "2027-01-01",
  features: [],
  powerKva: null,
  floorLoad: null,
  ceilingHeight: null,
  descriptionEn: "",
  descriptionZh: "",
  state: "available",
};
async function newUnit(input: Partial<UnitInput> = {}) {
  const r = await createUnit(t.db, promo, { ...unitBase, unitNo: `U${++seq}`, ...input });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

const NOW = new Date("2026-12-05T04:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  promo = await user("space-promo@test.example", ["promotion"]);
  promo2 = await user("space-promo2@test.example", ["promotion"]);
  desk = await user("space-desk@test.example", ["staff"]);
});
afterAll(async () => {
  await t.close();
});

describe("the unit form", () => {
  it("parses rent in yuan, features as a list and decimals", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      building: "3",
      floor: "2",
      unitNo: "201",
      kind: "lab",
      area: "850",
      rent: "4.5",
      availableFrom: "2027-03-01",
      floorLoad: "7.5",
      ceilingHeight: "4.20",
    }))
      fd.set(k, v);
    fd.append("features", "clean_room");
    const s = parseWithZod(fd, { schema: unitSchema });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.rentMinor).toBe(450);
    expect(s.value.features).toEqual(["clean_room"]);
    expect(s.value.floorLoad).toBe(7.5);
    expect(s.value.ceilingHeight).toBe(4.2);
  });
  it("refuses a bad rent, floor and feature as field errors", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      building: "3",
      floor: "120",
      unitNo: "201",
      kind: "lab",
      area: "850",
      rent: "4.555",
      availableFrom: "2027-02-30",
      features: "jacuzzi",
    }))
      fd.set(k, v);
    const s = parseWithZod(fd, { schema: unitSchema });
    expect(s.status).toBe("error");
    const errors = s.reply().error ?? {};
    expect(Object.keys(errors).sort()).toEqual(
      ["availableFrom", "features[0]", "floor", "rent"].sort(),
    );
  });
});

describe("units", () => {
  it("desk staff without the promotion role are refused", async () => {
    await expect(createUnit(t.db, desk, unitBase)).rejects.toBeInstanceOf(Forbidden);
    await expect(listUnits(t.db, desk, {}, null)).rejects.toBeInstanceOf(Forbidden);
    const p = await newProject();
    await expect(projectSpace(t.db, desk, p)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      holdUnit(t.db, desk, p, { unitId: await newUnit(), heldUntil: "2026-12-20" }, {}, NOW),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it("one building and unit number once; edits are version-checked; audited", async () => {
    const id = await newUnit({ building: "DUP", unitNo: "101" });
    const again = await createUnit(t.db, promo, { ...unitBase, building: "DUP", unitNo: "101" });
    expect(again).toEqual({ ok: false, error: "duplicate" });
    expect(
      await updateUnit(t.db, promo, id, 1, {
        ...unitBase,
        building: "DUP",
        unitNo: "101",
        area: 900,
      }),
    ).toEqual({ ok: true });
    expect(
      await updateUnit(t.db, promo, id, 1, {
        ...unitBase,
        building: "DUP",
        unitNo: "101",
        area: 950,
      }),
    ).toEqual({ ok: false, error: "conflict" });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(["space_unit.created", "space_unit.edited"]);
  });

  it("lists with filters and keyset pages without gaps or repeats", async () => {
    for (let i = 0; i < 7; i++)
      await newUnit({
        building: "KS",
        floor: i % 3,
        kind: i % 2 ? "office" : "warehouse",
        area: 100 + i * 50,
      });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listUnits>> = await listUnits(
        t.db,
        promo,
        { building: "KS" },
        after,
        { limit: 3, now: NOW },
      );
      seen.push(...page.items.map((u) => u.id));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const offices = await listUnits(
      t.db,
      promo,
      parseUnitFilters(new URLSearchParams("building=KS&kind=office&areaMin=150&state=available")),
      null,
      { now: NOW },
    );
    expect(offices.items.map((u) => u.area_m2).sort()).toEqual([150, 250, 350]);
  });
});

describe("matching", () => {
  it("a project that states no space need still gets a list (any type, any size)", async () => {
    const p = await newProject({ spaceType: null, areaMin: null, areaMax: null, moveInOn: null });
    await newUnit({ building: "NONE", area: 333 });
    const space = await projectSpace(t.db, promo, p, NOW);
    expect(space.matches.length).toBeGreaterThan(0);
  });

  it("explains what matches and what misses", () => {
    const need: SpaceNeed = {
      spaceType: "lab",
      areaMin: 800,
      areaMax: 1200,
      moveInOn: "2027-06-01",
      features: ["clean_room", "fume_hoods"],
      powerKva: 500,
      floorLoad: null,
      ceilingHeight: null,
    };
    const r = matchReasons(need, {
      kind: "rd",
      area_m2: 700,
      available_from: "2027-09-01",
      features: ["clean_room"],
      power_kva: 630,
      floor_load_kn_m2: null,
      ceiling_height_m: null,
    });
    expect(r.matches.map((m) => m.key)).toEqual(["kind", "feature", "power"]);
    expect(r.misses).toEqual([
      { key: "areaSmall", value: "100" },
      { key: "dateLate", value: "2027-09-01" },
      { key: "featureMissing", value: "fume_hoods" },
    ]);
  });

  it("ranks the best fit first and leaves out other kinds, let and held units", async () => {
    const p = await newProject({ organisation: "Match GmbH" });
    await setSpaceNeed(t.db, promo, p, {
      features: ["clean_room"],
      powerKva: null,
      floorLoad: null,
      ceilingHeight: null,
    });
    const b = "M";
    const best = await newUnit({
      building: b,
      area: 1000,
      features: ["clean_room"],
      availableFrom: "2027-01-01",
    });
    const late = await newUnit({
      building: b,
      area: 1000,
      features: ["clean_room"],
      availableFrom: "2027-12-01",
    });
    const small = await newUnit({
      building: b,
      kind: "rd",
      area: 700,
      availableFrom: "2027-01-01",
    });
    const office = await newUnit({ building: b, kind: "office", area: 1000 });
    const tiny = await newUnit({ building: b, area: 200 });
    const let_ = await newUnit({ building: b, area: 1000, state: "let" });
    const heldElsewhere = await newUnit({ building: b, area: 1000, features: ["clean_room"] });
    const other = await newProject({ organisation: "Other" });
    expect(
      (
        await holdUnit(
          t.db,
          promo,
          other,
          { unitId: heldElsewhere, heldUntil: "2026-12-31" },
          {},
          NOW,
        )
      ).ok,
    ).toBe(true);
    const need = await spaceNeedOf(t.db, p);
    const ids = (await matchUnits(t.db, need, { projectId: p, now: NOW, limit: 200 }))
      .map((u) => u.id)
      .filter((id) => [best, late, small, office, tiny, let_, heldElsewhere].includes(id));
    expect(ids).toEqual([best, late, small]);
    // Once the other project's hold has passed its day, the unit is a match again.
    const later = new Date("2027-01-02T04:00:00Z");
    const again = (await matchUnits(t.db, need, { projectId: p, now: later, limit: 200 })).map(
      (u) => u.id,
    );
    expect(again).toContain(heldElsewhere);
  });
});

describe("offers and holds", () => {
  it("offers once, holds, moves the day, releases; every change in history and audit", async () => {
    const p = await newProject();
    const u = await newUnit();
    expect(await offerUnit(t.db, promo, p, { unitId: u })).toEqual({ ok: true, created: true });
    expect(await offerUnit(t.db, promo, p, { unitId: u })).toEqual({ ok: true, created: false });
    const h = await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2026-12-20" }, {}, NOW);
    expect(h.ok).toBe(true);
    const h2 = await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2026-12-24" }, {}, NOW);
    expect(h2.ok && h.ok && h2.holdId === h.holdId).toBe(true);
    const space = await projectSpace(t.db, promo, p, NOW);
    expect(space.offers).toHaveLength(1);
    expect(space.offers[0]!.heldHere).toBe(true);
    expect(space.offers[0]!.held_until).toBe("2026-12-24");
    if (!h.ok) return;
    expect(await releaseHold(t.db, promo, p, h.holdId)).toEqual({ ok: true });
    expect(await releaseHold(t.db, promo, p, h.holdId)).toEqual({ ok: false, error: "notFound" });
    const events = await t.db
      .selectFrom("project_event")
      .select("kind")
      .where("project_id", "=", p)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      "created",
      "unit_offered",
      "unit_held",
      "unit_held",
      "unit_released",
    ]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", p)
      .where("action", "like", "project.unit_%")
      .execute();
    expect(audits).toHaveLength(4);
  });

  it("the investor sees the units offered to their project, not holds or notes", async () => {
    const p = await newProject();
    const u = await newUnit({ building: "INV", unitNo: "301", area: 640 });
    await offerUnit(t.db, promo, p, { unitId: u, note: "internal: rent negotiable" });
    const investor = await user("investor-space@test.example", []);
    await t.db
      .insertInto("project_investor")
      .values({
        project_id: p,
        email: "investor-space@test.example",
        user_id: investor.id,
        linked_at: new Date(),
      })
      .execute();
    const view = await investorProjectView(t.db, investor.id, p);
    expect(view.units).toEqual([
      {
        id: u,
        building: "INV",
        unit_no: "301",
        kind: "lab",
        area_m2: 640,
        available_from: "2027-01-01",
      },
    ]);
    expect(JSON.stringify(view)).not.toContain("internal");
  });

  it("refuses a day in the past or too far ahead", async () => {
    const p = await newProject();
    const u = await newUnit();
    expect(await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2026-12-04" }, {}, NOW)).toEqual(
      { ok: false, error: "past" },
    );
    expect(await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2027-12-04" }, {}, NOW)).toEqual(
      { ok: false, error: "tooLong" },
    );
  });

  it("two staff holding one unit at once: one wins, the other is told who holds it", async () => {
    const a = await newProject({ organisation: "Race A" });
    const b = await newProject({ organisation: "Race B" });
    const u = await newUnit();
    const [ra, rb] = await Promise.all([
      holdUnit(t.db, promo, a, { unitId: u, heldUntil: "2026-12-20" }, {}, NOW),
      holdUnit(t.db, promo2, b, { unitId: u, heldUntil: "2026-12-21" }, {}, NOW),
    ]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost).toMatchObject({ ok: false, error: "conflict" });
    const winner = ra.ok ? a : b;
    const ref = await t.db
      .selectFrom("project")
      .select("reference")
      .where("id", "=", winner)
      .executeTakeFirstOrThrow();
    expect(lost).toMatchObject({ reference: ref.reference });
    const active = await t.db
      .selectFrom("space_hold")
      .select("project_id")
      .where("unit_id", "=", u)
      .where("released_at", "is", null)
      .execute();
    expect(active).toEqual([{ project_id: winner }]);
  });

  it.skipIf(process.env.TEST_DB_MODE === "pglite")(
    "the database itself refuses a second active hold (two open transactions, no lock)",
    async () => {
      const a = await newProject();
      const b = await newProject();
      const u = await newUnit();
      let release!: () => void;
      const firstInserted = new Promise<void>((r) => (release = r));
      let commitFirst!: () => void;
      const firstMayCommit = new Promise<void>((r) => (commitFirst = r));
      const insert = (trx: typeof t.db, project: string) =>
        trx
          .insertInto("space_hold")
          .values({ unit_id: u, project_id: project, held_until: "2026-12-20", held_by: promo.id })
          .execute();
      const first = t.db.transaction().execute(async (trx) => {
        await insert(trx, a);
        release();
        await firstMayCommit;
      });
      await firstInserted;
      const second = t.db.transaction().execute(async (trx) => {
        await insert(trx, b);
      });
      // The second insert waits on the first transaction's index entry.
      await new Promise((r) => setTimeout(r, 100));
      commitFirst();
      await first;
      await expect(second).rejects.toMatchObject({
        code: "23505",
        constraint: "space_hold_active_key",
      });
    },
  );

  it("a hold expires after its day: not held any more, and released with a history entry", async () => {
    const a = await newProject({ organisation: "Expiry A" });
    const b = await newProject({ organisation: "Expiry B" });
    const u = await newUnit();
    expect(
      (await holdUnit(t.db, promo, a, { unitId: u, heldUntil: "2026-12-06" }, {}, NOW)).ok,
    ).toBe(true);
    // The last day still counts.
    const dec6 = new Date("2026-12-06T15:00:00Z"); // 23:00 in Shanghai
    expect((await getUnit(t.db, promo, u, dec6)).unit.shown_state).toBe("held");
    expect(
      await holdUnit(t.db, promo, b, { unitId: u, heldUntil: "2026-12-10" }, {}, dec6),
    ).toMatchObject({ ok: false, error: "conflict" });
    // The next day in Shanghai it is free: shown available, and another project may hold it.
    const dec7 = new Date("2026-12-06T16:30:00Z"); // 00:30 on the 7th in Shanghai
    expect((await getUnit(t.db, promo, u, dec7)).unit.shown_state).toBe("available");
    expect(
      (await holdUnit(t.db, promo, b, { unitId: u, heldUntil: "2026-12-10" }, {}, dec7)).ok,
    ).toBe(true);
    const released = await t.db
      .selectFrom("project_event")
      .select(["kind", "details"])
      .where("project_id", "=", a)
      .where("kind", "=", "unit_released")
      .execute();
    expect(released).toHaveLength(1);
    expect(released[0]!.details).toMatchObject({ reason: "expired" });
  });

  it("the daily job releases every expired hold", async () => {
    const p = await newProject();
    const u = await newUnit();
    await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2026-12-06" }, {}, NOW);
    expect(await expireAllHolds(t.db, new Date("2026-12-08T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = await t.db
      .selectFrom("space_hold")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("released_at", "is", null)
      .where("held_until", "<", "2026-12-08")
      .executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
  });

  it("lets a unit at moved in, not before; the hold goes with it", async () => {
    const p = await newProject();
    const u = await newUnit();
    await holdUnit(t.db, promo, p, { unitId: u, heldUntil: "2026-12-20" }, {}, NOW);
    expect(await letUnit(t.db, promo, p, u, {}, NOW)).toEqual({ ok: false, error: "stage" });
    let v = 1;
    for (const to of [
      "qualified",
      "visit_planned",
      "visited",
      "negotiating",
      "signed",
      "registered",
      "moved_in",
    ] as const) {
      const r = await moveProject(t.db, promo, p, v, { to });
      expect(r.ok).toBe(true);
      v++;
    }
    expect(await letUnit(t.db, promo, p, u, {}, NOW)).toEqual({ ok: true });
    const unit = (await getUnit(t.db, promo, u, NOW)).unit;
    expect(unit.shown_state).toBe("let");
    expect(unit.let_project_id).toBe(p);
    expect(unit.hold_id).toBeNull();
  });
});
