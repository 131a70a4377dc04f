import * as z from "zod";
import { multilineText, text as textField } from "~/lib/text";

export const INTERESTS = ["space", "incubation", "investment", "partnership", "other"] as const;
export const INQUIRY_STATUSES = ["new", "in_progress", "answered", "closed"] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

const text = (max: number, key: string, min = 1) =>
  textField(max, { min, required: `inquiries:errors.${key}`, tooLong: "inquiries:errors.tooLong" });
const optionalText = (max: number) =>
  textField(max, { tooLong: "inquiries:errors.tooLong" }).optional();
const message = (max: number, key: string, min: number) =>
  multilineText(max, {
    min,
    required: `inquiries:errors.${key}`,
    tooLong: "inquiries:errors.tooLong",
  });

export const inquirySchema = z.object({
  name: text(120, "name"),
  organisation: optionalText(200),
  email: z
    .email({ error: "inquiries:errors.email" })
    .max(254, { error: "inquiries:errors.tooLong" }),
  phone: z
    .string()
    .trim()
    .max(40, { error: "inquiries:errors.tooLong" })
    .regex(/^[0-9+()\-.\s]*$/, { error: "inquiries:errors.phone" })
    .optional(),
  country: optionalText(80),
  interest: z.enum(INTERESTS, { error: "inquiries:errors.interest" }),
  message: message(5000, "message", 10),
});
export type InquiryInput = z.infer<typeof inquirySchema>;

export const replySchema = z.object({
  intent: z.literal("reply"),
  body: message(10000, "reply", 2),
  version: z.coerce.number().int(),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: message(5000, "note", 1),
  version: z.coerce.number().int(),
});
