/**
 * The cohort (issue 16, ADR 0040): every signed incubation, by programme, with its dates,
 * milestone progress, last periodic report and overdue flags; one incubatee in full; and the
 * end of an incubation (graduation, or an early exit with a reason), which staff confirm: one
 * transaction with the history entry, the resident flag as staff chose, the audit entries,
 * the company's notifications and an email to each member in their language.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { isoDay } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import type { Ctx } from "./incubation.server";
import { isOverdue, listMilestones } from "./milestones.server";
import { notifyCompany } from "./notify.server";
import { incubateeReports } from "./periodic-reports.server";

export const OUTCOMES = ["graduated", "exited"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Every signed incubation, newest start first, with its progress (for the cohort page). */
export async function listCohort(db: Executor, today: string = isoDay(new Date())) {
  const rows = await db
    .selectFrom("incubation_offer as o")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "o.company_id")
    .select([
      "o.application_id",
      "o.company_id",
      "o.start_date",
      "o.planned_end_date",
      "o.outcome",
      "o.ended_on",
      "p.id as programme_id",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "p.report_form_id",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
      sql<number>`(SELECT count(*) FROM incubation_milestone m WHERE m.application_id = o.application_id)::int`.as(
        "milestones",
      ),
      sql<number>`(SELECT count(*) FROM incubation_milestone m WHERE m.application_id = o.application_id AND m.status = 'accepted')::int`.as(
        "accepted",
      ),
      sql<number>`(SELECT count(*) FROM incubation_milestone m WHERE m.application_id = o.application_id AND m.status = 'submitted')::int`.as(
        "waiting",
      ),
      sql<number>`(SELECT count(*) FROM incubation_milestone m WHERE m.application_id = o.application_id AND m.status IN ('open', 'returned') AND m.due_on < ${today}::date)::int`.as(
        "overdue",
      ),
      sql<string | null>`(SELECT p2.label || ' · ' || r.status FROM report r
        JOIN report_period p2 ON p2.id = r.period_id
        JOIN report_form_version v ON v.id = p2.form_version_id
        WHERE r.company_id = o.company_id AND v.form_id = p.report_form_id
        ORDER BY p2.ends_on DESC LIMIT 1)`.as("last_report"),
      sql<number>`(SELECT count(*) FROM report r
        JOIN report_period p2 ON p2.id = r.period_id
        JOIN report_form_version v ON v.id = p2.form_version_id
        WHERE r.company_id = o.company_id AND v.form_id = p.report_form_id
          AND r.status IN ('open', 'draft', 'returned') AND p2.due_on < ${today}::date)::int`.as(
        "reports_overdue",
      ),
      sql<number>`(SELECT count(*) FROM incubation_extension e WHERE e.application_id = o.application_id)::int`.as(
        "extensions",
      ),
      sql<number>`(SELECT count(*) FROM application_onboarding ob
        JOIN service_request sr ON sr.id = ob.service_request_id
        WHERE ob.application_id = o.application_id AND sr.state NOT IN ('resolved', 'closed'))::int`.as(
        "onboarding_open",
      ),
    ])
    .where("o.status", "=", "signed")
    .orderBy("p.name_en")
    .orderBy("o.start_date", "desc")
    .execute();
  return rows;
}
export type CohortRow = Awaited<ReturnType<typeof listCohort>>[number];

/** One incubation in full: the offer's dates, the programme, milestones, onboarding, reports. */
export async function getIncubatee(db: Executor, applicationId: string, companyId?: string) {
  if (!isUuid(applicationId)) return undefined;
  let q = db
    .selectFrom("incubation_offer as o")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "o.company_id")
    .select([
      "o.application_id",
      "o.company_id",
      "o.status",
      "o.start_date",
      "o.planned_end_date",
      "o.space",
      "o.outcome",
      "o.outcome_reason",
      "o.ended_on",
      "o.stays_resident",
      "p.id as programme_id",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "p.report_form_id",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
      "co.is_resident",
    ])
    .where("o.application_id", "=", applicationId)
    .where("o.status", "=", "signed");
  if (companyId) q = q.where("o.company_id", "=", companyId);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    milestones: await listMilestones(db, applicationId),
    reports: row.report_form_id
      ? await incubateeReports(db, row.company_id, row.report_form_id)
      : [],
  };
}
export type Incubatee = NonNullable<Awaited<ReturnType<typeof getIncubatee>>>;

