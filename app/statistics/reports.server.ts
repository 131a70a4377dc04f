/**
 * Company reports (issue 14, ADR 0033). Staff with the statistics permission open a period of
 * a form version for a set of companies; each company's owners and designated reporters get
 * a task (notification and email); the company saves drafts and submits; staff accept or
 * return with comments per field; an accepted report is locked and a correction starts a new
 * revision, every submission kept.
 *
 * Confidentiality: a report's figures reach only its company's owners and designated
 * reporters, and staff with `read:statistics:any`; each staff view is audited
 * (`viewReport`). Every other company's id is "notFound".
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { containsPattern } from "~/admin/users.server";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import {
  checkFigures,
  definitionErrors,
  type FigureError,
  type Figures,
  type FormDefinition,
} from "./forms";
import { refreshCompanyIndicators } from "./indicators.server";
import type { PeriodShow } from "./schema";
import { daysBetween } from "./reminders";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export const REPORT_STATUSES = ["open", "draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const AUDIENCES = ["residents", "incubatees", "all"] as const;
/** `residents`, `incubatees`, `all`, or `industry:<slug>`. */
export type Audience = string;

function asFigures(v: unknown): Figures {
  const o = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return o && typeof o === "object" ? (o as Figures) : {};
}
function asTexts(v: unknown): Record<string, string> {
  return asFigures(v) as Record<string, string>;
}
export function asDefinition(fields: unknown, checks: unknown): FormDefinition {
  const f = typeof fields === "string" ? (JSON.parse(fields) as unknown) : fields;
  const c = typeof checks === "string" ? (JSON.parse(checks) as unknown) : checks;
  return {
    fields: Array.isArray(f) ? (f as FormDefinition["fields"]) : [],
    checks: Array.isArray(c) ? (c as FormDefinition["checks"]) : [],
  };
}

// --- Forms and versions --------------------------------------------------------------------

/** Whether any company has saved figures against this version: then it is frozen. */
export async function isFrozen(db: Executor, versionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("report")
    .innerJoin("report_period", "report_period.id", "report.period_id")
    .select("report.id")
    .where("report_period.form_version_id", "=", versionId)
    .where("report.saved_at", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * Saves a form's definition: the latest version changed in place while nobody has answered
 * it, else a new version (the answered one stays as it was). Creates the form the first time.
 */
export async function saveFormDefinition(
  db: Executor,
  actor: Viewer,
  form: { code: string; nameEn: string; nameZh: string },
  definition: FormDefinition,
): Promise<
  | Success<{ formId: string; versionId: string; version: number; created: boolean }>
  | Failure<"forbidden" | "invalid">
> {
  if (!can(actor, "manage:statistics:any")) return fail("forbidden");
  if (definitionErrors(definition).length) return fail("invalid");
  return inTransaction(db, async (trx) => {
    const f = await trx
      .insertInto("report_form")
      .values({ code: form.code, name_en: form.nameEn, name_zh: form.nameZh })
      .onConflict((oc) =>
        oc.column("code").doUpdateSet({ name_en: form.nameEn, name_zh: form.nameZh }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom("report_form_version")
      .select(["id", "version"])
      .where("form_id", "=", f.id)
      .orderBy("version", "desc")
      .forUpdate()
      .executeTakeFirst();
    const values = {
      fields: JSON.stringify(definition.fields),
      checks: JSON.stringify(definition.checks),
    };
    let result: { versionId: string; version: number; created: boolean };
    if (latest && !(await isFrozen(trx, latest.id))) {
      await trx
        .updateTable("report_form_version")
        .set(values)
        .where("id", "=", latest.id)
        .execute();
      result = { versionId: latest.id, version: latest.version, created: false };
    } else {
      const version = (latest?.version ?? 0) + 1;
      const row = await trx
        .insertInto("report_form_version")
        .values({ form_id: f.id, version, created_by: actor.id, ...values })
        .returning("id")
        .executeTakeFirstOrThrow();
      result = { versionId: row.id, version, created: true };
    }
    await audit(trx, {
      actorId: actor.id,
      action: "statistics.form_save",
      entityType: "report_form",
      entityId: f.id,
      details: { version: result.version, created: result.created },
    });
    return ok({ formId: f.id, ...result });
  });
}

/** Every form with its latest version, for the open-a-period form. */
export async function listForms(db: Executor) {
  return db
    .selectFrom("report_form")
    .innerJoin("report_form_version as v", "v.form_id", "report_form.id")
    .select([
      "report_form.id",
      "report_form.code",
      "report_form.name_en",
      "report_form.name_zh",
      "v.id as version_id",
      "v.version",
    ])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("report_form_version as later")
            .select("later.id")
            .whereRef("later.form_id", "=", "v.form_id")
            .whereRef("later.version", ">", "v.version"),
        ),
      ),
    )
    .orderBy("report_form.name_en")
    .execute();
}

// --- Who may fill a company's reports -------------------------------------------------------

/** Owners, and the members the owner designated. */
export async function reportersOf(db: Executor, companyId: string) {
  return db
    .selectFrom("company_member")
    .innerJoin("app_user", "app_user.id", "company_member.user_id")
    .leftJoin("company_reporter", (j) =>
      j
        .onRef("company_reporter.company_id", "=", "company_member.company_id")
        .onRef("company_reporter.user_id", "=", "company_member.user_id"),
    )
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.locale",
      "company_member.role",
      sql<boolean>`company_reporter.user_id IS NOT NULL`.as("designated"),
    ])
    .where("company_member.company_id", "=", companyId)
    .orderBy("app_user.name")
    .execute();
}

