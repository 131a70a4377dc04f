/**
 * The claim pages' forms (issue 15, ADR 0037), shared by the browser (Conform) and the actions.
 * Messages are i18n keys of the `claims` namespace (or common ones). Amounts are yuan with at
 * most two decimals; files are read apart (multipart) and never pass through these schemas.
 */
import * as z from "zod";
import { multilineText, text } from "~/lib/text";

const TOO_LONG = { tooLong: "claims:errors.tooLong" };
const yuan = z.coerce
  .number({ error: "claims:errors.number" })
  .gt(0, { error: "claims:errors.number" })
  .max(1e10, { error: "claims:errors.number" })
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
    error: "claims:errors.number",
  });
const version = z.coerce.number().int().min(1).max(1e9);

/** The company's claim (the documents are file inputs `doc_<key>`). */
export const claimSchema = z.object({
  statement: multilineText(5000, TOO_LONG).optional(),
  requested: yuan.optional(),
});

/** The company's answer to a request for more information (files: `files`). */
export const answerSchema = z.object({
  statement: multilineText(5000, { ...TOO_LONG, min: 1 }),
  version,
});

export const STAFF_INTENTS = ["advance", "request_info", "approve", "reject", "pay"] as const;
export type StaffIntent = (typeof STAFF_INTENTS)[number];

export const advanceSchema = z.object({
  note: multilineText(2000, TOO_LONG).optional(),
  version,
});
export const requestInfoSchema = z.object({
  note: multilineText(2000, { ...TOO_LONG, min: 1 }),
  version,
});
export const approveSchema = z.object({
  amount: yuan,
  note: multilineText(2000, TOO_LONG).optional(),
  version,
});
export const rejectSchema = z.object({
  reason: multilineText(2000, { ...TOO_LONG, min: 1 }),
  version,
});
export const paySchema = z.object({
  paidOn: z
    .string({ error: "claims:errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "claims:errors.date" })
    .refine(
      (v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= "2000-01-01";
      },
      { error: "claims:errors.date" },
    ),
  amount: yuan,
  reference: text(100, { ...TOO_LONG, min: 1 }),
  version,
});

export const STAFF_SCHEMAS = {
  advance: advanceSchema,
  request_info: requestInfoSchema,
  approve: approveSchema,
  reject: rejectSchema,
  pay: paySchema,
} as const;

export const CLAIM_STATUSES = [
  "submitted",
  "info_requested",
  "approved",
  "rejected",
  "withdrawn",
  "paid",
] as const;

/**
 * The payee of an award or approved claim (ADR 0048): the account holder's name, the bank
 * (and branch) and the account number (digits, spaces allowed as written on a card, 8 to 34),
 * with the owner's confirmation that the account is the company's.
 */
export const payeeSchema = z.object({
  accountName: text(200, { ...TOO_LONG, min: 1 }),
  bankName: text(200, { ...TOO_LONG, min: 1 }),
  accountNumber: z
    .string({ error: "claims:errors.required" })
    .trim()
    .min(1, { error: "claims:errors.required" })
    .max(50, { error: "claims:errors.tooLong" })
    .regex(/^[0-9 ]+$/, { error: "claims:awards.errors.account" })
    .refine(
      (v) => {
        const n = v.replace(/\s+/g, "").length;
        return n >= 8 && n <= 34;
      },
      { error: "claims:awards.errors.account" },
    ),
  confirm: z.literal("on", { error: "claims:awards.errors.confirm" }),
  version,
});
export type PayeeInput = Pick<
  z.infer<typeof payeeSchema>,
  "accountName" | "bankName" | "accountNumber"
>;

/** The desk's bulk award: review the companies chosen, then grant them (confirmed). */
export const awardsSchema = z.object({
  /** `reviewAll`: every company of the list (the search `q`), on every page (ADR 0058). */
  intent: z.enum(["review", "reviewAll", "grant", "change"]),
  companyId: z.array(z.uuid()).max(500).default([]),
  q: z.string().max(100).optional(),
});
