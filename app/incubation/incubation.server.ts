/**
 * Incubation domain: programmes, calls, applications (drafts, documents, submission, the
 * state machine of ./workflow.ts), staff screening, reviewer assignments and scores,
 * decisions. Every function takes the database or a transaction first. Functions scoped to a
 * company or a reviewer return undefined for records outside that scope (the route answers 404).
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/client.server";
import { audit } from "~/audit/audit.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { queueEmail } from "~/mail/mail.server";
import { notifyReviewSubmitted, notifyTransition } from "./notify.server";
import { createOffer, type OfferTerms } from "./offer.server";
import { textError } from "~/lib/text";
import { toCsv, type CsvValue } from "~/lib/csv";
import { isHeadcountRange, type CallInput, type DocumentSpec, type Question } from "./schema";
import {
  applicationTotals,
  reviewScore,
  type Criterion,
  type ReviewResult,
  type Scores,
} from "./scoring";
import {
  callPhase,
  DOCUMENTS_STEP,
  findTransition,
  isEditable,
  isStatus,
  OUTCOME_ACTION,
  type ApplicationStatus,
  type Outcome,
  type TransitionAction,
} from "./workflow";
import { isSlug, isUuid } from "~/lib/ids";

export interface Ctx {
  userId: string;
  ip?: string | null;
  /** Absolute origin for links in emails. */
  origin: string;
}

type Database = Executor | DB;

function asList<T>(json: unknown): T[] {
  return Array.isArray(json) ? (json as T[]) : [];
}
function asRecord(json: unknown): Record<string, string> {
  return json && typeof json === "object" && !Array.isArray(json)
    ? (json as Record<string, string>)
    : {};
}

// ---------------------------------------------------------------- programmes and calls

export async function listProgrammes(db: Database) {
  return db.selectFrom("incubation_programme").selectAll().orderBy("created_at").execute();
}

export async function createProgramme(
  db: Database,
  ctx: Ctx,
  input: { slug: string; nameEn: string; nameZh: string; summaryEn?: string; summaryZh?: string },
): Promise<{ ok: true; id: string } | { ok: false; error: "slugTaken" }> {
  return inTransaction(db, async (trx) => {
    const taken = await trx
      .selectFrom("incubation_programme")
      .select("id")
      .where("slug", "=", input.slug)
      .executeTakeFirst();
    if (taken) return { ok: false, error: "slugTaken" };
    const row = await trx
      .insertInto("incubation_programme")
      .values({
        slug: input.slug,
        name_en: input.nameEn,
        name_zh: input.nameZh,
        summary_en: input.summaryEn ?? "",
        summary_zh: input.summaryZh ?? "",
        created_by: ctx.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.programme.create",
      entityType: "incubation_programme",
      entityId: row.id,
      ip: ctx.ip,
    });
    return { ok: true, id: row.id };
  });
}

export interface CallRow {
  id: string;
  programme_id: string;
  slug: string;
  title_en: string;
  title_zh: string;
  opens_at: Date;
  closes_at: Date;
  places: number;
  eligibility_en: string;
  eligibility_zh: string;
  questions: Question[];
  documents: DocumentSpec[];
  rubric: Criterion[];
}

function toCall<T extends { questions: unknown; documents: unknown; rubric: unknown }>(row: T) {
  return {
    ...row,
    questions: asList<Question>(row.questions),
    documents: asList<DocumentSpec>(row.documents),
    rubric: asList<Criterion>(row.rubric),
  };
}

export async function getCall(db: Database, idOrSlug: string) {
  if (!isUuid(idOrSlug) && !isSlug(idOrSlug)) return undefined;
  const row = await db
    .selectFrom("incubation_call")
    .innerJoin("incubation_programme as p", "p.id", "incubation_call.programme_id")
    .selectAll("incubation_call")
    .select(["p.name_en as programme_en", "p.name_zh as programme_zh", "p.slug as programme_slug"])
    .where(isUuid(idOrSlug) ? "incubation_call.id" : "incubation_call.slug", "=", idOrSlug)
    .executeTakeFirst();
  return row && toCall(row);
}

/** Public listing: every programme with its open and upcoming calls, and calls closed in the last 90 days. */
export async function listPublicProgrammes(db: Database, now = new Date()) {
  const programmes = await listProgrammes(db);
  const calls = await db
    .selectFrom("incubation_call")
    .select([
      "id",
      "programme_id",
      "slug",
      "title_en",
      "title_zh",
      "opens_at",
      "closes_at",
      "places",
    ])
    .where("closes_at", ">", new Date(now.getTime() - 90 * 86400_000))
    .orderBy("opens_at")
    .execute();
  return programmes.map((p) => ({
    ...p,
    calls: calls
      .filter((c) => c.programme_id === p.id)
      .map((c) => ({ ...c, phase: callPhase(c, now) })),
  }));
}

export async function listCallsForDesk(db: Database) {
  const rows = await db
    .selectFrom("incubation_call as c")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .select([
      "c.id",
      "c.slug",
      "c.title_en",
      "c.title_zh",
      "c.opens_at",
      "c.closes_at",
      "c.places",
      "c.programme_id",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      (eb) =>
        eb
          .selectFrom("application as a")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("a.call_id", "=", "c.id")
          .where("a.status", "!=", "draft")
          .as("submitted_count"),
      (eb) =>
        eb
          .selectFrom("application as a")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("a.call_id", "=", "c.id")
          .as("total_count"),
    ])
    .orderBy("c.opens_at", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    submitted_count: Number(r.submitted_count ?? 0),
    total_count: Number(r.total_count ?? 0),
  }));
}

/** The newest call of a programme (or of all), to clone. */
export async function latestCall(db: Database, programmeId?: string) {
  let q = db.selectFrom("incubation_call").select("id").orderBy("created_at", "desc").limit(1);
  if (programmeId) q = q.where("programme_id", "=", programmeId);
  const row = await q.executeTakeFirst();
  return row ? getCall(db, row.id) : undefined;
}

export async function saveCall(
  db: Database,
  ctx: Ctx,
  input: CallInput,
  callId?: string,
): Promise<
  { ok: true; id: string } | { ok: false; error: "slugTaken" | "noProgramme" | "notFound" }
