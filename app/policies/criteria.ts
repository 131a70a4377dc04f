/**
 * Eligibility of a company for a policy (issue 15, ADR 0036): criteria as data over the company
 * file and its reported figures, and one pure evaluator that says matched, near miss (with what
 * is missing) or not eligible, in both languages. Unknown data is never eligible: it is said so.
 * Shared by the browser and the server: no server imports.
 */
import * as z from "zod";
import { DESIGNATION_KIND_CODES, designationLabel } from "~/companies/designations";
import { INDUSTRY_SLUGS, industryLabel } from "~/companies/schema";

type Locale = "en" | "zh-CN";

export const CRITERION_KINDS = [
  "industry",
  "years",
  "headcount",
  "revenue",
  "rd_intensity",
  "designation",
  "residency",
  "no_open_claim",
] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

const bound = z.number().finite().min(0).max(1e12).optional();

/** One criterion; a policy has each kind at most once (the editor has one control per kind). */
export const criterionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("industry"), in: z.array(z.enum(INDUSTRY_SLUGS)).min(1) }),
  /** Whole years since the registration date. */
  z.object({ kind: z.literal("years"), min: bound, max: bound }),
  /** Staff at the end of the latest accepted report. */
  z.object({ kind: z.literal("headcount"), min: bound, max: bound }),
  /** Operating revenue over the last twelve months reported, CNY 10k (annualised). */
  z.object({ kind: z.literal("revenue"), min: bound, max: bound }),
  /** R&D spending as a percentage of revenue, the same twelve months. */
  z.object({ kind: z.literal("rd_intensity"), min: z.number().finite().min(0).max(100) }),
  /** Any one of these, held and not expired today. */
  z.object({
    kind: z.literal("designation"),
    anyOf: z.array(z.enum(DESIGNATION_KIND_CODES)).min(1),
  }),
  z.object({ kind: z.literal("residency"), of: z.enum(["resident", "incubatee", "either"]) }),
  /** No live claim (submitted, more information asked, approved, paid) this year. */
  z.object({ kind: z.literal("no_open_claim") }),
]);
export type Criterion = z.infer<typeof criterionSchema>;
export const criteriaSchema = z.array(criterionSchema).max(CRITERION_KINDS.length);

/** What the evaluator knows of a company. `null` is unknown. */
export interface CompanyFacts {
  companyId: string;
  industry: string | null;
  registeredOn: string | null;
  headcount: number | null;
  /** CNY 10k over twelve months. */
  revenue: number | null;
  /** Percent. */
  rdIntensity: number | null;
  designations: readonly { kind: string; expiresOn: string | null }[];
  isResident: boolean;
  isIncubatee: boolean;
  /** Policies with a live claim of this company this year. */
  liveClaimPolicyIds: readonly string[];
}

export type CheckStatus = "met" | "missed" | "unknown";
export interface Check {
  criterion: Criterion;
  status: CheckStatus;
  /** The company's value, when one is known (a number, or a list of codes). */
  actual?: number | string | null;
}
export type Outcome = "matched" | "near" | "not";
export interface Evaluation {
  outcome: Outcome;
  checks: Check[];
  /** The checks that are not met (missed or unknown). */
  missing: Check[];
}

/** Criteria a company cannot change to qualify: missing one of them is never a near miss. */
const FIXED: readonly CriterionKind[] = ["industry", "residency", "no_open_claim"];

