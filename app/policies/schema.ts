/**
 * The policy editor's form (issue 15), shared by the browser (Conform) and the action; and the
 * conversion between the form's flat fields and a policy's stored shape (criteria as data).
 * Messages are i18n keys in the `policies` namespace.
 */
import * as z from "zod";
import { DESIGNATION_KIND_CODES } from "~/companies/designations";
import { INDUSTRY_SLUGS } from "~/companies/schema";
import { isUuid } from "~/lib/ids";
import { multilineText, text } from "~/lib/text";
import { criteriaSchema, type Criterion } from "./criteria";

export const BENEFIT_KINDS = ["none", "amount", "rate", "in_kind"] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
/** Review stages a policy can set, in this order. */
export const STAGES = ["check", "assess", "approve"] as const;
export type Stage = (typeof STAGES)[number];

const TOO_LONG = { tooLong: "policies:errors.tooLong" };
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "policies:errors.date" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: "policies:errors.date" })
  .optional();
const amount = (max: number) =>
  z.coerce
    .number({ error: "policies:errors.number" })
    .min(0, { error: "policies:errors.number" })
    .max(max, { error: "policies:errors.number" })
    .optional();
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values)).max(values.length),
  );

/** The editor's criteria controls, one per kind (shared by the form and the live preview). */
const CRITERIA_FIELDS = {
  industries: many(INDUSTRY_SLUGS),
  yearsMin: amount(200),
  yearsMax: amount(200),
  headcountMin: amount(1e7),
  headcountMax: amount(1e7),
  revenueMin: amount(1e9),
  revenueMax: amount(1e9),
  rdMin: amount(100),
  designations: many(DESIGNATION_KIND_CODES),
  residency: z.enum(["", "resident", "incubatee", "either"]).default(""),
  noOpenClaim: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
};
export const CRITERIA_FIELD_NAMES = Object.keys(
  CRITERIA_FIELDS,
) as (keyof typeof CRITERIA_FIELDS)[];
const LIST_FIELDS = new Set(["industries", "designations"]);

type RangeValues = Partial<
  Record<
    "yearsMin" | "yearsMax" | "headcountMin" | "headcountMax" | "revenueMin" | "revenueMax",
    number
  >
>;
function checkRanges(v: RangeValues, ctx: z.RefinementCtx) {
  for (const [min, max] of [
    ["yearsMin", "yearsMax"],
    ["headcountMin", "headcountMax"],
    ["revenueMin", "revenueMax"],
  ] as const)
    if (v[min] !== undefined && v[max] !== undefined && v[min]! > v[max]!)
      ctx.addIssue({ code: "custom", path: [max], message: "policies:errors.range" });
}

/**
 * The live preview's query (issue 15): the criteria controls as typed and the policy being
 * edited. The browser parses the form with it before asking, the resource route parses the
 * query with it again: one schema on both sides.
 */
export const previewQuerySchema = z
  .object({ ...CRITERIA_FIELDS, policyId: z.string().refine(isUuid).optional() })
  .superRefine(checkRanges);
export type PreviewQuery = z.infer<typeof previewQuerySchema>;

/**
 * The criteria controls (and `policyId`) of a form or query as plain values: lists as arrays,
 * empty fields left out (as Conform does), so the browser's FormData and the server's
 * URLSearchParams parse the same way.
 */
export function previewValues(source: {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...CRITERIA_FIELD_NAMES, "policyId"]) {
    if (LIST_FIELDS.has(name)) {
      out[name] = source.getAll(name).map(String);
      continue;
    }
    const v = source.get(name);
    if (typeof v === "string" && v.trim() !== "") out[name] = v.trim();
  }
  return out;
}

/** The query string the live preview sends (the parsed values, nothing else). */
export function previewSearch(q: PreviewQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else if (v === true) params.set(k, "on");
    else if (v !== undefined && v !== "" && v !== false) params.set(k, String(v));
  }
  return params.toString();
}

