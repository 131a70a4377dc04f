/**
 * Forms of the space pages and the project page's space section: one Zod schema each, used
 * by Conform in the browser and by the actions. Messages are i18n keys (space:errors.*).
 */
import * as z from "zod";
import { isUuid } from "~/lib/ids";
import { multilineText, text } from "~/lib/text";
import { parseAmount } from "./money";
import { isDay } from "./schema";
import { STORED_STATES, UNIT_FEATURES, UNIT_KINDS } from "./space";

const tooLong = "space:errors.tooLong";
const required = (max: number, key: string) =>
  text(max, { min: 1, required: `space:errors.${key}`, tooLong });
const block = (max: number) => multilineText(max, { tooLong });

const day = (key: string) =>
  z
    .string({ error: `space:errors.${key}` })
    .trim()
    .refine(isDay, { error: "space:errors.date" });
const uuid = (key: string) =>
  z.string({ error: `space:errors.${key}` }).refine(isUuid, { error: `space:errors.${key}` });

const whole = (min: number, max: number, key = "number") =>
  z.coerce
    .number({ error: `space:errors.${key}` })
    .int({ error: `space:errors.${key}` })
    .min(min, { error: `space:errors.${key}` })
    .max(max, { error: `space:errors.${key}` });
/** A decimal with at most `digits` places, e.g. 7.5 kN/m² or 4.20 m. */
const decimal = (max: number, digits: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,4}(\\.\\d{1,${digits}})?$`), { error: "space:errors.decimal" })
    .transform(Number)
    .refine((n) => n <= max, { error: "space:errors.decimal" });

/** Checkbox groups post one value or many: always an array. */
const features = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(UNIT_FEATURES, { error: "space:errors.feature" })).max(UNIT_FEATURES.length),
);

export const unitSchema = z
  .object({
    building: required(20, "building"),
    floor: whole(-5, 99, "floor"),
    unitNo: required(20, "unitNo"),
    kind: z.enum(UNIT_KINDS, { error: "space:errors.kind" }),
    area: whole(1, 1_000_000, "area"),
    rent: required(12, "rent").refine(
      (v) => {
        const r = parseAmount(v, "CNY");
        return r.ok && r.minor <= 100_000;
      },
      { error: "space:errors.rent" },
    ),
    availableFrom: day("availableFrom"),
    features,
    powerKva: whole(0, 1_000_000).optional(),
    floorLoad: decimal(1000, 1).optional(),
    ceilingHeight: decimal(100, 2).optional(),
    descriptionEn: block(2000).optional(),
    descriptionZh: block(2000).optional(),
    state: z.enum(STORED_STATES, { error: "space:errors.state" }).default("available"),
  })
  .transform((v) => ({
    building: v.building,
    floor: v.floor,
    unitNo: v.unitNo,
    kind: v.kind,
    area: v.area,
    rentMinor: (parseAmount(v.rent, "CNY") as { minor: number }).minor,
    availableFrom: v.availableFrom,
    features: [...new Set(v.features)],
    powerKva: v.powerKva ?? null,
    floorLoad: v.floorLoad ?? null,
    ceilingHeight: v.ceilingHeight ?? null,
    descriptionEn: v.descriptionEn ?? "",
    descriptionZh: v.descriptionZh ?? "",
    state: v.state,
  }));
export type UnitInput = z.output<typeof unitSchema>;

export const needSchema = z
  .object({
    features,
    powerKva: whole(0, 1_000_000).optional(),
    floorLoad: decimal(1000, 1).optional(),
    ceilingHeight: decimal(100, 2).optional(),
  })
  .transform((v) => ({
    features: [...new Set(v.features)],
    powerKva: v.powerKva ?? null,
    floorLoad: v.floorLoad ?? null,
    ceilingHeight: v.ceilingHeight ?? null,
  }));
export type NeedInput = z.output<typeof needSchema>;

export const offerSchema = z.object({
  unitId: uuid("unit"),
  note: text(300, { tooLong }).optional(),
});
export type OfferInput = z.output<typeof offerSchema>;

export const holdSchema = z.object({
  unitId: uuid("unit"),
  heldUntil: day("heldUntil"),
  note: text(300, { tooLong }).optional(),
});
export type HoldInput = z.output<typeof holdSchema>;

export const releaseSchema = z.object({ holdId: uuid("hold") });
export const letSchema = z.object({ unitId: uuid("unit") });