/** Whole years from `from` to `today` (both YYYY-MM-DD). */
export function wholeYears(from: string, today: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

function inRange(value: number, c: { min?: number; max?: number }): boolean {
  return (c.min === undefined || value >= c.min) && (c.max === undefined || value <= c.max);
}

function checkOne(c: Criterion, f: CompanyFacts, policyId: string, today: string): Check {
  switch (c.kind) {
    case "industry":
      if (!f.industry) return { criterion: c, status: "unknown" };
      return {
        criterion: c,
        status: (c.in as readonly string[]).includes(f.industry) ? "met" : "missed",
        actual: f.industry,
      };
    case "years": {
      if (!f.registeredOn) return { criterion: c, status: "unknown" };
      const years = wholeYears(f.registeredOn, today);
      return { criterion: c, status: inRange(years, c) ? "met" : "missed", actual: years };
    }
    case "headcount":
    case "revenue": {
      const value = c.kind === "headcount" ? f.headcount : f.revenue;
      if (value === null) return { criterion: c, status: "unknown" };
      return { criterion: c, status: inRange(value, c) ? "met" : "missed", actual: value };
    }
    case "rd_intensity":
      if (f.rdIntensity === null) return { criterion: c, status: "unknown" };
      return {
        criterion: c,
        status: f.rdIntensity >= c.min ? "met" : "missed",
        actual: f.rdIntensity,
      };
    case "designation": {
      const held = f.designations.filter((d) => (c.anyOf as readonly string[]).includes(d.kind));
      const valid = held.some((d) => !d.expiresOn || d.expiresOn >= today);
      const expired = held.find((d) => d.expiresOn && d.expiresOn < today);
      return {
        criterion: c,
        status: valid ? "met" : "missed",
        actual: valid ? null : (expired?.expiresOn ?? null),
      };
    }
    case "residency": {
      const ok =
        c.of === "resident"
          ? f.isResident
          : c.of === "incubatee"
            ? f.isIncubatee
            : f.isResident || f.isIncubatee;
      return { criterion: c, status: ok ? "met" : "missed" };
    }
    case "no_open_claim":
      return {
        criterion: c,
        status: f.liveClaimPolicyIds.includes(policyId) ? "missed" : "met",
      };
  }
}

/**
 * Evaluates a policy's criteria for a company on `today` (YYYY-MM-DD in Asia/Shanghai).
 * Matched: every check met. Near miss: exactly one check not met, and it is one the company
 * can change (figures, age, designations) or one whose data is unknown. Otherwise not.
 */
export function evaluate(
  criteria: readonly Criterion[],
  facts: CompanyFacts,
  policyId: string,
  today: string,
): Evaluation {
  const checks = criteria.map((c) => checkOne(c, facts, policyId, today));
  const missing = checks.filter((c) => c.status !== "met");
  let outcome: Outcome = "not";
  if (missing.length === 0) outcome = "matched";
  else if (
    missing.length === 1 &&
    (missing[0]!.status === "unknown" || !FIXED.includes(missing[0]!.criterion.kind))
  )
    outcome = "near";
  return { outcome, checks, missing };
}

// ---- Words ---------------------------------------------------------------------------------

function num(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

function range(
  c: { min?: number; max?: number },
  locale: Locale,
  unit: (n: string) => string,
): string {
  const zh = locale === "zh-CN";
  if (c.min !== undefined && c.max !== undefined)
    return zh
      ? `${unit(num(c.min, locale))}至${unit(num(c.max, locale))}`
      : `${unit(num(c.min, locale))} to ${unit(num(c.max, locale))}`;
  if (c.min !== undefined)
    return zh ? `不少于${unit(num(c.min, locale))}` : `at least ${unit(num(c.min, locale))}`;
  if (c.max !== undefined)
    return zh ? `不超过${unit(num(c.max, locale))}` : `at most ${unit(num(c.max, locale))}`;
  return zh ? "不限" : "any";
}

const UNITS = {
  years: { en: (n: string) => `${n} years`, zh: (n: string) => `${n}年` },
  headcount: { en: (n: string) => `${n} staff`, zh: (n: string) => `${n}人` },
  revenue: { en: (n: string) => `CNY ${n}0k`, zh: (n: string) => `${n}万元` },
};

function unitOf(kind: "years" | "headcount" | "revenue", locale: Locale) {
  return locale === "zh-CN" ? UNITS[kind].zh : UNITS[kind].en;
}

function list(values: readonly string[], locale: Locale): string {
  return values.join(locale === "zh-CN" ? "、" : ", ");
}

/** A criterion in words ("R&D intensity at least 3%"). */
export function describeCriterion(c: Criterion, locale: Locale): string {
  const zh = locale === "zh-CN";
  switch (c.kind) {
    case "industry":
      return zh
        ? `所属行业：${list(
            c.in.map((s) => industryLabel(s, locale)),
            locale,
          )}`
        : `Industry: ${list(
            c.in.map((s) => industryLabel(s, locale)),
            locale,
          )}`;
    case "years":
      return zh
        ? `注册年限${range(c, locale, unitOf("years", locale))}`
        : `Registered for ${range(c, locale, unitOf("years", locale))}`;
    case "headcount":
      return zh
        ? `从业人员${range(c, locale, unitOf("headcount", locale))}`
        : `Headcount ${range(c, locale, unitOf("headcount", locale))}`;
    case "revenue":
      return zh
        ? `近十二个月营业收入${range(c, locale, unitOf("revenue", locale))}`
        : `Revenue over twelve months ${range(c, locale, unitOf("revenue", locale))}`;
    case "rd_intensity":
      return zh
        ? `研发投入强度不低于${num(c.min, locale, 1)}%`
        : `R&D intensity at least ${num(c.min, locale, 1)}%`;
    case "designation":
      return zh
        ? `持有有效的${list(
            c.anyOf.map((k) => designationLabel(k, locale)),
            locale,
          )}认定`
        : `Holds a valid designation: ${list(
            c.anyOf.map((k) => designationLabel(k, locale)),
            locale,
          )}`;
    case "residency":
      return {
        resident: zh ? "入驻园区的企业" : "A resident of the park",
        incubatee: zh ? "在孵企业" : "An incubatee of the park",
        either: zh ? "入驻或在孵企业" : "A resident or incubatee of the park",
      }[c.of];
    case "no_open_claim":
      return zh ? "本年度未申领过本政策" : "No claim for this policy this year";
  }
}

/** Criteria whose values come from reported figures (confidential, ADR 0033). */
export function isFigure(kind: CriterionKind): boolean {
  return kind === "headcount" || kind === "revenue" || kind === "rd_intensity";
}

/**
 * Why a check is not met, in words ("R&D intensity 2.1%, needs at least 3%"). With
 * `showFigures` false (anyone but the company itself and statistics staff), a reported figure
 * is never quoted: only that it is outside the criterion.
 */
export function explainCheck(check: Check, locale: Locale, showFigures = true): string {
  const zh = locale === "zh-CN";
  const c = check.criterion;
  const need = describeCriterion(c, locale);
  if (check.status === "met") return need;
  if (check.status === "unknown") {
    const what = {
      industry: zh ? "企业档案中没有行业" : "The company file has no industry",
      years: zh ? "企业档案中没有注册日期" : "The company file has no registration date",
      headcount: zh ? "尚无已审核的从业人员数据" : "No accepted report gives the headcount yet",
      revenue: zh ? "尚无已审核的营业收入数据" : "No accepted report gives the revenue yet",
      rd_intensity: zh
        ? "尚无已审核的研发费用和营业收入数据"
        : "No accepted report gives R&D spending and revenue yet",
      designation: "",
      residency: "",
      no_open_claim: "",
    }[c.kind];
    return zh ? `${what}，未知即不符合（${need}）` : `${what}: unknown is not eligible (${need})`;
  }
  const a = check.actual;
  switch (c.kind) {
    case "industry":
      return zh
        ? `行业为${industryLabel(String(a), locale)}；要求${list(
            c.in.map((s) => industryLabel(s, locale)),
            locale,
          )}`
        : `Industry is ${industryLabel(String(a), locale)}; needs ${list(
            c.in.map((s) => industryLabel(s, locale)),
            locale,
          )}`;
    case "years":
      return zh
        ? `注册${num(Number(a), locale)}年，要求${range(c, locale, unitOf("years", locale))}`
        : `Registered ${num(Number(a), locale)} years ago, needs ${range(c, locale, unitOf("years", locale))}`;
    case "headcount":
    case "revenue": {
      const unit = unitOf(c.kind, locale);
      const label =
        c.kind === "headcount" ? (zh ? "从业人员" : "Headcount") : zh ? "营业收入" : "Revenue";
      const value = showFigures
        ? unit(num(Number(a), locale))
        : zh
          ? "不在范围内"
          : "outside the range";
      return zh
        ? `${label}${value}，要求${range(c, locale, unit)}`
        : `${label} ${value}, needs ${range(c, locale, unit)}`;
    }
    case "rd_intensity":
      if (!showFigures)
        return zh
          ? `研发投入强度低于${num(c.min, locale, 1)}%`
          : `R&D intensity below ${num(c.min, locale, 1)}%`;
      return zh
        ? `研发投入强度${num(Number(a), locale, 1)}%，要求不低于${num(c.min, locale, 1)}%`
        : `R&D intensity ${num(Number(a), locale, 1)}%, needs ${num(c.min, locale, 1)}%`;
    case "designation":
      return a
        ? zh
          ? `认定已于${a}到期；要求${list(
              c.anyOf.map((k) => designationLabel(k, locale)),
              locale,
            )}`
          : `The designation expired on ${a}; needs ${list(
              c.anyOf.map((k) => designationLabel(k, locale)),
              locale,
            )}`
        : zh
          ? `未持有${list(
              c.anyOf.map((k) => designationLabel(k, locale)),
              locale,
            )}`
          : `Holds no ${list(
              c.anyOf.map((k) => designationLabel(k, locale)),
              locale,
            )}`;
    case "residency":
      return zh ? `不符合：${need}` : `Not met: ${need.charAt(0).toLowerCase()}${need.slice(1)}`;
    case "no_open_claim":
      return zh ? "本年度已申领本政策" : "Already claimed this year";
  }
}

// ---- The application window, in Asia/Shanghai ----------------------------------------------

export type WindowState = "upcoming" | "open" | "closed";

/** The window's state on `today` (YYYY-MM-DD in Asia/Shanghai); both ends inclusive. */
export function windowState(
  opensOn: string | null | undefined,
  deadline: string | null | undefined,
  today: string,
): WindowState {
  if (opensOn && today < opensOn) return "upcoming";
  if (deadline && today > deadline) return "closed";
  return "open";
}

/** Today in Asia/Shanghai (YYYY-MM-DD), from an instant. */
export function shanghaiDay(now: Date): string {
  const p = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
