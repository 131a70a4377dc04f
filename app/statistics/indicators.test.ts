import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import type { SessionUser } from "~/auth/session.server";
import { STANDARD_FORM } from "./forms";
import {
  ABILITIES,
  aggregate,
  contribution,
  evaluate,
  formulaErrors,
  type IndicatorFormula,
} from "./indicators";
import { parkDashboard } from "./dashboard.server";
import { previewIndicator, removeIndicator, saveIndicator } from "./indicator-defs.server";
import {
  INDICATOR_REBUILD_TASK,
  indicatorRebuildPending,
  indicatorRebuildTask,
  listIndicators,
  rebuildIndicators,
} from "./indicators.server";
import {
  decideReport,
  fillReport,
  openPeriod,
  saveFormDefinition,
  viewReport,
} from "./reports.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const RD: IndicatorFormula = { kind: "share", a: "rd_spending", b: "revenue" };
const GROWTH: IndicatorFormula = { kind: "growth", a: "revenue", b: null };
const EXPERTS: IndicatorFormula = { kind: "sum", a: "foreign_experts", b: null };

describe("indicator formulas (pure)", () => {
  it("treats a missing, text or non-finite figure as unknown, never as zero", () => {
    expect(contribution(RD, { rd_spending: 10, revenue: 100 })).toEqual({ num: 10, den: 100 });
    expect(contribution(RD, { rd_spending: 10 })).toBeNull();
    expect(contribution(RD, { rd_spending: "10", revenue: 100 })).toBeNull();
    expect(contribution(RD, null)).toBeNull();
    expect(contribution(EXPERTS, { foreign_experts: 0 })).toEqual({ num: 0, den: 1 });
    expect(contribution(EXPERTS, {})).toBeNull();
  });

  it("needs the same period a year ago for growth", () => {
    expect(contribution(GROWTH, { revenue: 120 }, { revenue: 100 })).toEqual({ num: 20, den: 100 });
    expect(contribution(GROWTH, { revenue: 120 }, null)).toBeNull();
    expect(contribution(GROWTH, { revenue: 120 }, { revenue: "n/a" })).toBeNull();
  });

  it("sums what is known and reports the share left unknown", () => {
    const agg = aggregate([{ num: 10, den: 100 }, null, { num: 30, den: 100 }, null]);
    expect(agg).toEqual({ expected: 4, known: 2, num: 40, den: 200 });
    expect(evaluate("share", agg)).toEqual({
      value: 20,
      known: 2,
      expected: 4,
      unknown: 2,
      unknownShare: 0.5,
    });
    expect(evaluate("ratio", agg).value).toBeCloseTo(0.2);
    expect(evaluate("growth", aggregate([{ num: 20, den: 100 }])).value).toBe(20);
  });

  it("gives no value when nothing is known or the denominator is zero, instead of 0", () => {
    expect(evaluate("sum", aggregate([null, null]))).toMatchObject({
      value: null,
      unknownShare: 1,
    });
    expect(evaluate("share", aggregate([{ num: 0, den: 0 }])).value).toBeNull();
    expect(evaluate("sum", aggregate([])).unknownShare).toBeNull();
  });

  it("checks that a formula names numeric fields, with a denominator only where it divides", () => {
    const numeric = ["revenue", "rd_spending"];
    expect(formulaErrors(RD, numeric)).toEqual([]);
    expect(formulaErrors({ kind: "share", a: "notes", b: null }, numeric)).toEqual([
      "a",
      "bMissing",
    ]);
    expect(formulaErrors({ kind: "sum", a: "revenue", b: "revenue" }, numeric)).toEqual(["bExtra"]);
  });
});

