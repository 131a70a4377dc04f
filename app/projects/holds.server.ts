/**
 * A project's space (issue 13, ADR 0028): what it needs beyond type, area and date; the units
 * that match, best first; units offered to it and held for it. One unit is held for one project
 * at a time: the hold locks the unit's row and checks for an active hold, and a partial unique
 * index on `space_hold (unit_id) WHERE released_at IS NULL` makes the database refuse a second
 * one whatever happens. A hold whose last day has passed is not active (query-time check) and
 * is released as `expired` by the next hold of the unit or by the daily job. Every change is
 * one transaction with its project history entry and its audit entry.
 */
import { sql, type Transaction } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import type { Actor } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, NotFound, ok, type Result } from "~/lib/result";
import { parkDay, type SpaceType } from "./pipeline";
import { dayText, type ChangeMeta, type ProjectActor } from "./projects.server";
import {
  AREA_SLACK,
  isUnitFeature,
  KINDS_FOR,
  MATCH_LIMIT,
  matchReasons,
  type SpaceNeed,
  type UnitFeature,
} from "./space";
import type { HoldInput, NeedInput, OfferInput } from "./space-schema";
import { activeHold, requireSpaceRead, requireSpaceUpdate, UNIT_COLUMNS } from "./space.server";

type Trx = Transaction<DB>;

/** The longest a hold may run, from today. */
export const MAX_HOLD_DAYS = 180;

type SpaceEventKind = "space_needs" | "unit_offered" | "unit_held" | "unit_released" | "unit_let";

async function recordSpace(
  trx: Trx,
  actor: { id: string | null },
  projectId: string,
  kind: SpaceEventKind,
  details: Record<string, unknown>,
  meta: ChangeMeta,
  note = "",
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
  await trx
    .updateTable("project")
    .set({ last_activity_at: new Date(), updated_at: new Date() })
    .where("id", "=", projectId)
    .execute();
  await audit(trx, {
    actorId: actor.id,
    action: `project.${kind}`,
    entityType: "project",
    entityId: projectId,
    details,
    ip: meta.ip ?? null,
  });
}

