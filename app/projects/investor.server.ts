/**
 * The investor's view of a project (issue 13, ADR 0029). Staff link an investor's account to a
 * project (an account that exists is linked at once; any other address gets an invitation by
 * token, like a company's, ADR 0004 scoping); the investor then reads their projects, exchanges
 * documents and messages with the park. Everything the investor reads comes from
 * `investorProjectView`, which selects named columns only: internal notes, the history, the
 * lost reason, figures and contacts never leave the server for an investor. A project that is
 * not linked to the actor (or a link that was revoked) is a NotFound.
 */
import { sql, type Transaction } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Locale } from "~/i18n/i18n";
import { formatDate } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { storeUpload } from "~/uploads/uploads.server";
import { dayText } from "./projects.server";
import { currentIcs, unitsOfVisits, type VisitUnit } from "./visits.server";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, type LinkInvestorInput } from "./investor-schema";

type Trx = Transaction<DB>;

/** Who acts: staff (park roles) or an investor (any signed-in account). */
export interface InvestorActor extends Actor {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

export interface ExchangeMeta {
  ip?: string | null;
  now?: Date;
  /** Absolute origin for links in emails. */
  origin: string;
}

export const INVESTOR_INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

function requireStaffRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}
function requireStaffUpdate(actor: Actor) {
  if (!can(actor, "update:project:any")) throw new Forbidden();
}

