/**
 * The service catalogue (categories, request types, their extra fields), teams, SLA targets and
 * the business calendar: read by everyone who files or works requests, edited by admins.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isSlug, isUuid } from "~/lib/ids";
import { fail, ok, type Result } from "~/lib/result";
import type { BusinessCalendar, DayKind } from "./business-hours";
import type { Priority } from "./workflow";

export interface FieldOption {
  value: string;
  en: string;
  zh: string;
}

export interface TypeField {
  id: string;
  key: string;
  label_en: string;
  label_zh: string;
  kind: "text" | "number" | "date" | "choice" | "file";
  required: boolean;
  options: FieldOption[];
  position: number;
}

function parseOptions(value: unknown): FieldOption[] {
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (o): o is FieldOption =>
      !!o && typeof o === "object" && typeof (o as FieldOption).value === "string",
  );
}

function toField(row: {
  id: string;
  key: string;
  label_en: string;
  label_zh: string;
  kind: string;
  required: boolean;
  options: unknown;
  position: number;
}): TypeField {
  return { ...row, kind: row.kind as TypeField["kind"], options: parseOptions(row.options) };
}

export async function listCategories(db: Executor) {
  return db
    .selectFrom("service_category")
    .selectAll()
    .orderBy("position")
    .orderBy("code")
    .execute();
}

export async function listTypes(db: Executor, opts: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom("service_type")
    .innerJoin("service_category", "service_category.id", "service_type.category_id")
    .leftJoin("service_team", "service_team.id", "service_type.default_team_id")
    .select([
      "service_type.id",
      "service_type.code",
      "service_type.category_id",
      "service_type.name_en",
      "service_type.name_zh",
      "service_type.description_en",
      "service_type.description_zh",
      "service_type.resident_only",
      "service_type.active",
      "service_type.default_team_id",
      "service_type.position",
      "service_type.version",
      "service_category.code as category_code",
      "service_team.name_en as team_name_en",
      "service_team.name_zh as team_name_zh",
    ])
    .orderBy("service_category.position")
    .orderBy("service_type.position")
    .orderBy("service_type.code");
  if (opts.activeOnly) q = q.where("service_type.active", "=", true);
  return q.execute();
}

/** The public catalogue: categories with their active types. */
export async function getCatalogue(db: Executor) {
  const [categories, types] = [await listCategories(db), await listTypes(db, { activeOnly: true })];
  return categories
    .map((c) => ({ ...c, types: types.filter((t) => t.category_id === c.id) }))
    .filter((c) => c.types.length > 0);
}

export async function getTypeByCode(db: Executor, code: string) {
  if (!isSlug(code)) return undefined;
  const type = await db
    .selectFrom("service_type")
    .selectAll()
    .where("code", "=", code)
    .executeTakeFirst();
  if (!type) return undefined;
  const fields = await listFields(db, type.id);
  return { ...type, fields };
}

export async function getTypeById(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  const type = await db
    .selectFrom("service_type")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!type) return undefined;
  return { ...type, fields: await listFields(db, type.id) };
}

export async function listFields(db: Executor, typeId: string): Promise<TypeField[]> {
  const rows = await db
    .selectFrom("service_type_field")
    .select(["id", "key", "label_en", "label_zh", "kind", "required", "options", "position"])
    .where("type_id", "=", typeId)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map(toField);
}

export async function listTeams(db: Executor) {
  const teams = await db
    .selectFrom("service_team")
    .leftJoin("app_user", "app_user.id", "service_team.lead_id")
    .select([
      "service_team.id",
      "service_team.code",
      "service_team.name_en",
      "service_team.name_zh",
      "service_team.lead_id",
      "app_user.name as lead_name",
    ])
    .orderBy("service_team.code")
    .execute();
  const members = await db
    .selectFrom("service_team_member")
    .innerJoin("app_user", "app_user.id", "service_team_member.user_id")
    .select(["service_team_member.team_id", "app_user.id", "app_user.name", "app_user.email"])
    .orderBy("app_user.name")
    .execute();
  return teams.map((t) => ({
    ...t,
    members: members
      .filter((m) => m.team_id === t.id)
      .map(({ id, name, email }) => ({ id, name, email })),
  }));
}

/** People who may be assigned requests: park staff and admins. */
export async function listStaff(db: Executor) {
  return db
    .selectFrom("app_user")
    .select(["app_user.id", "app_user.name", "app_user.email"])
    .where("app_user.disabled_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_role")
          .select("user_role.user_id")
          .whereRef("user_role.user_id", "=", "app_user.id")
          .where("user_role.role", "in", ["staff", "admin"]),
      ),
    )
    .orderBy("app_user.name")
    .execute();
}

