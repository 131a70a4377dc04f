/**
 * The investment-promotion pipeline (issue 13): projects, their stage moves, next steps and
 * capital tranches. Every change is one transaction with its history entry (`project_event`)
 * and its audit entry (ADR 0021); edits are version-checked (409 on a lost race). Reads and
 * writes need the promotion permissions (ADR 0026), which the desk's staff role does not hold.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { Transaction } from "kysely";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { matchCountry } from "./countries";
import { canMove, isStoppable, type Stage, type StoppableStage } from "./pipeline";
import type { NextStepInput, ProjectInput, StageInput, TrancheInput } from "./schema";

export interface ProjectActor extends Actor {
  id: string;
}

export interface ChangeMeta {
  ip?: string | null;
}

type Trx = Transaction<DB>;

/** A date column as the text people and forms use (pg would make a local-midnight Date). */
export function dayText(column: string) {
  return sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/** Every column of a project, dates as YYYY-MM-DD text. */
export const PROJECT_COLUMNS = [
  "project.id",
  "project.reference",
  "project.organisation",
  "project.country",
  "project.parent_group",
  "project.industry_id",
  "project.plan_kind",
  "project.investment_minor",
  "project.investment_currency",
  "project.capital_minor",
  "project.capital_currency",
  "project.jobs_planned",
  "project.space_type",
  "project.area_min_m2",
  "project.area_max_m2",
  "project.special_needs",
  "project.source",
  "project.owner_id",
  "project.notes",
  "project.inquiry_id",
  "project.stage",
  "project.stopped_stage",
  "project.lost_reason",
  "project.next_step",
  "project.last_activity_at",
  "project.version",
  "project.created_at",
  "project.updated_at",
] as const;

export function canReadProjects(actor: Actor | null): boolean {
  return can(actor, "read:project:any");
}

function requireRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}
function requireUpdate(actor: Actor) {
  if (!can(actor, "update:project:any")) throw new Forbidden();
}

/** Who may own a project: enabled accounts with the promotion role, and admins. */
export async function listOwners(db: Executor) {
  return db
    .selectFrom("app_user")
    .innerJoin("user_role", "user_role.user_id", "app_user.id")
    .select(["app_user.id", "app_user.name"])
    .where("user_role.role", "in", ["promotion", "admin"])
    .where("app_user.disabled_at", "is", null)
    .distinct()
    .orderBy("app_user.name")
    .execute();
}

async function isOwner(db: Executor, userId: string): Promise<boolean> {
  return (await listOwners(db)).some((u) => u.id === userId);
}

async function industryExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db
    .selectFrom("park_industry")
    .select("id")
    .where("id", "=", id)
    .executeTakeFirst());
}

async function nextReference(trx: Trx): Promise<string> {
  const seq = await sql<{ n: string }>`SELECT nextval('project_reference_seq')::text AS n`.execute(
    trx,
  );
  return `PRJ-${new Date().getUTCFullYear()}-${seq.rows[0]!.n.padStart(5, "0")}`;
}

function columnsOf(input: ProjectInput) {
  return {
    organisation: input.organisation,
    country: input.country,
    parent_group: input.parentGroup,
    industry_id: input.industryId,
    plan_kind: input.planKind,
    investment_minor: input.investment?.minor ?? null,
    investment_currency: input.investment?.currency ?? null,
    capital_minor: input.capital?.minor ?? null,
    capital_currency: input.capital?.currency ?? null,
    jobs_planned: input.jobsPlanned,
    space_type: input.spaceType,
    area_min_m2: input.areaMin,
    area_max_m2: input.areaMax,
    move_in_on: input.moveInOn,
    special_needs: input.specialNeeds,
    source: input.source,
    owner_id: input.ownerId,
    notes: input.notes,
  };
}

async function writeContacts(trx: Trx, projectId: string, contacts: ProjectInput["contacts"]) {
  await trx.deleteFrom("project_contact").where("project_id", "=", projectId).execute();
  if (contacts.length)
    await trx
      .insertInto("project_contact")
      .values(contacts.map((c, position) => ({ project_id: projectId, position, ...c })))
      .execute();
}

