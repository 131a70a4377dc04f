/**
 * The landing form (ADR 0029): create the company from the project, or link one that exists;
 * who becomes its owner. The company's fields are the company form's own (app/companies).
 * No server imports.
 */
import * as z from "zod";
import { companySchema } from "~/companies/schema";
import { isUuid } from "~/lib/ids";

const owner = {
  ownerEmail: z
    .string()
    .trim()
    .max(254, { error: "investor:errors.tooLong" })
    .pipe(z.email({ error: "investor:errors.email" }))
    .optional(),
  locale: z.enum(["en", "zh-CN"], { error: "investor:errors.locale" }),
  // Landing is not undone in a click: the person ticks that they mean it.
  confirm: z.literal("yes", { error: "investor:errors.confirm" }),
};

export const landingCreateSchema = companySchema
  .pick({ nameEn: true, nameZh: true, creditCode: true, industry: true, size: true })
  .extend({ mode: z.literal("create"), ...owner });

export const landingLinkSchema = z.object({
  mode: z.literal("link"),
  companyId: z
    .string({ error: "investor:errors.company" })
    .refine(isUuid, { error: "investor:errors.company" }),
  ...owner,
});

/** What the action reads: either form. */
export const landingSchema = z.discriminatedUnion("mode", [landingCreateSchema, landingLinkSchema]);
export type LandingInput = z.infer<typeof landingSchema>;