> {
  return inTransaction(db, async (trx) => {
    const programme = await trx
      .selectFrom("incubation_programme")
      .select("id")
      .where("id", "=", input.programmeId)
      .executeTakeFirst();
    if (!programme) return { ok: false, error: "noProgramme" };
    let taken = trx.selectFrom("incubation_call").select("id").where("slug", "=", input.slug);
    if (callId) taken = taken.where("id", "!=", callId);
    if (await taken.executeTakeFirst()) return { ok: false, error: "slugTaken" };
    const values = {
      programme_id: input.programmeId,
      slug: input.slug,
      title_en: input.titleEn,
      title_zh: input.titleZh,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      places: input.places,
      eligibility_en: input.eligibilityEn,
      eligibility_zh: input.eligibilityZh,
      questions: JSON.stringify(input.questions),
      documents: JSON.stringify(input.documents),
      rubric: JSON.stringify(input.rubric),
    };
    let id: string;
    if (callId) {
      const row = await trx
        .updateTable("incubation_call")
        .set({ ...values, updated_at: new Date() })
        .where("id", "=", callId)
        .returning("id")
        .executeTakeFirst();
      if (!row) return { ok: false, error: "notFound" };
      id = row.id;
    } else {
      id = (
        await trx
          .insertInto("incubation_call")
          .values({ ...values, created_by: ctx.userId })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    await audit(trx, {
      actorId: ctx.userId,
      action: callId ? "incubation.call.update" : "incubation.call.create",
      entityType: "incubation_call",
      entityId: id,
      ip: ctx.ip,
    });
    return { ok: true, id };
  });
}

// ---------------------------------------------------------------- applications (applicant side)

export type StartResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; error: "noCompany" | "notFound" | "notOpen" };

/** The company's application to a call that is not withdrawn (at most one: a partial unique index). */
export async function liveApplication(db: Database, callId: string, companyId: string) {
  return db
    .selectFrom("application")
    .select(["id", "status"])
    .where("call_id", "=", callId)
    .where("company_id", "=", companyId)
    .where("status", "<>", "withdrawn")
    .executeTakeFirst();
}

/** The company's newest withdrawn application to a call (shown when no live one exists). */
export async function lastWithdrawnApplication(db: Database, callId: string, companyId: string) {
  return db
    .selectFrom("application")
    .select(["id", "withdrawn_at"])
    .where("call_id", "=", callId)
    .where("company_id", "=", companyId)
    .where("status", "=", "withdrawn")
    .orderBy("withdrawn_at", "desc")
    .executeTakeFirst();
}

/** Creates the company's draft for a call, or returns its live application (one per company and call; a withdrawn one does not count). */
export async function startApplication(
  db: DB,
  ctx: Ctx,
  company: { id: string } | null,
  callKey: string,
  now = new Date(),
): Promise<StartResult> {
  return inTransaction(db, async (trx) => {
    if (!company) return { ok: false, error: "noCompany" };
    const call = await getCall(trx, callKey);
    if (!call) return { ok: false, error: "notFound" };
    // A withdrawn application does not count: the company may start again (issue 16).
    const existing = await liveApplication(trx, call.id, company.id);
    if (existing) return { ok: true, id: existing.id, created: false };
    if (callPhase(call, now) !== "open") return { ok: false, error: "notOpen" };
    const row = await trx
      .insertInto("application")
      .values({ call_id: call.id, company_id: company.id, created_by: ctx.userId })
      .onConflict((oc) =>
        oc.columns(["call_id", "company_id"]).where("status", "<>", "withdrawn").doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      const again = await liveApplication(trx, call.id, company.id);
      if (!again) throw new Error("application conflict without a live application");
      return { ok: true, id: again.id, created: false };
    }
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.application.create",
      entityType: "application",
      entityId: row.id,
      ip: ctx.ip,
    });
    return { ok: true, id: row.id, created: true };
  });
}

function applicationBase(db: Database) {
  return db
    .selectFrom("application as a")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "a.company_id")
    .leftJoin("app_user as saver", "saver.id", "a.last_saved_by")
    .select([
      "a.id",
      "a.call_id",
      "a.company_id",
      "a.status",
      "a.answers",
      "a.version",
      "a.last_saved_at",
      "a.submitted_at",
      "a.created_at",
      "a.updated_at",
      "a.decision_outcome",
      "a.decision_letter",
      "a.decision_locale",
      "a.decision_released_at",
      "a.withdrawn_from",
      "a.withdrawn_at",
      "a.offer_terms",
      "saver.name as last_saved_by_name",
      "c.slug as call_slug",
      "c.title_en as call_title_en",
      "c.title_zh as call_title_zh",
      "c.opens_at",
      "c.closes_at",
      "c.questions",
      "c.documents as document_specs",
      "c.rubric",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
      "co.is_resident as company_is_resident",
    ]);
}

function shapeApplication<
  T extends {
    status: string;
    answers: unknown;
    questions: unknown;
    document_specs: unknown;
    rubric: unknown;
  },
>(row: T) {
  return {
    ...row,
    status: (isStatus(row.status) ? row.status : "draft") as ApplicationStatus,
    answers: asRecord(row.answers),
    questions: asList<Question>(row.questions),
    document_specs: asList<DocumentSpec>(row.document_specs),
    rubric: asList<Criterion>(row.rubric),
  };
}

