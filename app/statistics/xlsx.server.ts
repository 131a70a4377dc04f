/**
 * A period as an Excel workbook (exceljs, ADR 0035): one sheet, the two title rows the park's
 * upward filing has (form and period; field labels in both languages with units), the field
 * keys in a third row so that a saved copy can be imported again as CSV, then one row per
 * company. Numbers stay numbers; text, even text that looks like a formula, is written as a string.
 */
import ExcelJS from "exceljs";
import type { PeriodSheet } from "./exchange.server";

export async function sheetWorkbook(sheet: PeriodSheet): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Zizhu Park Portal";
  const ws = book.addWorksheet(sheet.label.replace(/[\\/?*[\]:]/g, "-").slice(0, 31) || "Period");
  const fields = sheet.definition.fields;
  ws.addRow([`${sheet.formCode} · ${sheet.label}`]);
  ws.addRow([
    "统一社会信用代码 Credit code",
    "企业名称 Company",
    "Company (EN)",
    "状态 Status",
    "修订 Revision",
    ...fields.map((f) => `${f.labelZh} ${f.labelEn}${f.unit ? ` (${f.unit})` : ""}`),
  ]);
  ws.addRow([
    "credit_code",
    "company_zh",
    "company_en",
    "status",
    "revision",
    ...fields.map((f) => f.key),
  ]);
  for (const r of sheet.rows)
    ws.addRow([
      r.creditCode ?? "",
      r.companyZh,
      r.companyEn,
      r.status,
      r.revision,
      ...fields.map((f) => {
        const v = r.figures[f.key];
        if (v === undefined) return null;
        // exceljs writes a string as a shared string, never a formula (only { formula } is one).
        return typeof v === "number" ? v : String(v);
      }),
    ]);
  ws.getRow(2).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 3, xSplit: 2 }];
  ws.columns.forEach((c, i) => {
    c.width = i < 3 ? 28 : 16;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
