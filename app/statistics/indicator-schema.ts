/** The indicator editor's form (issue 14, ADR 0043): one schema for the browser and the server. */
import * as z from "zod";
import { ABILITIES, INDICATOR_KINDS } from "./indicators";

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s));

export const IndicatorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/),
  nameEn: text(200),
  nameZh: text(200),
  ability: z.enum(ABILITIES),
  weight: z.coerce.number().int().min(0).max(100),
  kind: z.enum(INDICATOR_KINDS),
  a: z.string().trim().min(1).max(40),
  b: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((s) => (s ? s : null)),
  unit: z.string().trim().max(20).default(""),
  position: z.coerce.number().int().min(0).max(999).default(0),
});
export type IndicatorInput = z.infer<typeof IndicatorInput>;

export const INDICATOR_FIELDS = [
  "code",
  "nameEn",
  "nameZh",
  "ability",
  "weight",
  "kind",
  "a",
  "b",
  "unit",
  "position",
] as const;