async function projectExists(db: Executor, id: string) {
  if (!isUuid(id)) throw new NotFound();
  const row = await db
    .selectFrom("project")
    .select(["id", "reference", "stage"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

/** The project's space need: the project form's type, area and date, and the features. */
export async function spaceNeedOf(db: Executor, projectId: string): Promise<SpaceNeed> {
  const p = await db
    .selectFrom("project")
    .leftJoin("project_space_need", "project_space_need.project_id", "project.id")
    .select([
      "project.space_type",
      "project.area_min_m2",
      "project.area_max_m2",
      dayText("project.move_in_on").as("move_in_on"),
      "project_space_need.features",
      "project_space_need.power_kva",
      "project_space_need.floor_load_kn_m2",
      "project_space_need.ceiling_height_m",
    ])
    .where("project.id", "=", projectId)
    .executeTakeFirst();
  if (!p) throw new NotFound();
  return {
    spaceType: (p.space_type as SpaceType | null) ?? null,
    areaMin: p.area_min_m2,
    areaMax: p.area_max_m2,
    moveInOn: p.move_in_on,
    features: (p.features ?? []).filter(isUnitFeature),
    powerKva: p.power_kva ?? null,
    floorLoad: p.floor_load_kn_m2 ?? null,
    ceilingHeight: p.ceiling_height_m ?? null,
  };
}

/** Saves the features (and minimum power, floor load, ceiling) a project needs. */
export async function setSpaceNeed(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  input: NeedInput,
  meta: ChangeMeta = {},
): Promise<Result> {
  requireSpaceUpdate(actor);
  return inTransaction(db, async (trx) => {
    await projectExists(trx, projectId);
    await trx
      .insertInto("project_space_need")
      .values({
        project_id: projectId,
        features: input.features,
        power_kva: input.powerKva,
        floor_load_kn_m2: input.floorLoad,
        ceiling_height_m: input.ceilingHeight,
      })
      .onConflict((oc) =>
        oc.column("project_id").doUpdateSet({
          features: input.features,
          power_kva: input.powerKva,
          floor_load_kn_m2: input.floorLoad,
          ceiling_height_m: input.ceilingHeight,
          updated_at: new Date(),
        }),
      )
      .execute();
    await recordSpace(trx, actor, projectId, "space_needs", { ...input }, meta);
    return ok();
  });
}

/**
 * The units that match a need, best first: available (not let), not held for another project,
 * of a kind that serves the project's type, with an area within the range (or up to 30 %
 * outside it, as a near miss). Ordered by a score: area in range 4, available by the move-in
 * date 2, each feature and minimum met 1; then by the distance from the range's middle, rent.
 */
export async function matchUnits(
  db: Executor,
  need: SpaceNeed,
  opts: { projectId?: string; now?: Date; limit?: number } = {},
) {
  const today = parkDay(opts.now ?? new Date());
  const lo = need.areaMin ?? need.areaMax;
  const hi = need.areaMax ?? need.areaMin;
  const target = lo !== null && hi !== null ? (lo + hi) / 2 : null;
  let q = db
    .selectFrom("space_unit")
    .where("space_unit.state", "=", "available")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("space_hold")
            .select("space_hold.id")
            .whereRef("space_hold.unit_id", "=", "space_unit.id")
            .where((e) => activeHold(e, today))
            .$if(!!opts.projectId, (qb) =>
              qb.where("space_hold.project_id", "<>", opts.projectId ?? ""),
            ),
        ),
      ),
    );
  if (need.spaceType) q = q.where("space_unit.kind", "in", [...KINDS_FOR[need.spaceType]]);
  if (lo !== null && hi !== null)
    q = q
      .where("space_unit.area_m2", ">=", Math.floor(lo * (1 - AREA_SLACK)))
      .where("space_unit.area_m2", "<=", Math.ceil(hi * (1 + AREA_SLACK)));
  // 0::int, not 0: an order by a bare integer (even in brackets) is a column position.
  const parts = [sql<number>`0::int`];
  if (need.areaMin !== null || need.areaMax !== null)
    parts.push(
      sql<number>`CASE WHEN space_unit.area_m2 BETWEEN ${lo ?? 0} AND ${hi ?? 2147483647} THEN 4 ELSE 0 END`,
    );
  if (need.moveInOn)
    parts.push(
      sql<number>`CASE WHEN space_unit.available_from <= ${need.moveInOn}::date THEN 2 ELSE 0 END`,
    );
  for (const f of need.features) parts.push(sql<number>`(space_unit.features @> ARRAY[${f}])::int`);
  if (need.powerKva !== null)
    parts.push(sql<number>`(coalesce(space_unit.power_kva, -1) >= ${need.powerKva})::int`);
  if (need.floorLoad !== null)
    parts.push(sql<number>`(coalesce(space_unit.floor_load_kn_m2, -1) >= ${need.floorLoad})::int`);
  if (need.ceilingHeight !== null)
    parts.push(
      sql<number>`(coalesce(space_unit.ceiling_height_m, -1) >= ${need.ceilingHeight})::int`,
    );
  const score = sql<number>`(${sql.join(parts, sql` + `)})`;
  const rows = await q
    .select(UNIT_COLUMNS)
    .select([dayText("space_unit.available_from").as("available_from"), score.as("score")])
    .orderBy(score, "desc")
    // No area wanted: no distance to order by.
    .$if(target !== null, (qb) =>
      qb.orderBy(sql`abs(space_unit.area_m2 - ${target}::numeric)`, "asc"),
    )
    .orderBy("space_unit.rent_minor", "asc")
    .orderBy("space_unit.id")
    .limit(opts.limit ?? MATCH_LIMIT)
    .execute();
  return rows.map((r) => ({
    ...r,
    available_from: r.available_from ?? "",
    reasons: matchReasons(need, { ...r, available_from: r.available_from ?? "" }),
  }));
}

/** Everything of a project's space for its page: need, offers with holds, matches. */
export async function projectSpace(
  db: Executor,
  actor: Actor,
  projectId: string,
  now = new Date(),
) {
  requireSpaceRead(actor);
  await projectExists(db, projectId);
  const today = parkDay(now);
  const need = await spaceNeedOf(db, projectId);
  const offers = await db
    .selectFrom("space_offer")
    .innerJoin("space_unit", "space_unit.id", "space_offer.unit_id")
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
            dayText("space_hold.held_until").as("held_until"),
          ])
          .where((e) => activeHold(e, today))
          .as("h"),
      (join) => join.onRef("h.hold_unit_id", "=", "space_unit.id"),
    )
    .select(UNIT_COLUMNS)
    .select([
      "space_offer.id as offer_id",
      "space_offer.note as offer_note",
      "space_offer.offered_at",
      dayText("space_unit.available_from").as("available_from"),
      "h.hold_id",
      "h.hold_project_id",
      "h.hold_reference",
      "h.held_until",
    ])
    .where("space_offer.project_id", "=", projectId)
    .orderBy("space_offer.offered_at", "desc")
    .execute();
  const matches = await matchUnits(db, need, { projectId, now });
  return {
    need,
    today,
    /** What the hold forms start from: two weeks from today. */
    holdDefault: parkDay(new Date(+now + 14 * 86_400_000)),
    offers: offers.map((o) => ({
      ...o,
      available_from: o.available_from ?? "",
      heldHere: o.hold_project_id === projectId,
      reasons: matchReasons(need, { ...o, available_from: o.available_from ?? "" }),
    })),
    matches: matches.filter((m) => !offers.some((o) => o.id === m.id)),
  };
}

