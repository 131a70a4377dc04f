/**
 * Site visits of investment projects (issue 13, ADR 0041). Staff plan a visit (a time in the
 * park, a place, the park's hosts, the investor's visitors, an agenda), reschedule or cancel
 * it, and mark it held with its outcome. Each change is one transaction: the visit row, the
 * project's history entry, the audit entry and the emails (each with the visit's iCalendar
 * part: same UID, SEQUENCE one up per change, CANCEL when called off) to the hosts and the
 * investor's contact, each in their language. Marking a visit held moves a project that is at
 * "visit planned" to "visited" through the move table (moveProject), never around it.
 */
import crypto from "node:crypto";
import type { Transaction } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/i18n";
import { formatDateTime, isoMinute } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { queueEmail, type EmailTemplate } from "~/mail/mail.server";
import { moveProject, type ChangeMeta, type ProjectActor } from "./projects.server";
import { addressOf, visitCalendar } from "./visit-ics.server";
import type { VisitHeldInput, VisitInput, VisitState } from "./visit-schema";

type Trx = Transaction<DB>;

function requireRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}
function requireUpdate(actor: Actor) {
  if (!can(actor, "update:project:any")) throw new Forbidden();
}

/** Who can host a visit: enabled park staff, promotion staff and admins. */
export async function listHosts(db: Executor) {
  return db
    .selectFrom("app_user")
    .innerJoin("user_role", "user_role.user_id", "app_user.id")
    .select(["app_user.id", "app_user.name"])
    .where("user_role.role", "in", ["staff", "promotion", "admin"])
    .where("app_user.disabled_at", "is", null)
    .distinct()
    .orderBy("app_user.name")
    .execute();
}

const VISIT_COLUMNS = [
  "project_visit.id",
  "project_visit.project_id",
  "project_visit.uid",
  "project_visit.sequence",
  "project_visit.starts_at",
  "project_visit.duration_minutes",
  "project_visit.place",
  "project_visit.visitors",
  "project_visit.agenda",
  "project_visit.contact_email",
  "project_visit.contact_locale",
  "project_visit.state",
  "project_visit.outcome",
  "project_visit.version",
] as const;

export interface VisitView {
  id: string;
  uid: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  visitors: string;
  agenda: string;
  contactEmail: string | null;
  contactLocale: Locale;
  state: VisitState;
  outcome: string;
  version: number;
  hosts: { id: string; name: string }[];
  units: VisitUnit[];
}

type VisitRow = Awaited<ReturnType<typeof selectVisits>>[number];

function selectVisits(db: Executor, projectId: string) {
  return db
    .selectFrom("project_visit")
    .select(VISIT_COLUMNS)
    .where("project_visit.project_id", "=", projectId)
    .orderBy("project_visit.starts_at", "desc")
    .limit(100)
    .execute();
}

async function withHosts(db: Executor, rows: VisitRow[]): Promise<VisitView[]> {
  const hosts = rows.length
    ? await db
        .selectFrom("project_visit_host")
        .innerJoin("app_user", "app_user.id", "project_visit_host.user_id")
        .select(["project_visit_host.visit_id", "app_user.id", "app_user.name"])
        .where(
          "project_visit_host.visit_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("app_user.name")
        .execute()
    : [];
  const units = await unitsOfVisits(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    uid: r.uid,
    sequence: r.sequence,
    startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes,
    place: r.place,
    visitors: r.visitors,
    agenda: r.agenda,
    contactEmail: r.contact_email,
    contactLocale: r.contact_locale === "zh-CN" ? "zh-CN" : "en",
    state: r.state as VisitState,
    outcome: r.outcome,
    version: r.version,
    hosts: hosts.filter((h) => h.visit_id === r.id).map((h) => ({ id: h.id, name: h.name })),
    units: units.get(r.id) ?? [],
  }));
}

/** A project's visits, latest first, with their hosts. */
export async function listVisits(db: Executor, actor: Actor, projectId: string) {
  requireRead(actor);
  if (!isUuid(projectId)) throw new NotFound();
  return withHosts(db, await selectVisits(db, projectId));
}

