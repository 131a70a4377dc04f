/**
 * Mentors (issue 16, ADR 0049): incubation staff assign people who hold the `mentor` park role
 * to a signed incubation; a mentor sees the incubatees assigned to them (milestones read-only,
 * periodic reports with the programme's comments, and comments of their own) and nothing of
 * any other incubatee. Assigning and removing are each one transaction with the audit entry
 * and, on assigning, a notification to the mentor.
 */
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { notify } from "~/notifications/notifications.server";
import type { Ctx } from "./incubation.server";

/** Whether `userId` (a mentor) is assigned to this incubation. */
export async function isMentorOf(
  db: Executor,
  userId: string,
  applicationId: string,
): Promise<boolean> {
  if (!isUuid(applicationId)) return false;
  const row = await db
    .selectFrom("incubation_mentor as m")
    .innerJoin("user_role as r", (j) => j.onRef("r.user_id", "=", "m.user_id"))
    .select("m.user_id")
    .where("m.user_id", "=", userId)
    .where("m.application_id", "=", applicationId)
    .where("r.role", "=", "mentor")
    .executeTakeFirst();
  return !!row;
}

/** People who may be assigned: active accounts with the mentor role. */
export async function mentorCandidates(db: Executor) {
  return db
    .selectFrom("app_user as u")
    .innerJoin("user_role as r", "r.user_id", "u.id")
    .select(["u.id", "u.name", "u.email"])
    .where("r.role", "=", "mentor")
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .execute();
}

/** An incubation's mentors. */
export async function listMentors(db: Executor, applicationId: string) {
  if (!isUuid(applicationId)) return [];
  return db
    .selectFrom("incubation_mentor as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "m.assigned_at"])
    .where("m.application_id", "=", applicationId)
    .orderBy("u.name")
    .execute();
}

/** A mentor's incubatees (signed incubations assigned to them), current ones first. */
export async function myIncubatees(db: Executor, userId: string) {
  return db
    .selectFrom("incubation_mentor as m")
    .innerJoin("incubation_offer as o", "o.application_id", "m.application_id")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "o.company_id")
    .select([
      "o.application_id",
      "o.start_date",
      "o.planned_end_date",
      "o.outcome",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
    ])
    .where("m.user_id", "=", userId)
    .where("o.status", "=", "signed")
    .orderBy("o.outcome", "desc")
    .orderBy("co.name_en")
    .execute();
}

export type MentorError = "notFound" | "notMentor";

/** Staff assign a mentor to a signed incubation; assigning twice changes nothing. */
export async function assignMentor(
  db: Executor,
  ctx: Ctx,
  applicationId: string,
  mentorId: string,
): Promise<Success<{ added: boolean }> | Failure<MentorError>> {
  if (!isUuid(applicationId)) return fail("notFound");
  if (!isUuid(mentorId)) return fail("notMentor");
  return inTransaction(db, async (trx) => {
    const inc = await trx
      .selectFrom("incubation_offer as o")
      .innerJoin("company as co", "co.id", "o.company_id")
      .select(["co.name_en", "co.name_zh"])
      .where("o.application_id", "=", applicationId)
      .where("o.status", "=", "signed")
      .executeTakeFirst();
    if (!inc) return fail("notFound");
    const mentor = await trx
      .selectFrom("app_user as u")
      .innerJoin("user_role as r", "r.user_id", "u.id")
      .select("u.id")
      .where("u.id", "=", mentorId)
      .where("r.role", "=", "mentor")
      .where("u.disabled_at", "is", null)
      .executeTakeFirst();
    if (!mentor) return fail("notMentor");
    const row = await trx
      .insertInto("incubation_mentor")
      .values({ application_id: applicationId, user_id: mentorId, assigned_by: ctx.userId })
      .onConflict((oc) => oc.columns(["application_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!row) return ok({ added: false });
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.mentor.assign",
      entityType: "application",
      entityId: applicationId,
      details: { mentorId },
      ip: ctx.ip,
    });
    await notify(trx, mentorId, "mentor_assigned", `/mentoring/${applicationId}`, {
      subject: inc.name_en,
      subjectZh: inc.name_zh,
    });
    return ok({ added: true });
  });
}

/** Staff remove a mentor from an incubation; their comments stay. */
export async function removeMentor(
  db: Executor,
  ctx: Ctx,
  applicationId: string,
  mentorId: string,
): Promise<Success | Failure<"notFound">> {
  if (!isUuid(applicationId) || !isUuid(mentorId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const gone = await trx
      .deleteFrom("incubation_mentor")
      .where("application_id", "=", applicationId)
      .where("user_id", "=", mentorId)
      .returning("user_id")
      .executeTakeFirst();
    if (!gone) return fail("notFound");
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.mentor.remove",
      entityType: "application",
      entityId: applicationId,
      details: { mentorId },
      ip: ctx.ip,
    });
    return ok();
  });
}