export const DEFAULT_TARGETS: Record<Priority, { firstResponse: number; resolution: number }> = {
  urgent: { firstResponse: 60, resolution: 960 },
  high: { firstResponse: 240, resolution: 1920 },
  normal: { firstResponse: 480, resolution: 4800 },
  low: { firstResponse: 960, resolution: 9600 },
};

/** The SLA target of a type and priority, in business minutes (defaults when none is set). */
export async function getTarget(db: Executor, typeId: string, priority: Priority) {
  const row = await db
    .selectFrom("service_sla_target")
    .select(["first_response_minutes", "resolution_minutes"])
    .where("type_id", "=", typeId)
    .where("priority", "=", priority)
    .executeTakeFirst();
  return row
    ? { firstResponse: row.first_response_minutes, resolution: row.resolution_minutes }
    : DEFAULT_TARGETS[priority];
}

/**
 * The targets the park commits to for each type at the priority a company files at (normal),
 * in working minutes: the set ones, else the defaults. For the public services page.
 */
export async function committedTargets(
  db: Executor,
  typeIds: readonly string[],
  priority: Priority = "normal",
): Promise<Map<string, { firstResponse: number; resolution: number }>> {
  const rows = typeIds.length
    ? await db
        .selectFrom("service_sla_target")
        .select(["type_id", "first_response_minutes", "resolution_minutes"])
        .where("type_id", "in", [...typeIds])
        .where("priority", "=", priority)
        .execute()
    : [];
  const set = new Map(
    rows.map((r) => [
      r.type_id,
      { firstResponse: r.first_response_minutes, resolution: r.resolution_minutes },
    ]),
  );
  return new Map(typeIds.map((id) => [id, set.get(id) ?? DEFAULT_TARGETS[priority]]));
}

export async function listTargets(db: Executor) {
  return db.selectFrom("service_sla_target").selectAll().execute();
}

/** The four priorities' targets of one type, in working minutes, saved in one transaction. */
export async function setTargets(
  db: Executor,
  actor: AdminActor,
  typeId: string,
  targets: Record<Priority, { firstResponse: number; resolution: number }>,
) {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("service_sla_target")
      .select(["priority", "first_response_minutes", "resolution_minutes"])
      .where("type_id", "=", typeId)
      .execute();
    const changed: Record<string, { firstResponse: number; resolution: number }> = {};
    for (const [priority, target] of Object.entries(targets) as [
      Priority,
      { firstResponse: number; resolution: number },
    ][]) {
      const old = before.find((b) => b.priority === priority);
      if (
        old?.first_response_minutes === target.firstResponse &&
        old.resolution_minutes === target.resolution
      )
        continue;
      changed[priority] = target;
      await trx
        .insertInto("service_sla_target")
        .values({
          type_id: typeId,
          priority,
          first_response_minutes: target.firstResponse,
          resolution_minutes: target.resolution,
        })
        .onConflict((oc) =>
          oc.columns(["type_id", "priority"]).doUpdateSet({
            first_response_minutes: target.firstResponse,
            resolution_minutes: target.resolution,
          }),
        )
        .execute();
    }
    if (Object.keys(changed).length)
      await auditEdit(trx, actor, "service_sla.update", "service_type", typeId, changed);
  });
}

export async function setTarget(
  db: Executor,
  actor: AdminActor,
  typeId: string,
  priority: Priority,
  firstResponse: number,
  resolution: number,
) {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("service_sla_target")
      .values({
        type_id: typeId,
        priority,
        first_response_minutes: firstResponse,
        resolution_minutes: resolution,
      })
      .onConflict((oc) =>
        oc
          .columns(["type_id", "priority"])
          .doUpdateSet({ first_response_minutes: firstResponse, resolution_minutes: resolution }),
      )
      .execute();
    await auditEdit(trx, actor, "service_sla.update", "service_type", typeId, {
      priority,
      firstResponse,
      resolution,
    });
  });
}

export async function loadCalendar(db: Executor): Promise<BusinessCalendar> {
  const rows = await db
    .selectFrom("business_calendar_day")
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"), "kind"])
    .execute();
  return new Map(rows.map((r) => [r.day, r.kind as DayKind]));
}

export async function listCalendarDays(db: Executor) {
  return db
    .selectFrom("business_calendar_day")
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"), "kind", "name_en", "name_zh"])
    .orderBy("day")
    .execute();
}