async function lockProject(trx: Trx, id: string) {
  if (!isUuid(id)) throw new NotFound();
  const row = await trx
    .selectFrom("project")
    .select(["id", "reference", "organisation", "stage", "version", "owner_id"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

async function lockVisit(trx: Trx, projectId: string, visitId: string) {
  if (!isUuid(visitId)) throw new NotFound();
  const row = await trx
    .selectFrom("project_visit")
    .select(VISIT_COLUMNS)
    .where("id", "=", visitId)
    .where("project_id", "=", projectId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

type VisitEventKind = "visit_planned" | "visit_rescheduled" | "visit_cancelled" | "visit_held";

async function record(
  trx: Trx,
  actor: ProjectActor,
  projectId: string,
  kind: VisitEventKind,
  note: string,
  details: Record<string, unknown>,
  meta: ChangeMeta,
) {
  await trx
    .insertInto("project_event")
    .values({
      project_id: projectId,
      actor_id: actor.id,
      kind,
      note,
      details: JSON.stringify(details),
    })
    .execute();
  await audit(trx, {
    actorId: actor.id,
    action: `project.${kind}`,
    entityType: "project",
    entityId: projectId,
    details,
    ip: meta.ip ?? null,
  });
  await trx
    .updateTable("project")
    .set({ last_activity_at: new Date(), updated_at: new Date() })
    .where("id", "=", projectId)
    .execute();
}

async function checkHosts(trx: Trx, ids: string[]): Promise<boolean> {
  if (!ids.length) return true;
  const allowed = new Set((await listHosts(trx)).map((h) => h.id));
  return ids.every((id) => allowed.has(id));
}

/** Units to see must be units offered to the project (ADR 0028's offers). */
async function checkUnits(trx: Trx, projectId: string, ids: string[]): Promise<boolean> {
  if (!ids.length) return true;
  const offered = await trx
    .selectFrom("space_offer")
    .select("unit_id")
    .where("project_id", "=", projectId)
    .where("unit_id", "in", ids)
    .execute();
  return new Set(offered.map((o) => o.unit_id)).size === ids.length;
}

async function writeUnits(trx: Trx, visitId: string, ids: string[]) {
  await trx.deleteFrom("project_visit_unit").where("visit_id", "=", visitId).execute();
  if (ids.length)
    await trx
      .insertInto("project_visit_unit")
      .values(ids.map((unit_id) => ({ visit_id: visitId, unit_id })))
      .execute();
}

export interface VisitUnit {
  id: string;
  building: string;
  unit_no: string;
  kind: string;
  area_m2: number;
}

/** The units to see on each of `visitIds`, by building and unit number. */
export async function unitsOfVisits(
  db: Executor,
  visitIds: string[],
): Promise<Map<string, VisitUnit[]>> {
  const rows = visitIds.length
    ? await db
        .selectFrom("project_visit_unit")
        .innerJoin("space_unit", "space_unit.id", "project_visit_unit.unit_id")
        .select([
          "project_visit_unit.visit_id",
          "space_unit.id",
          "space_unit.building",
          "space_unit.unit_no",
          "space_unit.kind",
          "space_unit.area_m2",
        ])
        .where("project_visit_unit.visit_id", "in", visitIds)
        .orderBy("space_unit.building")
        .orderBy("space_unit.unit_no")
        .execute()
    : [];
  const out = new Map<string, VisitUnit[]>();
  for (const { visit_id, ...u } of rows) out.set(visit_id, [...(out.get(visit_id) ?? []), u]);
  return out;
}

async function writeHosts(trx: Trx, visitId: string, ids: string[]) {
  await trx.deleteFrom("project_visit_host").where("visit_id", "=", visitId).execute();
  if (ids.length)
    await trx
      .insertInto("project_visit_host")
      .values(ids.map((user_id) => ({ visit_id: visitId, user_id })))
      .execute();
}

interface Recipient {
  email: string;
  name: string;
  locale: Locale;
  host: boolean;
}

async function recipientsOf(
  trx: Executor,
  visit: { id: string; contact_email: string | null; contact_locale: string },
): Promise<Recipient[]> {
  const hosts = await trx
    .selectFrom("project_visit_host")
    .innerJoin("app_user", "app_user.id", "project_visit_host.user_id")
    .select(["app_user.email", "app_user.name", "app_user.locale"])
    .where("project_visit_host.visit_id", "=", visit.id)
    .orderBy("app_user.name")
    .execute();
  const out: Recipient[] = hosts.map((h) => ({
    email: h.email,
    name: h.name,
    locale: h.locale === "zh-CN" ? "zh-CN" : "en",
    host: true,
  }));
  if (visit.contact_email && !out.some((r) => same(r.email, visit.contact_email!)))
    out.push({
      email: visit.contact_email,
      name: "",
      locale: visit.contact_locale === "zh-CN" ? "zh-CN" : "en",
      host: false,
    });
  return out;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The visit's time as people read it in the park, with the zone named. */
function whenText(startsAt: Date, durationMinutes: number, locale: Locale): string {
  const end = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const endTime = isoMinute(end).slice(11);
  return locale === "zh-CN"
    ? `${formatDateTime(startsAt, locale)}–${endTime}（北京时间，UTC+8）`
    : `${formatDateTime(startsAt, locale)}–${endTime} (China Standard Time, UTC+8)`;
}

interface CalendarVisit {
  id: string;
  project_id: string;
  uid: string;
  sequence: number;
  starts_at: Date | string;
  duration_minutes: number;
  place: string;
  agenda: string;
  contact_email: string | null;
  contact_locale: string;
  /** The units to see, when known (the description lists them). */
  units?: { building: string; unit_no: string }[];
}

/** The iCalendar text of the visit as it now stands (CANCEL when called off). */
export function calendarOf(
  visit: CalendarVisit,
  project: { reference: string; organisation: string },
  recipients: Recipient[],
  cancelled: boolean,
  /** The page the event links to: the desk's project page unless said (the investor's own). */
  path = `/desk/projects/${visit.project_id}`,
) {
  const base = env().PUBLIC_URL.replace(/\/$/, "");
  const startsAt = new Date(visit.starts_at);
  return visitCalendar({
    uid: visit.uid,
    sequence: visit.sequence,
    startsAt,
    durationMinutes: visit.duration_minutes,
    summary: `Site visit · 园区考察 ${project.reference}`,
    place: visit.place,
    description: [
      `${project.organisation} · ${project.reference}`,
      whenText(startsAt, visit.duration_minutes, "en"),
      visit.units?.length
        ? `Units to see · 参观单元: ${visit.units.map((u) => `Building ${u.building}, unit ${u.unit_no}`).join("; ")}`
        : "",
      visit.agenda,
    ]
      .filter(Boolean)
      .join("\n\n"),
    organizer: { name: "Zizhu High-Tech Park", email: addressOf(env().MAIL_FROM).email },
    attendees: recipients.map((r) => ({ name: r.name, email: r.email })),
    cancelled,
    url: `${base}${path}`,
  });
}

async function sendVisitEmails(
  trx: Trx,
  template: EmailTemplate,
  visit: CalendarVisit & { visitors: string },
  project: { id: string; reference: string; organisation: string },
  recipients: Recipient[],
  cancelled: boolean,
  extra: { reason?: string } = {},
) {
  const base = env().PUBLIC_URL.replace(/\/$/, "");
  const all = await recipientsOf(trx, visit);
  const units = (await unitsOfVisits(trx, [visit.id])).get(visit.id) ?? [];
  const calendar = calendarOf(
    { ...visit, units },
    project,
    all.length ? all : recipients,
    cancelled,
  );
  const hostNames = all
    .filter((r) => r.host)
    .map((r) => r.name)
    .join(", ");
  for (const r of recipients)
    await queueEmail(trx, {
      to: r.email,
      locale: r.locale,
      template,
      values: {
        ref: project.reference,
        organisation: project.organisation,
        when: whenText(new Date(visit.starts_at), visit.duration_minutes, r.locale),
        place: visit.place,
        agenda: visit.agenda || "—",
        visitors: visit.visitors || "—",
        hosts: hostNames || "—",
        message: extra.reason || "—",
        link: r.host ? `${base}/desk/projects/${project.id}` : `${base}/projects`,
      },
      calendar,
    });
}

function newUid(id: string): string {
  const host = new URL(env().PUBLIC_URL).hostname || "portal.zizhupark.example";
  return `visit-${id}@${host}`;
}

export type VisitError = "host" | "unit" | "conflict" | "notPlanned";

/** Plans a visit and sends the invitation to its hosts and the investor's contact. */
export async function planVisit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  input: VisitInput,
  meta: ChangeMeta = {},
): Promise<Result<{ visitId: string }, VisitError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const project = await lockProject(trx, projectId);
    if (!(await checkHosts(trx, input.hostIds))) return fail("host");
    if (!(await checkUnits(trx, projectId, input.unitIds))) return fail("unit");
    const id = crypto.randomUUID();
    const visit = await trx
      .insertInto("project_visit")
      .values({
        id,
        project_id: projectId,
        uid: newUid(id),
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        place: input.place,
        visitors: input.visitors,
        agenda: input.agenda,
        contact_email: input.contactEmail,
        contact_locale: input.contactLocale,
        created_by: actor.id,
      })
      .returning(VISIT_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeHosts(trx, id, input.hostIds);
    await writeUnits(trx, id, input.unitIds);
    await record(
      trx,
      actor,
      projectId,
      "visit_planned",
      input.agenda,
      { visitId: id, startsAt: input.startsAt.toISOString(), place: input.place },
      meta,
    );
    const recipients = await recipientsOf(trx, visit);
    await sendVisitEmails(trx, "projectVisitPlanned", visit, project, recipients, false);
    return ok({ visitId: id });
  });
}

/**
 * Changes a planned visit (time, place, hosts, visitors, agenda, contact): SEQUENCE goes up and
 * everyone invited gets the update; a host or contact no longer invited gets a cancellation.
 */
export async function rescheduleVisit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  visitId: string,
  version: number,
  input: VisitInput,
  meta: ChangeMeta = {},
): Promise<Result<object, VisitError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const project = await lockProject(trx, projectId);
    const before = await lockVisit(trx, projectId, visitId);
    if (before.version !== version) return fail("conflict");
    if (before.state !== "planned") return fail("notPlanned");
    if (!(await checkHosts(trx, input.hostIds))) return fail("host");
    if (!(await checkUnits(trx, projectId, input.unitIds))) return fail("unit");
    const invitedBefore = await recipientsOf(trx, before);
    const visit = await trx
      .updateTable("project_visit")
      .set({
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        place: input.place,
        visitors: input.visitors,
        agenda: input.agenda,
        contact_email: input.contactEmail,
        contact_locale: input.contactLocale,
        sequence: before.sequence + 1,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", visitId)
      .returning(VISIT_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeHosts(trx, visitId, input.hostIds);
    await writeUnits(trx, visitId, input.unitIds);
    await record(
      trx,
      actor,
      projectId,
      "visit_rescheduled",
      "",
      {
        visitId,
        startsAt: input.startsAt.toISOString(),
        before: new Date(before.starts_at).toISOString(),
        place: input.place,
        sequence: visit.sequence,
      },
      meta,
    );
    const invited = await recipientsOf(trx, visit);
    await sendVisitEmails(trx, "projectVisitUpdated", visit, project, invited, false);
    const dropped = invitedBefore.filter((r) => !invited.some((n) => same(n.email, r.email)));
    if (dropped.length) {
      const calendar = calendarOf(visit, project, dropped, true);
      const base = env().PUBLIC_URL.replace(/\/$/, "");
      for (const r of dropped)
        await queueEmail(trx, {
          to: r.email,
          locale: r.locale,
          template: "projectVisitCancelled",
          values: {
            ref: project.reference,
            organisation: project.organisation,
            when: whenText(new Date(before.starts_at), before.duration_minutes, r.locale),
            place: before.place,
            agenda: "—",
            visitors: "—",
            hosts: "—",
            message: "—",
            link: r.host ? `${base}/desk/projects/${project.id}` : `${base}/projects`,
          },
          calendar,
        });
    }
    return ok();
  });
}

/** Calls a planned visit off: everyone invited gets the cancellation (same UID, SEQUENCE up). */
export async function cancelVisit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  visitId: string,
  version: number,
  reason: string,
  meta: ChangeMeta = {},
): Promise<Result<object, VisitError>> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const project = await lockProject(trx, projectId);
    const before = await lockVisit(trx, projectId, visitId);
    if (before.version !== version) return fail("conflict");
    if (before.state !== "planned") return fail("notPlanned");
    const visit = await trx
      .updateTable("project_visit")
      .set({
        state: "cancelled",
        outcome: reason,
        sequence: before.sequence + 1,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", visitId)
      .returning(VISIT_COLUMNS)
      .executeTakeFirstOrThrow();
    await record(
      trx,
      actor,
      projectId,
      "visit_cancelled",
      reason,
      { visitId, startsAt: new Date(before.starts_at).toISOString(), sequence: visit.sequence },
      meta,
    );
    const invited = await recipientsOf(trx, visit);
    await sendVisitEmails(trx, "projectVisitCancelled", visit, project, invited, true, { reason });
    return ok();
  });
}

