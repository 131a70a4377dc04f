/**
 * The park's space units (issue 13, ADR 0028): the catalogue staff keep (create, edit, list
 * with filters and keyset pages). Managing units needs the pipeline's update permission; every
 * change is one transaction with its audit entry, edits are version-checked (409).
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { withoutControlChars } from "~/lib/text";
import { isDay } from "./schema";
import { parkDay } from "./pipeline";
import { dayText, type ChangeMeta, type ProjectActor } from "./projects.server";
import {
  isUnitFeature,
  isUnitKind,
  isUnitState,
  type UnitFeature,
  type UnitKind,
  type UnitState,
} from "./space";
import type { UnitInput } from "./space-schema";

export const UNIT_PAGE_SIZE = 30;

export function requireSpaceRead(actor: Actor) {
  if (!can(actor, "read:project:any")) throw new Forbidden();
}
export function requireSpaceUpdate(actor: Actor) {
  if (!can(actor, "update:project:any")) throw new Forbidden();
}

/** An active hold: not released and its last day not before the park's today. */
export function activeHold(eb: ExpressionBuilder<DB, "space_hold">, today: string) {
  return eb.and([
    eb("space_hold.released_at", "is", null),
    eb("space_hold.held_until", ">=", sql<string>`${today}::date`),
  ]);
}

export const UNIT_COLUMNS = [
  "space_unit.id",
  "space_unit.building",
  "space_unit.floor",
  "space_unit.unit_no",
  "space_unit.kind",
  "space_unit.area_m2",
  "space_unit.rent_minor",
  "space_unit.features",
  "space_unit.power_kva",
  "space_unit.floor_load_kn_m2",
  "space_unit.ceiling_height_m",
  "space_unit.description_en",
  "space_unit.description_zh",
  "space_unit.state",
  "space_unit.let_project_id",
  "space_unit.version",
] as const;

type UnitQ = SelectQueryBuilder<DB, "space_unit", object>;

/** The unit's shown state and, when held, for which project and until when. */
function withHold(q: UnitQ, today: string) {
  return q
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("space_hold")
          .innerJoin("project", "project.id", "space_hold.project_id")
          .select([
            "space_hold.id as hold_id",
            "space_hold.unit_id as hold_unit_id",
            "space_hold.project_id as hold_project_id",
            "project.reference as hold_reference",
            "project.organisation as hold_organisation",
            dayText("space_hold.held_until").as("held_until"),
          ])
          .where((eb2) => activeHold(eb2, today))
          .as("h"),
      (join) => join.onRef("h.hold_unit_id", "=", "space_unit.id"),
    )
    .select([
      "h.hold_id",
      "h.hold_project_id",
      "h.hold_reference",
      "h.hold_organisation",
      "h.held_until",
      dayText("space_unit.available_from").as("available_from"),
      sql<UnitState>`CASE WHEN space_unit.state = 'let' THEN 'let'
        WHEN h.hold_id IS NOT NULL THEN 'held' ELSE 'available' END`.as("shown_state"),
    ]);
}

export interface UnitFilters {
  kind?: UnitKind;
  state?: UnitState;
  building?: string;
  areaMin?: number;
  areaMax?: number;
  /** Available on or before this day. */
  availableBy?: string;
  feature?: UnitFeature;
}

export const UNIT_PARAMS = [
  "kind",
  "state",
  "building",
  "areaMin",
  "areaMax",
  "availableBy",
  "feature",
  "after",
] as const;

/** The page's own query values (capped), for its form: nothing else is echoed. */
export function unitParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of UNIT_PARAMS) {
    const value = params.get(name);
    if (value !== null && value !== "") out[name] = withoutControlChars(value).slice(0, 200);
  }
  return out;
}

const area = (v: string | null) => (v && /^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : undefined);