async function record(
  trx: Trx,
  actor: ProjectActor,
  projectId: string,
  event: {
    kind: "created" | "stage" | "edited" | "next_step" | "tranche_added" | "tranche_removed";
    from?: Stage | null;
    to?: Stage | null;
    note?: string;
    details?: Record<string, unknown>;
  },
  meta: ChangeMeta,
) {
  await trx
    .insertInto("project_event")
    .values({
      project_id: projectId,
      actor_id: actor.id,
      kind: event.kind,
      from_stage: event.from ?? null,
      to_stage: event.to ?? null,
      note: event.note ?? "",
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
  await audit(trx, {
    actorId: actor.id,
    action: `project.${event.kind}`,
    entityType: "project",
    entityId: projectId,
    details: { ...(event.from ? { from: event.from, to: event.to } : {}), ...event.details },
    ip: meta.ip ?? null,
  });
}

export type CreateError = "owner" | "industry";

/** A project typed in by staff (source staff, event or referral: whatever they chose). */
export async function createProject(
  db: Executor,
  actor: ProjectActor,
  input: ProjectInput,
  meta: ChangeMeta = {},
): Promise<Result<{ id: string; reference: string }, CreateError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const ownerId = input.ownerId ?? actor.id;
    if (!(await isOwner(trx, ownerId))) return fail("owner");
    if (input.industryId && !(await industryExists(trx, input.industryId))) return fail("industry");
    const reference = await nextReference(trx);
    const row = await trx
      .insertInto("project")
      .values({
        ...columnsOf(input),
        owner_id: ownerId,
        reference,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeContacts(trx, row.id, input.contacts);
    await record(trx, actor, row.id, { kind: "created", to: "new", details: { reference } }, meta);
    return ok({ id: row.id, reference });
  });
}

/**
 * A project made from an inquiry in one step: organisation, country, the person as contact
 * and the message as notes, linked to the inquiry. One project per inquiry (a unique index):
 * doing it again, or two clicks at once, answers the project that exists (`existed`).
 */
export async function createProjectFromInquiry(
  db: Executor,
  actor: ProjectActor,
  inquiryId: string,
  meta: ChangeMeta = {},
): Promise<Result<{ id: string; reference: string; existed: boolean }, "owner">> {
  requireUpdate(actor);
  if (!can(actor, "read:inquiry:any")) throw new Forbidden();
  if (!isUuid(inquiryId)) throw new NotFound();
  return inTransaction(db, async (trx) => {
    // The inquiry's row lock serialises two creates of the same inquiry.
    const inquiry = await trx
      .selectFrom("inquiry")
      .selectAll()
      .where("id", "=", inquiryId)
      .forUpdate()
      .executeTakeFirst();
    if (!inquiry) throw new NotFound();
    const existing = await trx
      .selectFrom("project")
      .select(["id", "reference"])
      .where("inquiry_id", "=", inquiryId)
      .executeTakeFirst();
    if (existing) return ok({ ...existing, existed: true });
    if (!(await isOwner(trx, actor.id))) return fail("owner");
    const country = matchCountry(inquiry.country);
    const notes = [
      inquiry.message,
      // A country we could not match to a code is kept as written.
      inquiry.country && !country ? `(${inquiry.country})` : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    const reference = await nextReference(trx);
    const row = await trx
      .insertInto("project")
      .values({
        reference,
        organisation: inquiry.organisation.trim() || inquiry.name,
        country,
        source: "inquiry",
        owner_id: actor.id,
        notes,
        inquiry_id: inquiry.id,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeContacts(trx, row.id, [
      { name: inquiry.name, title: "", email: inquiry.email, phone: inquiry.phone },
    ]);
    await record(
      trx,
      actor,
      row.id,
      { kind: "created", to: "new", details: { reference, inquiry: inquiry.reference } },
      meta,
    );
    await trx
      .insertInto("inquiry_event")
      .values({
        inquiry_id: inquiry.id,
        actor_id: actor.id,
        kind: "project",
        details: JSON.stringify({ projectId: row.id, reference }),
      })
      .execute();
    return ok({ id: row.id, reference, existed: false });
  });
}

/** The project made from an inquiry, for the inquiry's page (null when none, or not allowed). */
export async function projectOfInquiry(db: Executor, actor: Actor, inquiryId: string) {
  if (!can(actor, "read:project:any") || !isUuid(inquiryId)) return null;
  return (
    (await db
      .selectFrom("project")
      .select(["id", "reference", "stage"])
      .where("inquiry_id", "=", inquiryId)
      .executeTakeFirst()) ?? null
  );
}

/** One project with its contacts, tranches and history; NotFound when there is none. */
export async function getProject(db: Executor, actor: ProjectActor, id: string) {
  requireRead(actor);
  if (!isUuid(id)) throw new NotFound();
  const project = await db
    .selectFrom("project")
    .leftJoin("app_user as owner", "owner.id", "project.owner_id")
    .leftJoin("park_industry", "park_industry.id", "project.industry_id")
    .leftJoin("inquiry", "inquiry.id", "project.inquiry_id")
    .select(PROJECT_COLUMNS)
    .select([
      dayText("project.move_in_on").as("move_in_on"),
      dayText("project.next_step_due").as("next_step_due"),
      "owner.name as owner_name",
      "park_industry.name_en as industry_en",
      "park_industry.name_zh as industry_zh",
      "inquiry.reference as inquiry_reference",
    ])
    .where("project.id", "=", id)
    .executeTakeFirst();
  if (!project) throw new NotFound();
  const contacts = await db
    .selectFrom("project_contact")
    .select(["name", "title", "email", "phone"])
    .where("project_id", "=", id)
    .orderBy("position")
    .execute();
  const tranches = await db
    .selectFrom("project_tranche")
    .select(["id", "amount_minor", "currency", "note", "created_at"])
    .select(dayText("arrived_on").as("arrived_on"))
    .where("project_id", "=", id)
    .orderBy("arrived_on")
    .orderBy("created_at")
    .execute();
  const events = await db
    .selectFrom("project_event")
    .leftJoin("app_user", "app_user.id", "project_event.actor_id")
    .select([
      "project_event.id",
      "project_event.kind",
      "project_event.from_stage",
      "project_event.to_stage",
      "project_event.note",
      "project_event.details",
      "project_event.at",
      "app_user.name as actor_name",
    ])
    .where("project_event.project_id", "=", id)
    .orderBy("project_event.id", "desc")
    .limit(200)
    .execute();
  return { project, contacts, tranches, events };
}

async function lockProject(trx: Trx, id: string) {
  if (!isUuid(id)) throw new NotFound();
  const row = await trx
    .selectFrom("project")
    .select(PROJECT_COLUMNS)
    .select([
      dayText("project.move_in_on").as("move_in_on"),
      dayText("project.next_step_due").as("next_step_due"),
    ])
    .where("project.id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

const touched = () => ({ last_activity_at: new Date(), updated_at: new Date() });

export type UpdateError = "conflict" | "owner" | "industry";

/** Saves the project's fields and contacts, if `version` is the one the person saw. */
export async function updateProject(
  db: Executor,
  actor: ProjectActor,
  id: string,
  version: number,
  input: ProjectInput,
  meta: ChangeMeta = {},
): Promise<Result<object, UpdateError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const row = await lockProject(trx, id);
    if (row.version !== version) return fail("conflict");
    const ownerId = input.ownerId ?? row.owner_id;
    if (ownerId && ownerId !== row.owner_id && !(await isOwner(trx, ownerId))) return fail("owner");
    if (input.industryId && !(await industryExists(trx, input.industryId))) return fail("industry");
    const next = { ...columnsOf(input), owner_id: ownerId };
    const changed = Object.entries(next)
      .filter(([k, v]) => String(row[k as keyof typeof row] ?? "") !== String(v ?? ""))
      .map(([k]) => k);
    const before = await trx
      .selectFrom("project_contact")
      .select(["name", "title", "email", "phone"])
      .where("project_id", "=", id)
      .orderBy("position")
      .execute();
    if (JSON.stringify(before) !== JSON.stringify(input.contacts)) changed.push("contacts");
    if (!changed.length) return ok();
    await trx
      .updateTable("project")
      .set({ ...next, version: row.version + 1, ...touched() })
      .where("id", "=", id)
      .execute();
    await writeContacts(trx, id, input.contacts);
    await record(trx, actor, id, { kind: "edited", details: { fields: changed } }, meta);
    return ok();
  });
}

export type MoveError = "conflict" | "notAllowed" | "lostReason";

/**
 * Moves a project to another stage if the transition table allows it from where it is (and
 * `version` is current): lost needs a reason; on hold and lost remember the stage they
 * stopped at, where a reopening returns. The move and its note go into the history.
 */
export async function moveProject(
  db: Executor,
  actor: ProjectActor,
  id: string,
  version: number,
  input: StageInput,
  meta: ChangeMeta = {},
): Promise<Result<{ stage: Stage }, MoveError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const row = await lockProject(trx, id);
    if (row.version !== version) return fail("conflict");
    const from = row.stage as Stage;
    const stopped = isStoppable(row.stopped_stage) ? row.stopped_stage : null;
    if (!canMove(from, input.to, stopped)) return fail("notAllowed");
    const reason = input.lostReason?.trim() ?? "";
    if (input.to === "lost" && !reason) return fail("lostReason");
    let stoppedStage: StoppableStage | null = null;
    if (input.to === "lost" || input.to === "on_hold")
      stoppedStage = isStoppable(from) ? from : stopped;
    await trx
      .updateTable("project")
      .set({
        stage: input.to,
        stopped_stage: stoppedStage,
        lost_reason: input.to === "lost" ? reason : null,
        version: row.version + 1,
        ...touched(),
      })
      .where("id", "=", id)
      .execute();
    await record(
      trx,
      actor,
      id,
      {
        kind: "stage",
        from,
        to: input.to,
        note: input.note ?? "",
        details: input.to === "lost" ? { lostReason: reason } : {},
      },
      meta,
    );
    return ok({ stage: input.to });
  });
}

