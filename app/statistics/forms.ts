/**
 * Report forms as data (issue 14, ADR 0033): fields with a key, two labels, a unit, a type,
 * bounds, required or not and help in both languages; checks across fields from a small
 * fixed set. `checkFigures` reads what a company typed against a form version and its last
 * period's figures. Shared by the browser and the server: no server imports.
 */
import { hasForbiddenChars } from "~/lib/text";

export const FIELD_TYPES = ["integer", "decimal", "money", "percent", "text"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  key: string;
  labelEn: string;
  labelZh: string;
  unit: string;
  type: FieldType;
  min?: number;
  max?: number;
  required: boolean;
  helpEn?: string;
  helpZh?: string;
}

/** `lte`: a ≤ b. `change`: moving more than `percent` % from the last period needs an explanation. */
export type FormCheck =
  { kind: "lte"; a: string; b: string } | { kind: "change"; field: string; percent: number };

export interface FormDefinition {
  fields: FormField[];
  checks: FormCheck[];
}

/** A stored figure: a number, or text for text fields. */
export type Figure = number | string;
export type Figures = Record<string, Figure>;

export type FigureError =
  | { code: "required" }
  | { code: "number" }
  | { code: "integer" }
  | { code: "min"; min: number }
  | { code: "max"; max: number }
  | { code: "tooLong" }
  | { code: "lte"; other: string }
  | { code: "explain"; percent: number };

export const MAX_TEXT = 2000;
export const MAX_EXPLANATION = 1000;

/** "12,500.5", "12 500", "1.2万" → a number; anything else → null. */
export function parseNumber(input: string): number | null {
  let v = input.trim().replace(/[,\s'\u00a0\uff0c]/g, "");
  let scale = 1;
  if (/[万萬]$/.test(v)) {
    scale = 10_000;
    v = v.slice(0, -1);
  } else if (/亿$/.test(v)) {
    scale = 100_000_000;
    v = v.slice(0, -1);
  } else if (v.endsWith("%")) v = v.slice(0, -1);
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  const n = Number(v) * scale;
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}

/** How far `now` moved from `before`, in percent of `before` (null when before is 0). */
export function changePercent(before: number, now: number): number | null {
  if (before === 0) return null;
  return (Math.abs(now - before) / Math.abs(before)) * 100;
}

export interface CheckResult {
  figures: Figures;
  explanations: Record<string, string>;
  errors: Record<string, FigureError>;
  /** Fields whose value differs from the last period's. */
  changed: string[];
}

/**
 * Reads the typed `input` (strings by field key, `explain.<key>` for explanations). With
 * `submit`, required fields and cross-field checks apply; a draft only needs well-formed values.
 */
export function checkFigures(
  form: FormDefinition,
  input: Record<string, string | undefined>,
  last: Figures | null,
  opts: { submit: boolean },
): CheckResult {
  const figures: Figures = {};
  const explanations: Record<string, string> = {};
  const errors: Record<string, FigureError> = {};
  for (const f of form.fields) {
    const raw = (input[f.key] ?? "").trim();
    if (raw === "") {
      if (opts.submit && f.required) errors[f.key] = { code: "required" };
      continue;
    }
    if (f.type === "text") {
      if (raw.length > MAX_TEXT || hasForbiddenChars(raw, true))
        errors[f.key] = { code: "tooLong" };
      else figures[f.key] = raw;
      continue;
    }
    const n = parseNumber(raw);
    if (n === null) errors[f.key] = { code: "number" };
    else if (f.type === "integer" && !Number.isInteger(n)) errors[f.key] = { code: "integer" };
    else if (f.min !== undefined && n < f.min) errors[f.key] = { code: "min", min: f.min };
    else if (f.max !== undefined && n > f.max) errors[f.key] = { code: "max", max: f.max };
    else figures[f.key] = n;
  }
  for (const [k, v] of Object.entries(input)) {
    if (!k.startsWith("explain.") || !v?.trim()) continue;
    const key = k.slice("explain.".length);
    if (!form.fields.some((f) => f.key === key)) continue;
    const text = v.trim();
    if (text.length > MAX_EXPLANATION || hasForbiddenChars(text, true))
      errors[`explain.${key}`] = { code: "tooLong" };
    else explanations[key] = text;
  }
  if (opts.submit)
    for (const c of form.checks) {
      if (c.kind === "lte") {
        const a = figures[c.a];
        const b = figures[c.b];
        if (typeof a === "number" && typeof b === "number" && a > b && !errors[c.a])
          errors[c.a] = { code: "lte", other: c.b };
      } else {
        const now = figures[c.field];
        const before = last?.[c.field];
        if (typeof now !== "number" || typeof before !== "number") continue;
        const moved = changePercent(before, now);
        if (moved !== null && moved > c.percent && !explanations[c.field] && !errors[c.field])
          errors[`explain.${c.field}`] = { code: "explain", percent: c.percent };
      }
    }
  const changed = last
    ? form.fields
        .filter((f) => f.key in figures && figures[f.key] !== last[f.key])
        .map((f) => f.key)
    : [];
  return { figures, explanations, errors, changed };
}

/** The fields that need an explanation box now (a `change` check on them). */
export function explainable(form: FormDefinition): Set<string> {
  return new Set(form.checks.flatMap((c) => (c.kind === "change" ? [c.field] : [])));
}

/** Whether a definition is well-formed: unique keys, checks naming numeric fields. */
export function definitionErrors(form: FormDefinition): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  for (const f of form.fields) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(f.key)) out.push(`bad key ${f.key}`);
    if (keys.has(f.key)) out.push(`duplicate key ${f.key}`);
    keys.add(f.key);
    if (!FIELD_TYPES.includes(f.type)) out.push(`bad type ${f.key}`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) out.push(`bounds ${f.key}`);
  }
  const numeric = (k: string) => form.fields.some((f) => f.key === k && f.type !== "text");
  for (const c of form.checks) {
    if (c.kind === "lte" && (!numeric(c.a) || !numeric(c.b))) out.push(`check ${c.a} ≤ ${c.b}`);
    if (c.kind === "change" && (!numeric(c.field) || !(c.percent > 0)))
      out.push(`check change ${c.field}`);
  }
  return out;
}

