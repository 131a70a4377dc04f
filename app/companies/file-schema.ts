/**
 * The company file's forms (issue 14), shared by the browser (Conform) and the actions.
 * Messages are i18n keys, translated where they are shown. No server imports.
 */
import * as z from "zod";
import { CURRENCIES, parseAmount } from "~/projects/money";
import { isDay } from "~/projects/schema";
import { multilineText, text } from "~/lib/text";
import { isUuid } from "~/lib/ids";
import { DESIGNATION_KIND_CODES } from "./designations";

const tooLong = "companyFile:errors.tooLong";

const day = () =>
  z
    .string({ error: "companyFile:errors.date" })
    .trim()
    .refine(isDay, { error: "companyFile:errors.date" });

const count = z.coerce
  .number({ error: "companyFile:errors.count" })
  .int({ error: "companyFile:errors.count" })
  .min(0, { error: "companyFile:errors.count" })
  .max(1_000_000, { error: "companyFile:errors.count" });

const AMOUNT_ERRORS = {
  format: "companyFile:errors.amount",
  precision: "companyFile:errors.amountPrecision",
  tooLarge: "companyFile:errors.amountTooLarge",
  notPositive: "companyFile:errors.amount",
} as const;

/** The numbers and text an owner keeps up to date; `version` guards against lost updates. */
export const companyFileSchema = z
  .object({
    registeredOn: day().optional(),
    capitalAmount: text(40, { tooLong }).optional(),
    capitalCurrency: z.enum(CURRENCIES, { error: "companyFile:errors.currency" }).default("CNY"),
    inventionPatents: count.default(0),
    utilityModels: count.default(0),
    softwareCopyrights: count.default(0),
    trademarks: count.default(0),
    space: multilineText(1000, { tooLong }).optional(),
    version: z.coerce.number().int().min(1),
  })
  .superRefine((v, ctx) => {
    if (v.registeredOn && v.registeredOn > new Date().toISOString().slice(0, 10))
      ctx.addIssue({
        code: "custom",
        message: "companyFile:errors.future",
        path: ["registeredOn"],
      });
    if (v.capitalAmount === undefined) return;
    const parsed = parseAmount(v.capitalAmount, v.capitalCurrency);
    if (!parsed.ok)
      ctx.addIssue({
        code: "custom",
        message: AMOUNT_ERRORS[parsed.error],
        path: ["capitalAmount"],
      });
  })
  .transform((v) => ({
    ...v,
    capitalMinor:
      v.capitalAmount === undefined
        ? null
        : (parseAmount(v.capitalAmount, v.capitalCurrency) as { minor: number }).minor,
  }));
export type CompanyFileInput = z.infer<typeof companyFileSchema>;

export const designationSchema = z
  .object({
    intent: z.literal("addDesignation"),
    kind: z.enum(DESIGNATION_KIND_CODES, { error: "companyFile:errors.kind" }),
    reference: text(100, { tooLong }).optional(),
    issuedOn: day(),
    expiresOn: day().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn < v.issuedOn)
      ctx.addIssue({
        code: "custom",
        message: "companyFile:errors.expiresBeforeIssued",
        path: ["expiresOn"],
      });
  });
export type DesignationInput = z.infer<typeof designationSchema>;

export const removeDesignationSchema = z.object({
  intent: z.literal("removeDesignation"),
  designationId: z.string().refine(isUuid),
  confirm: z.literal("yes"),
});
