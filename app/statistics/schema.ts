/**
 * The statistics pages' forms (issue 14, ADR 0035), shared by the browser (Conform) and the
 * actions. Messages are i18n keys. No server imports.
 */
import * as z from "zod";
import { INDUSTRY_SLUGS } from "~/companies/schema";
import { isUuid } from "~/lib/ids";
import { multilineText, text } from "~/lib/text";
import { isDay } from "~/projects/schema";
import { FIELD_TYPES, parseNumber, type FormCheck, type FormDefinition } from "./forms";

const tooLong = "statistics:errors.tooLong";

const day = () =>
  z
    .string({ error: "statistics:errors.date" })
    .trim()
    .refine(isDay, { error: "statistics:errors.date" });

export const PERIOD_KINDS = ["month", "quarter", "year"] as const;

/** `residents`, `incubatees`, `all`, or `industry:<slug>`. */
export const AUDIENCE_OPTIONS = [
  "residents",
  "incubatees",
  "all",
  ...INDUSTRY_SLUGS.map((s) => `industry:${s}`),
] as const;

export const openPeriodSchema = z
  .object({
    formId: z.string({ error: "statistics:errors.form" }).refine(isUuid, {
      error: "statistics:errors.form",
    }),
    kind: z.enum(PERIOD_KINDS, { error: "statistics:errors.kind" }),
    label: text(40, { tooLong }),
    startsOn: day(),
    endsOn: day(),
    dueOn: day(),
    audience: z.enum(AUDIENCE_OPTIONS, { error: "statistics:errors.audience" }),
    /** "yes" once the person saw how many companies it asks. */
    confirm: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "statistics:errors.endsBefore" });
    if (v.dueOn < v.endsOn)
      ctx.addIssue({ code: "custom", path: ["dueOn"], message: "statistics:errors.dueBefore" });
  });
export type OpenPeriodInput = z.infer<typeof openPeriodSchema>;

/** The usual label of a period that starts on `startsOn` ("2026-11", "2026-Q4", "2026"). */
/** What a period's page lists: every report, those still to chase, to review, or accepted. */
export const PERIOD_SHOWS = ["all", "waiting", "submitted", "accepted"] as const;
export type PeriodShow = (typeof PERIOD_SHOWS)[number];

export function periodLabel(kind: (typeof PERIOD_KINDS)[number], startsOn: string): string {
  const [y, m] = startsOn.split("-");
  if (kind === "year") return y!;
  if (kind === "quarter") return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
  return `${y}-${m}`;
}

/** One row of the form editor; a row without a key is left out. */
const fieldRow = z.object({
  key: z.string().trim().max(40).optional(),
  labelEn: text(200, { tooLong }).optional(),
  labelZh: text(200, { tooLong }).optional(),
  unit: text(40, { tooLong }).optional(),
  type: z.enum(FIELD_TYPES).optional(),
  min: z.string().trim().max(30).optional(),
  max: z.string().trim().max(30).optional(),
  required: z.string().optional(),
  helpEn: multilineText(500, { tooLong }).optional(),
  helpZh: multilineText(500, { tooLong }).optional(),
});

const checkRow = z.object({
  kind: z.enum(["lte", "change", "none"]).optional(),
  a: z.string().trim().max(40).optional(),
  b: z.string().trim().max(40).optional(),
  percent: z.string().trim().max(10).optional(),
});

export const formEditorSchema = z.object({
  code: z
    .string({ error: "statistics:errors.code" })
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, { error: "statistics:errors.code" }),
  nameEn: text(200, { tooLong }).min(1, { error: "common:form.requiredField" }),
  nameZh: text(200, { tooLong }).min(1, { error: "common:form.requiredField" }),
  fields: z.array(fieldRow).max(60).default([]),
  checks: z.array(checkRow).max(30).default([]),
});
export type FormEditorInput = z.infer<typeof formEditorSchema>;

/** The rows as a definition (rows without a key dropped), or the row errors as i18n keys. */
export function definitionFromRows(input: FormEditorInput): {
  definition: FormDefinition;
  errors: string[];
} {
  const errors: string[] = [];
  const fields: FormDefinition["fields"] = [];
  for (const r of input.fields) {
    if (!r.key) continue;
    const bound = (v: string | undefined) => {
      if (!v) return undefined;
      const n = parseNumber(v);
      if (n === null) errors.push(`bound:${r.key}`);
      return n ?? undefined;
    };
    const min = bound(r.min);
    const max = bound(r.max);
    fields.push({
      key: r.key,
      labelEn: r.labelEn || r.key,
      labelZh: r.labelZh || r.labelEn || r.key,
      unit: r.unit ?? "",
      type: r.type ?? "decimal",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      required: r.required === "on" || r.required === "true",
      ...(r.helpEn ? { helpEn: r.helpEn } : {}),
      ...(r.helpZh ? { helpZh: r.helpZh } : {}),
    });
  }
  const checks: FormCheck[] = [];
  for (const c of input.checks) {
    if (c.kind === "lte" && c.a && c.b) checks.push({ kind: "lte", a: c.a, b: c.b });
    else if (c.kind === "change" && c.a)
      checks.push({ kind: "change", field: c.a, percent: parseNumber(c.percent ?? "") ?? 0 });
  }
  return { definition: { fields, checks }, errors };
}

export const decisionSchema = z.object({
  outcome: z.enum(["accepted", "returned"], { error: "statistics:errors.outcome" }),
});

export const reporterSchema = z.object({
  userId: z.string().refine(isUuid, { error: "statistics:errors.person" }),
  designated: z.enum(["yes", "no"]),
});