export async function listDocuments(db: Database, applicationId: string) {
  return db
    .selectFrom("application_document")
    .select([
      "id",
      "kind",
      "filename",
      "content_type",
      "size_bytes",
      "uploaded_at",
      "stored_file_id",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("uploaded_at")
    .execute();
}

export async function listMessages(db: Database, applicationId: string) {
  return db
    .selectFrom("application_message")
    .select(["id", "kind", "status", "body", "created_at"])
    .where("application_id", "=", applicationId)
    .orderBy("id", "desc")
    .execute();
}

/**
 * The application as its company sees it, or undefined when it is not that company's (404).
 * The decision letter appears only once released; internal comments and scores never.
 */
export async function getApplicationForCompany(
  db: Database,
  companyId: string | undefined,
  applicationId: string,
) {
  if (!companyId || !isUuid(applicationId)) return undefined;
  const row = await applicationBase(db)
    .where("a.id", "=", applicationId)
    .where("a.company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return undefined;
  const app = shapeApplication(row);
  const released = !!app.decision_released_at;
  return {
    ...app,
    rubric: [],
    decision_outcome: released ? app.decision_outcome : null,
    decision_letter: released ? app.decision_letter : null,
    documents: await listDocuments(db, app.id),
    messages: await listMessages(db, app.id),
  };
}

export async function listApplicationsForCompany(db: Database, companyId: string) {
  const rows = await db
    .selectFrom("application as a")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .select([
      "a.id",
      "a.status",
      "a.updated_at",
      "a.submitted_at",
      "a.last_saved_at",
      "a.decision_released_at",
      "c.title_en",
      "c.title_zh",
      "c.closes_at",
      "c.slug",
    ])
    .where("a.company_id", "=", companyId)
    .orderBy("a.created_at", "desc")
    .execute();
  const out = [];
  for (const r of rows) {
    const messages = await listMessages(db, r.id);
    out.push({ ...r, status: r.status as ApplicationStatus, messages });
  }
  return out;
}

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; error: "notFound" | "notEditable" }
  | { ok: false; error: "conflict"; version: number }
  | { ok: false; error: "fields"; fieldErrors: Record<string, string> };

/**
 * The answers of one step's questions, or the field errors: an answer over its question's limit
 * or holding control characters is refused (the form keeps it), never cut.
 */
export function checkAnswers(
  questions: readonly Question[],
  posted: Record<string, unknown>,
):
  | { ok: true; answers: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string> } {
  const answers: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const q of questions) {
    const v = posted[q.key];
    const value = typeof v === "string" ? v.replace(/\r\n/g, "\n") : "";
    // A headcount question takes one of the ranges (or nothing yet: required answers are
    // checked when the application is submitted).
    const error =
      q.kind === "headcount"
        ? value === "" || isHeadcountRange(value)
          ? undefined
          : "incubation:errors.headcount"
        : textError(value, q.maxLength, { multiline: true });
    if (error) fieldErrors[q.key] = error;
    else answers[q.key] = value;
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, answers };
}

/**
 * Saves the answers of one step (only that step's questions; anything else posted is ignored).
 * Optimistic locking: the update says WHERE version = the version the form was loaded with;
 * a miss answers "conflict" with the current version so the form can keep its input.
 */
export async function saveStep(
  db: Database,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  step: number,
  posted: Record<string, unknown>,
  version: number,
): Promise<SaveResult> {
  const app = await getApplicationForCompany(db, companyId, applicationId);
  if (!app) return { ok: false, error: "notFound" };
  if (!isEditable(app.status)) return { ok: false, error: "notEditable" };
  const checked = checkAnswers(
    app.questions.filter((q) => q.step === step),
    posted,
  );
  if (!checked.ok) return { ok: false, error: "fields", fieldErrors: checked.fieldErrors };
  const patch = checked.answers;
  const row = await db
    .updateTable("application")
    .set({
      answers: sql`answers || ${JSON.stringify(patch)}::jsonb`,
      version: sql`version + 1`,
      last_saved_at: new Date(),
      last_saved_by: ctx.userId,
      updated_at: new Date(),
    })
    .where("id", "=", applicationId)
    .where("company_id", "=", companyId)
    .where("version", "=", version)
    .where("status", "in", ["draft", "info_requested"])
    .returning("version")
    .executeTakeFirst();
  if (!row) {
    const current = await db
      .selectFrom("application")
      .select(["version", "status"])
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    if (!isEditable(current.status as ApplicationStatus))
      return { ok: false, error: "notEditable" };
    return { ok: false, error: "conflict", version: current.version };
  }
  return { ok: true, version: row.version };
}

export interface Gap {
  step: number;
  key: string;
  labelEn: string;
  labelZh: string;
  kind: "answer" | "document";
}

/** Every required answer and document still missing: all at once. */
export function findGaps(
  questions: readonly Question[],
  documentSpecs: readonly DocumentSpec[],
  answers: Record<string, string>,
  documents: readonly { kind: string }[],
): Gap[] {
  const gaps: Gap[] = [];
  for (const q of questions) {
    if (q.required && !(answers[q.key] ?? "").trim())
      gaps.push({
        step: q.step,
        key: q.key,
        labelEn: q.labelEn,
        labelZh: q.labelZh,
        kind: "answer",
      });
  }
  for (const d of documentSpecs) {
    if (d.required && !documents.some((doc) => doc.kind === d.key))
      gaps.push({
        step: DOCUMENTS_STEP,
        key: d.key,
        labelEn: d.labelEn,
        labelZh: d.labelZh,
        kind: "document",
      });
  }
  return gaps;
}

export type SubmitResult =
  | { ok: true; already: boolean }
  | { ok: false; error: "notFound" | "closed" | "invalidState" }
  | { ok: false; error: "gaps"; gaps: Gap[] };

/**
 * Submits a draft (or resubmits after a request for information). Idempotent: a second click
 * finds the application already submitted and changes nothing. Drafts cannot be submitted at
 * or after the call's close time; a resubmission asked for by staff can.
 */
export async function submitApplication(
  db: DB,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  now = new Date(),
): Promise<SubmitResult> {
  const app = await getApplicationForCompany(db, companyId, applicationId);
  if (!app) return { ok: false, error: "notFound" };
  if (app.status === "submitted" || app.status === "resubmitted")
    return { ok: true, already: true };
  const action: TransitionAction | undefined =
    app.status === "draft" ? "submit" : app.status === "info_requested" ? "resubmit" : undefined;
  if (!action) return { ok: false, error: "invalidState" };
  if (action === "submit" && now.getTime() >= new Date(app.closes_at).getTime())
    return { ok: false, error: "closed" };
  const gaps = findGaps(app.questions, app.document_specs, app.answers, app.documents);
  if (gaps.length) return { ok: false, error: "gaps", gaps };
  const result = await transition(db, ctx, {
    applicationId,
    action,
    by: "applicant",
    companyId,
    now,
  });
  if (!result.ok) {
    // Lost a race with another click of the same button: it already did the work.
    const now2 = await db
      .selectFrom("application")
      .select("status")
      .where("id", "=", app.id)
      .executeTakeFirst();
    if (now2?.status === "submitted" || now2?.status === "resubmitted")
      return { ok: true, already: true };
    return { ok: false, error: "invalidState" };
  }
  return { ok: true, already: false };
}

export async function withdrawApplication(
  db: Executor,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  now = new Date(),
) {
  return transition(db, ctx, {
    applicationId,
    action: "withdraw",
    by: "applicant",
    companyId,
    now,
  });
}

/**
 * Undoes a withdrawal: back to the state it was withdrawn from, until the call's deadline, and
 * only while the company has not started another application to the call (refused "replaced").
 */
export async function undoWithdrawal(
  db: Executor,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  now = new Date(),
) {
  return transition(db, ctx, {
    applicationId,
    action: "undo_withdraw",
    by: "applicant",
    companyId,
    now,
  });
}

/** Whether a withdrawn application can still be brought back (the page offers the undo). */
export function canUndoWithdrawal(
  app: { status: string; withdrawn_from: string | null; closes_at: Date | string },
  now = new Date(),
): boolean {
  return (
    app.status === "withdrawn" &&
    !!app.withdrawn_from &&
    now.getTime() < new Date(app.closes_at).getTime()
  );
}

// ---------------------------------------------------------------- the transition

export type TransitionResult =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; error: "notFound" | "refused" | "stale" | "closed" | "replaced" };

