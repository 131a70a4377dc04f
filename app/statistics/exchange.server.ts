/**
 * A period's figures in and out (issue 14, ADR 0035): the export in the layout the park files
 * upward (CSV, and XLSX through exceljs), and the CSV import with a preview and per-row errors.
 * Statistics staff only; each export and import is audited (many companies' figures at once).
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { parseCsv } from "./csv";
import { refreshCompanyIndicators } from "./indicators.server";
import { checkFigures, type FigureError, type Figures, type FormDefinition } from "./forms";
import { asDefinition, lastFigures } from "./reports.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export interface PeriodSheet {
  label: string;
  formCode: string;
  definition: FormDefinition;
  rows: {
    reportId: string;
    creditCode: string | null;
    companyEn: string;
    companyZh: string;
    status: string;
    revision: number;
    figures: Figures;
  }[];
}

async function periodHead(db: Executor, periodId: string) {
  return db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .select([
      "p.id",
      "p.label",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
      "f.id as form_id",
      "f.code",
      "v.fields",
      "v.checks",
    ])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
}

/** Every report of a period with its current figures, by company name. */
export async function periodSheet(
  db: Executor,
  viewer: Viewer,
  periodId: string,
  meta: { ip?: string | null; format: "csv" | "xlsx" },
): Promise<Success<{ sheet: PeriodSheet }> | Failure<"notFound">> {
  if (!can(viewer, "read:statistics:any") || !isUuid(periodId)) return fail("notFound");
  const head = await periodHead(db, periodId);
  if (!head) return fail("notFound");
  const rows = await db
    .selectFrom("report")
    .innerJoin("company", "company.id", "report.company_id")
    .select([
      "report.id",
      "report.status",
      "report.revision",
      "report.figures",
      "company.credit_code",
      "company.name_en",
      "company.name_zh",
    ])
    .where("report.period_id", "=", periodId)
    .orderBy("company.name_en")
    .execute();
  await audit(db, {
    actorId: viewer.id,
    action: "statistics.period_export",
    entityType: "report_period",
    entityId: periodId,
    details: { format: meta.format, reports: rows.length },
    ip: meta.ip,
  });
  return ok({
    sheet: {
      label: head.label,
      formCode: head.code,
      definition: asDefinition(head.fields, head.checks),
      rows: rows.map((r) => ({
        reportId: r.id,
        creditCode: r.credit_code,
        companyEn: r.name_en,
        companyZh: r.name_zh,
        status: r.status,
        revision: r.revision,
        figures: (typeof r.figures === "string" ? JSON.parse(r.figures) : r.figures) as Figures,
      })),
    },
  });
}

/** The sheet's header (field keys, so that an export can be imported again) and rows. */
export function sheetTable(sheet: PeriodSheet): { header: string[]; rows: (string | number)[][] } {
  const keys = sheet.definition.fields.map((f) => f.key);
  return {
    header: ["credit_code", "company_en", "company_zh", "status", "revision", ...keys],
    rows: sheet.rows.map((r) => [
      r.creditCode ?? "",
      r.companyEn,
      r.companyZh,
      r.status,
      r.revision,
      ...keys.map((k) => r.figures[k] ?? ""),
    ]),
  };
}

// --- Import ---------------------------------------------------------------------------------

export const MAX_IMPORT_ROWS = 2000;

export interface ImportRow {
  line: number;
  creditCode: string;
  company: string | null;
  reportId: string | null;
  errors: string[];
  fieldErrors: Record<string, FigureError>;
  figures: Figures;
}

/**
 * Reads a CSV for a period: a `credit_code` column names the company, a column per field
 * key holds its figure. Each row is checked as a submission would be (`checkFigures` against
 * the company's last period); rows of companies outside the period, repeated, or already
 * accepted are refused. Nothing is written.
 */
export async function previewImport(
  db: Executor,
  viewer: Viewer,
  periodId: string,
  text: string,
): Promise<
  | Success<{ rows: ImportRow[]; unknownColumns: string[]; definition: FormDefinition }>
  | Failure<"notFound" | "badFile">