/** Whether the person may fill and read their own company's reports. */
export async function isReporter(db: Executor, viewer: Viewer): Promise<boolean> {
  if (!viewer.company) return false;
  if (viewer.company.role === "owner") return true;
  const row = await db
    .selectFrom("company_reporter")
    .select("user_id")
    .where("company_id", "=", viewer.company.id)
    .where("user_id", "=", viewer.id)
    .executeTakeFirst();
  return !!row;
}

/** The owner names (or un-names) a member as a reporter. */
export async function setReporter(
  db: Executor,
  actor: Viewer,
  userId: string,
  designated: boolean,
): Promise<Success | Failure<"notFound" | "forbidden">> {
  if (!actor.company || actor.company.role !== "owner") return fail("forbidden");
  if (!isUuid(userId)) return fail("notFound");
  const companyId = actor.company.id;
  return inTransaction(db, async (trx) => {
    const member = await trx
      .selectFrom("company_member")
      .select("role")
      .where("company_id", "=", companyId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!member || member.role !== "member") return fail("notFound");
    if (designated)
      await trx
        .insertInto("company_reporter")
        .values({ company_id: companyId, user_id: userId, designated_by: actor.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else
      await trx
        .deleteFrom("company_reporter")
        .where("company_id", "=", companyId)
        .where("user_id", "=", userId)
        .execute();
    await audit(trx, {
      actorId: actor.id,
      action: designated ? "statistics.reporter_add" : "statistics.reporter_remove",
      entityType: "company",
      entityId: companyId,
      details: { userId },
    });
    return ok();
  });
}

// --- Periods --------------------------------------------------------------------------------

export interface PeriodInput {
  formVersionId: string;
  kind: "month" | "quarter" | "year";
  label: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  audience: Audience;
}

/** The companies a period's audience names. */
function audienceQuery(db: Executor, audience: Audience) {
  let q = db.selectFrom("company").select(["company.id", "company.name_en", "company.name_zh"]);
  if (audience === "residents") q = q.where("company.is_resident", "=", true);
  else if (audience === "incubatees")
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("application")
          .select("application.id")
          .whereRef("application.company_id", "=", "company.id")
          .where("application.decision_outcome", "in", ["accepted", "accepted_with_conditions"]),
      ),
    );
  else if (audience.startsWith("industry:"))
    q = q.where("company.industry", "=", audience.slice("industry:".length));
  return q;
}