/**
 * The one way an application changes state: checks the transition table, updates WHERE the
 * status is still the one read (so a double click or two staff at once change it once), writes
 * the message the applicant sees, the audit entry and an email to each company member in their
 * language, all in one transaction. Acceptance makes the company a resident.
 */
export async function transition(
  db: Executor,
  ctx: Ctx,
  input: {
    applicationId: string;
    action: TransitionAction;
    by: "applicant" | "staff";
    companyId?: string;
    message?: string;
    now?: Date;
  },
): Promise<TransitionResult> {
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom("application as a")
      .innerJoin("incubation_call as c", "c.id", "a.call_id")
      .innerJoin("company as co", "co.id", "a.company_id")
      .select([
        "a.id",
        "a.status",
        "a.company_id",
        "a.call_id",
        "a.decision_letter",
        "a.withdrawn_from",
        "a.offer_terms",
        "c.closes_at",
        "c.title_en",
        "c.title_zh",
        "co.name_en",
        "co.name_zh",
      ])
      .where("a.id", "=", input.applicationId);
    if (input.companyId) q = q.where("a.company_id", "=", input.companyId);
    const app = await q.executeTakeFirst();
    if (!app) return { ok: false, error: "notFound" } as const;
    const from = app.status as ApplicationStatus;
    const t = findTransition(input.action, from, input.by);
    if (!t) return { ok: false, error: "refused" } as const;
    let to: ApplicationStatus;
    if (t.to === "previous") {
      // An undone withdrawal: until the deadline, back where it was, if nothing replaced it.
      if (!app.withdrawn_from || !isStatus(app.withdrawn_from))
        return { ok: false, error: "refused" } as const;
      if (now.getTime() >= new Date(app.closes_at).getTime())
        return { ok: false, error: "closed" } as const;
      if (await liveApplication(trx, app.call_id, app.company_id))
        return { ok: false, error: "replaced" } as const;
      to = app.withdrawn_from;
    } else to = t.to;
    const updated = await trx
      .updateTable("application")
      .set({
        status: to,
        ...(t.action === "withdraw"
          ? { withdrawn_from: from, withdrawn_at: now }
          : t.action === "undo_withdraw"
            ? { withdrawn_from: null, withdrawn_at: null }
            : {}),
        updated_at: now,
        version: sql`version + 1`,
        ...(t.action === "submit" || t.action === "resubmit" ? { submitted_at: now } : {}),
        ...(to === "accepted" || to === "accepted_with_conditions" || to === "rejected"
          ? { decision_released_at: now }
          : {}),
      })
      .where("id", "=", app.id)
      .where("status", "=", from)
      .returning("id")
      .executeTakeFirst();
    if (!updated) return { ok: false, error: "stale" } as const;
    const decided = to === "accepted" || to === "accepted_with_conditions" || to === "rejected";
    await trx
      .insertInto("application_message")
      .values({
        application_id: app.id,
        author_id: ctx.userId,
        kind: decided ? "decision" : t.action === "request_info" ? "info_request" : "status",
        status: to,
        body: decided ? (app.decision_letter ?? "") : (input.message ?? ""),
      })
      .execute();
    // An acceptance is an offer (issue 16): the company becomes a resident only once the
    // agreement is signed by both sides (./offer.server.ts).
    if (to === "accepted" || to === "accepted_with_conditions") await createOffer(trx, app, now);
    await audit(trx, {
      actorId: ctx.userId,
      action: decided ? "incubation.application.decision" : "incubation.application.status",
      entityType: "application",
      entityId: app.id,
      details: { from, to, action: t.action },
      ip: ctx.ip,
    });
    const members = await trx
      .selectFrom("company_member as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["u.email", "u.locale", "u.name"])
      .where("m.company_id", "=", app.company_id)
      .where("u.disabled_at", "is", null)
      .execute();
    for (const m of members) {
      const locale: Locale = isLocale(m.locale) ? m.locale : "en";
      const t2 = createI18n(locale).getFixedT(locale, "incubation") as unknown as (
        k: string,
      ) => string;
      await queueEmail(trx, {
        to: m.email,
        locale,
        template: decided ? "incubationDecision" : "incubationStatus",
        values: {
          name: m.name,
          company: locale === "zh-CN" ? app.name_zh : app.name_en,
          call: locale === "zh-CN" ? app.title_zh : app.title_en,
          status: t2(`status.${to}`),
          next: t2(`next.${to}`),
          message: input.message ? `\n\n${input.message}` : "",
          link: `${ctx.origin}/applications/${app.id}`,
        },
      });
    }
    await notifyTransition(trx, app, t.action);
    return { ok: true, to } as const;
  });
}

// ---------------------------------------------------------------- documents

export async function addDocument(
  db: Database,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  kind: string,
  file: { storedFileId: string; filename: string; contentType: string; sizeBytes: number },
): Promise<
  { ok: true; id: string } | { ok: false; error: "notFound" | "notEditable" | "unknownKind" }
> {
  return inTransaction(db, async (trx) => {
    const app = await getApplicationForCompany(trx, companyId, applicationId);
    if (!app) return { ok: false, error: "notFound" };
    if (!isEditable(app.status)) return { ok: false, error: "notEditable" };
    if (!app.document_specs.some((d) => d.key === kind)) return { ok: false, error: "unknownKind" };
    const row = await trx
      .insertInto("application_document")
      .values({
        application_id: app.id,
        kind,
        stored_file_id: file.storedFileId,
        filename: file.filename,
        content_type: file.contentType,
        size_bytes: file.sizeBytes,
        uploaded_by: ctx.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("application")
      .set({ last_saved_at: new Date(), last_saved_by: ctx.userId })
      .where("id", "=", app.id)
      .execute();
    return { ok: true, id: row.id };
  });
}

/** Removes a document and its stored bytes (only while the application is editable). */
export async function removeDocument(
  db: DB,
  companyId: string,
  applicationId: string,
  documentId: string,
): Promise<boolean> {
  const app = await getApplicationForCompany(db, companyId, applicationId);
  if (!app || !isEditable(app.status) || !isUuid(documentId)) return false;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("application_document")
      .where("id", "=", documentId)
      .where("application_id", "=", app.id)
      .returning("stored_file_id")
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("stored_file").where("id", "=", row.stored_file_id).execute();
    return true;
  });
}