/** The longest range added at once (a Spring Festival week with its weekends fits easily). */
export const MAX_CALENDAR_RANGE_DAYS = 31;

/** The dates from `from` to `to` (YYYY-MM-DD, both included), or null when not a valid range. */
export function calendarRange(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  if (new Date(start).toISOString().slice(0, 10) !== from) return null;
  if (new Date(end).toISOString().slice(0, 10) !== to) return null;
  const days: string[] = [];
  for (let t = start; t <= end; t += 24 * 3600_000) {
    if (days.length === MAX_CALENDAR_RANGE_DAYS) return null;
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Adds a holiday (or make-up working day) range under one name, all or nothing. A date already
 * in the calendar is refused (`taken`, with the dates) rather than renamed: remove it first.
 */
export async function addCalendarDays(
  db: Executor,
  actor: AdminActor,
  input: { from: string; to?: string; kind: DayKind; name_en: string; name_zh: string },
): Promise<Result<{ days: string[] }, "range" | "taken", { taken?: string[] }>> {
  const days = calendarRange(input.from, input.to || input.from);
  if (!days) return fail("range");
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("business_calendar_day")
      .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"))
      .where("day", "in", days)
      .orderBy("day")
      .forUpdate()
      .execute();
    if (existing.length) return fail("taken", { taken: existing.map((e) => e.day) });
    const inserted = await trx
      .insertInto("business_calendar_day")
      .values(
        days.map((day) => ({
          day,
          kind: input.kind,
          name_en: input.name_en,
          name_zh: input.name_zh,
        })),
      )
      .onConflict((oc) => oc.column("day").doNothing())
      .returning("day")
      .execute();
    // A concurrent add of the same date took it between the check and the insert.
    if (inserted.length !== days.length) throw new CalendarRace();
    await auditEdit(trx, actor, "business_calendar.add", "business_calendar_day", days[0]!, {
      kind: input.kind,
      to: days[days.length - 1]!,
      count: days.length,
    });
    return ok({ days });
  }).catch((e: unknown) => {
    if (e instanceof CalendarRace) return fail("taken", { taken: [] as string[] });
    throw e;
  });
}

class CalendarRace extends Error {}

export async function upsertCalendarDay(
  db: Executor,
  actor: AdminActor,
  day: { day: string; kind: DayKind; name_en: string; name_zh: string },
) {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("business_calendar_day")
      .values(day)
      .onConflict((oc) =>
        oc
          .column("day")
          .doUpdateSet({ kind: day.kind, name_en: day.name_en, name_zh: day.name_zh }),
      )
      .execute();
    await auditEdit(trx, actor, "business_calendar.upsert", "business_calendar_day", day.day, {
      kind: day.kind,
    });
  });
}

export async function deleteCalendarDay(db: Executor, actor: AdminActor, day: string) {
  await inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom("business_calendar_day")
      .where("day", "=", day)
      .executeTakeFirst();
    if (!Number(removed.numDeletedRows)) return;
    await auditEdit(trx, actor, "business_calendar.delete", "business_calendar_day", day);
  });
}

// ---------------------------------------------------------------------------------------------
// Admin edits: each writes its change and its audit entry in one transaction (ADR 0021).

/** Who makes an admin edit, for its audit entry. */
export interface AdminActor {
  id: string;
  ip?: string | null;
}

/** The audit entry of an admin edit, written in the edit's transaction (ADR 0021). */
async function auditEdit(
  trx: Executor,
  actor: AdminActor,
  action: string,
  entityType: string,
  entityId: string,
  details?: Record<string, unknown>,
) {
  await audit(trx, {
    actorId: actor.id,
    action,
    entityType,
    entityId,
    details,
    ip: actor.ip ?? null,
  });
}

export interface TypeInput {
  code: string;
  categoryId: string;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  defaultTeamId: string | null;
  residentOnly: boolean;
  active: boolean;
}

/** A type's editable columns from the admin form. */
function typeColumns(input: Omit<TypeInput, "code">) {
  return {
    category_id: input.categoryId,
    name_en: input.nameEn,
    name_zh: input.nameZh,
    description_en: input.descriptionEn,
    description_zh: input.descriptionZh,
    default_team_id: input.defaultTeamId,
    resident_only: input.residentOnly,
    active: input.active,
  };
}

export async function createType(
  db: Executor,
  actor: AdminActor,
  input: TypeInput,
): Promise<{ ok: true; id: string } | { ok: false; error: "codeTaken" }> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("service_type")
      .values({ code: input.code, ...typeColumns(input) })
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return { ok: false, error: "codeTaken" } as const;
    await auditEdit(trx, actor, "service_type.create", "service_type", row.id, {
      code: input.code,
    });
    return { ok: true, id: row.id } as const;
  });
}