/** Filters from the query string; anything unknown is ignored. */
export function parseUnitFilters(params: URLSearchParams): UnitFilters {
  const kind = params.get("kind");
  const state = params.get("state");
  const building = withoutControlChars(params.get("building") ?? "").trim();
  const by = params.get("availableBy") ?? "";
  const feature = params.get("feature");
  return {
    kind: isUnitKind(kind) ? kind : undefined,
    state: isUnitState(state) ? state : undefined,
    building: building && building.length <= 20 ? building : undefined,
    areaMin: area(params.get("areaMin")),
    areaMax: area(params.get("areaMax")),
    availableBy: isDay(by) ? by : undefined,
    feature: isUnitFeature(feature) ? feature : undefined,
  };
}

interface UnitCursor {
  building: string;
  floor: number;
  unitNo: string;
}

export function encodeUnitCursor(c: UnitCursor): string {
  return Buffer.from(JSON.stringify([c.building, c.floor, c.unitNo])).toString("base64url");
}

/** A cursor we made, or undefined (then the first page). */
export function decodeUnitCursor(value: unknown): UnitCursor | undefined {
  if (typeof value !== "string" || !value || value.length > 200) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [building, floor, unitNo] = v as unknown[];
    if (typeof building !== "string" || building.length > 20) return undefined;
    if (typeof unitNo !== "string" || unitNo.length > 20) return undefined;
    if (typeof floor !== "number" || !Number.isInteger(floor) || Math.abs(floor) > 99)
      return undefined;
    return { building, floor, unitNo };
  } catch {
    return undefined;
  }
}

function applyUnitFilters(q: UnitQ, f: UnitFilters, today: string): UnitQ {
  if (f.kind) q = q.where("space_unit.kind", "=", f.kind);
  if (f.building) q = q.where("space_unit.building", "=", f.building);
  if (f.areaMin !== undefined) q = q.where("space_unit.area_m2", ">=", f.areaMin);
  if (f.areaMax !== undefined) q = q.where("space_unit.area_m2", "<=", f.areaMax);
  if (f.availableBy)
    q = q.where("space_unit.available_from", "<=", sql<string>`${f.availableBy}::date`);
  if (f.feature) q = q.where("space_unit.features", "@>", sql<string[]>`ARRAY[${f.feature}]`);
  const held = (eb: ExpressionBuilder<DB, "space_unit">) =>
    eb.exists(
      eb
        .selectFrom("space_hold")
        .select("space_hold.id")
        .whereRef("space_hold.unit_id", "=", "space_unit.id")
        .where((e) => activeHold(e, today)),
    );
  if (f.state === "let") q = q.where("space_unit.state", "=", "let");
  else if (f.state === "held")
    q = q.where("space_unit.state", "=", "available").where((eb) => held(eb));
  else if (f.state === "available")
    q = q.where("space_unit.state", "=", "available").where((eb) => eb.not(held(eb)));
  return q;
}

/** One page of the catalogue, by building, floor and unit number. */
export async function listUnits(
  db: Executor,
  actor: Actor,
  f: UnitFilters,
  after: string | null,
  opts: { now?: Date; limit?: number } = {},
) {
  requireSpaceRead(actor);
  const today = parkDay(opts.now ?? new Date());
  const limit = opts.limit ?? UNIT_PAGE_SIZE;
  const cursor = decodeUnitCursor(after);
  let q = applyUnitFilters(db.selectFrom("space_unit") as UnitQ, f, today);
  if (cursor)
    q = q.where(
      sql<boolean>`(space_unit.building, space_unit.floor, space_unit.unit_no) > (${cursor.building}, ${cursor.floor}::smallint, ${cursor.unitNo})`,
    );
  const rows = await withHold(q, today)
    .select(UNIT_COLUMNS)
    .orderBy("space_unit.building")
    .orderBy("space_unit.floor")
    .orderBy("space_unit.unit_no")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? encodeUnitCursor({ building: last.building, floor: last.floor, unitNo: last.unit_no })
      : null;
  return { items: page, next };
}

/** The buildings in the catalogue (the filter's choices). */
export async function unitBuildings(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom("space_unit")
    .select("building")
    .distinct()
    .orderBy("building")
    .execute();
  return rows.map((r) => r.building);
}