/**
 * A document for a download, or undefined (404) unless the user is a member of the
 * application's company, park staff, or a reviewer assigned to it without a declared conflict.
 */
export async function getDocumentForUser(
  db: Database,
  user: { id: string; roles: readonly string[]; company: { id: string } | null },
  applicationId: string,
  documentId: string,
) {
  if (!isUuid(applicationId) || !isUuid(documentId)) return undefined;
  const doc = await db
    .selectFrom("application_document as d")
    .innerJoin("application as a", "a.id", "d.application_id")
    .select([
      "d.id",
      "d.stored_file_id",
      "d.filename",
      "d.content_type",
      "a.company_id",
      "a.id as application_id",
    ])
    .where("d.id", "=", documentId)
    .where("d.application_id", "=", applicationId)
    .executeTakeFirst();
  if (!doc) return undefined;
  if (user.company?.id === doc.company_id) return doc;
  if (user.roles.includes("staff") || user.roles.includes("admin")) return doc;
  if (user.roles.includes("reviewer") && (await getAssignment(db, user.id, applicationId)))
    return doc;
  return undefined;
}

// ---------------------------------------------------------------- staff

export async function listReviewers(db: Database) {
  return db
    .selectFrom("app_user as u")
    .innerJoin("user_role as r", "r.user_id", "u.id")
    .select(["u.id", "u.name", "u.email"])
    .where("r.role", "=", "reviewer")
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .execute();
}

async function submittedReviews(db: Database, callId: string) {
  const rows = await db
    .selectFrom("review_assignment as r")
    .innerJoin("application as a", "a.id", "r.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .select(["r.application_id", "r.reviewer_id", "r.scores", "c.rubric"])
    .where("a.call_id", "=", callId)
    .where("r.submitted_at", "is not", null)
    .where("r.conflict_declared_at", "is", null)
    .execute();
  const out: ReviewResult[] = [];
  for (const r of rows) {
    const score = reviewScore(asList<Criterion>(r.rubric), r.scores as Scores);
    if (score !== null)
      out.push({ applicationId: r.application_id, reviewerId: r.reviewer_id, score });
  }
  return out;
}

export type SortKey = "mean" | "normalised" | "company" | "status" | "submitted";

/** A call's applications with totals (drafts excluded), sorted and filtered. */
export async function listCallApplications(
  db: Database,
  callId: string,
  opts: { status?: string; sort?: SortKey; minMean?: number } = {},
) {
  let q = db
    .selectFrom("application as a")
    .innerJoin("company as co", "co.id", "a.company_id")
    .select([
      "a.id",
      "a.status",
      "a.submitted_at",
      "a.decision_outcome",
      "a.decision_released_at",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
      (eb) =>
        eb
          .selectFrom("review_assignment as r")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("r.application_id", "=", "a.id")
          .where("r.conflict_declared_at", "is", null)
          .as("assigned"),
    ])
    .where("a.call_id", "=", callId)
    .where("a.status", "!=", "draft");
  if (opts.status && isStatus(opts.status)) q = q.where("a.status", "=", opts.status);
  const rows = await q.execute();
  const totals = applicationTotals(await submittedReviews(db, callId));
  let list = rows.map((r) => {
    const t = totals.get(r.id);
    return {
      ...r,
      status: r.status as ApplicationStatus,
      assigned: Number(r.assigned ?? 0),
      reviews: t?.reviews ?? 0,
      weightedMean: t?.weightedMean ?? null,
      normalised: t?.normalised ?? null,
    };
  });
  if (opts.minMean !== undefined && Number.isFinite(opts.minMean))
    list = list.filter((r) => (r.weightedMean ?? -1) >= opts.minMean!);
  const sort = opts.sort ?? "mean";
  const num = (v: number | null) => (v === null ? -Infinity : v);
  list.sort((a, b) => {
    switch (sort) {
      case "normalised":
        return num(b.normalised) - num(a.normalised);
      case "company":
        return a.company_en.localeCompare(b.company_en);
      case "status":
        return a.status.localeCompare(b.status);
      case "submitted":
        return new Date(a.submitted_at ?? 0).getTime() - new Date(b.submitted_at ?? 0).getTime();
      default:
        return num(b.weightedMean) - num(a.weightedMean);
    }
  });
  return list;
}

/** Everything staff see about one application, including internal comments and every score. */
export async function getApplicationForStaff(db: Database, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const row = await applicationBase(db).where("a.id", "=", applicationId).executeTakeFirst();
  if (!row) return undefined;
  const app = shapeApplication(row);
  const comments = await db
    .selectFrom("application_comment as c")
    .leftJoin("app_user as u", "u.id", "c.author_id")
    .select(["c.id", "c.body", "c.created_at", "u.name as author"])
    .where("c.application_id", "=", app.id)
    .orderBy("c.id")
    .execute();
  const assignments = await db
    .selectFrom("review_assignment as r")
    .innerJoin("app_user as u", "u.id", "r.reviewer_id")
    .select([
      "r.reviewer_id",
      "u.name",
      "r.assigned_at",
      "r.conflict_declared_at",
      "r.conflict_reason",
      "r.submitted_at",
      "r.scores",
      "r.overall_comment",
    ])
    .where("r.application_id", "=", app.id)
    .orderBy("u.name")
    .execute();
  const totals = applicationTotals(await submittedReviews(db, app.call_id)).get(app.id);
  const members = await db
    .selectFrom("company_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.locale"])
    .where("m.company_id", "=", app.company_id)
    .orderBy(sql`m.role = 'owner'`, "desc")
    .executeTakeFirst();
  return {
    ...app,
    applicantLocale: (isLocale(members?.locale) ? members.locale : "en") as Locale,
    documents: await listDocuments(db, app.id),
    messages: await listMessages(db, app.id),
    comments,
    assignments: assignments.map((a) => ({
      ...a,
      scores: a.scores as Scores,
      total: a.submitted_at ? reviewScore(app.rubric, a.scores as Scores) : null,
    })),
    totals: totals ?? { weightedMean: null, normalised: null, reviews: 0 },
  };
}

export async function staffTransition(
  db: DB,
  ctx: Ctx,
  applicationId: string,
  action: TransitionAction,
  message?: string,
) {
  return transition(db, ctx, { applicationId, action, by: "staff", message });
}

