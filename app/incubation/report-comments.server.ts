/**
 * An incubatee's periodic reports as its programme reads them (issue 16, ADR 0049). The
 * programme names a statistics report form (ADR 0040); the incubatee's reports on that form are
 * shared with incubation staff and the incubatee's mentors, who read the figures once submitted
 * and comment on them. The
 * company's reporters (its owners and designated members, who alone see its reports, ADR 0033)
 * read the comments on their application page and are notified of each. Reading the figures is
 * audited like a statistics view; a comment is one transaction with its audit entry and the
 * notifications. Anyone else, and any other report, gets "notFound".
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { notify } from "~/notifications/notifications.server";
import type { Figures, FormDefinition } from "~/statistics/forms";
import { asDefinition, isReporter, lastFigures, reportersOf } from "~/statistics/reports.server";
import type { Ctx } from "./incubation.server";
import { isMentorOf } from "./mentors.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;
export type ProgrammeReader = "staff" | "mentor";

/** Statuses in which the company has handed its figures in. */
export const SUBMITTED_STATUSES = ["submitted", "returned", "accepted"];
export const COMMENT_MAX = 4000;

/** The signed incubation and how the viewer may read it, or undefined (404). */
async function incubationFor(db: Executor, viewer: Viewer, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const reader: ProgrammeReader | null = can(viewer, "read:application:any")
    ? "staff"
    : can(viewer, "read:incubatee:assigned") && (await isMentorOf(db, viewer.id, applicationId))
      ? "mentor"
      : null;
  if (!reader) return undefined;
  const inc = await db
    .selectFrom("incubation_offer as o")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "o.company_id")
    .select([
      "o.application_id",
      "o.company_id",
      "p.report_form_id",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
    ])
    .where("o.application_id", "=", applicationId)
    .where("o.status", "=", "signed")
    .executeTakeFirst();
  return inc ? { ...inc, reader } : undefined;
}

/** A JSON column as an object (the driver may hand it over as text). */
function asRecord<T>(v: unknown): Record<string, T> {
  const o = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return o && typeof o === "object" ? (o as Record<string, T>) : {};
}

export interface ProgrammeFigures {
  definition: FormDefinition;
  figures: Figures;
  explanations: Record<string, string>;
  last: Figures | null;
  lastLabel: string | null;
}

/** The report's figures against the company's previous period of the same form. */
async function figuresOf(
  db: Executor,
  report: { id: string; company_id: string; form_id: string; starts_on: string },
): Promise<ProgrammeFigures> {
  const row = await db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select(["report.figures", "report.explanations", "v.fields", "v.checks"])
    .where("report.id", "=", report.id)
    .executeTakeFirstOrThrow();
  const last = await lastFigures(db, report.company_id, report.form_id, report.starts_on);
  return {
    definition: asDefinition(row.fields, row.checks),
    figures: asRecord<Figures[string]>(row.figures),
    explanations: asRecord<string>(row.explanations),
    last: last?.figures ?? null,
    lastLabel: last?.label ?? null,
  };
}

/** The report belongs to the incubatee and to the programme's form. */
async function reportOf(
  db: Executor,
  inc: { company_id: string; report_form_id: string | null },
  reportId: string,
) {
  if (!isUuid(reportId) || !inc.report_form_id) return undefined;
  return db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "report.id",
      "report.status",
      "report.company_id",
      "v.form_id",
      "p.label",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
    ])
    .where("report.id", "=", reportId)
    .where("report.company_id", "=", inc.company_id)
    .where("v.form_id", "=", inc.report_form_id)
    .executeTakeFirst();
}

export interface ReportComment {
  id: string;
  report_id: string;
  body: string;
  author_role: string;
  author: string | null;
  created_at: Date | string;
}