async function lockUnit(trx: Trx, unitId: string) {
  if (!isUuid(unitId)) return null;
  return (
    (await trx
      .selectFrom("space_unit")
      .select(["id", "building", "unit_no", "state", "let_project_id", "version"])
      .where("id", "=", unitId)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

async function ensureOffer(
  trx: Trx,
  actor: ProjectActor,
  projectId: string,
  unitId: string,
  note: string,
) {
  const row = await trx
    .insertInto("space_offer")
    .values({ unit_id: unitId, project_id: projectId, note, offered_by: actor.id })
    .onConflict((oc) => oc.columns(["unit_id", "project_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return !!row;
}

const unitLabel = (u: { building: string; unit_no: string }) => ({
  building: u.building,
  unit: u.unit_no,
});

export type OfferError = "unit" | "let";

/** Offers a unit to a project (once; offering again changes nothing). */
export async function offerUnit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  input: OfferInput,
  meta: ChangeMeta = {},
): Promise<Result<{ created: boolean }, OfferError>> {
  requireSpaceUpdate(actor);
  return inTransaction(db, async (trx) => {
    await projectExists(trx, projectId);
    const unit = await lockUnit(trx, input.unitId);
    if (!unit) return fail("unit");
    if (unit.state === "let") return fail("let");
    const created = await ensureOffer(trx, actor, projectId, unit.id, input.note ?? "");
    if (created)
      await recordSpace(
        trx,
        actor,
        projectId,
        "unit_offered",
        { unitId: unit.id, ...unitLabel(unit) },
        meta,
        input.note ?? "",
      );
    return ok({ created });
  });
}

/** Releases the expired holds of one unit (inside the caller's transaction). */
async function expireHolds(trx: Trx, unitId: string, today: string, meta: ChangeMeta) {
  const expired = await trx
    .updateTable("space_hold")
    .set({ released_at: new Date(), release_reason: "expired" })
    .where("unit_id", "=", unitId)
    .where("released_at", "is", null)
    .where("held_until", "<", sql<string>`${today}::date`)
    .returning(["id", "project_id", dayText("held_until").as("held_until")])
    .execute();
  for (const h of expired) {
    const unit = await trx
      .selectFrom("space_unit")
      .select(["building", "unit_no"])
      .where("id", "=", unitId)
      .executeTakeFirstOrThrow();
    await recordSpace(
      trx,
      { id: null },
      h.project_id,
      "unit_released",
      { unitId, ...unitLabel(unit), reason: "expired", heldUntil: h.held_until },
      meta,
    );
  }
  return expired.length;
}

export type HoldError = "conflict" | "unit" | "let" | "past" | "tooLong";

/**
 * Holds a unit for a project until a day (inclusive). The unit's row lock serialises two staff
 * holding the same unit; the loser is told who holds it and until when (409). Holding again
 * for the same project moves the last day. Holding also offers the unit, if not yet offered.
 */
export async function holdUnit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  input: HoldInput,
  meta: ChangeMeta = {},
  now = new Date(),
): Promise<
  Result<{ holdId: string }, HoldError, { reference?: string; heldUntil?: string | null }>
> {
  requireSpaceUpdate(actor);
  const today = parkDay(now);
  if (input.heldUntil < today) return fail("past");
  const last = parkDay(new Date(+now + MAX_HOLD_DAYS * 86_400_000));
  if (input.heldUntil > last) return fail("tooLong");
  try {
    return await inTransaction(db, async (trx) => {
      await projectExists(trx, projectId);
      const unit = await lockUnit(trx, input.unitId);
      if (!unit) return fail("unit");
      if (unit.state === "let") return fail("let");
      await expireHolds(trx, unit.id, today, meta);
      const current = await trx
        .selectFrom("space_hold")
        .innerJoin("project", "project.id", "space_hold.project_id")
        .select(["space_hold.id", "space_hold.project_id", "project.reference"])
        .select(dayText("space_hold.held_until").as("held_until"))
        .where("space_hold.unit_id", "=", unit.id)
        .where("space_hold.released_at", "is", null)
        .executeTakeFirst();
      if (current && current.project_id !== projectId)
        return fail("conflict", { reference: current.reference, heldUntil: current.held_until });
      await ensureOffer(trx, actor, projectId, unit.id, "");
      let holdId: string;
      if (current) {
        await trx
          .updateTable("space_hold")
          .set({ held_until: input.heldUntil, note: input.note ?? "" })
          .where("id", "=", current.id)
          .execute();
        holdId = current.id;
      } else {
        const row = await trx
          .insertInto("space_hold")
          .values({
            unit_id: unit.id,
            project_id: projectId,
            held_until: input.heldUntil,
            note: input.note ?? "",
            held_by: actor.id,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        holdId = row.id;
      }
      await recordSpace(
        trx,
        actor,
        projectId,
        "unit_held",
        { unitId: unit.id, ...unitLabel(unit), heldUntil: input.heldUntil },
        meta,
        input.note ?? "",
      );
      return ok({ holdId });
    });
  } catch (error) {
    // The unique index caught a race the lock did not (it always should): the same answer.
    const e = error as { code?: string; constraint?: string } | null;
    if (e?.code === "23505" && e.constraint === "space_hold_active_key") return fail("conflict");
    throw error;
  }
}

/** Releases a project's hold on a unit. */
export async function releaseHold(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  holdId: string,
  meta: ChangeMeta = {},
): Promise<Result<object, "notFound">> {
  requireSpaceUpdate(actor);
  return inTransaction(db, async (trx) => {
    await projectExists(trx, projectId);
    if (!isUuid(holdId)) return fail("notFound");
    const hold = await trx
      .updateTable("space_hold")
      .set({ released_at: new Date(), released_by: actor.id, release_reason: "released" })
      .where("id", "=", holdId)
      .where("project_id", "=", projectId)
      .where("released_at", "is", null)
      .returning(["unit_id"])
      .executeTakeFirst();
    if (!hold) return fail("notFound");
    const unit = await trx
      .selectFrom("space_unit")
      .select(["building", "unit_no"])
      .where("id", "=", hold.unit_id)
      .executeTakeFirstOrThrow();
    await recordSpace(
      trx,
      actor,
      projectId,
      "unit_released",
      { unitId: hold.unit_id, ...unitLabel(unit), reason: "released" },
      meta,
    );
    return ok();
  });
}

/**
 * Lets a unit to a project that has moved in (or later): the unit becomes let, its active hold
 * (this project's) is released as "let". Another project's active hold refuses (409).
 */
export async function letUnit(
  db: Executor,
  actor: ProjectActor,
  projectId: string,
  unitId: string,
  meta: ChangeMeta = {},
  now = new Date(),
): Promise<Result<object, "unit" | "let" | "stage" | "conflict">> {
  requireSpaceUpdate(actor);
  const today = parkDay(now);
  return inTransaction(db, async (trx) => {
    const project = await projectExists(trx, projectId);
    if (!["moved_in", "producing", "registered"].includes(project.stage)) return fail("stage");
    const unit = await lockUnit(trx, unitId);
    if (!unit) return fail("unit");
    if (unit.state === "let") return fail("let");
    await expireHolds(trx, unit.id, today, meta);
    const other = await trx
      .selectFrom("space_hold")
      .select("id")
      .where("unit_id", "=", unit.id)
      .where("released_at", "is", null)
      .where("project_id", "<>", projectId)
      .executeTakeFirst();
    if (other) return fail("conflict");
    await trx
      .updateTable("space_hold")
      .set({ released_at: new Date(), released_by: actor.id, release_reason: "let" })
      .where("unit_id", "=", unit.id)
      .where("released_at", "is", null)
      .execute();
    await ensureOffer(trx, actor, projectId, unit.id, "");
    await trx
      .updateTable("space_unit")
      .set({
        state: "let",
        let_project_id: projectId,
        version: unit.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", unit.id)
      .execute();
    await recordSpace(
      trx,
      actor,
      projectId,
      "unit_let",
      { unitId: unit.id, ...unitLabel(unit) },
      meta,
    );
    return ok();
  });
}

/**
 * The daily job: releases every hold whose last day is before the park's today, each with its
 * history entry (the pages already treat them as not held; this keeps the record honest).
 */
export async function expireAllHolds(db: Executor, now = new Date()): Promise<number> {
  const today = parkDay(now);
  const units = await db
    .selectFrom("space_hold")
    .select("unit_id")
    .where("released_at", "is", null)
    .where("held_until", "<", sql<string>`${today}::date`)
    .execute();
  let n = 0;
  for (const { unit_id } of units)
    n += await inTransaction(db, async (trx) => {
      await lockUnit(trx, unit_id);
      return expireHolds(trx, unit_id, today, {});
    });
  return n;
}

export type { UnitFeature };
