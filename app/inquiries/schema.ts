import { z } from "zod";

export const INTERESTS = ["space", "incubation", "investment", "partnership", "other"] as const;
export const INQUIRY_STATUSES = ["new", "in_progress", "answered", "closed"] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

const text = (max: number, key: string) =>
  z
    .string({ error: `inquiries:errors.${key}` })
    .trim()
    .min(1, { error: `inquiries:errors.${key}` })
    .max(max, { error: "inquiries:errors.tooLong" });
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: "inquiries:errors.tooLong" }).optional();

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
  message: z
    .string({ error: "inquiries:errors.message" })
    .trim()
    .min(10, { error: "inquiries:errors.message" })
    .max(5000, { error: "inquiries:errors.tooLong" }),
});
export type InquiryInput = z.infer<typeof inquirySchema>;

export const replySchema = z.object({
  intent: z.literal("reply"),
  body: z
    .string({ error: "inquiries:errors.reply" })
    .trim()
    .min(2, { error: "inquiries:errors.reply" })
    .max(10000, { error: "inquiries:errors.tooLong" }),
  version: z.coerce.number().int(),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: z
    .string({ error: "inquiries:errors.note" })
    .trim()
    .min(1, { error: "inquiries:errors.note" })
    .max(5000, { error: "inquiries:errors.tooLong" }),
  version: z.coerce.number().int(),
});
