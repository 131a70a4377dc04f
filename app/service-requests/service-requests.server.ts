/**
 * Service requests: filing, the requester's view, staff work (state, team, assignee, priority,
 * replies and internal notes), SLA clocks, history, ratings.
 *
 * Rules kept here, not in routes:
 * - every state change goes through the transition table in ./workflow (refused otherwise);
 * - every change that people make together is optimistic-locked on `version` (a miss is a
 *   conflict the route answers with 409, keeping the input);
 * - a requester (company member) only ever receives public messages and public files: the
 *   company-side read functions select them with `visibility = 'public'`, and emails are only
 *   sent for public replies;
 * - filing is idempotent per (requester, idempotency key).
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { SessionUser } from "~/auth/session.server";
import { type Locale, isLocale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { queueEmail, type EmailTemplate } from "~/mail/mail.server";
import type { Toast } from "~/lib/toast.server";
import type { Result } from "~/lib/result";
import { textError } from "~/lib/text";
import {
  businessMinutesBetween,
  businessMsBetween,
  elapsedBusinessMs,
  localDate,
  pausesFromHistory,
  slaClock,
  type BusinessCalendar,
} from "./business-hours";
import { isRequestRef, isUuid } from "~/lib/ids";
import { formatDateTime } from "~/lib/format";
import type { NotificationKind } from "~/notifications/kinds";
import { notify } from "~/notifications/notifications.server";
import { getTarget, listFields, loadCalendar, type TypeField } from "./catalogue.server";
import { threadOf } from "./mail-thread.server";
import { enqueueRuleEvent } from "./rule-jobs.server";
import { tellWatchers } from "./watchers.server";
import {
  canTransition,
  isPriority,
  PAUSED_STATES,
  type Priority,
  type RequestState,
  type WorkflowActor,
} from "./workflow";

export interface FileRef {
  storedFileId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  fieldKey?: string | null;
}

/** Stores the files of a change in its transaction (app/service-requests/files.server.ts). */
export type FileStore = (trx: Executor) => Promise<FileRef[]>;

/** A file was refused (type or size): thrown inside a transaction to roll it back. */
export class FileRejected extends Error {
  constructor(readonly fieldKey: string | null) {
    super("file rejected");
  }
}

type Actor = Pick<SessionUser, "id" | "roles" | "company" | "name">;

export function isStaff(actor: Pick<SessionUser, "roles">): boolean {
  return actor.roles.some((r) => r === "staff" || r === "admin");
}

// ---------------------------------------------------------------------------------------------
// Filing

export interface FileRequestInput {
  typeId: string;
  subject: string;
  description: string;
  idempotencyKey: string;
  /** Values of the type's extra fields, by key (file fields: the uploaded file's name). */
  fields: Record<string, string>;
  /** Keys of file fields that have a file (checked before storing). */
  fileFieldKeys?: string[];
  /** Stores the files attached to the request (and to file fields, by fieldKey). */
  store?: FileStore;
}

export type FileRequestResult = Result<
  { ref: string; created: boolean },
  "type" | "residentOnly" | "fields",
  { fieldErrors?: Record<string, string[]> }
>;

/** Checks a type's extra fields; returns normalized values or errors (i18n keys) by field key. */
export function validateFields(
  fields: readonly TypeField[],
  values: Record<string, string>,
  fileKeys: ReadonlySet<string>,
) {
  const errors: Record<string, string[]> = {};
  const out: Record<string, string> = {};
  for (const f of fields) {
    const raw = (values[f.key] ?? "").trim();
    if (f.kind === "file") {
      if (f.required && !fileKeys.has(f.key)) errors[f.key] = ["services:errors.required"];
      continue;
    }
    if (!raw) {
      if (f.required) errors[f.key] = ["services:errors.required"];
      continue;
    }
    const textProblem = textError(raw, 2000, { tooLong: "services:errors.tooLong" });
    if (textProblem) errors[f.key] = [textProblem];
    else if (f.kind === "number" && !/^-?\d+(\.\d+)?$/.test(raw))
      errors[f.key] = ["services:errors.number"];
    else if (
      f.kind === "date" &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw)))
    )
      errors[f.key] = ["services:errors.date"];
    else if (f.kind === "choice" && !f.options.some((o) => o.value === raw))
      errors[f.key] = ["services:errors.choice"];
    else out[f.key] = raw;
  }
  return { values: out, errors };
}

export async function fileRequest(
  db: Executor,
  actor: Actor,
  input: FileRequestInput,
  origin: string,
  now = new Date(),
): Promise<FileRequestResult> {
  const company = actor.company;
  if (!company) return { ok: false, error: "type" };
  if (!isUuid(input.typeId)) return { ok: false, error: "type" };
  const type = await db
    .selectFrom("service_type")
    .selectAll()
    .where("id", "=", input.typeId)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!type) return { ok: false, error: "type" };
  if (type.resident_only && !company.isResident) return { ok: false, error: "residentOnly" };
  const fields = await listFields(db, type.id);
  const fileKeys = new Set(input.fileFieldKeys ?? []);
  const checked = validateFields(fields, input.fields, fileKeys);
  if (Object.keys(checked.errors).length)
    return { ok: false, error: "fields", fieldErrors: checked.errors };

  const existing = await findByIdempotencyKey(db, actor.id, input.idempotencyKey);
  if (existing) return { ok: true, ref: existing, created: false };

  const target = await getTarget(db, type.id, "normal");
  const calendar = await loadCalendar(db);
  const first = slaClock({
    start: now,
    targetMinutes: target.firstResponse,
    pauses: [],
    now,
    calendar,
  });
  const res = slaClock({ start: now, targetMinutes: target.resolution, pauses: [], now, calendar });

  try {
    return await fileRequestTx(
      db,
      actor,
      input,
      type,
      checked.values,
      target,
      first.dueAt,
      res.dueAt,
      origin,
      now,
    );
  } catch (error) {
    if (error instanceof FileRejected)
      return {
        ok: false,
        error: "fields",
        fieldErrors: {
          [error.fieldKey ? `f_${error.fieldKey}` : "files"]: ["services:errors.file"],
        },
      };
    throw error;
  }
}

/**
 * A request the park opens for a company (incubation onboarding, issue 16): of an active type,
 * requested in the name of a company member, its fields left for the team to fill; the same
 * `idempotencyKey` for the same requester answers the existing request (`created: false`).
 * Runs in the caller's transaction.
 */