/** How many companies a period for this audience would ask (the confirmation before opening). */
export async function audienceSize(db: Executor, audience: Audience): Promise<number> {
  const rows = await audienceQuery(db, audience).execute();
  return rows.length;
}

/**
 * Opens a period: a report for every company of the audience, and for each of their owners
 * and reporters a notification and an email, in one transaction.
 */
export async function openPeriod(
  db: Executor,
  actor: Viewer,
  input: PeriodInput,
  meta: { origin?: string; ip?: string | null } = {},
): Promise<
  | Success<{ periodId: string; companies: number }>
  | Failure<"forbidden" | "notFound" | "duplicate" | "empty">
> {
  if (!can(actor, "manage:statistics:any")) return fail("forbidden");
  if (!isUuid(input.formVersionId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const version = await trx
      .selectFrom("report_form_version")
      .innerJoin("report_form", "report_form.id", "report_form_version.form_id")
      .select(["report_form_version.id", "report_form.name_en", "report_form.name_zh"])
      .where("report_form_version.id", "=", input.formVersionId)
      .executeTakeFirst();
    if (!version) return fail("notFound");
    const taken = await trx
      .selectFrom("report_period")
      .select("id")
      .where("form_version_id", "=", input.formVersionId)
      .where("label", "=", input.label)
      .executeTakeFirst();
    if (taken) return fail("duplicate");
    const companies = await audienceQuery(trx, input.audience).execute();
    if (!companies.length) return fail("empty");
    const period = await trx
      .insertInto("report_period")
      .values({
        form_version_id: input.formVersionId,
        kind: input.kind,
        label: input.label,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        due_on: input.dueOn,
        audience: input.audience,
        opened_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const reports = await trx
      .insertInto("report")
      .values(companies.map((c) => ({ period_id: period.id, company_id: c.id })))
      .returning(["id", "company_id"])
      .execute();
    const origin = meta.origin ?? "";
    for (const r of reports) {
      for (const person of await reportersOf(trx, r.company_id)) {
        if (person.role !== "owner" && !person.designated) continue;
        const link = `/company/reports/${r.id}`;
        const subject = person.locale === "zh-CN" ? version.name_zh : version.name_en;
        await notify(trx, person.id, "report_task", link, { subject, ref: input.label });
        await queueEmail(trx, {
          to: person.email,
          locale: person.locale === "zh-CN" ? "zh-CN" : "en",
          template: "reportTask",
          values: {
            form: subject,
            period: input.label,
            due: input.dueOn,
            link: `${origin}${link}`,
          },
        });
      }
    }
    await audit(trx, {
      actorId: actor.id,
      action: "statistics.period_open",
      entityType: "report_period",
      entityId: period.id,
      details: { label: input.label, audience: input.audience, companies: companies.length },
      ip: meta.ip,
    });
    return ok({ periodId: period.id, companies: companies.length });
  });
}

export interface PeriodRow {
  id: string;
  label: string;
  kind: string;
  due_on: string;
  audience: string;
  form_en: string;
  form_zh: string;
  total: number;
  submitted: number;
  accepted: number;
  returned: number;
}

/** Periods, newest first, with how many reports stand where. */
export async function listPeriods(db: Executor, limit = 50): Promise<PeriodRow[]> {
  const rows = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .select([
      "p.id",
      "p.label",
      "p.kind",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "p.audience",
      "f.name_en as form_en",
      "f.name_zh as form_zh",
      (eb) =>
        eb
          .selectFrom("report")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("report.period_id", "=", "p.id")
          .as("total"),
      (eb) =>
        eb
          .selectFrom("report")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("report.period_id", "=", "p.id")
          .where("report.status", "=", "submitted")
          .as("submitted"),
      (eb) =>
        eb
          .selectFrom("report")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("report.period_id", "=", "p.id")
          .where("report.status", "=", "accepted")
          .as("accepted"),
      (eb) =>
        eb
          .selectFrom("report")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("report.period_id", "=", "p.id")
          .where("report.status", "=", "returned")
          .as("returned"),
    ])
    .orderBy("p.ends_on", "desc")
    .orderBy("p.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    total: Number(r.total ?? 0),
    submitted: Number(r.submitted ?? 0),
    accepted: Number(r.accepted ?? 0),
    returned: Number(r.returned ?? 0),
  }));
}