export async function addComment(db: Database, ctx: Ctx, applicationId: string, body: string) {
  await db
    .insertInto("application_comment")
    .values({ application_id: applicationId, author_id: ctx.userId, body })
    .execute();
}

/** Assigns reviewers (park role reviewer only); already assigned ones are left as they are. */
export async function assignReviewers(
  db: DB,
  ctx: Ctx,
  applicationId: string,
  reviewerIds: string[],
): Promise<number> {
  const valid = (await listReviewers(db)).map((r) => r.id);
  const ids = [...new Set(reviewerIds)].filter((id) => valid.includes(id));
  let added = 0;
  await inTransaction(db, async (trx) => {
    for (const id of ids) {
      const res = await trx
        .insertInto("review_assignment")
        .values({ application_id: applicationId, reviewer_id: id, assigned_by: ctx.userId })
        .onConflict((oc) => oc.columns(["application_id", "reviewer_id"]).doNothing())
        .returning("reviewer_id")
        .executeTakeFirst();
      if (res) added++;
    }
    if (added)
      await audit(trx, {
        actorId: ctx.userId,
        action: "incubation.review.assign",
        entityType: "application",
        entityId: applicationId,
        details: { reviewerIds: ids },
        ip: ctx.ip,
      });
  });
  return added;
}

export async function unassignReviewer(
  db: Database,
  ctx: Ctx,
  applicationId: string,
  reviewerId: string,
) {
  return inTransaction(db, async (trx) => {
    // A malformed id (a tampered form) matches no assignment; do not send it to a uuid column.
    if (!isUuid(reviewerId)) return;
    const removed = await trx
      .deleteFrom("review_assignment")
      .where("application_id", "=", applicationId)
      .where("reviewer_id", "=", reviewerId)
      .where("submitted_at", "is", null)
      .executeTakeFirst();
    if (!Number(removed.numDeletedRows)) return;
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.review.unassign",
      entityType: "application",
      entityId: applicationId,
      details: { reviewerId },
      ip: ctx.ip,
    });
  });
}

/** The letter template for an outcome, in a language, with placeholders filled. */
export function letterFromTemplate(
  outcome: Outcome,
  locale: Locale,
  app: {
    company_en: string;
    company_zh: string;
    call_title_en: string;
    call_title_zh: string;
    programme_en: string;
    programme_zh: string;
  },
): string {
  const t = createI18n(locale).getFixedT(locale, "incubation") as unknown as (
    k: string,
    v: Record<string, string>,
  ) => string;
  return t(`letters.${outcome}`, {
    company: locale === "zh-CN" ? app.company_zh : app.company_en,
    call: locale === "zh-CN" ? app.call_title_zh : app.call_title_en,
    programme: locale === "zh-CN" ? app.programme_zh : app.programme_en,
  });
}

/** Drafts (or redrafts) a decision; nothing is visible to the applicant until released. */
export async function draftDecision(
  db: Database,
  ctx: Ctx,
  applicationId: string,
  input: { outcome: Outcome; letter: string; locale: Locale; terms?: OfferTerms },
): Promise<{ ok: true } | { ok: false; error: "notFound" | "refused" }> {
  return inTransaction(db, async (trx) => {
    const app = await trx
      .selectFrom("application")
      .select(["id", "status", "decision_released_at"])
      .where("id", "=", applicationId)
      .executeTakeFirst();
    if (!app) return { ok: false, error: "notFound" };
    if (
      app.decision_released_at ||
      !findTransition(OUTCOME_ACTION[input.outcome], app.status as ApplicationStatus, "staff")
    )
      return { ok: false, error: "refused" };
    const drafted = await trx
      .updateTable("application")
      .set({
        decision_outcome: input.outcome,
        decision_letter: input.letter,
        decision_locale: input.locale,
        decision_drafted_by: ctx.userId,
        offer_terms:
          input.outcome !== "rejected" && input.terms ? JSON.stringify(input.terms) : null,
      })
      .where("id", "=", applicationId)
      .where("status", "=", app.status)
      .where("decision_released_at", "is", null)
      .executeTakeFirst();
    // Released or moved on since it was read: nothing drafted, nothing audited.
    if (!Number(drafted.numUpdatedRows)) return { ok: false, error: "refused" };
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.decision.draft",
      entityType: "application",
      entityId: applicationId,
      details: { outcome: input.outcome },
      ip: ctx.ip,
    });
    return { ok: true };
  });
}

export async function listPendingDecisions(db: Database, callId: string) {
  return db
    .selectFrom("application as a")
    .innerJoin("company as co", "co.id", "a.company_id")
    .select([
      "a.id",
      "a.status",
      "a.decision_outcome",
      "a.decision_letter",
      "a.company_id",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
    ])
    .where("a.call_id", "=", callId)
    .where("a.decision_outcome", "is not", null)
    .where("a.decision_released_at", "is", null)
    .orderBy("co.name_en")
    .execute()
    .then(async (rows) => {
      // Who will be told: each company's active members (an email and a notification each).
      const ids = [...new Set(rows.map((r) => r.company_id))];
      const members = ids.length
        ? await db
            .selectFrom("company_member as m")
            .innerJoin("app_user as u", "u.id", "m.user_id")
            .select(["m.company_id", "u.name", "u.email"])
            .where("m.company_id", "in", ids)
            .where("u.disabled_at", "is", null)
            .orderBy("u.name")
            .execute()
        : [];
      return rows.map((r) => ({
        ...r,
        stamp: decisionStamp(r),
        recipients: members
          .filter((m) => m.company_id === r.company_id)
          .map((m) => ({ name: m.name, email: m.email })),
      }));
    });
}

/**
 * What a person saw of a pending decision: the application and a hash of its outcome and
 * letter. The release form carries the stamps it listed; a decision added or edited since is
 * not released with the others (issue 11: bulk actions carry what the person saw).
 */
export function decisionStamp(p: {
  id: string;
  decision_outcome: string | null;
  decision_letter: string | null;
}): string {
  const hash = createHash("sha256")
    .update(`${p.decision_outcome ?? ""}\n${p.decision_letter ?? ""}`)
    .digest("base64url")
    .slice(0, 16);
  return `${p.id}@${hash}`;
}

/**
 * Releases every pending decision of a call together, in one transaction (ADR 0021): each
 * application's transition, message, audit entries and emails, for all of them, commit at once
 * or not at all, so a failure half-way leaves nothing released and no email queued, and the
 * same button can simply be pressed again. A decision whose application changed meanwhile (no
 * longer in a state that outcome can leave) is skipped and counted, not an error.
 * With `seen` (the stamps the release form listed), a decision added or edited after the page
 * was shown is left pending and counted in `changed` (issue 11).
 */