export async function openRequestForCompany(
  db: Executor,
  input: {
    typeId: string;
    requester: { id: string; name: string };
    company: NonNullable<SessionUser["company"]>;
    subject: string;
    description: string;
    idempotencyKey: string;
  },
  origin: string,
  now = new Date(),
): Promise<FileRequestResult> {
  const type = await db
    .selectFrom("service_type")
    .selectAll()
    .where("id", "=", input.typeId)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!type) return { ok: false, error: "type" };
  const actor: Actor = { ...input.requester, roles: [], company: input.company };
  const existing = await findByIdempotencyKey(db, actor.id, input.idempotencyKey);
  if (existing) return { ok: true, ref: existing, created: false };
  const target = await getTarget(db, type.id, "normal");
  const calendar = await loadCalendar(db);
  const clock = (minutes: number) =>
    slaClock({ start: now, targetMinutes: minutes, pauses: [], now, calendar }).dueAt;
  return fileRequestTx(
    db,
    actor,
    { ...input, fields: {} },
    type,
    {},
    target,
    clock(target.firstResponse),
    clock(target.resolution),
    origin,
    now,
  );
}

async function fileRequestTx(
  db: Executor,
  actor: Actor,
  input: FileRequestInput,
  type: { id: string; category_id: string; default_team_id: string | null },
  values: Record<string, string>,
  target: { firstResponse: number; resolution: number },
  firstDue: Date | null,
  resolutionDue: Date | null,
  origin: string,
  now: Date,
): Promise<FileRequestResult> {
  const company = actor.company!;
  const priority: Priority = "normal";
  return inTransaction(db, async (trx) => {
    const seq = await sql<{
      n: string;
    }>`SELECT nextval('service_request_ref_seq')::text AS n`.execute(trx);
    const ref = `SR-${localDate(now).slice(0, 4)}-${seq.rows[0]!.n.padStart(6, "0")}`;
    const row = await trx
      .insertInto("service_request")
      .values({
        ref,
        company_id: company.id,
        requester_id: actor.id,
        type_id: type.id,
        category_id: type.category_id,
        team_id: type.default_team_id,
        priority,
        state: "new",
        subject: input.subject.trim(),
        description: input.description.trim(),
        field_values: JSON.stringify(values),
        idempotency_key: input.idempotencyKey,
        created_at: now,
        updated_at: now,
        first_response_target_minutes: target.firstResponse,
        resolution_target_minutes: target.resolution,
        first_response_due_at: firstDue,
        resolution_due_at: resolutionDue,
      })
      .onConflict((oc) => oc.columns(["requester_id", "idempotency_key"]).doNothing())
      .returning(["id", "ref"])
      .executeTakeFirst();
    if (!row) {
      // A concurrent identical submit won the race: answer with its request.
      const ref2 = await findByIdempotencyKey(trx, actor.id, input.idempotencyKey);
      return { ok: true as const, ref: ref2!, created: false };
    }
    await trx
      .insertInto("service_request_event")
      .values({ request_id: row.id, actor_id: actor.id, kind: "created", to_value: "new", at: now })
      .execute();
    await enqueueRuleEvent(trx, { requestId: row.id, event: "created", key: "created" });
    for (const f of input.store ? await input.store(trx) : [])
      await insertFile(trx, row.id, null, f, actor.id, "public", f.fieldKey ?? null);
    const requester = await trx
      .selectFrom("app_user")
      .select(["email", "name", "locale"])
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow();
    const locale = asLocale(requester.locale);
    await queueEmail(trx, {
      to: requester.email,
      locale,
      template: "serviceRequestFiled",
      values: {
        name: requester.name,
        ref: row.ref,
        subject: input.subject.trim(),
        link: `${origin}/requests/${row.ref}`,
        expected: resolutionDue ? formatDateTime(resolutionDue, locale) : "-",
      },
      thread: await threadOf(trx, row.ref),
    });
    if (type.default_team_id) {
      const team = await trx
        .selectFrom("service_team")
        .select(["lead_id"])
        .where("id", "=", type.default_team_id)
        .executeTakeFirst();
      if (team?.lead_id)
        await notify(trx, team.lead_id, "filed", `/desk/requests/${row.ref}`, {
          ref: row.ref,
          subject: input.subject.trim(),
        });
    }
    return { ok: true as const, ref: row.ref, created: true };
  });
}