/** The live link of `userId` to `projectId`, or undefined. */
async function liveLink(db: Executor, userId: string, projectId: string) {
  return db
    .selectFrom("project_investor")
    .select("id")
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/** The project for an investor: NotFound unless their account is linked to it. */
async function requireInvestor(db: Executor, userId: string, projectId: string) {
  if (!isUuid(projectId) || !(await liveLink(db, userId, projectId))) throw new NotFound();
}

async function projectHead(trx: Executor, projectId: string) {
  if (!isUuid(projectId)) throw new NotFound();
  const row = await trx
    .selectFrom("project")
    .leftJoin("app_user as owner", "owner.id", "project.owner_id")
    .select([
      "project.id",
      "project.reference",
      "project.owner_id",
      "owner.email as owner_email",
      "owner.locale as owner_locale",
    ])
    .where("project.id", "=", projectId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

const touch = (trx: Trx, projectId: string, now: Date) =>
  trx.updateTable("project").set({ last_activity_at: now }).where("id", "=", projectId).execute();

const asLocale = (value: string | null | undefined): Locale => (value === "zh-CN" ? "zh-CN" : "en");

// ---------------------------------------------------------------------------------------------
// Staff: who may see the project

export type LinkState = "linked" | "pending" | "expired" | "revoked";

export interface InvestorLink {
  id: string;
  email: string;
  name: string | null;
  state: LinkState;
  createdAt: string;
}

/** The investor accounts and invitations of a project, newest first (staff). */
export async function listInvestorLinks(
  db: Executor,
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<InvestorLink[]> {
  requireStaffRead(actor);
  if (!isUuid(projectId)) throw new NotFound();
  const rows = await db
    .selectFrom("project_investor")
    .leftJoin("app_user", "app_user.id", "project_investor.user_id")
    .select([
      "project_investor.id",
      "project_investor.email",
      "project_investor.linked_at",
      "project_investor.revoked_at",
      "project_investor.expires_at",
      "project_investor.created_at",
      "app_user.name",
    ])
    .where("project_investor.project_id", "=", projectId)
    .orderBy("project_investor.created_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    state: r.revoked_at
      ? "revoked"
      : r.linked_at
        ? "linked"
        : r.expires_at && +new Date(r.expires_at) <= +now
          ? "expired"
          : "pending",
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export type LinkError = "alreadyLinked";

/**
 * Gives an investor access to the project. An enabled account with that address is linked at
 * once and told by email (in its language); any other address gets an invitation (a token
 * valid 14 days, only its hash stored) in the language staff chose. A new invitation to the
 * same address replaces a pending one. One transaction with the audit entry and the email.
 */
export async function linkInvestor(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  input: LinkInvestorInput,
  meta: ExchangeMeta,
): Promise<Result<{ kind: "linked" | "invited"; token?: string }, LinkError>> {
  requireStaffUpdate(actor);
  const now = meta.now ?? new Date();
  const address = input.email.trim().toLowerCase();
  return inTransaction(db, async (trx) => {
    const project = await projectHead(trx, projectId);
    await sql`SELECT 1 FROM project WHERE id = ${projectId} FOR UPDATE`.execute(trx);
    const account = await trx
      .selectFrom("app_user")
      .select(["id", "locale"])
      .where(sql<string>`lower(email)`, "=", address)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    await trx
      .updateTable("project_investor")
      .set({ revoked_at: now })
      .where("project_id", "=", projectId)
      .where(sql<string>`lower(email)`, "=", address)
      .where("user_id", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    if (account) {
      if (await liveLink(trx, account.id, projectId)) return fail("alreadyLinked");
      const row = await trx
        .insertInto("project_investor")
        .values({
          project_id: projectId,
          email: address,
          user_id: account.id,
          locale: asLocale(account.locale),
          invited_by: actor.id,
          created_at: now,
          linked_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await queueEmail(trx, {
        to: address,
        locale: asLocale(account.locale),
        template: "projectInvestorLinked",
        values: {
          reference: project.reference,
          link: `${meta.origin}/projects/${projectId}`,
        },
      });
      await audit(trx, {
        actorId: actor.id,
        action: "project.investor_linked",
        entityType: "project",
        entityId: projectId,
        details: { linkId: row.id, userId: account.id, email: address },
        ip: meta.ip ?? null,
      });
      return ok({ kind: "linked" as const });
    }
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + INVESTOR_INVITATION_TTL_MS);
    const row = await trx
      .insertInto("project_investor")
      .values({
        project_id: projectId,
        email: address,
        token_hash: hashToken(token),
        locale: input.locale,
        invited_by: actor.id,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      to: address,
      locale: input.locale,
      template: "projectInvestorInvite",
      values: {
        reference: project.reference,
        link: `${meta.origin}/projects/join/${token}`,
        expires: formatDate(expiresAt, input.locale, "long"),
      },
    });
    await audit(trx, {
      actorId: actor.id,
      action: "project.investor_invited",
      entityType: "project",
      entityId: projectId,
      details: { linkId: row.id, email: address },
      ip: meta.ip ?? null,
    });
    return ok({ kind: "invited" as const, token });
  });
}

/** Ends an investor's access (or withdraws an invitation); the investor then gets 404. */
export async function revokeInvestor(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  linkId: string,
  meta: Omit<ExchangeMeta, "origin"> = {},
): Promise<Result<object, "notFound">> {
  requireStaffUpdate(actor);
  if (!isUuid(projectId)) throw new NotFound();
  if (!isUuid(linkId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("project_investor")
      .set({ revoked_at: meta.now ?? new Date() })
      .where("id", "=", linkId)
      .where("project_id", "=", projectId)
      .where("revoked_at", "is", null)
      .returning(["email", "user_id"])
      .executeTakeFirst();
    if (!row) return fail("notFound");
    await audit(trx, {
      actorId: actor.id,
      action: "project.investor_revoked",
      entityType: "project",
      entityId: projectId,
      details: { linkId, email: row.email, userId: row.user_id },
      ip: meta.ip ?? null,
    });
    return ok();
  });
}

// ---------------------------------------------------------------------------------------------
// The invitation link

export interface InvestorInvitationView {
  email: string;
  reference: string;
  organisation: string;
  expiresAt: string;
  state: "pending" | "expired" | "used" | "revoked";
}

/** What an invitation's token stands for, or undefined for an unknown token. */
export async function getInvestorInvitation(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<InvestorInvitationView | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db
    .selectFrom("project_investor")
    .innerJoin("project", "project.id", "project_investor.project_id")
    .select([
      "project_investor.email",
      "project_investor.expires_at",
      "project_investor.linked_at",
      "project_investor.revoked_at",
      "project.reference",
      "project.organisation",
    ])
    .where("project_investor.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    email: row.email,
    reference: row.reference,
    organisation: row.organisation,
    expiresAt: new Date(row.expires_at ?? now).toISOString(),
    state: row.linked_at
      ? "used"
      : row.revoked_at
        ? "revoked"
        : row.expires_at && +new Date(row.expires_at) <= +now
          ? "expired"
          : "pending",
  };
}

export type AcceptError = "invalid" | "used" | "revoked" | "expired" | "emailMismatch";

/**
 * Accepts an invitation for the signed-in account: its address must be the invited one (case
 * aside); the link works once and until it expires. Already linked: the invitation is used up
 * and the answer is the project.
 */
export async function acceptInvestorInvitation(
  db: Executor,
  user: { id: string; email: string },
  token: string,
  meta: Omit<ExchangeMeta, "origin"> = {},
): Promise<Result<{ projectId: string }, AcceptError>> {
  const now = meta.now ?? new Date();
  if (!token || token.length > 100) return fail("invalid");
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("project_investor")
      .selectAll()
      .where("token_hash", "=", hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row) return fail("invalid");
    if (row.linked_at) return fail("used");
    if (row.revoked_at) return fail("revoked");
    if (row.expires_at && +new Date(row.expires_at) <= +now) return fail("expired");
    if (row.email.toLowerCase() !== user.email.toLowerCase()) return fail("emailMismatch");
    if (await liveLink(trx, user.id, row.project_id)) {
      await trx
        .updateTable("project_investor")
        .set({ revoked_at: now })
        .where("id", "=", row.id)
        .execute();
      return ok({ projectId: row.project_id });
    }
    await trx
      .updateTable("project_investor")
      .set({ user_id: user.id, linked_at: now })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, {
      actorId: user.id,
      action: "project.investor_joined",
      entityType: "project",
      entityId: row.project_id,
      details: { linkId: row.id },
      ip: meta.ip ?? null,
    });
    return ok({ projectId: row.project_id });
  });
}

// ---------------------------------------------------------------------------------------------
// What the investor reads

/** The investor's projects (newest activity first). */
export async function investorProjects(db: Executor, userId: string) {
  return db
    .selectFrom("project_investor")
    .innerJoin("project", "project.id", "project_investor.project_id")
    .select([
      "project.id",
      "project.reference",
      "project.organisation",
      "project.stage",
      "project.next_step",
      dayText("project.next_step_due").as("next_step_due"),
    ])
    .where("project_investor.user_id", "=", userId)
    .where("project_investor.revoked_at", "is", null)
    .orderBy("project.last_activity_at", "desc")
    .limit(100)
    .execute();
}

/** Whether the account is linked to any project (the account menu shows "My projects"). */
export async function isInvestor(db: Executor, userId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("project_investor")
    .select("id")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst());
}

export interface ExchangeDocument {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  from_investor: boolean;
  uploader: string | null;
  created_at: string;
}

export interface ExchangeMessage {
  id: string;
  body: string;
  from_investor: boolean;
  author: string | null;
  created_at: string;
}

async function documentsOf(db: Executor, projectId: string): Promise<ExchangeDocument[]> {
  const rows = await db
    .selectFrom("project_document")
    .leftJoin("app_user", "app_user.id", "project_document.uploaded_by")
    .select([
      "project_document.id",
      "project_document.file_name",
      "project_document.content_type",
      "project_document.size_bytes",
      "project_document.from_investor",
      "project_document.created_at",
      "app_user.name as uploader",
    ])
    .where("project_document.project_id", "=", projectId)
    .orderBy("project_document.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

async function messagesOf(db: Executor, projectId: string): Promise<ExchangeMessage[]> {
  const rows = await db
    .selectFrom("project_message")
    .leftJoin("app_user", "app_user.id", "project_message.author_id")
    .select([
      "project_message.id",
      "project_message.body",
      "project_message.from_investor",
      "project_message.created_at",
      "app_user.name as author",
    ])
    .where("project_message.project_id", "=", projectId)
    .orderBy("project_message.id", "desc")
    .limit(200)
    .execute();
  return rows
    .reverse()
    .map((r) => ({ ...r, id: String(r.id), created_at: new Date(r.created_at).toISOString() }));
}

/**
 * A visit as the investor reads it: when (an instant; the page shows it in the park's time and
 * the reader's own), how long, where, the agenda the invitation carried, and its state. Never
 * the outcome (staff's notes after the visit), the hosts' addresses or who planned it.
 */
export interface InvestorVisit {
  id: string;
  starts_at: string;
  duration_minutes: number;
  place: string;
  agenda: string;
  state: string;
  /** Units to see: building, number, type and area only. */
  units: VisitUnit[];
}
export interface InvestorUnit {
  id: string;
  building: string;
  unit_no: string;
  kind: string;
  area_m2: number;
  available_from: string;
}
/** The project's visits for its investor, soonest first, then the past ones latest first. */
export async function visitsFor(
  db: Executor,
  projectId: string,
  now = new Date(),
): Promise<{ upcoming: InvestorVisit[]; past: InvestorVisit[] }> {
  const rows = await db
    .selectFrom("project_visit")
    .select(["id", "starts_at", "duration_minutes", "place", "agenda", "state"])
    .where("project_id", "=", projectId)
    .orderBy("starts_at", "desc")
    .limit(100)
    .execute();
  const units = await unitsOfVisits(
    db,
    rows.map((r) => r.id),
  );
  const visits: InvestorVisit[] = rows.map((r) => ({
    id: r.id,
    starts_at: new Date(r.starts_at).toISOString(),
    duration_minutes: r.duration_minutes,
    place: r.place,
    agenda: r.agenda,
    state: r.state,
    units: units.get(r.id) ?? [],
  }));
  // Upcoming: not over yet and not held (a visit called off stays in its place, marked).
  const isUpcoming = (v: InvestorVisit) =>
    v.state !== "held" && Date.parse(v.starts_at) + v.duration_minutes * 60_000 >= +now;
  const upcoming = visits.filter(isUpcoming).reverse();
  const past = visits.filter((v) => !isUpcoming(v));
  return { upcoming, past };
}

/** A visit's invitation as it now stands, for the investor linked to its project. */
export async function investorVisitIcs(
  db: Executor,
  userId: string,
  projectId: string,
  visitId: string,
) {
  await requireInvestor(db, userId, projectId);
  return currentIcs(db, projectId, visitId, `/projects/${projectId}`);
}

/**
 * Units offered (ADR 0028). The investor sees a unit's name, type, area and the day it is
 * free; never rent notes, holds or who offered it.
 */
async function unitsOfferedTo(db: Executor, projectId: string): Promise<InvestorUnit[]> {
  const rows = await db
    .selectFrom("space_offer")
    .innerJoin("space_unit", "space_unit.id", "space_offer.unit_id")
    .select([
      "space_unit.id",
      "space_unit.building",
      "space_unit.unit_no",
      "space_unit.kind",
      "space_unit.area_m2",
      dayText("space_unit.available_from").as("available_from"),
    ])
    .where("space_offer.project_id", "=", projectId)
    .orderBy("space_offer.offered_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, available_from: r.available_from ?? "" }));
}

/**
 * One project as its investor sees it: stage, next step, the park's contact, visits, units
 * offered, documents and messages. Named columns only (never notes, history, lost reason,
 * contacts or figures). NotFound unless the account is linked.
 */
export async function investorProjectView(db: Executor, userId: string, projectId: string) {
  await requireInvestor(db, userId, projectId);
  const project = await db
    .selectFrom("project")
    .leftJoin("app_user as owner", "owner.id", "project.owner_id")
    .leftJoin("park_industry", "park_industry.id", "project.industry_id")
    .select([
      "project.id",
      "project.reference",
      "project.organisation",
      "project.stage",
      "project.stopped_stage",
      "project.next_step",
      dayText("project.next_step_due").as("next_step_due"),
      "project.plan_kind",
      "project.space_type",
      "owner.name as owner_name",
      "park_industry.name_en as industry_en",
      "park_industry.name_zh as industry_zh",
    ])
    .where("project.id", "=", projectId)
    .executeTakeFirst();
  if (!project) throw new NotFound();
  return {
    project,
    visits: await visitsFor(db, projectId),
    units: await unitsOfferedTo(db, projectId),
    documents: await documentsOf(db, projectId),
    messages: await messagesOf(db, projectId),
  };
}

/** The exchange as staff see it on the project's investor page. */
export async function staffExchange(db: Executor, actor: Actor, projectId: string) {
  requireStaffRead(actor);
  await projectHead(db, projectId);
  return {
    documents: await documentsOf(db, projectId),
    messages: await messagesOf(db, projectId),
  };
}

// ---------------------------------------------------------------------------------------------
// Messages and documents, both ways

/** Who to tell: the owner (investor writes) or every linked investor (the park writes). */
async function tellOtherSide(
  trx: Trx,
  project: Awaited<ReturnType<typeof projectHead>>,
  fromInvestor: boolean,
  what: "message" | "document",
  message: string,
  meta: ExchangeMeta,
) {
  if (fromInvestor) {
    if (!project.owner_id || !project.owner_email) return;
    const link = `${meta.origin}/desk/projects/${project.id}/investor`;
    await notify(
      trx,
      project.owner_id,
      what === "message" ? "project_message" : "project_document",
      `/desk/projects/${project.id}/investor`,
      {
        ref: project.reference,
      },
    );
    await queueEmail(trx, {
      to: project.owner_email,
      locale: asLocale(project.owner_locale),
      template: what === "message" ? "projectMessageToOwner" : "projectDocumentToOwner",
      values: { reference: project.reference, link },
    });
    return;
  }
  const investors = await trx
    .selectFrom("project_investor")
    .innerJoin("app_user", "app_user.id", "project_investor.user_id")
    .select(["app_user.id", "app_user.email", "app_user.locale"])
    .where("project_investor.project_id", "=", project.id)
    .where("project_investor.revoked_at", "is", null)
    .where("app_user.disabled_at", "is", null)
    .execute();
  for (const investor of investors) {
    await notify(
      trx,
      investor.id,
      what === "message" ? "project_message" : "project_document",
      `/projects/${project.id}`,
      {
        ref: project.reference,
      },
    );
    await queueEmail(trx, {
      to: investor.email,
      locale: asLocale(investor.locale),
      template: what === "message" ? "projectMessageToInvestor" : "projectDocumentToInvestor",
      values: {
        reference: project.reference,
        link: `${meta.origin}/projects/${project.id}`,
        ...(what === "message" ? { message } : {}),
      },
    });
  }
}

async function checkSide(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  asInvestor: boolean,
) {
  if (asInvestor) await requireInvestor(db, actor.id, projectId);
  else requireStaffUpdate(actor);
}

/**
 * A message on the project: from the investor (the owner is notified and emailed in their
 * language) or from the park (every linked investor is emailed in theirs). Counts as activity.
 */
export async function postMessage(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  body: string,
  asInvestor: boolean,
  meta: ExchangeMeta,
): Promise<Result<{ messageId: string }>> {
  await checkSide(db, actor, projectId, asInvestor);
  const now = meta.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const project = await projectHead(trx, projectId);
    const row = await trx
      .insertInto("project_message")
      .values({
        project_id: projectId,
        author_id: actor.id,
        from_investor: asInvestor,
        body,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touch(trx, projectId, now);
    await tellOtherSide(trx, project, asInvestor, "message", body, meta);
    await audit(trx, {
      actorId: actor.id,
      action: "project.message",
      entityType: "project",
      entityId: projectId,
      details: { messageId: String(row.id), fromInvestor: asInvestor },
      ip: meta.ip ?? null,
    });
    return ok({ messageId: String(row.id) });
  });
}

export interface DocumentUpload {
  bytes: Uint8Array;
  filename: string;
  declaredType: string;
}

/**
 * A document for the other side: checked as every upload is (size, type by its bytes, ADR
 * 0010), stored, listed, and the other side told. A refused file changes nothing.
 */
export async function addDocument(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  upload: DocumentUpload,
  asInvestor: boolean,
  meta: ExchangeMeta,
): Promise<Result<{ documentId: string }, "empty" | "tooLarge" | "type">> {
  await checkSide(db, actor, projectId, asInvestor);
  const now = meta.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const project = await projectHead(trx, projectId);
    const stored = await storeUpload(trx, {
      bytes: upload.bytes,
      filename: upload.filename,
      declaredType: upload.declaredType,
      allowedTypes: DOCUMENT_TYPES,
      maxBytes: DOCUMENT_MAX_BYTES,
      uploadedBy: actor.id,
      context: "project",
      ownerId: projectId,
    });
    if (!stored.ok) return fail(stored.error);
    const row = await trx
      .insertInto("project_document")
      .values({
        project_id: projectId,
        stored_file_id: stored.file.id,
        file_name: stored.file.filename,
        content_type: stored.file.contentType,
        size_bytes: stored.file.sizeBytes,
        from_investor: asInvestor,
        uploaded_by: actor.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touch(trx, projectId, now);
    await tellOtherSide(trx, project, asInvestor, "document", "", meta);
    await audit(trx, {
      actorId: actor.id,
      action: "project.document",
      entityType: "project",
      entityId: projectId,
      details: { documentId: row.id, fromInvestor: asInvestor, file: stored.file.filename },
      ip: meta.ip ?? null,
    });
    return ok({ documentId: row.id });
  });
}

/**
 * A document for download: for the project's linked investors and promotion staff; anyone
 * else (and any document of another project) gets undefined, which the route answers 404.
 */
export async function documentForViewer(
  db: Executor,
  actor: InvestorActor,
  projectId: string,
  documentId: string,
) {
  if (!isUuid(projectId) || !isUuid(documentId)) return undefined;
  if (!can(actor, "read:project:any") && !(await liveLink(db, actor.id, projectId)))
    return undefined;
  return db
    .selectFrom("project_document")
    .select(["stored_file_id", "file_name", "content_type"])
    .where("id", "=", documentId)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
}
