/** Zod schemas of the knowledge-base forms, shared by the browser (Conform) and the actions. */
import * as z from "zod";
import { multilineText, text as textField } from "~/lib/text";

const title = textField(200, { tooLong: "kb:errors.tooLong" }).optional();
const body = multilineText(50_000, { tooLong: "kb:errors.tooLong" }).optional();

export const kbArticleSchema = z
  .object({
    intent: z.literal("save").default("save"),
    titleEn: title,
    titleZh: title,
    bodyEn: body,
    bodyZh: body,
    categoryId: z.string().max(40).optional(),
    typeId: z.string().max(40).optional(),
    slug: z
      .string()
      .trim()
      .max(100, { error: "kb:errors.tooLong" })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "kb:errors.slug" })
      .optional(),
    version: z.coerce.number().int().optional(),
  })
  .refine((v) => !!(v.titleEn || v.titleZh), { error: "kb:errors.title", path: ["titleEn"] });

export type KbArticleInput = z.infer<typeof kbArticleSchema>;

/** Read limits of the article form (bodies of 50,000 characters, in Chinese 3 bytes each). */
export const KB_FORM_LIMITS = { maxValueBytes: 200 * 1024, maxTextBytes: 512 * 1024 };

/** The new-request page asking for answers (no JavaScript: a submit; with: a fetch). */
export const suggestSchema = z.object({
  subject: z.string().max(400).default(""),
  typeId: z.string().max(40).optional(),
  /** Articles already shown on this page, so each is counted once. */
  seen: z.string().max(2000).optional(),
});

export const VOTE_INTENTS = ["helpful-yes", "helpful-no", "solved"] as const;
