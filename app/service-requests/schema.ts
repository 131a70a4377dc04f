/** Zod schemas of the service-request forms, shared by the browser (Conform) and the actions. */
import { z } from "zod";
import { uuidSchema } from "~/lib/ids";
import { PRIORITIES, STATES } from "./workflow";

/** Sort orders of the staff queue (each a keyset with its own index). */
export const SORTS = ["due", "newest", "oldest", "priority"] as const;
export type QueueSort = (typeof SORTS)[number];

export const fileRequestSchema = z.object({
  typeId: uuidSchema("services:errors.type"),
  idempotencyKey: z.string().min(8).max(100),
  subject: z
    .string({ error: "services:errors.subject" })
    .trim()
    .min(3, { error: "services:errors.subject" })
    .max(200, { error: "services:errors.subject" }),
  description: z
    .string({ error: "services:errors.description" })
    .trim()
    .min(10, { error: "services:errors.description" })
    .max(10000, { error: "services:errors.tooLong" }),
});

export const replySchema = z.object({
  intent: z.literal("reply"),
  body: z
    .string({ error: "services:errors.body" })
    .trim()
    .min(1, { error: "services:errors.body" })
    .max(10000, { error: "services:errors.tooLong" }),
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
  comment: z.string().trim().max(2000, { error: "services:errors.tooLong" }).optional(),
});

export const staffMessageSchema = z.object({
  intent: z.literal("message"),
  version: z.coerce.number().int(),
  visibility: z.enum(["internal", "public"]).default("internal"),
  body: z
    .string({ error: "services:errors.body" })
    .trim()
    .min(1, { error: "services:errors.body" })
    .max(10000, { error: "services:errors.tooLong" }),
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
  name: z
    .string({ error: "services:errors.name" })
    .trim()
    .min(1, { error: "services:errors.name" })
    .max(80),
  query: z.string().max(1000).default(""),
  shared: z.literal("on").optional(),
});

// Admin forms.
const code = z
  .string({ error: "services:errors.code" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "services:errors.code" });
const name = z
  .string({ error: "services:errors.name" })
  .trim()
  .min(1, { error: "services:errors.name" })
  .max(200, { error: "services:errors.tooLong" });
const text = z.string().trim().max(2000, { error: "services:errors.tooLong" }).default("");

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
  options: z.string().max(5000).default(""),
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

export const calendarSchema = z.object({
  intent: z.literal("add-day"),
  day: z
    .string({ error: "services:errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "services:errors.date" }),
  kind: z.enum(["holiday", "workday"]),
  nameEn: name,
  nameZh: name,
});
