import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import type { SessionUser } from "~/auth/session.server";
import { parseCsv } from "./csv";
import { applyImport, periodSheet, previewImport, sheetTable } from "./exchange.server";
import { STANDARD_FORM } from "./forms";
import { openPeriod, saveFormDefinition, viewReport } from "./reports.server";
import { sheetWorkbook } from "./xlsx.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("reading CSV", () => {
  it("reads quotes, doubled quotes, CRLF, a BOM and our formula guard", () => {
    expect(parseCsv('\uFEFFa,"b ""c""",\'=1\r\n"x,y",2\n')).toEqual([
      ["a", 'b "c"', "=1"],
      ["x,y", "2"],
    ]);
    expect(parseCsv('"open')).toBeNull();
  });
});

describe("a period's figures in and out", () => {
  let stats: SessionUser;
  let desk: SessionUser;
  let ownerB: SessionUser;
  let periodId: string;
  const code = (n: number) => `91310000TEST${String(Date.now() % 100000).padStart(5, "0")}${n}`;
  let codes: string[];

  beforeAll(async () => {
    const industry = `ex-${Date.now()}`;
    stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    codes = [code(1), code(2), code(3)];
    for (const c of codes) await insertCompany(t.db, { industry, creditCode: c, resident: true });
    const ob = await insertUser(t.db);
    const b = await insertCompany(t.db, { owner: ob.id, industry: "other-industry" });
    ownerB = sessionUserOf(ob, { company: b, role: "owner" });
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: `ex-${Date.now() % 100000}`, nameEn: "Monthly", nameZh: "月度" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    const opened = await openPeriod(t.db, stats, {
      formVersionId: saved.versionId,
      kind: "month",
      label: "2026-10",
      startsOn: "2026-10-01",
      endsOn: "2026-10-31",
      dueOn: "2026-11-15",
      audience: `industry:${industry}`,
    });
    if (!opened.ok) throw new Error(opened.error);
    periodId = opened.periodId;
  });

  const header =
    "credit_code,revenue,total_cost,rd_spending,staff_total,staff_rd,staff_degree,extra";
  const csv = () =>
    [
      header,
      `${codes[0]},1200,900,150,40,12,35,x`,
      `${codes[1]},1200,900,150,40,50,35,x`, // R&D staff above total staff
      `NOT-IN-PERIOD,1,1,1,1,1,1,x`,
      `${codes[0]},1,1,1,1,1,1,x`, // repeated
      "",
    ].join("\r\n");

  it("previews an import with an error per row and writes nothing", async () => {
    const preview = await previewImport(t.db, stats, periodId, csv());
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.unknownColumns).toEqual(["extra"]);
    expect(preview.rows.map((r) => [r.line, r.errors, Object.keys(r.fieldErrors)])).toEqual([
      [2, [], []],
      [3, [], ["staff_rd"]],
      [4, ["unknownCompany"], []],
      [5, ["repeated"], []],
    ]);
    expect((await previewImport(t.db, desk, periodId, csv())).ok).toBe(false);
    expect((await previewImport(t.db, stats, periodId, "name\r\nx")).ok).toBe(false);
  });

  it("imports the good rows as accepted, and exports them again as CSV and XLSX", async () => {
    const done = await applyImport(t.db, stats, periodId, csv());
    expect(done).toMatchObject({ ok: true, imported: 1, skipped: 3 });
    const again = await previewImport(t.db, stats, periodId, csv());
    expect(again.ok && again.rows[0]!.errors).toEqual(["accepted"]);

    const sheet = await periodSheet(t.db, stats, periodId, { format: "csv" });
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    const table = sheetTable(sheet.sheet);
    const row = table.rows.find((r) => r[0] === codes[0])!;
    expect(row[3]).toBe("accepted");
    expect(row[5]).toBe(1200);
    const bytes = await sheetWorkbook(sheet.sheet);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    expect(ws.getRow(3).getCell(6).value).toBe("revenue");
    const values = [4, 5, 6].map((n) => ws.getRow(n).getCell(6).value);
    expect(values).toContain(1200);
  });

  it("never exports to anyone without the statistics permission", async () => {
    expect((await periodSheet(t.db, desk, periodId, { format: "csv" })).ok).toBe(false);
    expect((await periodSheet(t.db, ownerB, periodId, { format: "xlsx" })).ok).toBe(false);
    const sheet = await periodSheet(t.db, stats, periodId, { format: "csv" });
    const reportId = sheet.ok ? sheet.sheet.rows[0]!.reportId : "";
    expect((await viewReport(t.db, ownerB, reportId)).ok).toBe(false);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", periodId)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["statistics.period_export", "statistics.period_import"]),
    );
  });
});
