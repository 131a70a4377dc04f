/**
 * Milestones of an incubation (issue 16, ADR 0040). A programme defines them (titles in both
 * languages, due so many days after the start or on a fixed day, evidence required or not);
 * signing an agreement copies them to the incubatee, once each (a partial unique index on
 * application and template), however often signing is repeated. The company marks one done
 * with a note and, where asked, a document; staff accept it or send it back with a comment.
 * A milestone not accepted and past its day is overdue. Each change is one transaction with
 * its audit entry and notifications.
 *
 *   open | returned --company--> submitted --staff--> accepted | returned
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isoDay } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { storeUpload } from "~/uploads/uploads.server";
import type { Ctx } from "./incubation.server";
import { isMentorOf } from "./mentors.server";
import { notifyCompany, notifyStaff } from "./notify.server";

export const MILESTONE_STATUSES = ["open", "submitted", "accepted", "returned"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const EVIDENCE_MAX_BYTES = 10_000_000;
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg"];

const DAY = 86400_000;

/** A `date` column as YYYY-MM-DD (the driver may hand it over as a Date at local midnight). */
function dayOf(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : isoDay(value);
}

/** The day a template's milestone is due for an incubation starting on `startDate`. */
export function dueDay(
  template: { due_days: number | null; due_on: string | Date | null },
  startDate: string,
): string {
  if (template.due_on) return dayOf(template.due_on);
  const start = new Date(`${startDate}T00:00:00Z`).getTime();
  return new Date(start + (template.due_days ?? 0) * DAY).toISOString().slice(0, 10);
}

/** Not accepted, not waiting for staff, and its day is past (park time). */
export function isOverdue(
  m: { status: string; due_on: string | Date },
  today: string = isoDay(new Date()),
): boolean {
  return (m.status === "open" || m.status === "returned") && dayOf(m.due_on) < today;
}

// ---------------------------------------------------------------- the programme's templates

export interface TemplateInput {
  titleEn: string;
  titleZh: string;
  dueDays?: number | undefined;
  dueOn?: string | undefined;
  evidenceRequired: boolean;
}

/** A programme with what its incubatees do after signing: milestone templates, report plan. */
export async function getProgrammePlan(db: Executor, programmeId: string) {
  if (!isUuid(programmeId)) return undefined;
  const programme = await db
    .selectFrom("incubation_programme")
    .select(["id", "slug", "name_en", "name_zh", "report_form_id", "report_cadence"])
    .where("id", "=", programmeId)
    .executeTakeFirst();
  if (!programme) return undefined;
  return { ...programme, templates: await listTemplates(db, programmeId) };
}