async function findByIdempotencyKey(
  db: Executor,
  requesterId: string,
  key: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("service_request")
    .select("ref")
    .where("requester_id", "=", requesterId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row?.ref;
}

async function insertFile(
  trx: Executor,
  requestId: string,
  messageId: string | null,
  f: FileRef,
  userId: string,
  visibility: "public" | "internal",
  fieldKey: string | null = null,
) {
  await trx
    .insertInto("service_request_file")
    .values({
      request_id: requestId,
      message_id: messageId,
      field_key: fieldKey,
      stored_file_id: f.storedFileId,
      file_name: f.fileName.slice(0, 200),
      content_type: f.contentType,
      size_bytes: f.sizeBytes,
      uploaded_by: userId,
      visibility,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reading

const REQUEST_COLUMNS = [
  "service_request.id",
  "service_request.ref",
  "service_request.company_id",
  "service_request.requester_id",
  "service_request.type_id",
  "service_request.category_id",
  "service_request.team_id",
  "service_request.assignee_id",
  "service_request.priority",
  "service_request.state",
  "service_request.subject",
  "service_request.description",
  "service_request.field_values",
  "service_request.version",
  "service_request.created_at",
  "service_request.updated_at",
  "service_request.first_responded_at",
  "service_request.resolved_at",
  "service_request.closed_at",
  "service_request.first_response_target_minutes",
  "service_request.resolution_target_minutes",
  "service_request.first_response_due_at",
  "service_request.resolution_due_at",
  "service_request.first_response_minutes",
  "service_request.resolution_minutes",
  "service_request.sla_breached",
  "service_request.rating",
  "service_request.rating_comment",
  "service_request.rated_at",
  "service_request.merged_into_id",
  "service_request.tags",
] as const;

async function baseRequest(db: Executor, ref: string) {
  if (!isRequestRef(ref)) return undefined;
  return db
    .selectFrom("service_request")
    .innerJoin("service_type", "service_type.id", "service_request.type_id")
    .innerJoin("service_category", "service_category.id", "service_request.category_id")
    .innerJoin("company", "company.id", "service_request.company_id")
    .leftJoin("app_user as requester", "requester.id", "service_request.requester_id")
    .leftJoin("app_user as assignee", "assignee.id", "service_request.assignee_id")
    .leftJoin("service_team", "service_team.id", "service_request.team_id")
    .select([
      ...REQUEST_COLUMNS,
      "service_type.name_en as type_name_en",
      "service_type.name_zh as type_name_zh",
      "service_type.code as type_code",
      "service_category.name_en as category_name_en",
      "service_category.name_zh as category_name_zh",
      "company.name_en as company_name_en",
      "company.name_zh as company_name_zh",
      "requester.name as requester_name",
      "requester.email as requester_email",
      "assignee.name as assignee_name",
      "service_team.name_en as team_name_en",
      "service_team.name_zh as team_name_zh",
    ])
    .where("service_request.ref", "=", ref)
    .executeTakeFirst();
}

/**
 * A request's id and those of the requests merged into it (ADR 0038): messages and files are
 * append-only, so a merge leaves them on the duplicate and the target reads them through.
 */
async function withMerged(db: Executor, requestId: string): Promise<string[]> {
  const merged = await db
    .selectFrom("service_request")
    .select("id")
    .where("merged_into_id", "=", requestId)
    .execute();
  return [requestId, ...merged.map((m) => m.id)];
}

function parseJson(value: unknown): Record<string, string> {
  const v = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return v && typeof v === "object" ? (v as Record<string, string>) : {};
}

/** Live SLA figures of a request, as of now (the stored due times are refreshed on changes). */
export function slaView(
  r: {
    state: string;
    first_responded_at: Date | null;
    first_response_due_at: Date | null;
    resolution_due_at: Date | null;
    first_response_minutes: number | null;
    resolution_minutes: number | null;
    first_response_target_minutes: number;
    resolution_target_minutes: number;
    sla_breached: boolean;
  },
  now = new Date(),
  calendar: BusinessCalendar = new Map(),
) {
  const left = (due: Date | null) =>
    due
      ? due > now
        ? businessMsBetween(now, due, calendar)
        : -businessMsBetween(due, now, calendar)
      : null;
  const firstBreached =
    r.first_response_minutes !== null
      ? r.first_response_minutes > r.first_response_target_minutes
      : !!r.first_response_due_at && r.first_response_due_at < now;
  const resolutionBreached =
    r.resolution_minutes !== null && (r.state === "resolved" || r.state === "closed")
      ? r.resolution_minutes > r.resolution_target_minutes
      : !!r.resolution_due_at && r.resolution_due_at < now;
  return {
    firstResponseDueAt: r.first_response_due_at?.toISOString() ?? null,
    resolutionDueAt: r.resolution_due_at?.toISOString() ?? null,
    /** Business (working) milliseconds left; negative when overdue. */
    firstResponseMs: left(r.first_response_due_at),
    resolutionMs: left(r.resolution_due_at),
    firstResponded: !!r.first_responded_at,
    paused: !r.resolution_due_at && r.state !== "resolved" && r.state !== "closed",
    firstBreached,
    resolutionBreached,
    breached: r.sla_breached || firstBreached || resolutionBreached,
  };
}

/**
 * A request as its company sees it: only public messages and public files, and only if the
 * viewer is a member of the request's company (otherwise undefined: the route answers 404).
 */
export async function getRequestForCompany(
  db: Executor,
  viewer: Pick<SessionUser, "company">,
  ref: string,
  now = new Date(),
) {
  if (!viewer.company) return undefined;
  const r = await baseRequest(db, ref);
  if (!r || r.company_id !== viewer.company.id) return undefined;
  const ids = await withMerged(db, r.id);
  const messages = await db
    .selectFrom("service_request_message")
    .leftJoin("app_user", "app_user.id", "service_request_message.author_id")
    .innerJoin("service_request", "service_request.id", "service_request_message.request_id")
    .select([
      "service_request_message.id",
      "service_request_message.body",
      "service_request_message.from_staff",
      "service_request_message.via",
      "service_request_message.created_at",
      "app_user.name as author_name",
      "service_request.ref as from_ref",
    ])
    .where("service_request_message.request_id", "in", ids)
    .where("service_request_message.visibility", "=", "public")
    .orderBy("service_request_message.created_at")
    .execute();
  const files = await db
    .selectFrom("service_request_file")
    .select(["id", "file_name", "size_bytes", "message_id", "field_key", "created_at"])
    .where("service_request_file.request_id", "in", ids)
    .where("visibility", "=", "public")
    .orderBy("created_at")
    .execute();
  const history = await db
    .selectFrom("service_request_event")
    .select(["id", "at", "kind", "from_value", "to_value"])
    .where("request_id", "=", r.id)
    .where("kind", "in", ["created", "state", "rating", "merged_into", "merged_from"])
    .orderBy("id")
    .execute();
  const fields = await listFields(db, r.type_id);
  // Merged (ADR 0038) into a request of the same company: the company may follow it there.
  const mergedInto = r.merged_into_id
    ? await db
        .selectFrom("service_request")
        .select("ref")
        .where("id", "=", r.merged_into_id)
        .where("company_id", "=", r.company_id)
        .executeTakeFirst()
    : undefined;
  return {
    request: { ...companySafe(r), merged_into_ref: mergedInto?.ref ?? null },
    fieldValues: parseJson(r.field_values),
    fields,
    messages: messages.map((m) => ({ ...m, from_ref: m.from_ref === r.ref ? null : m.from_ref })),
    files,
    history,
    sla: slaView(r, now, await loadCalendar(db)),
  };
}

/** The columns a company may see: no assignee, team or internal flags. */
function companySafe(r: NonNullable<Awaited<ReturnType<typeof baseRequest>>>) {
  return {
    id: r.id,
    ref: r.ref,
    state: r.state as RequestState,
    priority: r.priority as Priority,
    subject: r.subject,
    description: r.description,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
    resolved_at: r.resolved_at,
    closed_at: r.closed_at,
    resolution_due_at: r.resolution_due_at,
    type_name_en: r.type_name_en,
    type_name_zh: r.type_name_zh,
    category_name_en: r.category_name_en,
    category_name_zh: r.category_name_zh,
    requester_name: r.requester_name,
    rating: r.rating,
    rating_comment: r.rating_comment,
    rated_at: r.rated_at,
  };
}

/** A request with everything, for park staff. */
export async function getRequestForStaff(db: Executor, ref: string, now = new Date()) {
  const r = await baseRequest(db, ref);
  if (!r) return undefined;
  const ids = await withMerged(db, r.id);
  const messages = await db
    .selectFrom("service_request_message")
    .leftJoin("app_user", "app_user.id", "service_request_message.author_id")
    .innerJoin("service_request", "service_request.id", "service_request_message.request_id")
    .select([
      "service_request_message.id",
      "service_request_message.body",
      "service_request_message.visibility",
      "service_request_message.from_staff",
      "service_request_message.via",
      "service_request_message.created_at",
      "app_user.name as author_name",
      "service_request.ref as from_ref",
    ])
    .where("service_request_message.request_id", "in", ids)
    .orderBy("service_request_message.created_at")
    .execute();
  const files = await db
    .selectFrom("service_request_file")
    .select([
      "id",
      "file_name",
      "size_bytes",
      "message_id",
      "field_key",
      "visibility",
      "created_at",
    ])
    .where("service_request_file.request_id", "in", ids)
    .orderBy("created_at")
    .execute();
  const history = await db
    .selectFrom("service_request_event")
    .leftJoin("app_user", "app_user.id", "service_request_event.actor_id")
    .select([
      "service_request_event.id",
      "service_request_event.at",
      "service_request_event.kind",
      "service_request_event.from_value",
      "service_request_event.to_value",
      "app_user.name as actor_name",
    ])
    .where("service_request_event.request_id", "=", r.id)
    .orderBy("service_request_event.id")
    .execute();
  const fields = await listFields(db, r.type_id);
  return {
    request: { ...r, state: r.state as RequestState, priority: r.priority as Priority },
    fieldValues: parseJson(r.field_values),
    fields,
    messages: messages.map((m) => ({ ...m, from_ref: m.from_ref === r.ref ? null : m.from_ref })),
    files,
    history,
    sla: slaView(r, now, await loadCalendar(db)),
  };
}

/** The company's requests, newest first (keyset by created_at, id). */
export async function listCompanyRequests(
  db: Executor,
  companyId: string,
  opts: { open?: boolean; limit?: number } = {},
) {
  let q = db
    .selectFrom("service_request")
    .innerJoin("service_type", "service_type.id", "service_request.type_id")
    .leftJoin("app_user", "app_user.id", "service_request.requester_id")
    .select([
      "service_request.ref",
      "service_request.subject",
      "service_request.state",
      "service_request.created_at",
      "service_request.updated_at",
      "service_request.resolution_due_at",
      "service_type.name_en as type_name_en",
      "service_type.name_zh as type_name_zh",
      "app_user.name as requester_name",
    ])
    .where("service_request.company_id", "=", companyId)
    .orderBy("service_request.created_at", "desc")
    .orderBy("service_request.id", "desc")
    .limit(opts.limit ?? 200);
  if (opts.open !== undefined) q = q.where("service_request.is_open", "=", opts.open);
  return q.execute();
}

/** Whether a viewer may download a request file; returns the stored file id if so. */
export async function findRequestFileForViewer(
  db: Executor,
  viewer: Pick<SessionUser, "roles" | "company">,
  fileId: string,
) {
  if (!isUuid(fileId)) return undefined;
  const row = await db
    .selectFrom("service_request_file")
    .innerJoin("service_request", "service_request.id", "service_request_file.request_id")
    .select([
      "service_request_file.stored_file_id",
      "service_request_file.file_name",
      "service_request_file.visibility",
      "service_request.company_id",
    ])
    .where("service_request_file.id", "=", fileId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (isStaff(viewer)) return row;
  if (viewer.company && viewer.company.id === row.company_id && row.visibility === "public")
    return row;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Changing

/** The outcome of a change (ADR 0025): `notFound` for a request the actor may not see. */
export type ChangeResult = Result<
  { version: number },
  "conflict" | "transition" | "notFound" | "invalid" | "rated" | "file"
>;
export type ChangeError = Extract<ChangeResult, { ok: false }>["error"];

/** Runs a change; a refused file rolls it back and answers "file". */
async function catchFile(run: () => Promise<ChangeResult>): Promise<ChangeResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FileRejected) return { ok: false, error: "file" };
    throw error;
  }
}

interface LockedRequest {
  id: string;
  ref: string;
  state: RequestState;
  priority: Priority;
  version: number;
  team_id: string | null;
  assignee_id: string | null;
  company_id: string;
  requester_id: string | null;
  subject: string;
  type_id: string;
  created_at: Date;
  first_responded_at: Date | null;
  /** Set once the request was merged into another (ADR 0038): its state stays closed. */
  merged_into_id: string | null;
}

async function loadForChange(trx: Executor, ref: string): Promise<LockedRequest | undefined> {
  if (!isRequestRef(ref)) return undefined;
  const r = await trx
    .selectFrom("service_request")
    .select([
      "id",
      "ref",
      "state",
      "priority",
      "version",
      "team_id",
      "assignee_id",
      "company_id",
      "requester_id",
      "subject",
      "type_id",
      "created_at",
      "first_responded_at",
      "merged_into_id",
    ])
    .where("ref", "=", ref)
    .forUpdate()
    .executeTakeFirst();
  return r && { ...r, state: r.state as RequestState, priority: r.priority as Priority };
}

export interface StaffChange {
  version: number;
  state?: RequestState;
  teamId?: string | null;
  assigneeId?: string | null;
  priority?: Priority;
  message?: { body: string; visibility: "public" | "internal"; via?: "web" | "email" };
  store?: FileStore;
}

/**
 * One staff action on a request, all or nothing: a reply or note, and/or changes of state,
 * team, assignee and priority. Refused as a conflict when `version` is not the current one.
 */
export async function staffChange(
  db: Executor,
  actor: Actor,
  ref: string,
  change: StaffChange,
  origin: string,
  now = new Date(),
): Promise<ChangeResult> {
  const calendar = await loadCalendar(db);
  return catchFile(() =>
    inTransaction(db, async (trx) => {
      const r = await loadForChange(trx, ref);
      if (!r) return { ok: false, error: "notFound" } as const;
      if (r.version !== change.version) return { ok: false, error: "conflict" } as const;
      if (r.merged_into_id && change.state && change.state !== r.state)
        return { ok: false, error: "transition" } as const;
      if (
        change.state &&
        change.state !== r.state &&
        !canTransition(r.state, change.state, "staff")
      )
        return { ok: false, error: "transition" } as const;
      if (
        change.teamId &&
        !(await trx
          .selectFrom("service_team")
          .select("id")
          .where("id", "=", change.teamId)
          .executeTakeFirst())
      )
        return { ok: false, error: "invalid" } as const;
      if (change.assigneeId && !(await isStaffUser(trx, change.assigneeId)))
        return { ok: false, error: "invalid" } as const;
      return applyChange(trx, r, actor.id, "staff", change, origin, now, calendar);
    }),
  );
}

/**
 * A change made by one of the desk's rules (ADR 0050) on a request the caller has locked, in
 * the caller's transaction: as the desk would make it (the same transitions, history, emails
 * and notifications) but with nobody as its author, and without queueing the rules again (the
 * rule runner queues the chain's next step itself). `changed`: the fields that really changed.
 */
export async function ruleChange(
  trx: Executor,
  ref: string,
  change: Omit<StaffChange, "version" | "store">,
  origin: string,
  now: Date,
): Promise<{ ok: true; changed: string[] } | { ok: false; error: ChangeError }> {
  const r = await loadForChange(trx, ref);
  if (!r) return { ok: false, error: "notFound" };
  if (r.merged_into_id) return { ok: false, error: "transition" };
  const c = { ...change };
  if (c.state && (c.state === r.state || !canTransition(r.state, c.state, "staff"))) delete c.state;
  if (c.assigneeId && !(await isStaffUser(trx, c.assigneeId))) delete c.assigneeId;
  const changed = [
    c.state ? "state" : null,
    c.teamId !== undefined && c.teamId !== r.team_id ? "team" : null,
    c.assigneeId !== undefined && c.assigneeId !== r.assignee_id ? "assignee" : null,
    c.priority && c.priority !== r.priority ? "priority" : null,
  ].filter((x): x is string => !!x);
  if (!changed.length && !c.message?.body.trim()) return { ok: true, changed: [] };
  const calendar = await loadCalendar(trx);
  const result = await applyChange(trx, r, null, "staff", c, origin, now, calendar, {
    rules: false,
    automatic: true,
  });
  return result.ok ? { ok: true, changed } : { ok: false, error: result.error };
}

async function isStaffUser(trx: Executor, userId: string) {
  if (!isUuid(userId)) return false;
  return !!(await trx
    .selectFrom("user_role")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("role", "in", ["staff", "admin"])
    .executeTakeFirst());
}

/** How a change reaches the desk's rules (ADR 0050). */
interface ChangeOptions {
  /** The chain a rule's change belongs to; `false`: the caller queues the rules itself. */
  rules?: { depth: number; chain: string[] } | false;
  /** Made by a rule: a public reply then is not the first response of a person. */
  automatic?: boolean;
}

/** Fields of a change the desk's rules may wait for (a `changed` event). */
const RULE_FIELD_KINDS = new Set(["state", "team", "assignee", "priority"]);

/** Applies a change to a locked request; writes history, messages, notifications and emails. */
async function applyChange(
  trx: Executor,
  r: LockedRequest,
  actorId: string | null,
  by: WorkflowActor,
  change: Omit<StaffChange, "version">,
  origin: string,
  now: Date,
  calendar: BusinessCalendar,
  opts: ChangeOptions = {},
): Promise<ChangeResult> {
  const events: {
    kind: "state" | "team" | "assignee" | "priority" | "sla";
    from: string | null;
    to: string | null;
  }[] = [];
  const set: Record<string, unknown> = { updated_at: now, version: r.version + 1 };
  const newState = change.state && change.state !== r.state ? change.state : undefined;
  if (newState) {
    events.push({ kind: "state", from: r.state, to: newState });
    set.state = newState;
    if (newState === "resolved") set.resolved_at = now;
    if (newState === "closed") set.closed_at = now;
    if (newState === "reopened") {
      set.resolved_at = null;
      set.closed_at = null;
    }
  }
  if (change.teamId !== undefined && change.teamId !== r.team_id) {
    events.push({ kind: "team", from: r.team_id, to: change.teamId });
    set.team_id = change.teamId;
  }
  if (change.assigneeId !== undefined && change.assigneeId !== r.assignee_id) {
    events.push({ kind: "assignee", from: r.assignee_id, to: change.assigneeId });
    set.assignee_id = change.assigneeId;
  }
  let targets: { firstResponse: number; resolution: number } | undefined;
  if (change.priority && change.priority !== r.priority) {
    events.push({ kind: "priority", from: r.priority, to: change.priority });
    set.priority = change.priority;
    targets = await getTarget(trx, r.type_id, change.priority);
    const kept = await retarget(trx, r, targets, now, calendar);
    set.first_response_target_minutes = kept.firstResponse;
    set.resolution_target_minutes = kept.resolution;
    if (kept.restarted) events.push({ kind: "sla", from: null, to: "restarted" });
  }
  const isPublicStaffReply = by === "staff" && change.message?.visibility === "public";
  if (isPublicStaffReply && !r.first_responded_at && !opts.automatic) set.first_responded_at = now;
  if (!events.length && !change.message?.body.trim()) return { ok: false, error: "invalid" };

  const updated = await trx
    .updateTable("service_request")
    .set(set)
    .where("id", "=", r.id)
    .where("version", "=", r.version)
    .returning("version")
    .executeTakeFirst();
  if (!updated) return { ok: false, error: "conflict" };

  let messageId: string | null = null;
  if (change.message?.body.trim()) {
    const m = await trx
      .insertInto("service_request_message")
      .values({
        request_id: r.id,
        author_id: actorId,
        visibility: change.message.visibility,
        from_staff: by === "staff",
        body: change.message.body.trim(),
        via: change.message.via ?? "web",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    messageId = m.id;
  }
  if (change.store && actorId) {
    for (const f of await change.store(trx))
      await insertFile(trx, r.id, messageId, f, actorId, change.message?.visibility ?? "public");
  }
  let lastEventId: string | null = null;
  for (const e of events) {
    const inserted = await trx
      .insertInto("service_request_event")
      .values({
        request_id: r.id,
        actor_id: actorId,
        kind: e.kind,
        from_value: e.from,
        to_value: e.to,
        at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    lastEventId = String(inserted.id);
  }
  await refreshSla(trx, r.id, now, calendar);
  const changedFields = events.map((e) => e.kind).filter((k) => RULE_FIELD_KINDS.has(k));
  if (opts.rules !== false && changedFields.length && lastEventId)
    await enqueueRuleEvent(trx, {
      requestId: r.id,
      event: "changed",
      key: `changed:${lastEventId}`,
      fields: changedFields,
      depth: opts.rules?.depth ?? 0,
      chain: opts.rules?.chain ?? [],
    });

  // Who hears about it (`told`: staff told already, whom watching does not tell again).
  const told = new Set<string>();
  const link = `/requests/${r.ref}`;
  const deskLink = `/desk/requests/${r.ref}`;
  const values = { ref: r.ref, subject: r.subject };
  if (by !== "requester") {
    // The company: public replies and state changes only; internal notes never.
    if (isPublicStaffReply) {
      await notifyRequester(trx, r, "reply", link, origin, "serviceRequestReply", {
        ...values,
        reply: change.message!.body.trim(),
      });
    }
    if (newState) {
      await notifyRequester(trx, r, "state", link, origin, "serviceRequestState", values, newState);
    }
  } else {
    // Staff: the assignee, or the team lead when nobody is assigned.
    const target =
      r.assignee_id ??
      (r.team_id
        ? (
            await trx
              .selectFrom("service_team")
              .select("lead_id")
              .where("id", "=", r.team_id)
              .executeTakeFirst()
          )?.lead_id
        : null);
    if (target && target !== actorId) {
      told.add(target);
      await notify(trx, target, change.message ? "requester_reply" : "requester_state", deskLink, {
        ...values,
        state: newState ?? r.state,
      });
      await emailUser(
        trx,
        target,
        change.message ? "serviceRequestRequesterReply" : "serviceRequestState",
        { ...values, link: `${origin}${deskLink}` },
        newState,
      );
    }
  }
  if (change.assigneeId && change.assigneeId !== r.assignee_id && change.assigneeId !== actorId) {
    told.add(change.assigneeId);
    await notify(trx, change.assigneeId, "assigned", deskLink, values);
    await emailUser(trx, change.assigneeId, "serviceRequestAssigned", {
      ...values,
      link: `${origin}${deskLink}`,
    });
  }
  // Watchers and colleagues @mentioned in an internal note (ADR 0056).
  await tellWatchers(trx, {
    request: { id: r.id, ref: r.ref, subject: r.subject, state: r.state },
    actorId,
    by,
    message: messageId && change.message ? change.message : undefined,
    newState,
    told,
    origin,
  });
  return { ok: true, version: updated.version };
}

async function notifyRequester(
  trx: Executor,
  r: LockedRequest,
  kind: NotificationKind,
  link: string,
  origin: string,
  template: EmailTemplate,
  values: Record<string, string>,
  state?: RequestState,
) {
  if (!r.requester_id) return;
  await notify(trx, r.requester_id, kind, link, { ...values, ...(state ? { state } : {}) });
  await emailUser(trx, r.requester_id, template, { ...values, link: `${origin}${link}` }, state);
}

async function emailUser(
  trx: Executor,
  userId: string,
  template: EmailTemplate,
  values: Record<string, string>,
  state?: RequestState,
) {
  const user = await trx
    .selectFrom("app_user")
    .select(["email", "name", "locale", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return;
  const locale = asLocale(user.locale);
  await queueEmail(trx, {
    to: user.email,
    locale,
    template,
    values: { ...values, name: user.name, state: state ? stateLabel(locale, state) : "" },
    thread: values.ref ? await threadOf(trx, values.ref) : undefined,
  });
}

export function stateLabel(locale: Locale, state: string): string {
  const t = createI18n(locale).getFixedT(locale, "services") as unknown as (key: string) => string;
  return t(`states.${state}`);
}

function asLocale(value: string): Locale {
  return isLocale(value) ? value : "en";
}

/** The pauses of a request's clocks, from its state history. */
async function pausesOf(trx: Executor, requestId: string, createdAt: Date) {
  const events = await trx
    .selectFrom("service_request_event")
    .select(["at", "to_value"])
    .where("request_id", "=", requestId)
    .where("kind", "=", "state")
    .orderBy("id")
    .execute();
  const history = [
    { at: createdAt, to: "new" },
    ...events.map((e) => ({ at: e.at, to: e.to_value ?? "" })),
  ];
  return pausesFromHistory(history, PAUSED_STATES);
}

/**
 * The targets a priority change gives a request. Counted from filing, like every target; but a
 * clock whose new target would already be used up (due now or in the past) restarts at the
 * change: its target becomes the working time used so far plus the new priority's full target
 * (what Zendesk does), so a raised priority never makes a request breached at once.
 */
async function retarget(
  trx: Executor,
  r: LockedRequest,
  targets: { firstResponse: number; resolution: number },
  now: Date,
  calendar: BusinessCalendar,
) {
  const pauses = await pausesOf(trx, r.id, r.created_at);
  const clock = slaClock({ start: r.created_at, targetMinutes: 0, pauses, now, calendar });
  const used = Math.ceil(-clock.remainingMs / 60_000);
  const keep = (target: number, stopped: Date | null) =>
    !stopped && used >= target
      ? { minutes: used + target, restarted: true }
      : { minutes: target, restarted: false };
  const first = keep(targets.firstResponse, r.first_responded_at);
  const resolution = keep(targets.resolution, null);
  return {
    firstResponse: first.minutes,
    resolution: resolution.minutes,
    restarted: first.restarted || resolution.restarted,
  };
}

/** Recomputes the stored due times and breach flag of a request from its history. */
export async function refreshSla(
  trx: Executor,
  requestId: string,
  now: Date,
  calendar: BusinessCalendar,
) {
  const r = await trx
    .selectFrom("service_request")
    .select([
      "created_at",
      "state",
      "first_responded_at",
      "first_response_target_minutes",
      "resolution_target_minutes",
      "sla_breached",
      "resolved_at",
      "first_response_due_at",
      "resolution_due_at",
    ])
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
  const pauses = await pausesOf(trx, requestId, r.created_at);
  const first = slaClock({
    start: r.created_at,
    targetMinutes: r.first_response_target_minutes,
    pauses,
    now,
    stoppedAt: r.first_responded_at,
    calendar,
  });
  const res = slaClock({
    start: r.created_at,
    targetMinutes: r.resolution_target_minutes,
    pauses,
    now,
    calendar,
  });
  const set: Record<string, unknown> = {
    first_response_due_at: r.first_responded_at ? null : first.dueAt,
    resolution_due_at: res.dueAt,
    sla_breached: r.sla_breached || first.breached || res.breached,
  };
  // The sweep warns and reports a breach once per due time. When the next due time moves to a
  // new time still ahead (first response given, so the resolution target is next; priority
  // changed; the clock resumed after a pause), that new target earns its own warning and breach.
  const nextDue = (a: Date | null | undefined, b: Date | null | undefined) => {
    const times = [a, b].filter((d): d is Date => !!d).map((d) => +d);
    return times.length ? Math.min(...times) : null;
  };
  const before = nextDue(r.first_response_due_at, r.resolution_due_at);
  const after = nextDue(set.first_response_due_at as Date | null, res.dueAt);
  if (after !== null && after > +now && after !== before) {
    set.warning_notified_at = null;
    set.breach_notified_at = null;
  }
  if (r.first_responded_at) {
    set.first_response_minutes = Math.floor(
      elapsedBusinessMs(
        r.created_at,
        r.first_responded_at,
        pauses.filter((p) => +p.start < +r.first_responded_at!),
        calendar,
      ) / 60_000,
    );
  }
  if (r.state === "resolved" || r.state === "closed") {
    const end = r.resolved_at ?? now;
    set.resolution_minutes = Math.floor(
      elapsedBusinessMs(
        r.created_at,
        end,
        pauses.filter((p) => +p.start < +end),
        calendar,
      ) / 60_000,
    );
  } else set.resolution_minutes = null;
  await trx.updateTable("service_request").set(set).where("id", "=", requestId).execute();
}

/** A requester's reply: public; while the park waits on them, it moves the request to in progress. */
export async function requesterReply(
  db: Executor,
  actor: Actor,
  ref: string,
  input: { body: string; store?: FileStore; via?: "web" | "email"; reopen?: boolean },
  origin: string,
  now = new Date(),
): Promise<ChangeResult> {
  const calendar = await loadCalendar(db);
  return catchFile(() =>
    inTransaction(db, async (trx) => {
      const r = await loadForChange(trx, ref);
      if (!r || !actor.company || r.company_id !== actor.company.id)
        return { ok: false, error: "notFound" } as const;
      // A merged request is answered on the request it was merged into.
      if (r.merged_into_id) return { ok: false, error: "transition" } as const;
      // An emailed reply to a resolved request reopens it, as the requester's reopen does.
      const to: RequestState | undefined =
        r.state === "waiting_on_requester"
          ? "in_progress"
          : input.reopen && canTransition(r.state, "reopened", "requester")
            ? "reopened"
            : undefined;
      return applyChange(
        trx,
        r,
        actor.id,
        "requester",
        {
          state: to,
          message: { body: input.body, visibility: "public", via: input.via },
          store: input.store,
        },
        origin,
        now,
        calendar,
      );
    }),
  );
}

/** A requester closes or reopens their company's request. */
export async function requesterSetState(
  db: Executor,
  actor: Actor,
  ref: string,
  to: RequestState,
  version: number,
  origin: string,
  now = new Date(),
): Promise<ChangeResult> {
  const calendar = await loadCalendar(db);
  return inTransaction(db, async (trx) => {
    const r = await loadForChange(trx, ref);
    if (!r || !actor.company || r.company_id !== actor.company.id)
      return { ok: false, error: "notFound" } as const;
    if (r.version !== version) return { ok: false, error: "conflict" } as const;
    if (r.merged_into_id || !canTransition(r.state, to, "requester"))
      return { ok: false, error: "transition" } as const;
    return applyChange(trx, r, actor.id, "requester", { state: to }, origin, now, calendar);
  });
}

/** The satisfaction rating, once, after resolution. */
export async function rateRequest(
  db: Executor,
  actor: Actor,
  ref: string,
  input: { rating: number; comment: string },
  now = new Date(),
): Promise<ChangeResult> {
  return inTransaction(db, async (trx) => {
    const r = await loadForChange(trx, ref);
    if (!r || !actor.company || r.company_id !== actor.company.id)
      return { ok: false, error: "notFound" } as const;
    if (r.state !== "resolved" && r.state !== "closed")
      return { ok: false, error: "transition" } as const;
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
      return { ok: false, error: "invalid" } as const;
    const updated = await trx
      .updateTable("service_request")
      .set({
        rating: input.rating,
        rating_comment: input.comment.trim() || null,
        rated_at: now,
        version: r.version + 1,
      })
      .where("id", "=", r.id)
      .where("rated_at", "is", null)
      .returning("version")
      .executeTakeFirst();
    if (!updated) return { ok: false, error: "rated" } as const;
    await trx
      .insertInto("service_request_event")
      .values({
        request_id: r.id,
        actor_id: actor.id,
        kind: "rating",
        to_value: String(input.rating),
        at: now,
      })
      .execute();
    const target = r.assignee_id;
    if (target)
      await notify(trx, target, "rated", `/desk/requests/${r.ref}`, {
        ref: r.ref,
        subject: r.subject,
        rating: String(input.rating),
      });
    return { ok: true, version: updated.version } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk actions

export interface BulkChange {
  assigneeId?: string | null;
  priority?: Priority;
  state?: RequestState;
}

/**
 * Applies one change to many requests; each is checked on its own (a refused transition is
 * skipped). `seen` holds the version of each request as the person saw it in the queue: a
 * request changed since (by a colleague, the requester or the SLA sweep) is left alone and
 * reported in `changed`, never overwritten (issue 11). Without `seen` (scripts, tests) every
 * request is changed as it is now.
 */
export async function bulkChange(
  db: Executor,
  actor: Actor,
  refs: string[],
  change: BulkChange,
  origin: string,
  now = new Date(),
  seen?: ReadonlyMap<string, number>,
) {
  let updated = 0;
  let skipped = 0;
  const changed: string[] = [];
  if (change.priority && !isPriority(change.priority))
    return { updated, skipped: refs.length, changed };
  if (change.assigneeId && !(await isStaffUser(db, change.assigneeId)))
    return { updated, skipped: refs.length, changed };
  const calendar = await loadCalendar(db);
  for (const ref of refs.slice(0, 200)) {
    const res = await inTransaction(db, async (trx) => {
      const r = await loadForChange(trx, ref);
      if (!r) return "skipped";
      if (seen && seen.get(ref) !== r.version) return "changed";
      if (
        change.state &&
        change.state !== r.state &&
        !canTransition(r.state, change.state, "staff")
      )
        return "skipped";
      const result = await applyChange(trx, r, actor.id, "staff", change, origin, now, calendar);
      return result.ok ? "updated" : "skipped";
    });
    if (res === "updated") updated++;
    else if (res === "changed") changed.push(ref);
    else skipped++;
  }
  return { updated, skipped, changed };
}

/** The versions a bulk form carried (`seen` = "SR-2026-12@3", one per listed request). */
export function seenVersions(values: readonly string[] | undefined): Map<string, number> {
  const seen = new Map<string, number>();
  for (const v of values ?? []) {
    const m = /^(SR-\d{4}-\d+)@(\d{1,9})$/.exec(v);
    if (m) seen.set(m[1]!, Number(m[2]));
  }
  return seen;
}

/** The toast after a bulk change: the requests changed meanwhile are named. */
export function bulkToast(result: { updated: number; skipped: number; changed: string[] }): Toast {
  if (!result.changed.length)
    return {
      type: "success",
      key: "services:toast.bulk",
      values: { updated: result.updated, skipped: result.skipped },
    };
  const shown = result.changed.slice(0, 20).join(", ");
  return {
    type: "info",
    key: "services:toast.bulkChanged",
    values: {
      updated: result.updated,
      skipped: result.skipped,
      count: result.changed.length,
      refs: result.changed.length > 20 ? `${shown}, …` : shown,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Background work: SLA sweep (breaches and approaching breaches) and auto-close.

export const AUTO_CLOSE_DAYS = 7;
/** An approaching breach: less than this many business minutes left. */
export const WARNING_MINUTES = 120;

export async function slaSweep(db: Executor, origin: string, now = new Date()) {
  const calendar = await loadCalendar(db);
  let breaches = 0;
  let warnings = 0;
  // Breached: an open request whose next due time has passed, not yet notified.
  const due = await db
    .selectFrom("service_request")
    .select(["id", "ref"])
    .where("is_open", "=", true)
    .where("due_sort_at", "<", now)
    .where("breach_notified_at", "is", null)
    .orderBy("due_sort_at")
    .limit(500)
    .execute();
  for (const d of due) {
    await inTransaction(db, async (trx) => {
      const r = await trx
        .selectFrom("service_request")
        .select([
          "id",
          "ref",
          "subject",
          "assignee_id",
          "team_id",
          "due_sort_at",
          "breach_notified_at",
        ])
        .where("id", "=", d.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (r.breach_notified_at || !r.due_sort_at || r.due_sort_at >= now) return;
      await trx
        .updateTable("service_request")
        .set({ sla_breached: true, breach_notified_at: now })
        .where("id", "=", r.id)
        .execute();
      await trx
        .insertInto("service_request_event")
        .values({ request_id: r.id, kind: "sla", to_value: "breached", at: now })
        .execute();
      await enqueueRuleEvent(trx, { requestId: r.id, event: "breached", key: "breached" });
      for (const userId of await responsibleUsers(trx, r.assignee_id, r.team_id)) {
        await notify(trx, userId, "breach", `/desk/requests/${r.ref}`, {
          ref: r.ref,
          subject: r.subject,
        });
        await emailUser(trx, userId, "serviceRequestBreach", {
          ref: r.ref,
          subject: r.subject,
          link: `${origin}/desk/requests/${r.ref}`,
        });
      }
      breaches++;
    });
  }
  // Approaching: less than WARNING_MINUTES business minutes left. Candidates within a day of wall time.
  const soon = await db
    .selectFrom("service_request")
    .select(["id", "ref", "subject", "assignee_id", "team_id", "due_sort_at"])
    .where("is_open", "=", true)
    .where("due_sort_at", ">=", now)
    .where("due_sort_at", "<", new Date(+now + 4 * 24 * 3600_000))
    .where("warning_notified_at", "is", null)
    .orderBy("due_sort_at")
    .limit(500)
    .execute();
  for (const r of soon) {
    if (!r.due_sort_at || businessMinutesBetween(now, r.due_sort_at, calendar) >= WARNING_MINUTES)
      continue;
    await inTransaction(db, async (trx) => {
      const updated = await trx
        .updateTable("service_request")
        .set({ warning_notified_at: now })
        .where("id", "=", r.id)
        .where("warning_notified_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      if (!updated) return;
      await enqueueRuleEvent(trx, { requestId: r.id, event: "breach_near", key: "breach_near" });
      for (const userId of await responsibleUsers(trx, r.assignee_id, r.team_id)) {
        await notify(trx, userId, "breach_warning", `/desk/requests/${r.ref}`, {
          ref: r.ref,
          subject: r.subject,
        });
        await emailUser(trx, userId, "serviceRequestWarning", {
          ref: r.ref,
          subject: r.subject,
          link: `${origin}/desk/requests/${r.ref}`,
        });
      }
      warnings++;
    });
  }
  return { breaches, warnings };
}

/** The assignee and the team lead (both, once each). */
async function responsibleUsers(
  trx: Executor,
  assigneeId: string | null,
  teamId: string | null,
): Promise<string[]> {
  const ids = new Set<string>();
  if (assigneeId) ids.add(assigneeId);
  if (teamId) {
    const team = await trx
      .selectFrom("service_team")
      .select("lead_id")
      .where("id", "=", teamId)
      .executeTakeFirst();
    if (team?.lead_id) ids.add(team.lead_id);
  }
  return [...ids];
}

/** Closes requests resolved more than AUTO_CLOSE_DAYS ago (the worker's transition). */
export async function autoClose(
  db: Executor,
  origin: string,
  now = new Date(),
  days = AUTO_CLOSE_DAYS,
) {
  const calendar = await loadCalendar(db);
  const cutoff = new Date(+now - days * 24 * 3600_000);
  const rows = await db
    .selectFrom("service_request")
    .select("ref")
    .where("state", "=", "resolved")
    .where("resolved_at", "<", cutoff)
    .limit(500)
    .execute();
  let closed = 0;
  for (const { ref } of rows) {
    const ok = await inTransaction(db, async (trx) => {
      const r = await loadForChange(trx, ref);
      if (!r || !canTransition(r.state, "closed", "system")) return false;
      return (await applyChange(trx, r, null, "system", { state: "closed" }, origin, now, calendar))
        .ok;
    });
    if (ok) closed++;
  }
  return closed;
}