/** Optimistic-locked on the type's version. */
export async function updateType(
  db: Executor,
  actor: AdminActor,
  id: string,
  version: number,
  input: Omit<TypeInput, "code">,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("service_type")
      .set({ ...typeColumns(input), version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .returning(["id", "code"])
      .executeTakeFirst();
    if (!row) return false;
    await auditEdit(trx, actor, "service_type.update", "service_type", row.id, { code: row.code });
    return true;
  });
}

export async function addField(
  db: Executor,
  actor: AdminActor,
  typeId: string,
  f: {
    key: string;
    labelEn: string;
    labelZh: string;
    kind: TypeField["kind"];
    required: boolean;
    options: FieldOption[];
  },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const pos = await trx
      .selectFrom("service_type_field")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("type_id", "=", typeId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("service_type_field")
      .values({
        type_id: typeId,
        key: f.key,
        label_en: f.labelEn,
        label_zh: f.labelZh,
        kind: f.kind,
        required: f.required,
        options: JSON.stringify(f.options),
        position: Number(pos?.p ?? 0) + 1,
      })
      .onConflict((oc) => oc.columns(["type_id", "key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return false;
    await auditEdit(trx, actor, "service_type.field_add", "service_type", typeId, { key: f.key });
    return true;
  });
}

export async function removeField(
  db: Executor,
  actor: AdminActor,
  typeId: string,
  fieldId: string,
) {
  if (!isUuid(fieldId)) return;
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("service_type_field")
      .where("id", "=", fieldId)
      .where("type_id", "=", typeId)
      .returning("key")
      .executeTakeFirst();
    if (!row) return;
    await auditEdit(trx, actor, "service_type.field_remove", "service_type", typeId, {
      key: row.key,
    });
  });
}

/** Parses "value | English | Chinese" lines into choice options. */
export function parseOptionLines(text: string): FieldOption[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.split("|").map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([value, en, zh]) => ({
      value: value!.slice(0, 60),
      en: (en || value!).slice(0, 200),
      zh: (zh || en || value!).slice(0, 200),
    }))
    .slice(0, 50);
}

async function auditTeam(
  trx: Executor,
  actor: AdminActor,
  action: string,
  teamId: string,
  details: Record<string, unknown> = {},
) {
  await auditEdit(trx, actor, `service_team.${action}`, "service_team", teamId, details);
}

export async function createTeam(
  db: Executor,
  actor: AdminActor,
  input: { code: string; nameEn: string; nameZh: string },
) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("service_team")
      .values({ code: input.code, name_en: input.nameEn, name_zh: input.nameZh })
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) await auditTeam(trx, actor, "create", row.id, { code: input.code });
    return !!row;
  });
}

export async function setTeamLead(
  db: Executor,
  actor: AdminActor,
  teamId: string,
  leadId: string | null,
) {
  if (!isUuid(teamId) || (leadId && !isUuid(leadId))) return;
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("service_team")
      .set({ lead_id: leadId })
      .where("id", "=", teamId)
      .executeTakeFirst();
    if (Number(row.numUpdatedRows))
      await auditTeam(trx, actor, "lead", teamId, leadId ? { userId: leadId } : {});
  });
}

export async function addTeamMember(
  db: Executor,
  actor: AdminActor,
  teamId: string,
  userId: string,
) {
  await changeTeamMember(db, actor, teamId, userId, "member_add");
}

export async function removeTeamMember(
  db: Executor,
  actor: AdminActor,
  teamId: string,
  userId: string,
) {
  await changeTeamMember(db, actor, teamId, userId, "member_remove");
}

/** Adds or removes one member; audited only when the membership changed. */
async function changeTeamMember(
  db: Executor,
  actor: AdminActor,
  teamId: string,
  userId: string,
  change: "member_add" | "member_remove",
) {
  if (!isUuid(teamId) || !isUuid(userId)) return;
  await inTransaction(db, async (trx) => {
    const changed =
      change === "member_add"
        ? (
            await trx
              .insertInto("service_team_member")
              .values({ team_id: teamId, user_id: userId })
              .onConflict((oc) => oc.doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows
        : (
            await trx
              .deleteFrom("service_team_member")
              .where("team_id", "=", teamId)
              .where("user_id", "=", userId)
              .executeTakeFirst()
          ).numDeletedRows;
    if (Number(changed)) await auditTeam(trx, actor, change, teamId, { userId });
  });
}