export const policyFormSchema = z
  .object({
    intent: z.enum(["save", "preview"]).default("save"),
    titleEn: text(200, TOO_LONG),
    titleZh: text(200, TOO_LONG),
    issuerEn: text(200, TOO_LONG).optional(),
    issuerZh: text(200, TOO_LONG).optional(),
    summaryEn: multilineText(1000, TOO_LONG).optional(),
    summaryZh: multilineText(1000, TOO_LONG).optional(),
    bodyEn: multilineText(30_000, TOO_LONG).optional(),
    bodyZh: multilineText(30_000, TOO_LONG).optional(),
    benefitKind: z.enum(BENEFIT_KINDS).default("none"),
    /** Yuan, at most two decimals. */
    benefitMax: amount(1e10),
    benefitRate: z.coerce
      .number({ error: "policies:errors.number" })
      .gt(0, { error: "policies:errors.number" })
      .max(100, { error: "policies:errors.number" })
      .optional(),
    benefitNoteEn: text(300, TOO_LONG).optional(),
    benefitNoteZh: text(300, TOO_LONG).optional(),
    opensOn: day,
    deadline: day,
    /** One per line: "English | 中文". */
    documents: multilineText(3000, TOO_LONG).optional(),
    link: z
      .url({ protocol: /^https?$/, error: "policies:errors.link" })
      .max(500)
      .optional(),
    stages: many(STAGES),
    autoAward: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
    status: z.enum(["draft", "published"]).default("draft"),
    position: z.coerce.number().int().min(0).max(10_000).default(0),
    // Criteria, one control per kind.
    ...CRITERIA_FIELDS,
    version: z.coerce.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.opensOn && v.deadline && v.opensOn > v.deadline)
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "policies:errors.window" });
    checkRanges(v, ctx);
    if ((v.benefitKind === "amount" || v.benefitKind === "rate") && v.benefitMax === undefined)
      ctx.addIssue({ code: "custom", path: ["benefitMax"], message: "policies:errors.required" });
    if (v.benefitKind === "rate" && v.benefitRate === undefined)
      ctx.addIssue({ code: "custom", path: ["benefitRate"], message: "policies:errors.required" });
    if (v.documents && parseDocuments(v.documents) === null)
      ctx.addIssue({ code: "custom", path: ["documents"], message: "policies:errors.documents" });
  });
export type PolicyForm = z.infer<typeof policyFormSchema>;

export interface PolicyDocument {
  key: string;
  en: string;
  zh: string;
}

/** "Audited accounts | 审计报告" per line; null when a line lacks one of its two names. */
export function parseDocuments(textValue: string): PolicyDocument[] | null {
  const out: PolicyDocument[] = [];
  for (const line of textValue.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [en, zh, ...rest] = line.split("|").map((s) => s.trim());
    if (!en || !zh || rest.length) return null;
    out.push({ key: `d${out.length + 1}`, en, zh });
  }
  return out.length > 20 ? null : out;
}

export function documentsText(docs: readonly PolicyDocument[]): string {
  return docs.map((d) => `${d.en} | ${d.zh}`).join("\n");
}

/** The criteria the form's controls describe. */
export function criteriaOf(
  v: Pick<PolicyForm, (typeof CRITERIA_FIELD_NAMES)[number]>,
): Criterion[] {
  const out: Criterion[] = [];
  const r = (min?: number, max?: number) => ({
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  });
  if (v.industries.length) out.push({ kind: "industry", in: v.industries });
  if (v.yearsMin !== undefined || v.yearsMax !== undefined)
    out.push({ kind: "years", ...r(v.yearsMin, v.yearsMax) });
  if (v.headcountMin !== undefined || v.headcountMax !== undefined)
    out.push({ kind: "headcount", ...r(v.headcountMin, v.headcountMax) });
  if (v.revenueMin !== undefined || v.revenueMax !== undefined)
    out.push({ kind: "revenue", ...r(v.revenueMin, v.revenueMax) });
  if (v.rdMin !== undefined) out.push({ kind: "rd_intensity", min: v.rdMin });
  if (v.designations.length) out.push({ kind: "designation", anyOf: v.designations });
  if (v.residency) out.push({ kind: "residency", of: v.residency });
  if (v.noOpenClaim) out.push({ kind: "no_open_claim" });
  return criteriaSchema.parse(out);
}

/** A stored policy's criteria as the form's flat defaults. */
export function criteriaDefaults(criteria: readonly Criterion[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of criteria)
    switch (c.kind) {
      case "industry":
        out.industries = c.in;
        break;
      case "years":
      case "headcount":
      case "revenue":
        out[`${c.kind}Min`] = c.min;
        out[`${c.kind}Max`] = c.max;
        break;
      case "rd_intensity":
        out.rdMin = c.min;
        break;
      case "designation":
        out.designations = c.anyOf;
        break;
      case "residency":
        out.residency = c.of;
        break;
      case "no_open_claim":
        out.noOpenClaim = "on";
        break;
    }
  return out;
}

/** Read limits of the policy form (two Markdown bodies). */
export const POLICY_FORM_LIMITS = { maxValueBytes: 128 * 1024, maxTextBytes: 512 * 1024 };
