/** Zod schemas of the service-request forms, shared by the browser (Conform) and the actions. */
import * as z from "zod";
import { isUuid, uuidSchema } from "~/lib/ids";
import { multilineText, text as textField } from "~/lib/text";
import { PRIORITIES, STATES } from "./workflow";

/** Sort orders of the staff queue (each a keyset with its own index). */
export const SORTS = ["due", "newest", "oldest", "priority"] as const;
export type QueueSort = (typeof SORTS)[number];

/** A service type's own field (`f_<key>`), read beside the schema's fields and echoed back. */
export function isTypeField(name: string): boolean {
  return /^f_[a-z][a-z0-9_]{0,40}$/.test(name);
}

export const fileRequestSchema = z.object({
  typeId: uuidSchema("services:errors.type"),
  idempotencyKey: z.string().min(8).max(100),
  subject: textField(200, {
    min: 3,
    required: "services:errors.subject",
    tooLong: "services:errors.subject",
  }),
  description: multilineText(10000, {
    min: 10,
    required: "services:errors.description",
    tooLong: "services:errors.tooLong",
  }),
});

const messageBody = multilineText(10000, {
  min: 1,
  required: "services:errors.body",
  tooLong: "services:errors.tooLong",
});

export const replySchema = z.object({
  intent: z.literal("reply"),
  body: messageBody,
});

export const requesterStateSchema = z.object({
  intent: z.enum(["close", "reopen"]),
  version: z.coerce.number().int(),
});

export const rateSchema = z.object({
  intent: z.literal("rate"),
  rating: z.coerce
    .number({ error: "services:errors.rating" })
    .int({ error: "services:errors.rating" })
    .min(1, { error: "services:errors.rating" })
    .max(5, { error: "services:errors.rating" }),
  comment: multilineText(2000, { tooLong: "services:errors.tooLong" }).optional(),
});

export const staffMessageSchema = z.object({
  intent: z.literal("message"),
  version: z.coerce.number().int(),
  visibility: z.enum(["internal", "public"]).default("internal"),
  body: messageBody,
  thenState: z.enum(STATES).optional(),
});

export const staffPropertiesSchema = z.object({
  intent: z.literal("properties"),
  version: z.coerce.number().int(),
  state: z.enum(STATES),
  priority: z.enum(PRIORITIES),
  teamId: z.string().optional(),
  assigneeId: z.string().optional(),
});

export const bulkSchema = z.object({
  intent: z.enum(["bulk-review", "bulk-apply"]),
  refs: z
    .array(z.string().regex(/^SR-\d{4}-\d+$/))
    .min(1, { error: "services:desk.bulkNothing" })
    .max(200),
  assigneeId: z.string().optional(),
  priority: z.enum(PRIORITIES).optional(),
  state: z.enum(STATES).optional(),
  /** The version of each listed request as the person saw it: "SR-2026-12@3". */
  seen: z
    .array(z.string().regex(/^SR-\d{4}-\d+@\d{1,9}$/))
    .max(1000)
    .optional(),
});

export const saveViewSchema = z.object({
  intent: z.literal("save-view"),
  name: textField(80, {
    min: 1,
    required: "services:errors.name",
    tooLong: "services:errors.tooLong",
  }),
  query: z.string().max(1000).default(""),
  shared: z.literal("on").optional(),
});

// Admin forms.
const code = z
  .string({ error: "services:errors.code" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "services:errors.code" });
const name = textField(200, {
  min: 1,
  required: "services:errors.name",
  tooLong: "services:errors.tooLong",
});
const text = multilineText(2000, { tooLong: "services:errors.tooLong" }).default("");

export const typeSchema = z.object({
  intent: z.enum(["create-type", "update-type"]),
  code: code.optional(),
  version: z.coerce.number().int().optional(),
  categoryId: uuidSchema("services:errors.required"),
  nameEn: name,
  nameZh: name,
  descriptionEn: text,
  descriptionZh: text,
  defaultTeamId: z.string().optional(),
  residentOnly: z.literal("on").optional(),
  active: z.literal("on").optional(),
});

/** A valid type form as the catalogue functions take it (a malformed team id counts as none). */
export function typeInputOf(v: z.infer<typeof typeSchema>) {
  return {
    categoryId: v.categoryId,
    nameEn: v.nameEn,
    nameZh: v.nameZh,
    descriptionEn: v.descriptionEn,
    descriptionZh: v.descriptionZh,
    defaultTeamId: v.defaultTeamId && isUuid(v.defaultTeamId) ? v.defaultTeamId : null,
    residentOnly: !!v.residentOnly,
    active: !!v.active,
  };
}

export const fieldSchema = z.object({
  intent: z.literal("add-field"),
  key: z
    .string({ error: "services:errors.code" })
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, { error: "services:errors.code" }),
  labelEn: name,
  labelZh: name,
  kind: z.enum(["text", "number", "date", "choice", "file"]),
  required: z.literal("on").optional(),
  options: multilineText(5000, { noTrim: true, tooLong: "services:errors.tooLong" }).default(""),
});

export const teamSchema = z.object({
  intent: z.literal("create-team"),
  code,
  nameEn: name,
  nameZh: name,
});

const minutes = z.coerce
  .number({ error: "services:errors.minutes" })
  .int({ error: "services:errors.minutes" })
  .min(1, { error: "services:errors.minutes" })
  .max(1_000_000, { error: "services:errors.minutes" });
export const slaSchema = z.object({
  intent: z.literal("set-target"),
  typeId: uuidSchema(),
  priority: z.enum(PRIORITIES),
  firstResponse: minutes,
  resolution: minutes,
});

/** A working-time duration typed as hours and minutes; the value is whole minutes (at least 1). */
const duration = z
  .object({
    hours: z.coerce
      .number({ error: "services:errors.hours" })
      .int({ error: "services:errors.hours" })
      .min(0, { error: "services:errors.hours" })
      .max(10_000, { error: "services:errors.hours" })
      .default(0),
    minutes: z.coerce
      .number({ error: "services:errors.minutesPart" })
      .int({ error: "services:errors.minutesPart" })
      .min(0, { error: "services:errors.minutesPart" })
      .max(59, { error: "services:errors.minutesPart" })
      .default(0),
  })
  .refine((d) => d.hours * 60 + d.minutes > 0, {
    error: "services:errors.durationZero",
    path: ["hours"],
  })
  .transform((d) => d.hours * 60 + d.minutes);
const priorityTargets = z.object({ firstResponse: duration, resolution: duration });

/** All four priorities' targets of one request type, saved together. */
export const slaTypeSchema = z.object({
  intent: z.literal("set-targets"),
  typeId: uuidSchema(),
  targets: z.object({
    urgent: priorityTargets,
    high: priorityTargets,
    normal: priorityTargets,
    low: priorityTargets,
  }),
});

export const calendarSchema = z.object({
  intent: z.literal("add-day"),
  day: z
    .string({ error: "services:errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "services:errors.date" }),
  /** The last day of a range (optional: one day when empty). */
  until: z
    .string({ error: "services:errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "services:errors.date" })
    .optional(),
  kind: z.enum(["holiday", "workday"]),
  nameEn: name,
  nameZh: name,
});