const SHOW_STATUSES: Record<PeriodShow, ReportStatus[] | null> = {
  all: null,
  waiting: ["open", "draft", "returned"],
  submitted: ["submitted"],
  accepted: ["accepted"],
};
export const PERIOD_PAGE_SIZE = 50;

export interface PeriodListOptions {
  show?: PeriodShow;
  /** Part of the company's name, English or Chinese. */
  q?: string;
  /** 1-based; a period lists at most a few thousand companies, so pages are numbered. */
  page?: number;
  pageSize?: number;
}

/**
 * A period's reports with their company and state, a page at a time (those still to come in
 * first, then by name), and the count of each state over the whole period. Late: not in (open,
 * draft or returned) after the due date. Numbered pages rather than a keyset: the list is one
 * period's companies (thousands at most), sorted by name, and staff want "page 3 of 12".
 */
export async function periodReports(
  db: Executor,
  viewer: Viewer,
  periodId: string,
  today: string,
  options: PeriodListOptions = {},
) {
  if (!can(viewer, "read:statistics:any") || !isUuid(periodId)) return fail("notFound");
  const period = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .select([
      "p.id",
      "p.label",
      "p.kind",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "p.audience",
      "f.name_en as form_en",
      "f.name_zh as form_zh",
      "v.version",
    ])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
  if (!period) return fail("notFound");
  const daysLate = Math.max(0, daysBetween(period.due_on, today));
  const byStatus = await db
    .selectFrom("report")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .where("period_id", "=", periodId)
    .groupBy("status")
    .execute();
  const n = (s: ReportStatus) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const counts = {
    total: byStatus.reduce((a, r) => a + r.n, 0),
    open: n("open"),
    draft: n("draft"),
    submitted: n("submitted"),
    returned: n("returned"),
    accepted: n("accepted"),
    late: daysLate > 0 ? n("open") + n("draft") + n("returned") : 0,
  };
  const show = options.show ?? "all";
  const size = Math.min(Math.max(options.pageSize ?? PERIOD_PAGE_SIZE, 1), 200);
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), 10_000);
  const q = options.q?.trim().slice(0, 100) ?? "";
  let list = db
    .selectFrom("report")
    .innerJoin("company", "company.id", "report.company_id")
    .where("report.period_id", "=", periodId);
  const statuses = SHOW_STATUSES[show];
  if (statuses) list = list.where("report.status", "in", statuses);
  if (q) {
    const like = containsPattern(q);
    list = list.where((eb) =>
      eb.or([eb("company.name_en", "ilike", like), eb("company.name_zh", "ilike", like)]),
    );
  }
  const matched =
    statuses || q
      ? (await list.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n
      : counts.total;
  const rows = await list
    .select([
      "report.id",
      "report.status",
      "report.revision",
      "report.submitted_at",
      "company.id as company_id",
      "company.name_en",
      "company.name_zh",
      (eb) =>
        eb
          .selectFrom("report_reminder")
          .select("report_reminder.sent_at")
          .whereRef("report_reminder.report_id", "=", "report.id")
          .orderBy("report_reminder.sent_at", "desc")
          .limit(1)
          .as("last_reminded_at"),
      (eb) =>
        eb
          .selectFrom("report_reminder")
          .select("report_reminder.kind")
          .whereRef("report_reminder.report_id", "=", "report.id")
          .orderBy("report_reminder.sent_at", "desc")
          .limit(1)
          .as("last_reminder"),
    ])
    .orderBy(sql`report.status IN ('open', 'draft', 'returned')`, "desc")
    .orderBy("company.name_en")
    .orderBy("report.id")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return ok({
    period,
    counts,
    show,
    q,
    page,
    pages: Math.max(1, Math.ceil(matched / size)),
    matched,
    reports: rows.map((r) => {
      const late = daysLate > 0 && ["open", "draft", "returned"].includes(r.status);
      return { ...r, late, days_late: late ? daysLate : 0 };
    }),
  });
}

