/**
 * The promotion report against the real database: six projects with a written-out history in
 * 2020-2022, and the exact figures of the 2021 report (funnel, conversion, median days, money
 * by quarter, industry and country, per currency).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import type { ParkRole } from "~/auth/permissions";
import { Forbidden } from "~/lib/result";
import { addTranche, type ProjectActor } from "./projects.server";
import { quartersOf, reportPeriod, shortMoney, type ReportPeriod } from "./report";
import { promotionReport } from "./reports.server";

let t: TestDatabase;
let promo: ProjectActor;
let desk: ProjectActor;
let industryA: string;
let industryB: string;
let seq = 0;

async function user(email: string, roles: ParkRole[]) {
  const u = await t.db
    .insertInto("app_user")
    .values({ email, name: email.split("@")[0]!, password_hash: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
  return { id: u.id, roles, company: null };
}

interface Fixture {
  source: "inquiry" | "event" | "referral" | "staff";
  /** [stage, instant]: the first is the creation (to `new`). */
  moves: [string, string][];
  invest?: [number, string];
  industry?: string;
  country?: string;
  tranches?: [number, string, string][];
}

async function project(f: Fixture): Promise<string> {
  const last = f.moves[f.moves.length - 1]![0];
  const stopped = last === "lost" ? f.moves[f.moves.length - 2]![0] : null;
  seq += 1;
  const row = await t.db
    .insertInto("project")
    .values({
      reference: `PRJ-T-${seq}`,
      organisation: `Fixture ${seq}`,
      source: f.source,
      stage: last,
      stopped_stage: stopped,
      lost_reason: last === "lost" ? "Chose another park" : null,
      investment_minor: f.invest?.[0] ?? null,
      investment_currency: f.invest?.[1] ?? null,
      industry_id: f.industry ?? null,
      country: f.country ?? null,
      created_at: new Date(f.moves[0]![1]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  let from: string | null = null;
  for (const [stage, at] of f.moves) {
    await t.db
      .insertInto("project_event")
      .values({
        project_id: row.id,
        kind: from ? "stage" : "created",
        from_stage: from,
        to_stage: stage,
        at: new Date(at),
      })
      .execute();
    from = stage;
  }
  for (const [minor, currency, day] of f.tranches ?? [])
    await t.db
      .insertInto("project_tranche")
      .values({ project_id: row.id, amount_minor: minor, currency, arrived_on: day })
      .execute();
  return row.id;
}

const M = 100_000_000; // a million yuan (or dollars) in minor units
let p1: string;
const year2021: ReportPeriod = { from: "2021-01-01", to: "2021-12-31", currency: "CNY" };

beforeAll(async () => {
  t = await createTestDatabase();
  promo = await user("promo@test.example", ["promotion"]);
  desk = await user("desk@test.example", ["staff"]);
  const industry = async (name_en: string, name_zh: string) =>
    (
      await t.db
        .insertInto("park_industry")
        .values({ name_en, name_zh })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  industryA = await industry("Integrated circuits", "集成电路");
  industryB = await industry("Life sciences", "生命科学");
  // P1: the whole way to signed; signed at 04:00 on 1 April in Shanghai (still 31 March UTC).
  p1 = await project({
    source: "event",
    moves: [
      ["new", "2021-01-10T02:00:00Z"],
      ["qualified", "2021-01-20T02:00:00Z"],
      ["visit_planned", "2021-02-01T02:00:00Z"],
      ["visited", "2021-02-15T02:00:00Z"],
      ["negotiating", "2021-03-01T02:00:00Z"],
      ["signed", "2021-03-31T20:00:00Z"],
    ],
    invest: [100 * M, "CNY"],
    industry: industryA,
    country: "DE",
    tranches: [[30 * M, "CNY", "2021-05-10"]],
  });
  // P2: qualified, then lost.
  await project({
    source: "inquiry",
    moves: [
      ["new", "2021-02-01T02:00:00Z"],
      ["qualified", "2021-02-11T02:00:00Z"],
      ["lost", "2021-03-01T02:00:00Z"],
    ],
    invest: [50 * M, "USD"],
  });
  // P3: new, nothing since.
  await project({ source: "inquiry", moves: [["new", "2021-03-01T02:00:00Z"]] });
  // P4: signed in dollars.
  await project({
    source: "referral",
    moves: [
      ["new", "2021-04-01T02:00:00Z"],
      ["qualified", "2021-04-05T02:00:00Z"],
      ["visit_planned", "2021-04-10T02:00:00Z"],
      ["visited", "2021-04-20T02:00:00Z"],
      ["negotiating", "2021-05-01T02:00:00Z"],
      ["signed", "2021-06-15T02:00:00Z"],
    ],
    invest: [20 * M, "USD"],
    industry: industryB,
    country: "US",
    tranches: [[5 * M, "USD", "2021-07-01"]],
  });
  // P5: created before the period (not in its funnel), signed in it; one tranche after it.
  await project({
    source: "event",
    moves: [
      ["new", "2020-12-20T02:00:00Z"],
      ["qualified", "2020-12-30T02:00:00Z"],
      ["visit_planned", "2021-01-02T02:00:00Z"],
      ["visited", "2021-01-05T02:00:00Z"],
      ["negotiating", "2021-01-08T02:00:00Z"],
      ["signed", "2021-01-15T02:00:00Z"],
    ],
    invest: [40 * M, "CNY"],
    industry: industryB,
    country: "CN",
    tranches: [
      [10 * M, "CNY", "2021-02-01"],
      [5 * M, "CNY", "2022-01-05"],
    ],
  });
  // P6: qualified.
  await project({
    source: "staff",
    moves: [
      ["new", "2021-05-01T02:00:00Z"],
      ["qualified", "2021-05-11T02:00:00Z"],
    ],
  });
});

afterAll(() => t.close());

describe("the promotion report", () => {
  it("refuses desk staff without the promotion permissions", async () => {
    await expect(promotionReport(t.db, desk, year2021)).rejects.toBeInstanceOf(Forbidden);
  });

  it("counts the funnel of projects first recorded in the period, with conversion rates", async () => {
    const r = await promotionReport(t.db, promo, year2021);
    expect(r.projects).toBe(5);
    expect(r.funnel.map((f) => [f.stage, f.reached, f.conversion])).toEqual([
      ["new", 5, null],
      ["qualified", 4, 0.8],
      ["visit_planned", 2, 0.5],
      ["visited", 2, 1],
      ["negotiating", 2, 1],
      ["signed", 2, 1],
      ["registered", 0, 0],
      ["moved_in", 0, null],
      ["producing", 0, null],
    ]);
    expect(r.sources).toEqual([
      { source: "inquiry", reached: [2, 1, 0, 0, 0, 0, 0, 0, 0] },
      { source: "event", reached: [1, 1, 1, 1, 1, 1, 0, 0, 0] },
      { source: "referral", reached: [1, 1, 1, 1, 1, 1, 0, 0, 0] },
      { source: "staff", reached: [1, 1, 0, 0, 0, 0, 0, 0, 0] },
    ]);
  });

  it("takes the median days per stage from the stays that ended in the period", async () => {
    const r = await promotionReport(t.db, promo, year2021);
    expect(r.funnel.map((f) => [f.stage, f.medianDays, f.moves])).toEqual([
      ["new", 10, 4],
      // 3 (P5), 5 (P4), 12 (P1), 18 (P2, until it was lost)
      ["qualified", 8.5, 4],
      ["visit_planned", 10, 3],
      ["visited", 11, 3],
      // 7 (P5), 30.75 (P1: 1 March 10:00 to 1 April 04:00 in Shanghai), 45 (P4)
      ["negotiating", 30.75, 3],
      ["signed", null, 0],
      ["registered", null, 0],
      ["moved_in", null, 0],
      ["producing", null, 0],
    ]);
  });

  it("sums signed and arrived investment of one currency by quarter, industry and country", async () => {
    const r = await promotionReport(t.db, promo, year2021);
    expect(r.quarters).toEqual([
      { key: "2021-Q1", signedMinor: 40 * M, signedProjects: 1, arrivedMinor: 10 * M, tranches: 1 },
      // P1 was signed on 1 April in Shanghai: the second quarter.
      {
        key: "2021-Q2",
        signedMinor: 100 * M,
        signedProjects: 1,
        arrivedMinor: 30 * M,
        tranches: 1,
      },
      { key: "2021-Q3", signedMinor: 0, signedProjects: 0, arrivedMinor: 0, tranches: 0 },
      { key: "2021-Q4", signedMinor: 0, signedProjects: 0, arrivedMinor: 0, tranches: 0 },
    ]);
    expect(r.industries).toEqual([
      {
        key: industryA,
        nameEn: "Integrated circuits",
        nameZh: "集成电路",
        signedMinor: 100 * M,
        signedProjects: 1,
        arrivedMinor: 30 * M,
        tranches: 1,
      },
      {
        key: industryB,
        nameEn: "Life sciences",
        nameZh: "生命科学",
        signedMinor: 40 * M,
        signedProjects: 1,
        arrivedMinor: 10 * M,
        tranches: 1,
      },
    ]);
    expect(r.countries.map((c) => [c.key, c.signedMinor, c.arrivedMinor])).toEqual([
      ["DE", 100 * M, 30 * M],
      ["CN", 40 * M, 10 * M],
    ]);
    expect(r.currencies).toEqual([
      { currency: "CNY", signedMinor: 140 * M, arrivedMinor: 40 * M },
      { currency: "USD", signedMinor: 20 * M, arrivedMinor: 5 * M },
    ]);
  });

  it("reports another currency on its own, never added to the first", async () => {
    const r = await promotionReport(t.db, promo, { ...year2021, currency: "USD" });
    expect(r.quarters.map((q) => [q.key, q.signedMinor, q.arrivedMinor])).toEqual([
      ["2021-Q1", 0, 0],
      ["2021-Q2", 20 * M, 0],
      ["2021-Q3", 0, 5 * M],
      ["2021-Q4", 0, 0],
    ]);
    expect(r.countries.map((c) => c.key)).toEqual(["US"]);
  });

  it("shows a tranche recorded on a project in its quarter at once", async () => {
    const added = await addTranche(t.db, promo, p1, {
      minor: 20 * M,
      currency: "CNY",
      arrivedOn: "2021-11-01",
      note: "",
    });
    expect(added.ok).toBe(true);
    const r = await promotionReport(t.db, promo, year2021);
    expect(r.quarters[3]).toEqual({
      key: "2021-Q4",
      signedMinor: 0,
      signedProjects: 0,
      arrivedMinor: 20 * M,
      tranches: 1,
    });
    expect(r.industries[0]!.arrivedMinor).toBe(50 * M);
  });
});

describe("report periods", () => {
  it("reads the period and currency, with defaults and order", () => {
    const now = new Date("2026-03-10T20:00:00Z"); // 11 March in Shanghai
    expect(reportPeriod(new URLSearchParams(""), now)).toEqual({
      from: "2025-01-01",
      to: "2026-03-11",
      currency: "CNY",
    });
    expect(
      reportPeriod(new URLSearchParams("from=2024-05-01&to=2023-02-01&currency=EUR"), now),
    ).toEqual({ from: "2023-02-01", to: "2024-05-01", currency: "EUR" });
    expect(reportPeriod(new URLSearchParams("from=x&currency=XXX"), now).currency).toBe("CNY");
    expect(quartersOf({ from: "2023-11-30", to: "2024-04-01" })).toEqual([
      "2023-Q4",
      "2024-Q1",
      "2024-Q2",
    ]);
  });

  it("writes short amounts the same way on both sides", () => {
    expect(shortMoney(150 * M, "CNY", "en")).toBe("CNY 150M");
    expect(shortMoney(150 * M, "CNY", "zh-CN")).toBe("1.5亿 CNY");
    expect(shortMoney(40 * M, "CNY", "zh-CN")).toBe("4,000万 CNY");
    expect(shortMoney(3_000_000_000, "JPY", "en")).toBe("JPY 3B");
  });
});