export async function releaseDecisions(
  db: Executor,
  ctx: Ctx,
  callId: string,
  seen?: readonly string[],
): Promise<{ released: number; skipped: number; changed: number }> {
  const shown = seen ? new Set(seen) : null;
  return inTransaction(db, async (trx) => {
    // Locked, so a decision redrafted meanwhile waits for the release (or is released as read).
    const pending = await trx
      .selectFrom("application")
      .select(["id", "decision_outcome", "decision_letter"])
      .where("call_id", "=", callId)
      .where("decision_outcome", "is not", null)
      .where("decision_released_at", "is", null)
      .orderBy("id")
      .forUpdate()
      .execute();
    let released = 0;
    let skipped = 0;
    let changed = 0;
    for (const p of pending) {
      if (shown && !shown.has(decisionStamp(p))) {
        changed++;
        continue;
      }
      const res = await transition(trx, ctx, {
        applicationId: p.id,
        action: OUTCOME_ACTION[p.decision_outcome as Outcome],
        by: "staff",
      });
      if (res.ok) released++;
      else skipped++;
    }
    return { released, skipped, changed };
  });
}

// ---------------------------------------------------------------- reviewers

/** The reviewer's assignment, or undefined when not assigned or after declaring a conflict. */
export async function getAssignment(db: Database, reviewerId: string, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  return db
    .selectFrom("review_assignment")
    .selectAll()
    .where("reviewer_id", "=", reviewerId)
    .where("application_id", "=", applicationId)
    .where("conflict_declared_at", "is", null)
    .executeTakeFirst();
}

export async function listAssignments(db: Database, reviewerId: string) {
  const rows = await db
    .selectFrom("review_assignment as r")
    .innerJoin("application as a", "a.id", "r.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("company as co", "co.id", "a.company_id")
    .select([
      "a.id",
      "a.status",
      "r.assigned_at",
      "r.submitted_at",
      "c.title_en",
      "c.title_zh",
      "co.name_en",
      "co.name_zh",
    ])
    .where("r.reviewer_id", "=", reviewerId)
    .where("r.conflict_declared_at", "is", null)
    .orderBy("r.assigned_at", "desc")
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as ApplicationStatus }));
}

/**
 * What a reviewer sees: the application (answers, documents), their own scores, and the
 * other reviewers' scores only once their own are submitted. Undefined (404) otherwise.
 */
export async function getReviewForReviewer(
  db: Database,
  reviewerId: string,
  applicationId: string,
) {
  const mine = await getAssignment(db, reviewerId, applicationId);
  if (!mine) return undefined;
  const row = await applicationBase(db).where("a.id", "=", applicationId).executeTakeFirst();
  if (!row) return undefined;
  const app = shapeApplication(row);
  let others:
    { name: string; scores: Scores; overall_comment: string; total: number | null }[] | null = null;
  if (mine.submitted_at) {
    const rows = await db
      .selectFrom("review_assignment as r")
      .innerJoin("app_user as u", "u.id", "r.reviewer_id")
      .select(["u.name", "r.scores", "r.overall_comment"])
      .where("r.application_id", "=", applicationId)
      .where("r.reviewer_id", "!=", reviewerId)
      .where("r.submitted_at", "is not", null)
      .where("r.conflict_declared_at", "is", null)
      .execute();
    others = rows.map((r) => ({
      ...r,
      scores: r.scores as Scores,
      total: reviewScore(app.rubric, r.scores as Scores),
    }));
  }
  return {
    id: app.id,
    status: app.status,
    call_title_en: app.call_title_en,
    call_title_zh: app.call_title_zh,
    company_en: app.company_en,
    company_zh: app.company_zh,
    questions: app.questions,
    answers: app.answers,
    document_specs: app.document_specs,
    rubric: app.rubric,
    documents: await listDocuments(db, app.id),
    mine: {
      scores: mine.scores as Scores,
      overall_comment: mine.overall_comment,
      submitted_at: mine.submitted_at,
      total: mine.submitted_at ? reviewScore(app.rubric, mine.scores as Scores) : null,
    },
    canRevise: !!mine.submitted_at && canReviseReview(app),
    revisions: (await listReviewRevisions(db, app.id, reviewerId)).map((r) => ({
      id: r.id,
      submitted_at: r.submitted_at,
      total: reviewScore(app.rubric, r.scores),
    })),
    others,
  };
}

/** A declared conflict removes the reviewer from the application (their scores no longer count). */
export async function declareConflict(
  db: Database,
  ctx: Ctx,
  applicationId: string,
  reason: string,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const res = await trx
      .updateTable("review_assignment")
      .set({ conflict_declared_at: new Date(), conflict_reason: reason })
      .where("application_id", "=", applicationId)
      .where("reviewer_id", "=", ctx.userId)
      .where("conflict_declared_at", "is", null)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return false;
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.review.conflict",
      entityType: "application",
      entityId: applicationId,
      ip: ctx.ip,
    });
    return true;
  });
}

export type ScoreErrors = Record<string, string>;

/** Parses posted scores against the rubric: every criterion needs a whole number 1..max. */
export function parseScores(
  rubric: readonly Criterion[],
  posted: Record<string, unknown>,
  opts: { partial?: boolean } = {},
): { scores: Scores; errors: ScoreErrors } {
  const scores: Scores = {};
  const errors: ScoreErrors = {};
  for (const c of rubric) {
    const raw = String(posted[`score_${c.key}`] ?? "").trim();
    const comment = String(posted[`comment_${c.key}`] ?? "");
    const n = Number(raw);
    // A draft may leave a score empty (kept as 0: "not scored yet"); a submission may not.
    const empty = raw === "" && opts.partial;
    if (!empty && (!/^\d{1,2}$/.test(raw) || n < 1 || n > c.max))
      errors[`score_${c.key}`] = "incubation:errors.score";
    const commentError = textError(comment, 2000, { multiline: true });
    if (commentError) errors[`comment_${c.key}`] = commentError;
    scores[c.key] = { score: Number.isFinite(n) ? n : 0, comment };
  }
  // The overall comment: refused when too long or holding control characters, never cut.
  const overallError = textError(String(posted.overall ?? ""), 4000, { multiline: true });
  if (overallError) errors.overall = overallError;
  return { scores, errors };
}

