/**
 * An incubation programme's periodic reports (issue 16, ADR 0040), through company statistics
 * (ADR 0033): the programme names a report form and a cadence (quarterly); staff open the
 * quarter for the programme's current incubatees. The period is the statistics period of that
 * form's latest version and label ("2026-Q4"), created when no one has opened it yet, and
 * otherwise joined: each incubatee gets its one report per form and period (report's unique
 * key), so a company asked by statistics and by its programme fills one report, not two.
 * Each company's owners and reporters get the task (notification and email) as with any
 * statistics period; the report is filled, returned and accepted on the statistics pages.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isoDay } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { reportersOf } from "~/statistics/reports.server";
import { periodLabel } from "~/statistics/schema";
import type { Ctx } from "./incubation.server";

export const CADENCES = ["quarter"] as const;
export type Cadence = (typeof CADENCES)[number];
/** Days after the quarter's end that its report is due. */
export const REPORT_DUE_DAYS = 15;

/** The quarter containing `today`: its label, first and last day, and due day. */
export function quarterOf(today: string) {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  const start = `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  const endDate = new Date(Date.UTC(y, q * 3 + 3, 0));
  const end = endDate.toISOString().slice(0, 10);
  const due = new Date(endDate.getTime() + REPORT_DUE_DAYS * 86400_000).toISOString().slice(0, 10);
  return { label: periodLabel("quarter", start), startsOn: start, endsOn: end, dueOn: due };
}

/** The report forms staff may name for a programme. */
export async function reportFormOptions(db: Executor) {
  return db
    .selectFrom("report_form")
    .select(["id", "name_en", "name_zh"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("report_form_version as v")
          .select("v.id")
          .whereRef("v.form_id", "=", "report_form.id"),
      ),
    )
    .orderBy("name_en")
    .execute();
}

/** Names the programme's report form and cadence (or none: `formId` null). */
export async function setReportPlan(
  db: Executor,
  ctx: Ctx,
  programmeId: string,
  plan: { formId: string | null; cadence: Cadence | null },
): Promise<Success | Failure<"notFound" | "form">> {
  if (!isUuid(programmeId)) return fail("notFound");
  if (plan.formId && !isUuid(plan.formId)) return fail("form");
  return inTransaction(db, async (trx) => {
    if (plan.formId) {
      const form = await trx
        .selectFrom("report_form")
        .select("id")
        .where("id", "=", plan.formId)
        .executeTakeFirst();
      if (!form) return fail("form");
    }
    const res = await trx
      .updateTable("incubation_programme")
      .set({
        report_form_id: plan.formId,
        report_cadence: plan.formId ? (plan.cadence ?? "quarter") : null,
      })
      .where("id", "=", programmeId)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return fail("notFound");
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.programme.reports",
      entityType: "incubation_programme",
      entityId: programmeId,
      details: { formId: plan.formId, cadence: plan.cadence },
      ip: ctx.ip,
    });
    return ok();
  });
}

/** The programme's incubatees still in incubation (signed, not ended). */
async function currentIncubatees(db: Executor, programmeId: string) {
  return db
    .selectFrom("incubation_offer as o")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .select(["o.company_id", "o.application_id"])
    .where("c.programme_id", "=", programmeId)
    .where("o.status", "=", "signed")
    .where("o.outcome", "is", null)
    .execute();
}

export type OpenReportsError = "notFound" | "noForm" | "empty";

/**
 * Opens this quarter's reports for the programme's current incubatees: the statistics period
 * (created or joined), a report for each incubatee that has none in it, and the tasks. Opening
 * again asks nobody twice. Returns the period and how many companies were asked now.
 */
export async function openProgrammeReports(
  db: Executor,
  ctx: Ctx,
  programmeId: string,
  today: string = isoDay(new Date()),
): Promise<
  Success<{ periodId: string; label: string; asked: number }> | Failure<OpenReportsError>
> {
  if (!isUuid(programmeId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const programme = await trx
      .selectFrom("incubation_programme as p")
      .leftJoin("report_form as f", "f.id", "p.report_form_id")
      .select(["p.id", "p.report_form_id", "f.name_en", "f.name_zh"])
      .where("p.id", "=", programmeId)
      .forUpdate("p")
      .executeTakeFirst();
    if (!programme) return fail("notFound");
    if (!programme.report_form_id) return fail("noForm");
    const version = await trx
      .selectFrom("report_form_version")
      .select("id")
      .where("form_id", "=", programme.report_form_id)
      .orderBy("version", "desc")
      .executeTakeFirst();
    if (!version) return fail("noForm");
    const companies = await currentIncubatees(trx, programmeId);
    if (!companies.length) return fail("empty");
    const q = quarterOf(today);
    let period = await trx
      .selectFrom("report_period")
      .select(["id", "due_on"])
      .where("form_version_id", "=", version.id)
      .where("label", "=", q.label)
      .executeTakeFirst();
    if (!period)
      period = await trx
        .insertInto("report_period")
        .values({
          form_version_id: version.id,
          kind: "quarter",
          label: q.label,
          starts_on: q.startsOn,
          ends_on: q.endsOn,
          due_on: q.dueOn,
          audience: "incubatees",
          opened_by: ctx.userId,
        })
        .returning(["id", "due_on"])
        .executeTakeFirstOrThrow();
    const periodId = period.id;
    const due =
      typeof period.due_on === "string" ? period.due_on.slice(0, 10) : isoDay(period.due_on);
    let asked = 0;
    for (const c of companies) {
      const report = await trx
        .insertInto("report")
        .values({ period_id: periodId, company_id: c.company_id })
        .onConflict((oc) => oc.columns(["period_id", "company_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!report) continue;
      asked++;
      const link = `/company/reports/${report.id}`;
      for (const person of await reportersOf(trx, c.company_id)) {
        if (person.role !== "owner" && !person.designated) continue;
        const zh = person.locale === "zh-CN";
        const subject = (zh ? programme.name_zh : programme.name_en) ?? "";
        await notify(trx, person.id, "report_task", link, { subject, ref: q.label });
        await queueEmail(trx, {
          to: person.email,
          locale: zh ? "zh-CN" : "en",
          template: "reportTask",
          values: { form: subject, period: q.label, due, link: `${ctx.origin}${link}` },
        });
      }
    }
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.reports.open",
      entityType: "incubation_programme",
      entityId: programmeId,
      details: { periodId, label: q.label, asked },
      ip: ctx.ip,
    });
    return ok({ periodId, label: q.label, asked });
  });
}

/** A company's reports on one form, newest period first (its incubation page). */
export async function incubateeReports(db: Executor, companyId: string, formId: string) {
  return db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "report.id",
      "report.status",
      "p.label",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "report.submitted_at",
    ])
    .where("report.company_id", "=", companyId)
    .where("v.form_id", "=", formId)
    .orderBy("p.ends_on", "desc")
    .limit(20)
    .execute();
}
