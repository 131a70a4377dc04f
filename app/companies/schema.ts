/**
 * Company forms, shared by the browser (Conform) and the actions. Messages are i18n keys in the
 * `company` namespace, translated where they are shown.
 */
import * as z from "zod";
import { uuidSchema } from "~/lib/ids";
import { text } from "~/lib/text";
import { isValidCreditCode, normalizeCreditCode } from "./credit-code";

/** Industries a company can belong to: a stable slug stored in `company.industry`, two labels. */
export const INDUSTRIES = [
  { slug: "integrated-circuits", en: "Integrated circuits", zh: "集成电路" },
  { slug: "artificial-intelligence", en: "Artificial intelligence", zh: "人工智能" },
  { slug: "biomedicine", en: "Biomedicine", zh: "生物医药" },
  { slug: "new-materials", en: "New materials", zh: "新材料" },
  { slug: "digital-media", en: "Digital media", zh: "数字传媒" },
  { slug: "software-services", en: "Software and IT services", zh: "软件与信息服务" },
  { slug: "new-energy", en: "New energy", zh: "新能源" },
  { slug: "advanced-manufacturing", en: "Advanced manufacturing", zh: "高端制造" },
  { slug: "other", en: "Other", zh: "其他" },
] as const;
export type IndustrySlug = (typeof INDUSTRIES)[number]["slug"];
export const INDUSTRY_SLUGS = INDUSTRIES.map((i) => i.slug) as unknown as readonly [
  IndustrySlug,
  ...IndustrySlug[],
];

/** The label of an industry slug; an unknown slug (older data) is shown as it is. */
export function industryLabel(slug: string, locale: "en" | "zh-CN"): string {
  const found = INDUSTRIES.find((i) => i.slug === slug);
  if (!found) return slug;
  return locale === "zh-CN" ? found.zh : found.en;
}

export const COMPANY_SIZES = ["1-9", "10-49", "50-249", "250-999", "1000+"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

const nameEn = text(200, {
  min: 1,
  required: "company:errors.nameEnRequired",
  tooLong: "company:errors.nameTooLong",
});

const nameZh = text(100, {
  min: 1,
  required: "company:errors.nameZhRequired",
  tooLong: "company:errors.nameTooLong",
});

/** Optional; spaces and dashes dropped, upper-cased, then checked with its check character. */
export const creditCode = z
  .string()
  .transform((v) => normalizeCreditCode(v))
  .pipe(
    z
      .string()
      .length(18, { error: "company:errors.creditCodeLength" })
      .refine((v) => isValidCreditCode(v), { error: "company:errors.creditCodeInvalid" }),
  )
  .optional();

/** Optional; an absolute http(s) address. */
const website = z
  .string()
  .trim()
  .max(300, { error: "company:errors.websiteInvalid" })
  .pipe(
    z.url({
      protocol: /^https?$/,
      hostname: z.regexes.domain,
      error: "company:errors.websiteInvalid",
    }),
  )
  .optional();

export const companySchema = z.object({
  nameEn,
  nameZh,
  creditCode,
  industry: z.enum(INDUSTRY_SLUGS, { error: "company:errors.industryRequired" }),
  website,
  size: z.enum(COMPANY_SIZES, { error: "company:errors.sizeRequired" }),
  redirectTo: z.string().max(500).optional(),
});
export type CompanyInput = z.infer<typeof companySchema>;

export const updateCompanySchema = companySchema.omit({ redirectTo: true }).extend({
  version: z.coerce.number().int().min(1),
});
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: "company:errors.emailRequired" })
    .trim()
    .toLowerCase()
    .pipe(
      z
        .email({ error: "company:errors.emailInvalid" })
        .max(254, { error: "company:errors.emailInvalid" }),
    ),
});

const uuid = uuidSchema();

export const memberActionSchema = z.object({
  intent: z.enum(["remove", "transfer"]),
  userId: uuid,
  confirm: z.literal("yes"),
});

export const revokeSchema = z.object({ intent: z.literal("revoke"), invitationId: uuid });

export const leaveSchema = z.object({ intent: z.literal("leave"), confirm: z.literal("yes") });