describe("indicators over accepted reports (database)", () => {
  let stats: SessionUser;
  let industry: string;
  const owners: SessionUser[] = [];
  let versionId: string;

  beforeAll(async () => {
    industry = `ind-${Date.now()}`;
    stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    for (let i = 0; i < 3; i++) {
      const u = await insertUser(t.db);
      const c = await insertCompany(t.db, { owner: u.id, industry, resident: true });
      owners.push(sessionUserOf(u, { company: c, role: "owner" }));
    }
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: `ind-${Date.now() % 100000}`, nameEn: "Monthly", nameZh: "月报" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    versionId = saved.versionId;
  });

  async function open(label: string, startsOn: string, endsOn: string) {
    const r = await openPeriod(t.db, stats, {
      formVersionId: versionId,
      kind: "month",
      label,
      startsOn,
      endsOn,
      dueOn: endsOn,
      audience: `industry:${industry}`,
    });
    if (!r.ok) throw new Error(r.error);
    return t.db
      .selectFrom("report")
      .innerJoin("company", "company.id", "report.company_id")
      .select(["report.id", "report.company_id", "report.period_id"])
      .where("company.industry", "=", industry)
      .where("report.period_id", "=", r.periodId)
      .execute();
  }

  async function accept(owner: SessionUser, reportId: string, revenue: number, rd: number) {
    const view = await viewReport(t.db, owner, reportId);
    if (!view.ok) throw new Error("view");
    const filled = await fillReport(
      t.db,
      owner,
      reportId,
      {
        revenue: String(revenue),
        total_cost: String(revenue),
        rd_spending: String(rd),
        staff_total: "10",
        staff_rd: "2",
        staff_degree: "8",
        "explain.revenue": "Growth.",
      },
      { submit: true, version: view.report.version },
    );
    if (!filled.ok) throw new Error(filled.error);
    expect(await decideReport(t.db, stats, reportId, { outcome: "accepted" })).toEqual({
      ok: true,
    });
  }

  async function value(periodId: string, code: string) {
    return t.db
      .selectFrom("indicator_value as v")
      .innerJoin("indicator as i", "i.id", "v.indicator_id")
      .select(["v.expected", "v.known", "v.num", "v.den"])
      .where("v.period_id", "=", periodId)
      .where("v.industry", "=", industry)
      .where("i.code", "=", code)
      .executeTakeFirst();
  }

  it("seeds the park's six indicators over the four abilities, weights summing to 100", async () => {
    const defs = await listIndicators(t.db);
    expect(defs.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        "rd_intensity",
        "degree_share",
        "tech_contracts",
        "export_share",
        "foreign_experts",
        "revenue_growth",
      ]),
    );
    expect(new Set(defs.map((d) => d.ability))).toEqual(new Set(ABILITIES));
    expect(defs.reduce((n, d) => n + d.weight, 0)).toBe(100);
    const numeric = STANDARD_FORM.fields.filter((f) => f.type !== "text").map((f) => f.key);
    for (const d of defs) expect(formulaErrors(d, numeric)).toEqual([]);
  });

  it("updates the period's values when a report is accepted, keeping the rest unknown, and growth against a year ago", async () => {
    const lastYear = await open("2025-03", "2025-03-01", "2025-03-31");
    const thisYear = await open("2026-03", "2026-03-01", "2026-03-31");
    const ownerOf = (companyId: string) => owners.find((o) => o.company!.id === companyId)!;
    // A year ago: two of three accepted.
    await accept(ownerOf(lastYear[0]!.company_id), lastYear[0]!.id, 1000, 50);
    await accept(ownerOf(lastYear[1]!.company_id), lastYear[1]!.id, 500, 50);
    const periodNow = thisYear[0]!.period_id;
    // The year after is refreshed (its growth compares against them): still nothing known.
    expect(await value(periodNow, "rd_intensity")).toEqual({
      expected: 3,
      known: 0,
      num: 0,
      den: 0,
    });
    // This year: the first company, then its year-ago peer.
    await accept(ownerOf(thisYear[0]!.company_id), thisYear[0]!.id, 1200, 120);
    let rd = await value(periodNow, "rd_intensity");
    expect(rd).toEqual({ expected: 3, known: 1, num: 120, den: 1200 });
    expect(await value(periodNow, "revenue_growth")).toMatchObject({
      known: 1,
      num: 200,
      den: 1000,
    });
    // Foreign experts were not reported: unknown for all, not zero.
    expect(await value(periodNow, "foreign_experts")).toMatchObject({ known: 0, num: 0 });
    const third = thisYear.find((r) => r.company_id === lastYear[2]!.company_id)!;
    await accept(ownerOf(third.company_id), third.id, 300, 3);
    rd = await value(periodNow, "rd_intensity");
    expect(rd).toEqual({ expected: 3, known: 2, num: 123, den: 1500 });
    // The third has no year-ago figures: growth still counts one company.
    expect(await value(periodNow, "revenue_growth")).toMatchObject({ known: 1 });
  });

  it("shows the dashboard: the period against the last and a year ago, top contributors, and who leaves it unknown", async () => {
    const period = await t.db
      .selectFrom("report_period")
      .innerJoin("report_form_version as v", "v.id", "report_period.form_version_id")
      .select("report_period.id")
      .where("v.id", "=", versionId)
      .where("label", "=", "2026-03")
      .executeTakeFirstOrThrow();
    const desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    expect(
      await parkDashboard(t.db, desk, { periodId: period.id }, { today: "2026-04-10" }),
    ).toEqual({ ok: false, error: "forbidden" });
    const found = await parkDashboard(
      t.db,
      stats,
      { periodId: period.id, indicator: "rd_intensity" },
      { today: "2026-04-10" },
    );
    if (!found.ok) throw new Error(found.error);
    const d = found.dashboard;
    expect(d.period?.label).toBe("2026-03");
    expect(d.yearAgo?.label).toBe("2025-03");
    const rd = d.rows.find((r) => r.def.code === "rd_intensity")!;
    expect(rd.now).toMatchObject({ known: 2, expected: 3, unknown: 1 });
    expect(rd.now.value).toBeCloseTo(8.2);
    expect(rd.yearAgo?.value).toBeCloseTo((100 / 1500) * 100);
    expect(rd.flags).toContain("unknown");
    expect(d.top.map((c) => c.num)).toEqual([120, 3]);
    expect(d.top[0]!.part).toBeCloseTo(120 / 123);
    // The one company not accepted this year: weighed by its revenue of a year ago.
    expect(d.missingTotal).toBe(1);
    const missing = d.missing[0]!;
    expect([500, 1000]).toContain(missing.weight);
    expect(missing.daysLate).toBe(10);
    expect(missing.part).toBeCloseTo(missing.weight! / (1500 + missing.weight!));
    expect(d.trend.map((p) => p.period.label)).toEqual(["2025-03", "2026-03"]);
    const viewed = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", stats.id)
      .where("action", "=", "statistics.dashboard_view")
      .execute();
    expect(viewed).toHaveLength(1);
  });

  it("rebuilds the same values from the accepted submissions", async () => {
    const before = await t.db
      .selectFrom("indicator_value")
      .selectAll()
      .where("industry", "=", industry)
      .orderBy(["indicator_id", "period_id"])
      .execute();
    await rebuildIndicators(t.db);
    const after = await t.db
      .selectFrom("indicator_value")
      .selectAll()
      .where("industry", "=", industry)
      .orderBy(["indicator_id", "period_id"])
      .execute();
    expect(after).toEqual(before);
  });
});