/** The field names of the scoring form (what it echoes back). */
export function scoreKeys(rubric: readonly Criterion[]): string[] {
  return [...rubric.flatMap((c) => [`score_${c.key}`, `comment_${c.key}`]), "overall"];
}

/**
 * Saves a reviewer's partial scores (a draft): only before the first submission, while the
 * application is in review. Nothing counts in any total until submitted.
 */
export async function saveReviewDraft(
  db: Database,
  ctx: Ctx,
  applicationId: string,
  scores: Scores,
  overallComment: string,
): Promise<{ ok: true } | { ok: false; error: "notFound" | "already" | "notInReview" }> {
  return inTransaction(db, async (trx) => {
    const mine = await getAssignment(trx, ctx.userId, applicationId);
    if (!mine) return { ok: false, error: "notFound" };
    if (mine.submitted_at) return { ok: false, error: "already" };
    const app = await trx
      .selectFrom("application")
      .select("status")
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    if (app.status !== "in_review") return { ok: false, error: "notInReview" };
    await trx
      .updateTable("review_assignment")
      .set({ scores: JSON.stringify(scores), overall_comment: overallComment })
      .where("application_id", "=", applicationId)
      .where("reviewer_id", "=", ctx.userId)
      .where("submitted_at", "is", null)
      .where("conflict_declared_at", "is", null)
      .execute();
    return { ok: true };
  });
}

/** Whether a submitted review may still be revised: until the application's decision is released. */
export function canReviseReview(app: {
  status: string;
  decision_released_at: Date | string | null;
}): boolean {
  return app.status === "in_review" && !app.decision_released_at;
}

/**
 * Submits a reviewer's scores, or revises submitted ones (until the decision is released).
 * Every submission is appended to `review_revision`, so earlier scores stay on record; the
 * assignment holds the latest, which is what the totals use. Staff are notified.
 */
export async function submitReview(
  db: Database,
  ctx: Ctx,
  applicationId: string,
  scores: Scores,
  overallComment: string,
  now = new Date(),
): Promise<
  { ok: true; revised: boolean } | { ok: false; error: "notFound" | "notInReview" | "released" }
> {
  return inTransaction(db, async (trx) => {
    const mine = await getAssignment(trx, ctx.userId, applicationId);
    if (!mine) return { ok: false, error: "notFound" };
    const app = await trx
      .selectFrom("application as a")
      .innerJoin("company as co", "co.id", "a.company_id")
      .select(["a.status", "a.decision_released_at", "co.name_en"])
      .where("a.id", "=", applicationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (app.decision_released_at) return { ok: false, error: "released" };
    if (app.status !== "in_review") return { ok: false, error: "notInReview" };
    const revised = !!mine.submitted_at;
    const res = await trx
      .updateTable("review_assignment")
      .set({
        scores: JSON.stringify(scores),
        overall_comment: overallComment,
        submitted_at: now,
      })
      .where("application_id", "=", applicationId)
      .where("reviewer_id", "=", ctx.userId)
      .where("conflict_declared_at", "is", null)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return { ok: false, error: "notFound" };
    await trx
      .insertInto("review_revision")
      .values({
        application_id: applicationId,
        reviewer_id: ctx.userId,
        scores: JSON.stringify(scores),
        overall_comment: overallComment,
        submitted_at: now,
      })
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: revised ? "incubation.review.revise" : "incubation.review.submit",
      entityType: "application",
      entityId: applicationId,
      ip: ctx.ip,
    });
    const reviewer = await trx
      .selectFrom("app_user")
      .select("name")
      .where("id", "=", ctx.userId)
      .executeTakeFirstOrThrow();
    await notifyReviewSubmitted(trx, {
      applicationId,
      assignedBy: mine.assigned_by,
      reviewer: reviewer.name,
      company: app.name_en,
      revised,
    });
    return { ok: true, revised };
  });
}

/** A reviewer's submissions of one application, newest first (the history of their review). */
export async function listReviewRevisions(
  db: Database,
  applicationId: string,
  reviewerId?: string,
) {
  let q = db
    .selectFrom("review_revision as r")
    .innerJoin("app_user as u", "u.id", "r.reviewer_id")
    .select(["r.id", "r.reviewer_id", "u.name", "r.scores", "r.overall_comment", "r.submitted_at"])
    .where("r.application_id", "=", applicationId)
    .orderBy("r.id", "desc");
  if (reviewerId) q = q.where("r.reviewer_id", "=", reviewerId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, id: String(r.id), scores: r.scores as Scores }));
}

// ---------------------------------------------------------------- export

/** A call's applications with their scores as CSV text (app/lib/csv.ts; the route adds the BOM). */
export async function exportCallCsv(db: Database, callId: string): Promise<string> {
  const call = await getCall(db, callId);
  if (!call) return "";
  const apps = await listCallApplications(db, callId, { sort: "mean" });
  const reviews = await db
    .selectFrom("review_assignment as r")
    .innerJoin("application as a", "a.id", "r.application_id")
    .innerJoin("app_user as u", "u.id", "r.reviewer_id")
    .select(["r.application_id", "u.name", "r.scores", "r.submitted_at"])
    .where("a.call_id", "=", callId)
    .where("r.conflict_declared_at", "is", null)
    .where("r.submitted_at", "is not", null)
    .execute();
  const header = [
    "application_id",
    "company_en",
    "company_zh",
    "status",
    "submitted_at",
    "reviews",
    "weighted_mean",
    "normalised",
    ...call.rubric.map((c) => `mean_${c.key}`),
    "reviewer_scores",
    "decision",
  ];
  const rows: CsvValue[][] = [];
  for (const a of apps) {
    const mine = reviews.filter((r) => r.application_id === a.id);
    const perCriterion = call.rubric.map((c) => {
      const vals = mine
        .map((r) => (r.scores as Scores)[c.key]?.score)
        .filter((v): v is number => typeof v === "number");
      return vals.length ? (vals.reduce((x, y) => x + y, 0) / vals.length).toFixed(2) : "";
    });
    const perReviewer = mine
      .map((r) => `${r.name}: ${reviewScore(call.rubric, r.scores as Scores)?.toFixed(2) ?? ""}`)
      .join("; ");
    rows.push([
      a.id,
      a.company_en,
      a.company_zh,
      a.status,
      a.submitted_at,
      a.reviews,
      a.weightedMean,
      a.normalised,
      ...perCriterion,
      perReviewer,
      a.decision_outcome ?? "",
    ]);
  }
  return toCsv(header, rows);
}
