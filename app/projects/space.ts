/**
 * Space (issue 13, ADR 0028): the park's units, what a project needs, and why a unit matches
 * it or what it misses. Shared with the browser: no server imports.
 */
import type { SpaceType } from "./pipeline";

export const UNIT_KINDS = ["office", "rd", "lab", "production", "warehouse"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Features a unit has (a set) and a project may need. */
export const UNIT_FEATURES = [
  "clean_room",
  "fume_hoods",
  "loading_dock",
  "freight_lift",
  "fitted_out",
  "backup_power",
] as const;
export type UnitFeature = (typeof UNIT_FEATURES)[number];

/** Stored states; "held" is shown when an active hold exists. */
export const STORED_STATES = ["available", "let"] as const;
export type StoredState = (typeof STORED_STATES)[number];
export const UNIT_STATES = ["available", "held", "let"] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export function isUnitKind(v: unknown): v is UnitKind {
  return typeof v === "string" && (UNIT_KINDS as readonly string[]).includes(v);
}
export function isUnitFeature(v: unknown): v is UnitFeature {
  return typeof v === "string" && (UNIT_FEATURES as readonly string[]).includes(v);
}
export function isUnitState(v: unknown): v is UnitState {
  return typeof v === "string" && (UNIT_STATES as readonly string[]).includes(v);
}

/**
 * The unit kinds that serve a project's space type (the project form's four types): a lab
 * project can use lab or R&D floors; an industrial one production halls or warehouses; an
 * incubator desk is office space.
 */
export const KINDS_FOR: Record<SpaceType, readonly UnitKind[]> = {
  office: ["office"],
  lab: ["lab", "rd"],
  industrial: ["production", "warehouse"],
  incubator_desk: ["office"],
};

/** How far outside the wanted area range a unit is still shown (as a near miss). */
export const AREA_SLACK = 0.3;

/** Units shown in a project's match list. */
export const MATCH_LIMIT = 20;

export interface SpaceNeed {
  spaceType: SpaceType | null;
  areaMin: number | null;
  areaMax: number | null;
  moveInOn: string | null;
  features: readonly UnitFeature[];
  powerKva: number | null;
  floorLoad: number | null;
  ceilingHeight: number | null;
}

export interface UnitFacts {
  kind: string;
  area_m2: number;
  available_from: string;
  features: readonly string[];
  power_kva: number | null;
  floor_load_kn_m2: number | null;
  ceiling_height_m: number | null;
}

export type ReasonKey =
  | "kind"
  | "area"
  | "areaSmall"
  | "areaLarge"
  | "date"
  | "dateLate"
  | "feature"
  | "featureMissing"
  | "power"
  | "powerLow"
  | "load"
  | "loadLow"
  | "ceiling"
  | "ceilingLow";

export interface Reason {
  key: ReasonKey;
  /** Values for the sentence: a feature code, a number, a day. */
  value?: string;
}

/**
 * Why a unit fits a project (`matches`) and what it misses (`misses`), in the order people
 * read them: type, area, date, then features. Needs the project did not state are skipped.
 */
export function matchReasons(need: SpaceNeed, unit: UnitFacts) {
  const matches: Reason[] = [];
  const misses: Reason[] = [];
  if (need.spaceType && (KINDS_FOR[need.spaceType] as readonly string[]).includes(unit.kind))
    matches.push({ key: "kind" });
  if (need.areaMin !== null && unit.area_m2 < need.areaMin)
    misses.push({ key: "areaSmall", value: String(need.areaMin - unit.area_m2) });
  else if (need.areaMax !== null && unit.area_m2 > need.areaMax)
    misses.push({ key: "areaLarge", value: String(unit.area_m2 - need.areaMax) });
  else if (need.areaMin !== null || need.areaMax !== null) matches.push({ key: "area" });
  if (need.moveInOn) {
    if (unit.available_from <= need.moveInOn) matches.push({ key: "date" });
    else misses.push({ key: "dateLate", value: unit.available_from });
  }
  for (const f of need.features) {
    if (unit.features.includes(f)) matches.push({ key: "feature", value: f });
    else misses.push({ key: "featureMissing", value: f });
  }
  const atLeast = (
    wanted: number | null,
    has: number | null,
    ok: ReasonKey,
    low: ReasonKey,
  ): void => {
    if (wanted === null) return;
    if (has !== null && has >= wanted) matches.push({ key: ok, value: String(has) });
    else misses.push({ key: low, value: has === null ? "" : String(has) });
  };
  atLeast(need.powerKva, unit.power_kva, "power", "powerLow");
  atLeast(need.floorLoad, unit.floor_load_kn_m2, "load", "loadLow");
  atLeast(need.ceilingHeight, unit.ceiling_height_m, "ceiling", "ceilingLow");
  return { matches, misses };
}

/** Rent as "4.50" (CNY per m² per day, from fen). */
export function rentText(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}