> {
  if (!can(viewer, "manage:statistics:any") || !isUuid(periodId)) return fail("notFound");
  const head = await periodHead(db, periodId);
  if (!head) return fail("notFound");
  const definition = asDefinition(head.fields, head.checks);
  const table = parseCsv(text);
  if (!table || table.length < 1 || table.length > MAX_IMPORT_ROWS + 1) return fail("badFile");
  const header = table[0]!.map((h) => h.trim().replace(/^\uFEFF/, ""));
  const codeAt = header.indexOf("credit_code");
  if (codeAt < 0) return fail("badFile");
  const known = new Set(definition.fields.map((f) => f.key));
  const ignored = new Set(["credit_code", "company_en", "company_zh", "status", "revision"]);
  const unknownColumns = header.filter((h) => h && !known.has(h) && !ignored.has(h));
  const reports = await db
    .selectFrom("report")
    .innerJoin("company", "company.id", "report.company_id")
    .select([
      "report.id",
      "report.status",
      "report.company_id",
      "company.credit_code",
      "company.name_en",
    ])
    .where("report.period_id", "=", periodId)
    .execute();
  const byCode = new Map(
    reports.filter((r) => r.credit_code).map((r) => [r.credit_code!.toUpperCase(), r]),
  );
  const seen = new Set<string>();
  const rows: ImportRow[] = [];
  for (const [i, cells] of table.slice(1).entries()) {
    if (cells.every((c) => !c.trim())) continue;
    const code = (cells[codeAt] ?? "").trim().toUpperCase();
    const row: ImportRow = {
      line: i + 2,
      creditCode: code,
      company: null,
      reportId: null,
      errors: [],
      fieldErrors: {},
      figures: {},
    };
    const report = byCode.get(code);
    if (!report) row.errors.push("unknownCompany");
    else if (seen.has(code)) row.errors.push("repeated");
    else if (report.status === "accepted") row.errors.push("accepted");
    if (report) {
      row.company = report.name_en;
      row.reportId = report.id;
      seen.add(code);
      const input: Record<string, string> = {};
      header.forEach((h, at) => {
        if (known.has(h)) input[h] = cells[at] ?? "";
      });
      const last = await lastFigures(db, report.company_id, head.form_id, head.starts_on);
      // An import is the park's own figures: a large change needs no explanation here.
      const checked = checkFigures(
        { ...definition, checks: definition.checks.filter((c) => c.kind !== "change") },
        input,
        last?.figures ?? null,
        { submit: true },
      );
      row.fieldErrors = checked.errors;
      row.figures = checked.figures;
    }
    rows.push(row);
  }
  return ok({ rows, unknownColumns, definition });
}

/** Imports the rows without errors as accepted submissions by the staff member, in one transaction. */
export async function applyImport(
  db: Executor,
  viewer: Viewer,
  periodId: string,
  text: string,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<Success<{ imported: number; skipped: number }> | Failure<"notFound" | "badFile">> {
  if (!can(viewer, "manage:statistics:any")) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const preview = await previewImport(trx, viewer, periodId, text);
    if (!preview.ok) return preview;
    const now = meta.now ?? new Date();
    let imported = 0;
    const companies: string[] = [];
    for (const row of preview.rows) {
      if (row.errors.length || Object.keys(row.fieldErrors).length || !row.reportId) continue;
      const figures = JSON.stringify(row.figures);
      const r = await trx
        .updateTable("report")
        .set({
          status: "accepted",
          figures,
          explanations: "{}",
          saved_by: viewer.id,
          saved_at: now,
          submitted_at: now,
          decided_at: now,
          version: sql<number>`version + 1`,
        })
        .where("id", "=", row.reportId)
        .where("status", "!=", "accepted")
        .returning(["revision", "company_id"])
        .executeTakeFirst();
      if (!r) continue;
      await trx
        .insertInto("report_submission")
        .values({
          report_id: row.reportId,
          revision: r.revision,
          figures,
          submitted_by: viewer.id,
          submitted_at: now,
          outcome: "accepted",
          decided_by: viewer.id,
          decided_at: now,
        })
        .execute();
      imported++;
      companies.push(r.company_id);
    }
    await refreshCompanyIndicators(trx, periodId, companies);
    await audit(trx, {
      actorId: viewer.id,
      action: "statistics.period_import",
      entityType: "report_period",
      entityId: periodId,
      details: { imported, skipped: preview.rows.length - imported },
      ip: meta.ip,
    });
    return ok({ imported, skipped: preview.rows.length - imported });
  });
}