/** The comments on these reports, oldest first. */
export async function listReportComments(
  db: Executor,
  applicationId: string,
  reportIds: readonly string[],
): Promise<ReportComment[]> {
  if (!reportIds.length || !isUuid(applicationId)) return [];
  return db
    .selectFrom("incubation_report_comment as c")
    .leftJoin("app_user as u", "u.id", "c.author_id")
    .select(["c.id", "c.report_id", "c.body", "c.author_role", "u.name as author", "c.created_at"])
    .where("c.application_id", "=", applicationId)
    .where("c.report_id", "in", [...reportIds])
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

/**
 * One report of an incubatee for its programme: the figures once submitted (the view audited),
 * and the comments. "notFound" for anyone but incubation staff and for another report.
 */
export async function programmeReport(
  db: Executor,
  viewer: Viewer,
  applicationId: string,
  reportId: string,
  meta: { ip?: string | null } = {},
): Promise<
  | Success<{
      reader: ProgrammeReader;
      incubatee: { applicationId: string; companyEn: string; companyZh: string };
      programme: { en: string; zh: string };
      label: string;
      status: string;
      report: ProgrammeFigures | null;
      comments: ReportComment[];
    }>
  | Failure<"notFound">
> {
  const inc = await incubationFor(db, viewer, applicationId);
  if (!inc) return fail("notFound");
  const row = await reportOf(db, inc, reportId);
  if (!row) return fail("notFound");
  const submitted = SUBMITTED_STATUSES.includes(row.status);
  const report = submitted ? await figuresOf(db, row) : null;
  if (report)
    await audit(db, {
      actorId: viewer.id,
      action: "incubation.report_view",
      entityType: "company",
      entityId: inc.company_id,
      details: { reportId: row.id, period: row.label, applicationId, as: inc.reader },
      ip: meta.ip,
    });
  return ok({
    reader: inc.reader,
    incubatee: {
      applicationId: inc.application_id,
      companyEn: inc.company_en,
      companyZh: inc.company_zh,
    },
    programme: { en: inc.programme_en, zh: inc.programme_zh },
    label: row.label,
    status: row.status,
    report,
    comments: await listReportComments(db, applicationId, [row.id]),
  });
}

export type CommentError = "notFound" | "notSubmitted" | "bodyRequired" | "tooLong";

/**
 * Incubation staff or the incubatee's mentor comment on a submitted report: the comment, its audit entry and a
 * notification to each of the company's reporters, in one transaction.
 */
export async function addReportComment(
  db: Executor,
  ctx: Ctx,
  viewer: Viewer,
  applicationId: string,
  reportId: string,
  input: { body: string },
): Promise<Success<{ id: string }> | Failure<CommentError>> {
  const body = input.body.trim();
  if (!body) return fail("bodyRequired");
  if (body.length > COMMENT_MAX) return fail("tooLong");
  return inTransaction(db, async (trx) => {
    const inc = await incubationFor(trx, viewer, applicationId);
    if (!inc) return fail("notFound");
    const row = await reportOf(trx, inc, reportId);
    if (!row) return fail("notFound");
    if (!SUBMITTED_STATUSES.includes(row.status)) return fail("notSubmitted");
    const comment = await trx
      .insertInto("incubation_report_comment")
      .values({
        application_id: applicationId,
        report_id: row.id,
        author_id: ctx.userId,
        author_role: inc.reader,
        body,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.report_comment",
      entityType: "application",
      entityId: applicationId,
      details: { reportId: row.id, period: row.label, commentId: comment.id, as: inc.reader },
      ip: ctx.ip,
    });
    for (const person of await reportersOf(trx, inc.company_id)) {
      if (person.role !== "owner" && !person.designated) continue;
      await notify(trx, person.id, "incubation_report_comment", `/applications/${applicationId}`, {
        subject: inc.programme_en,
        subjectZh: inc.programme_zh,
        ref: row.label,
      });
    }
    return ok({ id: comment.id });
  });
}

/** The comments on these reports, grouped by report. */
export async function commentsByReport(
  db: Executor,
  applicationId: string,
  reportIds: readonly string[],
): Promise<Record<string, ReportComment[]>> {
  const out: Record<string, ReportComment[]> = {};
  for (const c of await listReportComments(db, applicationId, reportIds))
    (out[c.report_id] ??= []).push(c);
  return out;
}

/**
 * The comments as the company sees them: only its reporters (owners and designated members),
 * who alone see its reports (ADR 0033); other members get none.
 */
export async function companyReportComments(
  db: Executor,
  viewer: Viewer,
  applicationId: string,
  reportIds: readonly string[],
): Promise<Record<string, ReportComment[]>> {
  if (!(await isReporter(db, viewer))) return {};
  return commentsByReport(db, applicationId, reportIds);
}
