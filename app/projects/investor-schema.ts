/**
 * The forms of the investor's view (ADR 0029): staff link an investor by email, either side
 * writes a message. One Zod schema each, used by Conform and by the action. No server imports.
 */
import * as z from "zod";
import { multilineText } from "~/lib/text";
import { isUuid } from "~/lib/ids";

export const MESSAGE_MAX = 5000;

export const linkInvestorSchema = z.object({
  email: z
    .string({ error: "investor:errors.email" })
    .trim()
    .max(254, { error: "investor:errors.tooLong" })
    .pipe(z.email({ error: "investor:errors.email" })),
  locale: z.enum(["en", "zh-CN"], { error: "investor:errors.locale" }),
});
export type LinkInvestorInput = z.infer<typeof linkInvestorSchema>;

export const messageSchema = z.object({
  body: multilineText(MESSAGE_MAX, {
    min: 1,
    required: "investor:errors.message",
    tooLong: "investor:errors.tooLong",
  }),
});

export const revokeInvestorSchema = z.object({
  linkId: z
    .string({ error: "investor:errors.link" })
    .refine(isUuid, { error: "investor:errors.link" }),
});

/** Documents: PDF, images and Office files, 10 MB each (checked by their bytes, ADR 0010). */
export const DOCUMENT_TYPES: readonly string[] = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];
export const DOCUMENT_MAX_BYTES = 10_000_000;