/** The park's standard monthly form (the seed and the tests start from it). */
export const STANDARD_FORM: FormDefinition = {
  fields: [
    {
      key: "revenue",
      labelEn: "Operating revenue",
      labelZh: "营业收入",
      unit: "CNY 10k",
      type: "money",
      min: 0,
      required: true,
      helpEn: "Revenue of the period, in ten thousands of yuan.",
      helpZh: "本期营业收入，单位：万元。",
    },
    {
      key: "total_cost",
      labelEn: "Total cost",
      labelZh: "成本费用总额",
      unit: "CNY 10k",
      type: "money",
      min: 0,
      required: true,
    },
    {
      key: "rd_spending",
      labelEn: "R&D spending",
      labelZh: "研发费用",
      unit: "CNY 10k",
      type: "money",
      min: 0,
      required: true,
      helpEn: "As in the R&D expense ledger; at most the total cost.",
      helpZh: "以研发费用辅助账为准，不超过成本费用总额。",
    },
    {
      key: "exports",
      labelEn: "Export revenue",
      labelZh: "出口创汇",
      unit: "CNY 10k",
      type: "money",
      min: 0,
      required: false,
    },
    {
      key: "tech_contracts",
      labelEn: "Technology contract turnover",
      labelZh: "技术合同成交额",
      unit: "CNY 10k",
      type: "money",
      min: 0,
      required: false,
      helpEn: "Registered technology contracts signed in the period, as seller.",
      helpZh: "本期作为卖方登记的技术合同成交金额。",
    },
    {
      key: "staff_total",
      labelEn: "Staff at the end of the period",
      labelZh: "期末从业人员",
      unit: "people",
      type: "integer",
      min: 0,
      max: 1_000_000,
      required: true,
    },
    {
      key: "staff_rd",
      labelEn: "R&D staff",
      labelZh: "研发人员",
      unit: "people",
      type: "integer",
      min: 0,
      required: true,
    },
    {
      key: "staff_degree",
      labelEn: "Staff with a degree",
      labelZh: "大专以上学历人员",
      unit: "people",
      type: "integer",
      min: 0,
      required: true,
    },
    {
      key: "foreign_experts",
      labelEn: "Foreign experts employed",
      labelZh: "聘用外籍专家",
      unit: "people",
      type: "integer",
      min: 0,
      required: false,
    },
    {
      key: "notes",
      labelEn: "Notes",
      labelZh: "备注",
      unit: "",
      type: "text",
      required: false,
    },
  ],
  checks: [
    { kind: "lte", a: "rd_spending", b: "total_cost" },
    { kind: "lte", a: "staff_rd", b: "staff_total" },
    { kind: "lte", a: "staff_degree", b: "staff_total" },
    { kind: "lte", a: "exports", b: "revenue" },
    { kind: "change", field: "revenue", percent: 50 },
  ],
};
