/**
 * The end-of-incubation review's third answer (issue 16, ADR 0055): staff extend an incubation,
 * moving its planned end date later with a reason. Each extension is kept (from, to, reason,
 * who, when) and the offer holds the current planned end; one transaction with the history
 * entry, the audit entry and the company's notifications. Refused once the incubation has
 * ended, for a date not after the current planned end, or more than three years after it.
 * The cohort's states (onboarding, incubating, extended, graduated, exited) are in cohort-state.ts.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import type { Ctx } from "./incubation.server";
import { notifyCompany } from "./notify.server";

/** The longest single extension: three years after the current planned end. */
export const MAX_EXTENSION_DAYS = 3 * 366;
const DAY = 86400_000;

export type ExtendError = "notFound" | "ended" | "notLater" | "tooFar";

const dayOf = (v: string | Date): string =>
  typeof v === "string" ? v.slice(0, 10) : v.toISOString().slice(0, 10);

export async function extendIncubation(
  db: Executor,
  ctx: Ctx,
  applicationId: string,
  input: { plannedEndDate: string; reason: string },
): Promise<Success<{ from: string; to: string }> | Failure<ExtendError>> {
  if (!isUuid(applicationId)) return fail("notFound");
  const reason = input.reason.trim();
  const to = input.plannedEndDate;
  return inTransaction(db, async (trx) => {
    const o = await trx
      .selectFrom("incubation_offer as o")
      .innerJoin("application as a", "a.id", "o.application_id")
      .innerJoin("incubation_call as c", "c.id", "a.call_id")
      .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
      .select([
        "o.company_id",
        "o.status",
        "o.outcome",
        sql<string>`to_char(o.planned_end_date, 'YYYY-MM-DD')`.as("planned_end_date"),
        "p.name_en as programme_en",
        "p.name_zh as programme_zh",
      ])
      .where("o.application_id", "=", applicationId)
      .forUpdate("o")
      .executeTakeFirst();
    if (!o || o.status !== "signed") return fail("notFound");
    if (o.outcome) return fail("ended");
    const from = dayOf(o.planned_end_date);
    if (to <= from) return fail("notLater");
    if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_EXTENSION_DAYS * DAY)
      return fail("tooFar");
    await trx
      .updateTable("incubation_offer")
      .set({ planned_end_date: to })
      .where("application_id", "=", applicationId)
      .execute();
    await trx
      .insertInto("incubation_extension")
      .values({
        application_id: applicationId,
        from_end_date: from,
        to_end_date: to,
        reason,
        extended_by: ctx.userId,
      })
      .execute();
    await trx
      .insertInto("application_message")
      .values({
        application_id: applicationId,
        author_id: ctx.userId,
        kind: "incubation",
        status: "extended",
        body: reason,
      })
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.extend",
      entityType: "application",
      entityId: applicationId,
      details: { from, to },
      ip: ctx.ip,
    });
    await notifyCompany(
      trx,
      o.company_id,
      "incubation_extended",
      `/applications/${applicationId}`,
      {
        subject: o.programme_en,
        subjectZh: o.programme_zh,
        ref: to,
      },
    );
    return ok({ from, to });
  });
}

/** An incubation's extensions, oldest first. */
export async function listExtensions(db: Executor, applicationId: string) {
  if (!isUuid(applicationId)) return [];
  return db
    .selectFrom("incubation_extension as e")
    .leftJoin("app_user as u", "u.id", "e.extended_by")
    .select([
      "e.id",
      sql<string>`to_char(e.from_end_date, 'YYYY-MM-DD')`.as("from_end_date"),
      sql<string>`to_char(e.to_end_date, 'YYYY-MM-DD')`.as("to_end_date"),
      "e.reason",
      "e.extended_at",
      "u.name as extended_by",
    ])
    .where("e.application_id", "=", applicationId)
    .orderBy("e.extended_at")
    .execute();
}