/**
 * Marks a planned visit held, with its outcome. A project at "visit planned" moves to
 * "visited" through moveProject (the move table decides); at any other stage it stays.
 */
export async function markVisitHeld(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  visitId: string,
  version: number,
  input: Pick<VisitHeldInput, "outcome">,
  meta: ChangeMeta = {},
): Promise<Result<{ moved: boolean }, VisitError | "notAllowed">> {
  requireUpdate(actor);
  return inTransaction(db, async (trx) => {
    const project = await lockProject(trx, projectId);
    const before = await lockVisit(trx, projectId, visitId);
    if (before.version !== version) return fail("conflict");
    if (before.state !== "planned") return fail("notPlanned");
    await trx
      .updateTable("project_visit")
      .set({
        state: "held",
        outcome: input.outcome,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", visitId)
      .execute();
    await record(
      trx,
      actor,
      projectId,
      "visit_held",
      input.outcome,
      { visitId, startsAt: new Date(before.starts_at).toISOString() },
      meta,
    );
    if (project.stage !== "visit_planned") return ok({ moved: false });
    const fresh = await lockProject(trx, projectId);
    const moved = await moveProject(trx, actor, projectId, fresh.version, { to: "visited" }, meta);
    if (!moved.ok) throw new Error(`visit held: move refused (${moved.error})`);
    return ok({ moved: true });
  });
}

/** The visit's .ics as it now stands, for the project page's download. */
export async function visitIcs(
  db: Executor,
  actor: Actor,
  projectId: string,
  visitId: string,
): Promise<{ ics: string; reference: string }> {
  requireRead(actor);
  return currentIcs(db, projectId, visitId, `/desk/projects/${projectId}`);
}

/**
 * The .ics of a project's visit as it now stands, linking to `path`. No permission check: the
 * caller has made it (staff: `visitIcs`; the investor: `investorVisitIcs`, ADR 0029).
 */
export async function currentIcs(
  db: Executor,
  projectId: string,
  visitId: string,
  path: string,
): Promise<{ ics: string; reference: string }> {
  if (!isUuid(projectId) || !isUuid(visitId)) throw new NotFound();
  const row = await db
    .selectFrom("project_visit")
    .innerJoin("project", "project.id", "project_visit.project_id")
    .select(VISIT_COLUMNS)
    .select(["project.reference", "project.organisation"])
    .where("project_visit.id", "=", visitId)
    .where("project_visit.project_id", "=", projectId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  const recipients = await recipientsOf(db, row);
  const units = (await unitsOfVisits(db, [row.id])).get(row.id) ?? [];
  const { ics } = calendarOf({ ...row, units }, row, recipients, row.state === "cancelled", path);
  return { ics, reference: row.reference };
}