export async function listTemplates(db: Executor, programmeId: string) {
  if (!isUuid(programmeId)) return [];
  return db
    .selectFrom("incubation_milestone_template")
    .select(["id", "title_en", "title_zh", "due_days", "due_on", "evidence_required", "position"])
    .where("programme_id", "=", programmeId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function addTemplate(
  db: Executor,
  ctx: Ctx,
  programmeId: string,
  input: TemplateInput,
): Promise<Success<{ id: string }> | Failure<"notFound" | "due">> {
  if (!isUuid(programmeId)) return fail("notFound");
  if ((input.dueDays === undefined) === (input.dueOn === undefined)) return fail("due");
  return inTransaction(db, async (trx) => {
    const programme = await trx
      .selectFrom("incubation_programme")
      .select("id")
      .where("id", "=", programmeId)
      .forUpdate()
      .executeTakeFirst();
    if (!programme) return fail("notFound");
    const last = await trx
      .selectFrom("incubation_milestone_template")
      .select(sql<number>`coalesce(max(position), 0)`.as("n"))
      .where("programme_id", "=", programmeId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("incubation_milestone_template")
      .values({
        programme_id: programmeId,
        position: Number(last.n) + 1,
        title_en: input.titleEn,
        title_zh: input.titleZh,
        due_days: input.dueDays ?? null,
        due_on: input.dueOn ?? null,
        evidence_required: input.evidenceRequired,
        created_by: ctx.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.milestone_template.add",
      entityType: "incubation_programme",
      entityId: programmeId,
      details: { templateId: row.id, titleEn: input.titleEn },
      ip: ctx.ip,
    });
    return ok({ id: row.id });
  });
}

/** Removes a template: incubatees that already have its milestone keep it. */
export async function removeTemplate(
  db: Executor,
  ctx: Ctx,
  programmeId: string,
  templateId: string,
): Promise<boolean> {
  if (!isUuid(programmeId) || !isUuid(templateId)) return false;
  return inTransaction(db, async (trx) => {
    const gone = await trx
      .deleteFrom("incubation_milestone_template")
      .where("id", "=", templateId)
      .where("programme_id", "=", programmeId)
      .returning("title_en")
      .executeTakeFirst();
    if (!gone) return false;
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.milestone_template.remove",
      entityType: "incubation_programme",
      entityId: programmeId,
      details: { templateId, titleEn: gone.title_en },
      ip: ctx.ip,
    });
    return true;
  });
}

/**
 * Called when an agreement is signed (and again on every later signed copy): the programme's
 * milestones for this incubatee, each once. Returns how many were created now.
 */
export async function createMilestones(
  trx: Executor,
  input: { applicationId: string; companyId: string; programmeId: string; startDate: string },
): Promise<number> {
  const templates = await listTemplates(trx, input.programmeId);
  let created = 0;
  for (const tpl of templates) {
    const row = await trx
      .insertInto("incubation_milestone")
      .values({
        application_id: input.applicationId,
        company_id: input.companyId,
        template_id: tpl.id,
        position: tpl.position,
        title_en: tpl.title_en,
        title_zh: tpl.title_zh,
        due_on: dueDay(tpl, input.startDate),
        evidence_required: tpl.evidence_required,
      })
      .onConflict((oc) =>
        oc
          .columns(["application_id", "template_id"])
          .where("template_id", "is not", null)
          .doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (row) created++;
  }
  return created;
}

// ---------------------------------------------------------------- an incubatee's milestones

export async function listMilestones(db: Executor, applicationId: string) {
  if (!isUuid(applicationId)) return [];
  return db
    .selectFrom("incubation_milestone as m")
    .leftJoin("stored_file as f", "f.id", "m.evidence_file_id")
    .select([
      "m.id",
      "m.title_en",
      "m.title_zh",
      "m.due_on",
      "m.evidence_required",
      "m.status",
      "m.note",
      "m.staff_comment",
      "m.submitted_at",
      "m.decided_at",
      "m.version",
      "f.filename as evidence_name",
    ])
    .where("m.application_id", "=", applicationId)
    .orderBy("m.due_on")
    .orderBy("m.position")
    .execute();
}
export type MilestoneRow = Awaited<ReturnType<typeof listMilestones>>[number];

async function milestoneContext(
  trx: Executor,
  milestoneId: string,
  scope: { companyId?: string; applicationId?: string } = {},
) {
  let q = trx
    .selectFrom("incubation_milestone as m")
    .innerJoin("incubation_offer as o", "o.application_id", "m.application_id")
    .innerJoin("company as co", "co.id", "m.company_id")
    .select([
      "m.id",
      "m.application_id",
      "m.company_id",
      "m.status",
      "m.title_en",
      "m.title_zh",
      "m.evidence_required",
      "o.outcome",
      "co.name_en as company_en",
    ])
    .where("m.id", "=", milestoneId)
    .forUpdate("m");
  if (scope.companyId) q = q.where("m.company_id", "=", scope.companyId);
  if (scope.applicationId) q = q.where("m.application_id", "=", scope.applicationId);
  return q.executeTakeFirst();
}

export type CompleteError =
  | "notFound"
  | "state"
  | "ended"
  | "noteRequired"
  | "evidenceRequired"
  | "fileType"
  | "fileTooLarge";

/** The company marks a milestone done: a note, and a document where the milestone asks one. */
export async function completeMilestone(
  db: Executor,
  ctx: Ctx,
  companyId: string,
  milestoneId: string,
  input: { note: string; file?: { bytes: Uint8Array; filename: string } | null },
  now = new Date(),
): Promise<Success | Failure<CompleteError>> {
  if (!isUuid(milestoneId)) return fail("notFound");
  const note = input.note.trim();
  if (!note) return fail("noteRequired");
  const file = input.file?.bytes.byteLength ? input.file : null;
  if (file && file.bytes.byteLength > EVIDENCE_MAX_BYTES) return fail("fileTooLarge");
  return inTransaction(db, async (trx) => {
    const m = await milestoneContext(trx, milestoneId, { companyId });
    if (!m) return fail("notFound");
    if (m.outcome) return fail("ended");
    if (m.status !== "open" && m.status !== "returned") return fail("state");
    let fileId: string | null = null;
    if (file) {
      const stored = await storeUpload(trx, {
        bytes: file.bytes,
        filename: file.filename,
        allowedTypes: EVIDENCE_TYPES,
        maxBytes: EVIDENCE_MAX_BYTES,
        uploadedBy: ctx.userId,
        context: "incubation_milestone",
        ownerId: milestoneId,
      });
      if (!stored.ok) return fail(stored.error === "tooLarge" ? "fileTooLarge" : "fileType");
      fileId = stored.file.id;
    } else if (m.evidence_required) return fail("evidenceRequired");
    await trx
      .updateTable("incubation_milestone")
      .set({
        status: "submitted",
        note,
        evidence_file_id: fileId,
        submitted_by: ctx.userId,
        submitted_at: now,
        version: sql`version + 1`,
      })
      .where("id", "=", milestoneId)
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.milestone.submit",
      entityType: "incubation_milestone",
      entityId: milestoneId,
      details: { applicationId: m.application_id, evidence: !!fileId },
      ip: ctx.ip,
    });
    await notifyStaff(
      trx,
      "staff_milestone_submitted",
      `/desk/incubation/cohort/${m.application_id}`,
      { subject: m.title_en, subjectZh: m.title_zh, ref: m.company_en },
    );
    return ok();
  });
}

