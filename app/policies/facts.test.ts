/**
 * The company facts policy matching reads (migration 2026-12-08T0600): kept by triggers on
 * report through acceptance, a change of state, a correction of figures and a deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import { STANDARD_FORM } from "~/statistics/forms";
import {
  decideReport,
  fillReport,
  openPeriod,
  saveFormDefinition,
  viewReport,
} from "~/statistics/reports.server";
import { loadFacts } from "./policies.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("company report facts", () => {
  it("follow acceptance, a return, a corrected figure and a deletion", async () => {
    const industry = `facts-${Date.now()}`;
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const u = await insertUser(t.db);
    const company = await insertCompany(t.db, { owner: u.id, industry, resident: true });
    const owner = sessionUserOf(u, { company, role: "owner" });
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: `facts-${Date.now() % 100000}`, nameEn: "Monthly", nameZh: "月报" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    const reportIds: string[] = [];
    for (const [month, revenue] of [
      ["05", 1000],
      ["06", 1200],
    ] as const) {
      const opened = await openPeriod(t.db, stats, {
        formVersionId: saved.versionId,
        kind: "month",
        label: `2026-${month}`,
        startsOn: `2026-${month}-01`,
        endsOn: `2026-${month}-28`,
        dueOn: `2026-${month}-28`,
        audience: `industry:${industry}`,
      });
      if (!opened.ok) throw new Error(opened.error);
      const report = await t.db
        .selectFrom("report")
        .select("id")
        .where("period_id", "=", opened.periodId)
        .where("company_id", "=", company.id)
        .executeTakeFirstOrThrow();
      const view = await viewReport(t.db, owner, report.id);
      if (!view.ok) throw new Error("view");
      const filled = await fillReport(
        t.db,
        owner,
        report.id,
        {
          revenue: String(revenue),
          total_cost: String(revenue * 0.8),
          rd_spending: String(revenue * 0.05),
          staff_total: month === "05" ? "40" : "42",
          staff_rd: "10",
          staff_degree: "30",
        },
        { submit: true, version: view.report.version },
      );
      if (!filled.ok) throw new Error(filled.error);
      // Submitted is not accepted: nothing is known yet.
      const before = await loadFacts(t.db, { companyIds: [company.id], today: "2026-07-15" });
      expect(before.get(company.id)?.revenue ?? null).toBe(month === "05" ? null : 12000);
      await decideReport(t.db, stats, report.id, { outcome: "accepted" });
      reportIds.push(report.id);
    }
    const facts = async () =>
      (await loadFacts(t.db, { companyIds: [company.id], today: "2026-07-15" })).get(company.id)!;
    // Two months: revenue 2,200 annualised to 13,200; R&D 5 %; the latest headcount.
    expect(await facts()).toMatchObject({ revenue: 13200, rdIntensity: 5, headcount: 42 });
    // A corrected figure in an accepted report.
    await t.db
      .updateTable("report")
      .set({ figures: JSON.stringify({ revenue: 1000, rd_spending: 150, staff_total: 44 }) })
      .where("id", "=", reportIds[1]!)
      .execute();
    expect(await facts()).toMatchObject({ revenue: 12000, rdIntensity: 10, headcount: 44 });
    // The June report no longer accepted: May alone.
    await t.db
      .updateTable("report")
      .set({ status: "returned" })
      .where("id", "=", reportIds[1]!)
      .execute();
    expect(await facts()).toMatchObject({ revenue: 12000, rdIntensity: 5, headcount: 40 });
    // Deleted: nothing known.
    await t.db.deleteFrom("report").where("id", "in", reportIds).execute();
    expect(await facts()).toMatchObject({ revenue: null, rdIntensity: null, headcount: null });
  });
});
