/**
 * The park's live figures for its overview page (issue 18): resident companies, companies in
 * incubation today, and the space available to let, in total and per building (the site map
 * labels each building with it). Read from the database on every render (three small
 * aggregates); nothing here is typed in by hand.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";

export interface BuildingSpace {
  building: string;
  /** Units available to let, and their floor area in m². */
  units: number;
  areaM2: number;
}

export interface ParkFigures {
  residentCompanies: number;
  incubatees: number;
  availableM2: number;
  availableUnits: number;
  buildings: BuildingSpace[];
}

export async function parkFigures(db: Executor, today = new Date()): Promise<ParkFigures> {
  const day = today.toISOString().slice(0, 10);
  const companies = await db
    .selectFrom("company")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("is_resident", "=", true)
    .executeTakeFirstOrThrow();
  // An incubation runs from a signed offer until it is ended.
  const incubatees = await db
    .selectFrom("incubation_offer")
    .select(sql<number>`count(DISTINCT company_id)::int`.as("n"))
    .where("status", "=", "signed")
    .where((eb) =>
      eb.or([eb("ended_on", "is", null), eb("ended_on", ">", sql<string>`${day}::date`)]),
    )
    .executeTakeFirstOrThrow();
  const buildings = await db
    .selectFrom("space_unit")
    .select([
      "building",
      sql<number>`count(*) FILTER (WHERE state = 'available')::int`.as("units"),
      sql<number>`coalesce(sum(area_m2) FILTER (WHERE state = 'available'), 0)::int`.as("areaM2"),
    ])
    .groupBy("building")
    .orderBy("building")
    .execute();
  return {
    residentCompanies: companies.n,
    incubatees: incubatees.n,
    availableM2: buildings.reduce((s, b) => s + b.areaM2, 0),
    availableUnits: buildings.reduce((s, b) => s + b.units, 0),
    buildings,
  };
}
