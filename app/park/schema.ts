import * as z from "zod";
import { text } from "~/lib/text";

const s = (max: number) =>
  text(max, { multiline: max > 300, required: "park:desk.invalid", tooLong: "park:desk.invalid" })
    .optional()
    .default("");
const req = (max: number) =>
  text(max, { min: 1, required: "park:desk.invalid", tooLong: "park:desk.invalid" });
const int = z.coerce.number().int().optional().default(0);
const optInt = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().int().positive().nullable(),
);
const optNum = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().nonnegative().nullable(),
);
const id = z.string().optional();

export const profileSchema = z.object({
  version: z.coerce.number().int(),
  nameEn: req(200),
  nameZh: req(200),
  taglineEn: s(300),
  taglineZh: s(300),
  introEn: s(20000),
  introZh: s(20000),
  locationEn: s(300),
  locationZh: s(300),
});

export const rankingSchema = z.object({
  id,
  year: z.coerce.number().int().min(1990).max(2100),
  measure: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+$/),
  measureEn: req(200),
  measureZh: req(200),
  rank: z.coerce.number().int().positive(),
  outOf: optInt,
  featured: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  position: int,
});

export const industrySchema = z.object({
  id,
  nameEn: req(200),
  nameZh: req(200),
  summaryEn: s(2000),
  summaryZh: s(2000),
  position: int,
});

export const policySchema = z.object({
  id,
  titleEn: req(200),
  titleZh: req(200),
  summaryEn: s(3000),
  summaryZh: s(3000),
  deadline: z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .optional(),
  ),
  link: z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
  ),
  position: int,
});

export const spaceSchema = z.object({
  id,
  kind: z.enum(["office", "lab", "unit"]),
  nameEn: req(200),
  nameZh: req(200),
  descriptionEn: s(3000),
  descriptionZh: s(3000),
  areaMin: optInt,
  areaMax: optInt,
  priceMin: optNum,
  priceMax: optNum,
  availability: z.enum(["available", "limited", "full"]),
  position: int,
});

export const stepSchema = z.object({
  id,
  position: int,
  titleEn: req(200),
  titleZh: req(200),
  bodyEn: s(3000),
  bodyZh: s(3000),
  documentsEn: s(1000),
  documentsZh: s(1000),
  durationEn: s(200),
  durationZh: s(200),
});

const SECTION_SCHEMAS = {
  profile: profileSchema,
  ranking: rankingSchema,
  industry: industrySchema,
  policy: policySchema,
  space: spaceSchema,
  step: stepSchema,
} as const;

/** The forms of the park desk, one per section; `section` names the one posted. */
export type ParkSection = keyof typeof SECTION_SCHEMAS;
export type SectionInput = {
  [S in ParkSection]: { section: S; data: z.infer<(typeof SECTION_SCHEMAS)[S]> };
}[ParkSection];

export function isParkSection(section: string): section is ParkSection {
  return Object.hasOwn(SECTION_SCHEMAS, section);
}

/** The schema of a section of the park desk (its values are echoed back on an error). */
export function sectionSchema(section: string): z.ZodType | undefined {
  return isParkSection(section) ? SECTION_SCHEMAS[section] : undefined;
}

/** A section's posted values checked by its schema; `error` null for an unknown section. */
export function parseSection(
  section: string,
  values: Record<string, unknown>,
): { success: true; input: SectionInput } | { success: false; error: z.ZodError | null } {
  if (!isParkSection(section)) return { success: false, error: null };
  const parsed = SECTION_SCHEMAS[section].safeParse(values);
  if (!parsed.success) return { success: false, error: parsed.error };
  // The data was parsed by this section's own schema.
  return { success: true, input: { section, data: parsed.data } as SectionInput };
}
