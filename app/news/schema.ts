import * as z from "zod";
import { multilineText, text as textField } from "~/lib/text";

const opt = (max: number) => textField(max, { tooLong: "news:errors.tooLong" }).optional();
const long = (max: number) => multilineText(max, { tooLong: "news:errors.tooLong" }).optional();

export const articleSchema = z
  .object({
    titleEn: opt(200),
    summaryEn: long(500),
    bodyEn: long(100_000),
    titleZh: opt(200),
    summaryZh: long(500),
    bodyZh: long(100_000),
    categoryId: z.string().optional(),
    tagIds: z.array(z.string()).optional(),
    coverAltEn: opt(300),
    coverAltZh: opt(300),
    slug: z
      .string()
      .trim()
      .max(100, { error: "news:errors.tooLong" })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "news:errors.slug" })
      .optional(),
    version: z.coerce.number().int().optional(),
  })
  .refine((v) => !!(v.titleEn || v.titleZh), { error: "news:errors.title", path: ["titleEn"] });

export type ArticleForm = z.infer<typeof articleSchema>;

/** An article's editable texts and links, as the desk saves them and the form shows them. */
export interface ArticleFields {
  titleEn?: string | null;
  summaryEn?: string | null;
  bodyEn?: string | null;
  titleZh?: string | null;
  summaryZh?: string | null;
  bodyZh?: string | null;
  categoryId?: string | null;
  tagIds?: string[];
  coverAltEn?: string | null;
  coverAltZh?: string | null;
  slug?: string | null;
}

/** Read limits of the article form (bodies of 100,000 characters, in Chinese 3 bytes each). */
export const ARTICLE_FORM_LIMITS = { maxValueBytes: 400 * 1024, maxTextBytes: 1024 * 1024 };

export const scheduleSchema = z.object({
  publishAt: z
    .string({ error: "news:errors.publishAt" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "news:errors.publishAt" }),
  version: z.coerce.number().int(),
});

export const taxonomySchema = z.object({
  kind: z.enum(["category", "tag"]),
  id: z.string().optional(),
  slug: z
    .string({ error: "news:errors.slug" })
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "news:errors.slug" })
    .max(60),
  nameEn: textField(80, { min: 1, required: "news:errors.name", tooLong: "news:errors.tooLong" }),
  nameZh: textField(80, { min: 1, required: "news:errors.name", tooLong: "news:errors.tooLong" }),
  position: z.coerce.number().int().optional(),
});

/**
 * The article states, for code the browser runs too (a value imported from news.server.ts is
 * an empty module in the browser build).
 */
export const ARTICLE_STATUS_LIST = ["draft", "scheduled", "published", "archived"] as const;