export type DecideError = "notFound" | "state" | "commentRequired";

/** Staff accept a milestone marked done, or send it back with a comment. */
export async function decideMilestone(
  db: Executor,
  ctx: Ctx,
  milestoneId: string,
  input: { accept: boolean; comment: string; applicationId?: string },
  now = new Date(),
): Promise<Success<{ applicationId: string }> | Failure<DecideError>> {
  if (!isUuid(milestoneId)) return fail("notFound");
  const comment = input.comment.trim();
  if (!input.accept && !comment) return fail("commentRequired");
  return inTransaction(db, async (trx) => {
    const m = await milestoneContext(trx, milestoneId, { applicationId: input.applicationId });
    if (!m) return fail("notFound");
    if (m.status !== "submitted") return fail("state");
    await trx
      .updateTable("incubation_milestone")
      .set({
        status: input.accept ? "accepted" : "returned",
        staff_comment: comment,
        decided_by: ctx.userId,
        decided_at: now,
        version: sql`version + 1`,
      })
      .where("id", "=", milestoneId)
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: input.accept ? "incubation.milestone.accept" : "incubation.milestone.return",
      entityType: "incubation_milestone",
      entityId: milestoneId,
      details: { applicationId: m.application_id },
      ip: ctx.ip,
    });
    await notifyCompany(
      trx,
      m.company_id,
      input.accept ? "milestone_accepted" : "milestone_returned",
      `/applications/${m.application_id}`,
      { subject: m.title_en, subjectZh: m.title_zh },
    );
    return ok({ applicationId: m.application_id });
  });
}

/**
 * The stored evidence of a milestone, or undefined (404) unless the user is a member of its
 * company, park staff or the incubatee's mentor (ADR 0049).
 */
export async function evidenceFileFor(
  db: Executor,
  user: { id: string; roles: readonly string[]; company: { id: string } | null },
  applicationId: string,
  milestoneId: string,
): Promise<string | undefined> {
  if (!isUuid(milestoneId) || !isUuid(applicationId)) return undefined;
  const m = await db
    .selectFrom("incubation_milestone")
    .select(["company_id", "evidence_file_id"])
    .where("id", "=", milestoneId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  if (!m) return undefined;
  const staff = user.roles.includes("staff") || user.roles.includes("admin");
  if (!staff && user.company?.id !== m.company_id) {
    const mentor = user.roles.includes("mentor") && (await isMentorOf(db, user.id, applicationId));
    if (!mentor) return undefined;
  }
  return m.evidence_file_id ?? undefined;
}
