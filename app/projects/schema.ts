/**
 * The pipeline's forms: one Zod schema each, used by Conform in the browser and by the action.
 * Messages are i18n keys (projects:errors.*). No server imports.
 */
import * as z from "zod";
import { multilineText, text } from "~/lib/text";
import { isUuid } from "~/lib/ids";
import { COUNTRIES } from "./countries";
import { CURRENCIES, parseAmount, type Currency } from "./money";
import { PLAN_KINDS, SOURCES, SPACE_TYPES, STAGES } from "./pipeline";

export const MAX_CONTACTS = 5;

const tooLong = "projects:errors.tooLong";
const line = (max: number) => text(max, { tooLong });
const required = (max: number, key: string) =>
  text(max, { min: 1, required: `projects:errors.${key}`, tooLong });
const block = (max: number) => multilineText(max, { tooLong });

/** A real calendar day YYYY-MM-DD between 1990 and 2100. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(+d) &&
    d.toISOString().slice(0, 10) === value &&
    value >= "1990-01-01" &&
    value <= "2100-12-31"
  );
}
const day = (key = "date") =>
  z
    .string({ error: `projects:errors.${key}` })
    .trim()
    .refine(isDay, { error: "projects:errors.date" });

const uuid = (key: string) =>
  z.string({ error: `projects:errors.${key}` }).refine(isUuid, { error: `projects:errors.${key}` });

const wholeNumber = (max: number) =>
  z.coerce
    .number({ error: "projects:errors.number" })
    .int({ error: "projects:errors.number" })
    .min(0, { error: "projects:errors.number" })
    .max(max, { error: "projects:errors.number" });

const contactSchema = z.object({
  name: line(120).optional(),
  title: line(120).optional(),
  email: z.email({ error: "projects:errors.email" }).max(254, { error: tooLong }).optional(),
  phone: z
    .string()
    .trim()
    .max(40, { error: tooLong })
    .regex(/^[0-9+()\-.\s]*$/, { error: "projects:errors.phone" })
    .optional(),
});

const AMOUNT_ERRORS = {
  format: "projects:errors.amount",
  precision: "projects:errors.amountPrecision",
  tooLarge: "projects:errors.amountTooLarge",
  notPositive: "projects:errors.amount",
} as const;

/** Checks an amount field against its currency and adds the field's error. */
function checkAmount(
  amount: string | undefined,
  currency: Currency,
  path: string,
  ctx: z.RefinementCtx,
): number | null {
  if (amount === undefined) return null;
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: AMOUNT_ERRORS[parsed.error], path: [path] });
    return null;
  }
  return parsed.minor;
}

export const projectSchema = z
  .object({
    organisation: required(200, "organisation"),
    country: z.enum(COUNTRIES, { error: "projects:errors.country" }).optional(),
    parentGroup: line(200).optional(),
    industryId: uuid("industry").optional(),
    planKind: z.enum(PLAN_KINDS, { error: "projects:errors.planKind" }).optional(),
    investmentAmount: line(40).optional(),
    investmentCurrency: z.enum(CURRENCIES, { error: "projects:errors.currency" }).default("CNY"),
    capitalAmount: line(40).optional(),
    capitalCurrency: z.enum(CURRENCIES, { error: "projects:errors.currency" }).default("CNY"),
    jobsPlanned: wholeNumber(1_000_000).optional(),
    spaceType: z.enum(SPACE_TYPES, { error: "projects:errors.spaceType" }).optional(),
    areaMin: wholeNumber(10_000_000).optional(),
    areaMax: wholeNumber(10_000_000).optional(),
    moveInOn: day().optional(),
    specialNeeds: block(2000).optional(),
    source: z.enum(SOURCES, { error: "projects:errors.source" }),
    ownerId: uuid("owner").optional(),
    notes: block(10_000).optional(),
    contacts: z.array(contactSchema).max(MAX_CONTACTS, { error: tooLong }).optional(),
  })
  .superRefine((v, ctx) => {
    checkAmount(v.investmentAmount, v.investmentCurrency, "investmentAmount", ctx);
    checkAmount(v.capitalAmount, v.capitalCurrency, "capitalAmount", ctx);
    if (v.areaMin !== undefined && v.areaMax !== undefined && v.areaMin > v.areaMax)
      ctx.addIssue({ code: "custom", message: "projects:errors.areaRange", path: ["areaMax"] });
    (v.contacts ?? []).forEach((c, i) => {
      const filled = !!(c.title || c.email || c.phone);
      if (filled && !c.name)
        ctx.addIssue({
          code: "custom",
          message: "projects:errors.contactName",
          path: ["contacts", i, "name"],
        });
    });
  })
  .transform((v) => ({
    organisation: v.organisation,
    country: v.country ?? null,
    parentGroup: v.parentGroup ?? "",
    industryId: v.industryId ?? null,
    planKind: v.planKind ?? null,
    investment:
      v.investmentAmount === undefined
        ? null
        : {
            minor: (parseAmount(v.investmentAmount, v.investmentCurrency) as { minor: number })
              .minor,
            currency: v.investmentCurrency,
          },
    capital:
      v.capitalAmount === undefined
        ? null
        : {
            minor: (parseAmount(v.capitalAmount, v.capitalCurrency) as { minor: number }).minor,
            currency: v.capitalCurrency,
          },
    jobsPlanned: v.jobsPlanned ?? null,
    spaceType: v.spaceType ?? null,
    areaMin: v.areaMin ?? null,
    areaMax: v.areaMax ?? null,
    moveInOn: v.moveInOn ?? null,
    specialNeeds: v.specialNeeds ?? "",
    source: v.source,
    ownerId: v.ownerId ?? null,
    notes: v.notes ?? "",
    contacts: (v.contacts ?? [])
      .filter((c) => c.name)
      .map((c) => ({
        name: c.name ?? "",
        title: c.title ?? "",
        email: c.email ?? "",
        phone: c.phone ?? "",
      })),
  }));
export type ProjectInput = z.output<typeof projectSchema>;

export const stageSchema = z
  .object({
    to: z.enum(STAGES, { error: "projects:errors.stage" }),
    note: block(2000).optional(),
    lostReason: block(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to === "lost" && !v.lostReason)
      ctx.addIssue({ code: "custom", message: "projects:errors.lostReason", path: ["lostReason"] });
  });
export type StageInput = z.output<typeof stageSchema>;

export const nextStepSchema = z.object({
  nextStep: required(300, "nextStep"),
  nextStepDue: day("nextStepDue"),
});
export type NextStepInput = z.output<typeof nextStepSchema>;

export const trancheSchema = z
  .object({
    amount: required(40, "amount"),
    currency: z.enum(CURRENCIES, { error: "projects:errors.currency" }),
    arrivedOn: day("arrivedOn"),
    note: line(300).optional(),
  })
  .superRefine((v, ctx) => {
    const minor = checkAmount(v.amount, v.currency, "amount", ctx);
    if (minor === 0)
      ctx.addIssue({ code: "custom", message: "projects:errors.amount", path: ["amount"] });
  })
  .transform((v) => ({
    minor: (parseAmount(v.amount, v.currency) as { minor: number }).minor,
    currency: v.currency,
    arrivedOn: v.arrivedOn,
    note: v.note ?? "",
  }));
export type TrancheInput = z.output<typeof trancheSchema>;

export const removeTrancheSchema = z.object({ trancheId: uuid("tranche") });
