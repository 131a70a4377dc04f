/**
 * The board at scale (ADR 0054): `project_stage_total` stays equal to a count of the projects
 * through every kind of change, and the board reads its columns, sums and cards from it.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import type { ParkRole } from "~/auth/permissions";
import { BOARD_CARDS, filterChoices, projectBoard, stageTotals } from "./list.server";
import { DEFAULT_STALE_DAYS } from "./pipeline";
import { createProject, moveProject, updateProject, type ProjectActor } from "./projects.server";
import type { ProjectInput } from "./schema";

let t: TestDatabase;
let promo: ProjectActor;
let other: ProjectActor;

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

const base: ProjectInput = {
  organisation: "Helio Robotics GmbH",
  country: "DE",
  parentGroup: "",
  industryId: null,
  planKind: "rd_centre",
  investment: { minor: 5_000_000_000, currency: "EUR" },
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

async function newProject(input: Partial<ProjectInput> = {}, actor = promo) {
  const r = await createProject(t.db, actor, { ...base, ...input });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

async function version(id: string) {
  return (
    await t.db
      .selectFrom("project")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).version;
}

async function move(id: string, to: string, lostReason?: string) {
  const r = await moveProject(t.db, promo, id, await version(id), { to, lostReason } as never);
  if (!r.ok) throw new Error(r.error);
}

/** The kept totals and a count of the projects, both as sorted rows without zero rows. */
async function keptAndCounted() {
  const kept = await sql<{ key: string }>`
    SELECT concat_ws('|', owner_id, stage, currency, projects, investment_minor) AS key
    FROM project_stage_total WHERE projects <> 0 OR investment_minor <> 0 ORDER BY 1`.execute(t.db);
  const counted = await sql<{ key: string }>`
    SELECT concat_ws('|', owner_id, stage, investment_currency, count(*),
      coalesce(sum(investment_minor), 0)) AS key
    FROM project GROUP BY owner_id, stage, investment_currency ORDER BY 1`.execute(t.db);
  return { kept: kept.rows.map((r) => r.key), counted: counted.rows.map((r) => r.key) };
}

async function expectTrue() {
  const { kept, counted } = await keptAndCounted();
  expect(kept).toEqual(counted);
}

beforeAll(async () => {
  t = await createTestDatabase();
  promo = await user("promo@board.example", ["promotion"]);
  other = await user("other@board.example", ["promotion"]);
});
afterAll(() => t.close());

