import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import type { SessionUser } from "~/auth/session.server";
import { companyBenchmark } from "./benchmark.server";
import { STANDARD_FORM } from "./forms";
import {
  decideReport,
  fillReport,
  openPeriod,
  saveFormDefinition,
  viewReport,
} from "./reports.server";

const AFTER_DUE = "2026-07-01";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("a company's figures against its industry", () => {
  it("shows its own figures and the median only from five companies, never another company's figure", async () => {
    const industry = `bench-${Date.now()}`;
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const owners: SessionUser[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await insertUser(t.db);
      const c = await insertCompany(t.db, { owner: u.id, industry, resident: true });
      owners.push(sessionUserOf(u, { company: c, role: "owner" }));
    }
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: `bench-${Date.now() % 100000}`, nameEn: "Monthly", nameZh: "月报" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    const opened = await openPeriod(t.db, stats, {
      formVersionId: saved.versionId,
      kind: "month",
      label: "2026-05",
      startsOn: "2026-05-01",
      endsOn: "2026-05-31",
      dueOn: "2026-06-15",
      audience: `industry:${industry}`,
    });
    if (!opened.ok) throw new Error(opened.error);
    const revenues = [1111, 2222, 3333, 4444, 5555];
    const accept = async (i: number) => {
      const owner = owners[i]!;
      const report = await t.db
        .selectFrom("report")
        .select("id")
        .where("period_id", "=", opened.periodId)
        .where("company_id", "=", owner.company!.id)
        .executeTakeFirstOrThrow();
      const view = await viewReport(t.db, owner, report.id);
      if (!view.ok) throw new Error("view");
      const filled = await fillReport(
        t.db,
        owner,
        report.id,
        {
          revenue: String(revenues[i]),
          total_cost: "1000",
          rd_spending: "100",
          staff_total: "10",
          staff_rd: "2",
          staff_degree: "8",
        },
        { submit: true, version: view.report.version },
      );
      if (!filled.ok) throw new Error(filled.error);
      await decideReport(t.db, stats, report.id, { outcome: "accepted" });
    };
    for (let i = 0; i < 4; i++) await accept(i);
    const four = await companyBenchmark(t.db, owners[0]!, "revenue", AFTER_DUE);
    if (!four.ok) throw new Error(four.error);
    expect(four.points).toEqual([
      { label: "2026-05", own: 1111, median: null, provisional: false },
    ]);
    const fourIndicator = await companyBenchmark(
      t.db,
      owners[0]!,
      "indicator:rd_intensity",
      AFTER_DUE,
    );
    if (!fourIndicator.ok) throw new Error(fourIndicator.error);
    expect(fourIndicator.points[0]!.own).toBeCloseTo(9.0009, 3);
    expect(fourIndicator.points[0]!.median).toBeNull();
    await accept(4);
    const five = await companyBenchmark(t.db, owners[0]!, "revenue", AFTER_DUE);
    if (!five.ok) throw new Error(five.error);
    expect(five.chosen).toMatchObject({ type: "field", field: { key: "revenue" } });
    expect(five.points).toEqual([
      { label: "2026-05", own: 1111, median: 3333, provisional: false },
    ]);
    // Before the due date the period's median is marked provisional.
    const early = await companyBenchmark(t.db, owners[0]!, "revenue", "2026-06-10");
    expect(early.ok && early.points[0]!.provisional).toBe(true);
    // The park's indicator, computed per company as for the park: R&D spending / revenue.
    const intensity = await companyBenchmark(t.db, owners[0]!, "indicator:rd_intensity", AFTER_DUE);
    if (!intensity.ok) throw new Error(intensity.error);
    expect(intensity.chosen).toMatchObject({
      type: "indicator",
      indicator: { code: "rd_intensity", unit: "%" },
    });
    expect(intensity.indicators.map((i) => i.code)).toContain("rd_intensity");
    expect(intensity.points).toHaveLength(1);
    expect(intensity.points[0]!.own).toBeCloseTo(9.0009, 3);
    expect(intensity.points[0]!.median).toBeCloseTo(3.0003, 3);
    // An unknown choice falls back to the form's first figure.
    const unknown = await companyBenchmark(t.db, owners[0]!, "indicator:nope", AFTER_DUE);
    expect(unknown.ok && unknown.chosen?.type).toBe("field");
    // Nothing in what the company gets is another company's figure.
    const text = JSON.stringify(five);
    for (const other of [2222, 4444, 5555]) expect(text).not.toContain(String(other));
    const indicatorText = JSON.stringify(intensity);
    for (const other of [100 / 22.22, 100 / 44.44, 100 / 55.55])
      expect(indicatorText).not.toContain(String(other).slice(0, 6));
    // A stranger to the companies gets nothing.
    const outsider = sessionUserOf(await insertUser(t.db));
    expect(await companyBenchmark(t.db, outsider, "revenue", AFTER_DUE)).toEqual({
      ok: false,
      error: "forbidden",
    });
  });
});
