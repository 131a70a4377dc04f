/**
 * Site visits (issue 13, ADR 0041): the forms' schemas, shared by Conform in the browser and
 * the actions. A visit's time is typed as a wall-clock time in the park (Asia/Shanghai, no
 * daylight saving). Messages are i18n keys (projects:errors.visit_*). No server imports.
 */
import * as z from "zod";
import { isUuid } from "~/lib/ids";
import { parseParkLocalInput } from "~/lib/format";
import { multilineText, text } from "~/lib/text";

export const VISIT_STATES = ["planned", "held", "cancelled"] as const;
export type VisitState = (typeof VISIT_STATES)[number];

/** Lengths offered in the form (minutes). */
export const VISIT_DURATIONS = [30, 60, 90, 120, 180, 240, 360, 480] as const;
export const MAX_HOSTS = 10;
/** Units to see on one visit (chosen from the units offered to the project). */
export const MAX_VISIT_UNITS = 20;
export const VISIT_LOCALES = ["en", "zh-CN"] as const;

const tooLong = "projects:errors.tooLong";
const block = (max: number) => multilineText(max, { tooLong });

const startsAt = z
  .string({ error: "projects:errors.visit_startsAt" })
  .trim()
  .refine((v) => parseParkLocalInput(v) !== undefined, { error: "projects:errors.visit_startsAt" })
  .transform((v) => parseParkLocalInput(v)!);

const hostIds = z
  .array(z.string().refine(isUuid, { error: "projects:errors.visit_host" }), {
    error: "projects:errors.visit_host",
  })
  .max(MAX_HOSTS, { error: "projects:errors.visit_tooManyHosts" })
  .optional()
  .transform((v) => [...new Set(v ?? [])]);

const unitIds = z
  .array(z.string().refine(isUuid, { error: "projects:errors.visit_unit" }), {
    error: "projects:errors.visit_unit",
  })
  .max(MAX_VISIT_UNITS, { error: "projects:errors.visit_tooManyUnits" })
  .optional()
  .transform((v) => [...new Set(v ?? [])]);

export const visitSchema = z.object({
  startsAt,
  durationMinutes: z.coerce
    .number({ error: "projects:errors.visit_duration" })
    .refine((n) => (VISIT_DURATIONS as readonly number[]).includes(n), {
      error: "projects:errors.visit_duration",
    }),
  place: text(300, { min: 1, required: "projects:errors.visit_place", tooLong }),
  hostIds,
  unitIds,
  visitors: block(1000)
    .optional()
    .transform((v) => v ?? ""),
  agenda: block(4000)
    .optional()
    .transform((v) => v ?? ""),
  contactEmail: z
    .email({ error: "projects:errors.visit_email" })
    .max(254, { error: tooLong })
    .optional()
    .transform((v) => v ?? null),
  contactLocale: z.enum(VISIT_LOCALES, { error: "projects:errors.visit_locale" }).default("en"),
});
export type VisitInput = z.output<typeof visitSchema>;

const visitId = z.string({ error: "projects:errors.visit_visit" }).refine(isUuid, {
  error: "projects:errors.visit_visit",
});

export const visitRefSchema = z.object({ visitId });

export const visitHeldSchema = z.object({
  visitId,
  outcome: block(4000)
    .optional()
    .transform((v) => v ?? ""),
});
export type VisitHeldInput = z.output<typeof visitHeldSchema>;

export const visitCancelSchema = z.object({
  visitId,
  reason: block(1000)
    .optional()
    .transform((v) => v ?? ""),
});