// --- One report -----------------------------------------------------------------------------

export interface ReportView {
  id: string;
  companyId: string;
  companyEn: string;
  companyZh: string;
  status: ReportStatus;
  revision: number;
  version: number;
  figures: Figures;
  explanations: Record<string, string>;
  period: { id: string; label: string; kind: string; dueOn: string; startsOn: string };
  formEn: string;
  formZh: string;
  definition: FormDefinition;
  /** The company's figures of its previous period of the same form (the pre-fill). */
  last: Figures | null;
  lastLabel: string | null;
  /** The comments of the latest return, by field. */
  comments: Record<string, string>;
  submissions: {
    id: string;
    revision: number;
    submittedAt: string;
    outcome: string | null;
    by: string | null;
  }[];
}

type Access = "staff" | "company";

/** Who the viewer is to this report, or null: another company's report does not exist for them. */
async function accessTo(db: Executor, viewer: Viewer, companyId: string): Promise<Access | null> {
  if (viewer.company?.id === companyId && (await isReporter(db, viewer))) return "company";
  if (can(viewer, "read:statistics:any")) return "staff";
  return null;
}

async function loadReport(db: Executor, reportId: string) {
  return db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .innerJoin("company", "company.id", "report.company_id")
    .select([
      "report.id",
      "report.company_id",
      "report.status",
      "report.revision",
      "report.version",
      "report.figures",
      "report.explanations",
      "company.name_en as company_en",
      "company.name_zh as company_zh",
      "p.id as period_id",
      "p.label",
      "p.kind",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
      "v.form_id",
      "v.fields",
      "v.checks",
      "f.name_en as form_en",
      "f.name_zh as form_zh",
    ])
    .where("report.id", "=", reportId)
    .executeTakeFirst();
}