/** One unit with its current hold, its offers and its last holds; NotFound when none. */
export async function getUnit(db: Executor, actor: Actor, id: string, now = new Date()) {
  requireSpaceRead(actor);
  if (!isUuid(id)) throw new NotFound();
  const today = parkDay(now);
  const unit = await withHold(db.selectFrom("space_unit") as UnitQ, today)
    .select(UNIT_COLUMNS)
    .where("space_unit.id", "=", id)
    .executeTakeFirst();
  if (!unit) throw new NotFound();
  const offers = await db
    .selectFrom("space_offer")
    .innerJoin("project", "project.id", "space_offer.project_id")
    .select([
      "space_offer.id",
      "space_offer.offered_at",
      "project.id as project_id",
      "project.reference",
      "project.organisation",
      "project.stage",
    ])
    .where("space_offer.unit_id", "=", id)
    .orderBy("space_offer.offered_at", "desc")
    .limit(50)
    .execute();
  const holds = await db
    .selectFrom("space_hold")
    .innerJoin("project", "project.id", "space_hold.project_id")
    .leftJoin("app_user", "app_user.id", "space_hold.held_by")
    .select([
      "space_hold.id",
      "space_hold.held_at",
      "space_hold.released_at",
      "space_hold.release_reason",
      dayText("space_hold.held_until").as("held_until"),
      "project.id as project_id",
      "project.reference",
      "project.organisation",
      "app_user.name as held_by_name",
    ])
    .where("space_hold.unit_id", "=", id)
    .orderBy("space_hold.held_at", "desc")
    .limit(20)
    .execute();
  return { unit, offers, holds };
}

function unitColumns(input: UnitInput) {
  return {
    building: input.building,
    floor: input.floor,
    unit_no: input.unitNo,
    kind: input.kind,
    area_m2: input.area,
    rent_minor: input.rentMinor,
    available_from: input.availableFrom,
    features: input.features,
    power_kva: input.powerKva,
    floor_load_kn_m2: input.floorLoad,
    ceiling_height_m: input.ceilingHeight,
    description_en: input.descriptionEn,
    description_zh: input.descriptionZh,
    state: input.state,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && e.constraint === constraint;
}

export type UnitError = "duplicate" | "conflict";

/** Adds a unit to the catalogue; the same building and unit number twice is a field error. */
export async function createUnit(
  db: Executor,
  actor: ProjectActor,
  input: UnitInput,
  meta: ChangeMeta = {},
): Promise<Result<{ id: string }, UnitError>> {
  requireSpaceUpdate(actor);
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("space_unit")
        .values(unitColumns(input))
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actorId: actor.id,
        action: "space_unit.created",
        entityType: "space_unit",
        entityId: row.id,
        details: { building: input.building, unit: input.unitNo },
        ip: meta.ip ?? null,
      });
      return ok({ id: row.id });
    });
  } catch (error) {
    if (isUniqueViolation(error, "space_unit_building_unit_no_key")) return fail("duplicate");
    throw error;
  }
}

/** Saves a unit if `version` is the one the person saw (409 otherwise). */
export async function updateUnit(
  db: Executor,
  actor: ProjectActor,
  id: string,
  version: number,
  input: UnitInput,
  meta: ChangeMeta = {},
): Promise<Result<object, UnitError>> {
  requireSpaceUpdate(actor);
  if (!isUuid(id)) throw new NotFound();
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom("space_unit")
        .select(UNIT_COLUMNS)
        .select(dayText("space_unit.available_from").as("available_from"))
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new NotFound();
      if (row.version !== version) return fail("conflict");
      const next = unitColumns(input);
      const changed = Object.entries(next)
        .filter(([k, v]) => String(row[k as keyof typeof row] ?? "") !== String(v ?? ""))
        .map(([k]) => k);
      if (!changed.length) return ok();
      await trx
        .updateTable("space_unit")
        .set({
          ...next,
          let_project_id: input.state === "let" ? row.let_project_id : null,
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .execute();
      await audit(trx, {
        actorId: actor.id,
        action: "space_unit.edited",
        entityType: "space_unit",
        entityId: id,
        details: { fields: changed },
        ip: meta.ip ?? null,
      });
      return ok();
    });
  } catch (error) {
    if (isUniqueViolation(error, "space_unit_building_unit_no_key")) return fail("duplicate");
    throw error;
  }
}