export function overdueCount(
  milestones: readonly { status: string; due_on: string | Date }[],
  today = isoDay(new Date()),
): number {
  return milestones.filter((m) => isOverdue(m, today)).length;
}

export type EndError = "notFound" | "ended" | "reasonRequired";

/**
 * Staff end an incubation: graduated, or exited early (a reason required). The company stays
 * a resident or not as staff chose. History entry, audit, notifications and emails in one
 * transaction; a second end of the same incubation is refused ("ended").
 */
export async function endIncubation(
  db: Executor,
  ctx: Ctx,
  applicationId: string,
  input: { outcome: Outcome; reason: string; staysResident: boolean },
  now = new Date(),
): Promise<Success | Failure<EndError>> {
  if (!isUuid(applicationId)) return fail("notFound");
  const reason = input.reason.trim();
  if (input.outcome === "exited" && !reason) return fail("reasonRequired");
  return inTransaction(db, async (trx) => {
    const o = await trx
      .selectFrom("incubation_offer as o")
      .innerJoin("application as a", "a.id", "o.application_id")
      .innerJoin("incubation_call as c", "c.id", "a.call_id")
      .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
      .innerJoin("company as co", "co.id", "o.company_id")
      .select([
        "o.company_id",
        "o.status",
        "o.outcome",
        "p.name_en as programme_en",
        "p.name_zh as programme_zh",
        "co.name_en as company_en",
        "co.name_zh as company_zh",
        "co.is_resident",
      ])
      .where("o.application_id", "=", applicationId)
      .forUpdate("o")
      .executeTakeFirst();
    if (!o || o.status !== "signed") return fail("notFound");
    if (o.outcome) return fail("ended");
    const endedOn = isoDay(now);
    await trx
      .updateTable("incubation_offer")
      .set({
        outcome: input.outcome,
        outcome_reason: reason,
        ended_on: endedOn,
        ended_by: ctx.userId,
        stays_resident: input.staysResident,
      })
      .where("application_id", "=", applicationId)
      .execute();
    await trx
      .insertInto("application_message")
      .values({
        application_id: applicationId,
        author_id: ctx.userId,
        kind: "incubation",
        status: input.outcome,
        body: reason,
      })
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: `incubation.${input.outcome === "graduated" ? "graduate" : "exit"}`,
      entityType: "application",
      entityId: applicationId,
      details: { staysResident: input.staysResident, endedOn },
      ip: ctx.ip,
    });
    if (o.is_resident !== input.staysResident) {
      await trx
        .updateTable("company")
        .set({
          is_resident: input.staysResident,
          ...(input.staysResident
            ? { resident_since: sql`coalesce(resident_since, ${endedOn}::date)` }
            : {}),
          version: sql`version + 1`,
          updated_at: now,
        })
        .where("id", "=", o.company_id)
        .execute();
      await audit(trx, {
        actorId: ctx.userId,
        action: input.staysResident ? "company.resident" : "company.resident_end",
        entityType: "company",
        entityId: o.company_id,
        details: { applicationId, outcome: input.outcome },
        ip: ctx.ip,
      });
    }
    await notifyCompany(
      trx,
      o.company_id,
      input.outcome === "graduated" ? "incubation_graduated" : "incubation_exited",
      `/applications/${applicationId}`,
      { subject: o.programme_en, subjectZh: o.programme_zh },
    );
    const members = await trx
      .selectFrom("company_member as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["u.email", "u.locale", "u.name"])
      .where("m.company_id", "=", o.company_id)
      .where("u.disabled_at", "is", null)
      .execute();
    for (const m of members) {
      const locale: Locale = isLocale(m.locale) ? m.locale : "en";
      const t = createI18n(locale).getFixedT(locale, "incubation") as unknown as (
        k: string,
      ) => string;
      await queueEmail(trx, {
        to: m.email,
        locale,
        template: "incubationEnded",
        values: {
          name: m.name,
          company: locale === "zh-CN" ? o.company_zh : o.company_en,
          call: locale === "zh-CN" ? o.programme_zh : o.programme_en,
          status: t(`cohort.outcome.${input.outcome}`),
          next: t(
            input.staysResident ? "cohort.email.staysResident" : "cohort.email.leavesResidency",
          ),
          message: reason ? `\n\n${reason}` : "",
          link: `${ctx.origin}/applications/${applicationId}`,
        },
      });
    }
    return ok();
  });
}