describe("stage totals", () => {
  it("stay true through create, moves, edits, loss, reopening, deletes and bulk writes", async () => {
    const a = await newProject();
    const b = await newProject({ investment: { minor: 120_000_000, currency: "CNY" } });
    const c = await newProject({ investment: null, ownerId: other.id });
    await expectTrue();
    const clock = { now: new Date(), staleDays: DEFAULT_STALE_DAYS };
    let totals = await stageTotals(t.db, {}, clock);
    expect(totals.get("new")).toEqual({
      count: 3,
      investment: [
        { currency: "CNY", minor: 120_000_000 },
        { currency: "EUR", minor: 5_000_000_000 },
      ],
    });

    await move(a, "qualified");
    await move(b, "qualified");
    await move(b, "visit_planned");
    await move(b, "qualified"); // back one: the visit called off
    await expectTrue();
    totals = await stageTotals(t.db, {}, clock);
    expect(totals.get("new")?.count).toBe(1);
    expect(totals.get("qualified")?.count).toBe(2);
    expect(totals.get("visit_planned")).toBeUndefined();

    // An edit of the owner and the investment moves the sums between rows.
    const r = await updateProject(t.db, promo, a, await version(a), {
      ...base,
      ownerId: other.id,
      investment: { minor: 7_000_000, currency: "USD" },
    });
    expect(r.ok).toBe(true);
    await expectTrue();
    expect((await stageTotals(t.db, { ownerId: other.id }, clock)).get("qualified")).toEqual({
      count: 1,
      investment: [{ currency: "USD", minor: 7_000_000 }],
    });
    expect((await stageTotals(t.db, { ownerId: promo.id }, clock)).get("qualified")).toEqual({
      count: 1,
      investment: [{ currency: "CNY", minor: 120_000_000 }],
    });

    // Lost, on hold, reopened.
    await move(b, "lost", "Chose another park");
    await move(c, "on_hold");
    await expectTrue();
    await move(c, "new"); // resume
    await expectTrue();
    totals = await stageTotals(t.db, {}, clock);
    expect(totals.get("lost")?.count).toBe(1);
    expect(totals.get("on_hold")).toBeUndefined();

    // An activity-only update changes no total; a refused (rolled back) move leaves them.
    await t.db.updateTable("project").set({ last_activity_at: new Date() }).execute();
    const stale = await moveProject(t.db, promo, a, 0, { to: "visit_planned" } as never);
    expect(stale.ok).toBe(false);
    await expectTrue();

    // Deletes, a bulk insert in one statement, an owner removed (ON DELETE SET NULL).
    await t.db.deleteFrom("project").where("id", "=", b).execute();
    await sql`
      INSERT INTO project (reference, organisation, source, owner_id, stage, investment_minor,
        investment_currency)
      SELECT 'PRJ-BULK-' || g, 'Bulk ' || g, 'staff', ${other.id}::uuid,
        (ARRAY['new','qualified','negotiating'])[1 + g % 3],
        CASE WHEN g % 2 = 0 THEN 1000 * g END, CASE WHEN g % 2 = 0 THEN 'JPY' END
      FROM generate_series(1, 40) g`.execute(t.db);
    await expectTrue();
    const gone = await user("gone@board.example", ["promotion"]);
    await newProject({ ownerId: gone.id });
    await t.db.deleteFrom("app_user").where("id", "=", gone.id).execute();
    await expectTrue();
    expect((await stageTotals(t.db, { ownerId: "none" }, clock)).get("new")?.count).toBe(1);
  });

  it("is what the board shows: counts, sums per currency, at most BOARD_CARDS cards", async () => {
    const board = await projectBoard(t.db, promo, {});
    const counted = await t.db
      .selectFrom("project")
      .select(["stage", sql<number>`count(*)::int`.as("n")])
      .groupBy("stage")
      .execute();
    for (const col of board) {
      expect(col.count).toBe(counted.find((r) => r.stage === col.stage)?.n ?? 0);
      expect(col.cards.length).toBe(Math.min(col.count, BOARD_CARDS));
      expect(col.cards.every((card) => card.stage === col.stage)).toBe(true);
      const times = col.cards.map((card) => +new Date(card.last_activity_at));
      expect(times).toEqual([...times].sort((x, y) => y - x));
    }
    const negotiating = board.find((c) => c.stage === "negotiating")!;
    expect(negotiating.investment).toEqual([
      {
        currency: "JPY",
        minor: Array.from({ length: 40 }, (_, i) => i + 1)
          .filter((g) => g % 3 === 2 && g % 2 === 0)
          .reduce((s, g) => s + 1000 * g, 0),
      },
    ]);
    // A filter the totals do not hold (a flag, a country) counts the projects instead, alike.
    const flagged = await projectBoard(t.db, promo, { flag: "any" });
    const all = await projectBoard(t.db, promo, { flag: "any", ownerId: other.id });
    expect(flagged.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(
      all.reduce((n, c) => n + c.count, 0),
    );
    const de = await projectBoard(t.db, promo, { country: "DE" });
    expect(de.reduce((n, c) => n + c.count, 0)).toBe(
      Number(
        (
          await t.db
            .selectFrom("project")
            .select(sql<number>`count(*)::int`.as("n"))
            .where("country", "=", "DE")
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  });

  it("lists the countries in use for the table's filter", async () => {
    await newProject({ country: "JP" });
    await newProject({ country: "FI" });
    const { countries } = await filterChoices(t.db);
    expect(countries).toEqual(["DE", "FI", "JP"]);
  });
});