describe("editing indicator definitions", () => {
  const input = {
    code: "rd_staff_share",
    nameEn: "Share of R&D staff",
    nameZh: "研发人员占比",
    ability: "innovation" as const,
    weight: 5,
    kind: "share" as const,
    a: "staff_rd",
    b: "staff_total",
    unit: "%",
    position: 9,
  };

  it("saves a definition (audited), previews it, refuses a bad formula, a duplicate or a stale version, and removes it", async () => {
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    expect(await saveIndicator(t.db, desk, null, input)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await saveIndicator(t.db, stats, null, { ...input, b: null })).toMatchObject({
      ok: false,
      error: "formula",
      problems: ["bMissing"],
    });
    expect(
      await saveIndicator(t.db, stats, null, { ...input, code: "rd_intensity" }),
    ).toMatchObject({ ok: false, error: "duplicate" });
    const saved = await saveIndicator(t.db, stats, null, input);
    if (!saved.ok) throw new Error(saved.error);
    const preview = await previewIndicator(t.db, input);
    expect(preview?.result.known).toBeGreaterThan(0);
    expect(preview?.result.value).toBeCloseTo(20);
    expect(await saveIndicator(t.db, stats, saved.id, input, { version: 7 })).toMatchObject({
      ok: false,
      error: "conflict",
    });
    expect(
      (await saveIndicator(t.db, stats, saved.id, { ...input, weight: 6 }, { version: 1 })).ok,
    ).toBe(true);
    // Saving queues one recomputation (two saves, one job not yet started), which the job
    // queue runs; the dashboard says it is pending until then.
    const jobs = await t.db
      .selectFrom("job")
      .select("id")
      .where("task", "=", INDICATOR_REBUILD_TASK)
      .where("completed_at", "is", null)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(await indicatorRebuildPending(t.db)).toBe(true);
    const job = await t.db
      .updateTable("job")
      .set({
        locked_by: "test-worker",
        locked_until: sql`now() + interval '1 minute'`,
        attempts: 1,
      })
      .where("id", "=", jobs[0]!.id)
      .returning(["id", "task", "payload", "attempts", "max_attempts", "locked_by"])
      .executeTakeFirstOrThrow();
    await indicatorRebuildTask(
      t.db,
      {},
      {
        job: { ...job, locked_by: "test-worker", payload: {} },
        signal: new AbortController().signal,
      },
    );
    await t.db
      .updateTable("job")
      .set({ completed_at: new Date() })
      .where("id", "=", job.id)
      .execute();
    expect(await indicatorRebuildPending(t.db)).toBe(false);
    const values = await t.db
      .selectFrom("indicator_value")
      .select("known")
      .where("indicator_id", "=", saved.id)
      .execute();
    expect(values.length).toBeGreaterThan(0);
    expect(await removeIndicator(t.db, desk, saved.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await removeIndicator(t.db, stats, saved.id)).toEqual({ ok: true });
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", saved.id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "statistics.indicator_create",
      "statistics.indicator_update",
      "statistics.indicator_remove",
    ]);
    expect(
      await t.db
        .selectFrom("indicator_value")
        .select("known")
        .where("indicator_id", "=", saved.id)
        .execute(),
    ).toEqual([]);
  });
});