/** Sets the next step and its due date (the flags follow from them). */
export async function setNextStep(
  db: Executor,
  actor: ProjectActor,
  id: string,
  version: number,
  input: NextStepInput,
  meta: ChangeMeta = {},
): Promise<Result<object, "conflict">> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const row = await lockProject(trx, id);
    if (row.version !== version) return fail("conflict");
    if (row.next_step === input.nextStep && row.next_step_due === input.nextStepDue) return ok();
    await trx
      .updateTable("project")
      .set({
        next_step: input.nextStep,
        next_step_due: input.nextStepDue,
        version: row.version + 1,
        ...touched(),
      })
      .where("id", "=", id)
      .execute();
    await record(
      trx,
      actor,
      id,
      { kind: "next_step", note: input.nextStep, details: { due: input.nextStepDue } },
      meta,
    );
    return ok();
  });
}

/**
 * Records capital that arrived (a dated tranche). Tranches are appended, not edited, so they
 * need no version; a double post is caught by the form's idempotency key.
 */
export async function addTranche(
  db: Executor,
  actor: ProjectActor,
  id: string,
  input: TrancheInput,
  meta: ChangeMeta = {},
): Promise<Result<{ trancheId: string }>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    await lockProject(trx, id);
    const row = await trx
      .insertInto("project_tranche")
      .values({
        project_id: id,
        amount_minor: input.minor,
        currency: input.currency,
        arrived_on: input.arrivedOn,
        note: input.note,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("project").set(touched()).where("id", "=", id).execute();
    await record(
      trx,
      actor,
      id,
      {
        kind: "tranche_added",
        note: input.note,
        details: { amountMinor: input.minor, currency: input.currency, arrivedOn: input.arrivedOn },
      },
      meta,
    );
    return ok({ trancheId: row.id });
  });
}

/** Removes a tranche entered by mistake (the history keeps what it was). */
export async function removeTranche(
  db: Executor,
  actor: ProjectActor,
  id: string,
  trancheId: string,
  meta: ChangeMeta = {},
): Promise<Result<object, "notFound">> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    await lockProject(trx, id);
    if (!isUuid(trancheId)) return fail("notFound");
    const removed = await trx
      .deleteFrom("project_tranche")
      .where("id", "=", trancheId)
      .where("project_id", "=", id)
      .returning(["amount_minor", "currency", dayText("arrived_on").as("arrived_on")])
      .executeTakeFirst();
    if (!removed) return fail("notFound");
    await trx.updateTable("project").set(touched()).where("id", "=", id).execute();
    await record(
      trx,
      actor,
      id,
      {
        kind: "tranche_removed",
        details: {
          amountMinor: removed.amount_minor,
          currency: removed.currency,
          arrivedOn: removed.arrived_on,
        },
      },
      meta,
    );
    return ok();
  });
}