/** The company's latest earlier report of the same form with figures (accepted or submitted first). */
export async function lastFigures(
  db: Executor,
  companyId: string,
  formId: string,
  before: string,
): Promise<{ figures: Figures; label: string } | null> {
  const row = await db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select(["report.figures", "p.label"])
    .where("report.company_id", "=", companyId)
    .where("v.form_id", "=", formId)
    .where("p.starts_on", "<", before)
    .where("report.status", "in", ["submitted", "accepted"])
    .orderBy("p.starts_on", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { figures: asFigures(row.figures), label: row.label } : null;
}

/**
 * A report as its company or statistics staff see it; a staff view is audited (who looked at
 * which company's figures, when).
 */
export async function viewReport(
  db: Executor,
  viewer: Viewer,
  reportId: string,
  meta: { ip?: string | null } = {},
): Promise<Success<{ report: ReportView; access: Access }> | Failure<"notFound">> {
  if (!isUuid(reportId)) return fail("notFound");
  const r = await loadReport(db, reportId);
  if (!r) return fail("notFound");
  const access = await accessTo(db, viewer, r.company_id);
  if (!access) return fail("notFound");
  const last = await lastFigures(db, r.company_id, r.form_id, r.starts_on);
  const submissions = await db
    .selectFrom("report_submission")
    .leftJoin("app_user", "app_user.id", "report_submission.submitted_by")
    .select([
      "report_submission.id",
      "report_submission.revision",
      "report_submission.submitted_at",
      "report_submission.outcome",
      "app_user.name",
    ])
    .where("report_submission.report_id", "=", reportId)
    .orderBy("report_submission.submitted_at", "desc")
    .execute();
  const comments: Record<string, string> = {};
  const latestReturned = submissions.find((s) => s.outcome === "returned");
  if (r.status === "returned" && latestReturned) {
    const rows = await db
      .selectFrom("report_comment")
      .select(["field_key", "body"])
      .where("submission_id", "=", latestReturned.id)
      .execute();
    for (const c of rows) comments[c.field_key] = c.body;
  }
  if (access === "staff")
    await audit(db, {
      actorId: viewer.id,
      action: "statistics.report_view",
      entityType: "company",
      entityId: r.company_id,
      details: { reportId, period: r.label },
      ip: meta.ip,
    });
  return ok({
    access,
    report: {
      id: r.id,
      companyId: r.company_id,
      companyEn: r.company_en,
      companyZh: r.company_zh,
      status: r.status as ReportStatus,
      revision: r.revision,
      version: r.version,
      figures: asFigures(r.figures),
      explanations: asTexts(r.explanations),
      period: {
        id: r.period_id,
        label: r.label,
        kind: r.kind,
        dueOn: r.due_on,
        startsOn: r.starts_on,
      },
      formEn: r.form_en,
      formZh: r.form_zh,
      definition: asDefinition(r.fields, r.checks),
      last: last?.figures ?? null,
      lastLabel: last?.label ?? null,
      comments,
      submissions: submissions.map((s) => ({
        id: s.id,
        revision: s.revision,
        submittedAt: new Date(s.submitted_at).toISOString(),
        outcome: s.outcome,
        by: s.name,
      })),
    },
  });
}

export type FillFailure =
  | Failure<"notFound" | "locked" | "conflict">
  | Failure<"invalid", { errors: Record<string, FigureError> }>;

/**
 * Saves a draft or submits: a company's reporter only, while the report is open, a draft or
 * returned (or, to correct it, accepted with `correct`, which starts the next revision).
 */
export async function fillReport(
  db: Executor,
  actor: Viewer,
  reportId: string,
  input: Record<string, string | undefined>,
  opts: { submit: boolean; version: number; correct?: boolean; ip?: string | null; now?: Date },
): Promise<Success<{ status: ReportStatus }> | FillFailure> {
  if (!isUuid(reportId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const r = await loadReport(trx, reportId);
    if (
      !r ||
      !actor.company ||
      actor.company.id !== r.company_id ||
      !(await isReporter(trx, actor))
    )
      return fail("notFound");
    const correcting = r.status === "accepted" && opts.correct;
    if (r.status === "submitted" || (r.status === "accepted" && !correcting)) return fail("locked");
    if (r.version !== opts.version) return fail("conflict");
    const last = await lastFigures(trx, r.company_id, r.form_id, r.starts_on);
    const checked = checkFigures(asDefinition(r.fields, r.checks), input, last?.figures ?? null, {
      submit: opts.submit,
    });
    if (Object.keys(checked.errors).length) return fail("invalid", { errors: checked.errors });
    const now = opts.now ?? new Date();
    const revision = correcting ? r.revision + 1 : r.revision;
    const status: ReportStatus = opts.submit
      ? "submitted"
      : r.status === "returned"
        ? "returned"
        : "draft";
    const figures = JSON.stringify(checked.figures);
    const explanations = JSON.stringify(checked.explanations);
    await trx
      .updateTable("report")
      .set({
        status,
        revision,
        figures,
        explanations,
        saved_by: actor.id,
        saved_at: now,
        ...(opts.submit ? { submitted_at: now } : {}),
        version: sql<number>`version + 1`,
      })
      .where("id", "=", reportId)
      .execute();
    if (opts.submit)
      await trx
        .insertInto("report_submission")
        .values({
          report_id: reportId,
          revision,
          figures,
          explanations,
          submitted_by: actor.id,
          submitted_at: now,
        })
        .execute();
    await audit(trx, {
      actorId: actor.id,
      action: opts.submit ? "statistics.report_submit" : "statistics.report_save",
      entityType: "report",
      entityId: reportId,
      details: { revision, changed: checked.changed },
      ip: opts.ip,
    });
    return ok({ status });
  });
}

/** Staff accept the submitted report, or return it with a comment per field. */
export async function decideReport(
  db: Executor,
  actor: Viewer,
  reportId: string,
  decision: { outcome: "accepted" } | { outcome: "returned"; comments: Record<string, string> },
  meta: { ip?: string | null; now?: Date; origin?: string } = {},
): Promise<Success | Failure<"notFound" | "forbidden" | "notSubmitted" | "noComment">> {
  if (!can(actor, "manage:statistics:any")) return fail("forbidden");
  if (!isUuid(reportId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const r = await loadReport(trx, reportId);
    if (!r) return fail("notFound");
    if (r.status !== "submitted") return fail("notSubmitted");
    const comments =
      decision.outcome === "returned"
        ? Object.entries(decision.comments).filter(([, v]) => v.trim())
        : [];
    if (decision.outcome === "returned" && !comments.length) return fail("noComment");
    const now = meta.now ?? new Date();
    const submission = await trx
      .selectFrom("report_submission")
      .select("id")
      .where("report_id", "=", reportId)
      .orderBy("submitted_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("report_submission")
      .set({ outcome: decision.outcome, decided_by: actor.id, decided_at: now })
      .where("id", "=", submission.id)
      .execute();
    if (comments.length)
      await trx
        .insertInto("report_comment")
        .values(
          comments.map(([field_key, body]) => ({
            submission_id: submission.id,
            field_key,
            body: body.trim(),
            author_id: actor.id,
          })),
        )
        .execute();
    await trx
      .updateTable("report")
      .set({ status: decision.outcome, decided_at: now, version: sql<number>`version + 1` })
      .where("id", "=", reportId)
      .execute();
    if (decision.outcome === "accepted")
      await refreshCompanyIndicators(trx, r.period_id, [r.company_id]);
    for (const person of await reportersOf(trx, r.company_id)) {
      if (person.role !== "owner" && !person.designated) continue;
      await notify(
        trx,
        person.id,
        decision.outcome === "accepted" ? "report_accepted" : "report_returned",
        `/company/reports/${reportId}`,
        { subject: person.locale === "zh-CN" ? r.form_zh : r.form_en, ref: r.label },
      );
    }
    await audit(trx, {
      actorId: actor.id,
      action:
        decision.outcome === "accepted" ? "statistics.report_accept" : "statistics.report_return",
      entityType: "report",
      entityId: reportId,
      details: { fields: comments.map(([k]) => k) },
      ip: meta.ip,
    });
    return ok();
  });
}

/** Reports a company still has to fill in (or correct); the rest are its history. */
export const TO_DO_STATUSES: readonly ReportStatus[] = ["open", "draft", "returned"];
export const HISTORY_PAGE_SIZE = 12;

/**
 * A company's reports for its owners and reporters: every one still to fill in (the oldest
 * due first), and one page of its history (submitted and accepted, newest first).
 */
export async function companyReports(
  db: Executor,
  viewer: Viewer,
  opts: { page?: number; pageSize?: number } = {},
) {
  if (!viewer.company || !(await isReporter(db, viewer))) return fail("forbidden");
  const pageSize = opts.pageSize ?? HISTORY_PAGE_SIZE;
  const base = db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .select([
      "report.id",
      "report.status",
      "report.revision",
      "p.label",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "f.name_en as form_en",
      "f.name_zh as form_zh",
    ])
    .where("report.company_id", "=", viewer.company.id);
  const todo = await base
    .where("report.status", "in", TO_DO_STATUSES)
    .orderBy("p.due_on", "asc")
    .orderBy("p.label")
    .limit(100)
    .execute();
  const counted = await db
    .selectFrom("report")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("company_id", "=", viewer.company.id)
    .where("status", "not in", TO_DO_STATUSES)
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const history = await base
    .where("report.status", "not in", TO_DO_STATUSES)
    .orderBy("p.ends_on", "desc")
    .orderBy("p.label")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return ok({ todo, history, page, pages, total });
}
