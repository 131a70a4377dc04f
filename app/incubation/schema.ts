/**
 * Incubation form schemas, shared by the browser (Conform) and the actions. Messages are i18n
 * keys. The call's questions, documents and rubric are edited as rows of a fixed-size table
 * (works without JavaScript); rows left blank are ignored.
 */
import * as z from "zod";
import { uuidSchema } from "~/lib/ids";
import { multilineText, text as textField } from "~/lib/text";
import type { Criterion } from "./scoring";
import { parseParkLocalInput } from "~/lib/format";
import { OUTCOMES } from "./workflow";

export interface Question {
  key: string;
  step: 1 | 2 | 3 | 4;
  labelEn: string;
  labelZh: string;
  required: boolean;
  maxLength: number;
  /** How it is answered: free text (the default) or a choice of headcount ranges (issue 18). */
  kind?: QuestionKind;
}

export const QUESTION_KINDS = ["text", "headcount"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** "How many people work for the company?": a range, not a free-text number. */
export const HEADCOUNT_RANGES = ["1-9", "10-49", "50-199", "200-999", "1000+"] as const;
export type HeadcountRange = (typeof HEADCOUNT_RANGES)[number];
export const headcountSchema = z.enum(HEADCOUNT_RANGES, { error: "incubation:errors.headcount" });

export function isHeadcountRange(value: unknown): value is HeadcountRange {
  return headcountSchema.safeParse(value).success;
}

export interface DocumentSpec {
  key: string;
  labelEn: string;
  labelZh: string;
  required: boolean;
}

export type { Criterion };

export const MAX_QUESTION_ROWS = 16;
export const MAX_DOCUMENT_ROWS = 6;
export const MAX_CRITERION_ROWS = 8;

const opt = textField(2000).optional();
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

const questionRow = z.object({
  key: opt,
  step: opt,
  labelEn: opt,
  labelZh: opt,
  required: opt,
  maxLength: opt,
  kind: opt,
});
const documentRow = z.object({ key: opt, labelEn: opt, labelZh: opt, required: opt });
const criterionRow = z.object({ key: opt, labelEn: opt, labelZh: opt, weight: opt, max: opt });

const text = (max: number, key: string, multiline = false) =>
  textField(max, {
    min: 1,
    multiline,
    required: `incubation:errors.${key}`,
    tooLong: "incubation:errors.tooLong",
  });
const longText = (max: number) =>
  multilineText(max, { tooLong: "incubation:errors.tooLong" }).optional();

export const slug = z
  .string({ error: "incubation:errors.slug" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "incubation:errors.slug" });

export const programmeSchema = z.object({
  intent: z.literal("programme"),
  slug,
  nameEn: text(120, "required"),
  nameZh: text(120, "required"),
  summaryEn: longText(2000),
  summaryZh: longText(2000),
});

const blank = (row: Record<string, string | undefined>) => !row.labelEn && !row.labelZh;

function newKey(prefix: string, used: Set<string>): string {
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export const callSchema = z
  .object({
    programmeId: uuidSchema("incubation:errors.required"),
    slug,
    titleEn: text(160, "required"),
    titleZh: text(160, "required"),
    opensAt: z
      .string({ error: "incubation:errors.dateTime" })
      .refine((v) => !!parseParkLocalInput(v), { error: "incubation:errors.dateTime" }),
    closesAt: z
      .string({ error: "incubation:errors.dateTime" })
      .refine((v) => !!parseParkLocalInput(v), { error: "incubation:errors.dateTime" }),
    places: z
      .string({ error: "incubation:errors.places" })
      .regex(/^\d{1,4}$/, { error: "incubation:errors.places" }),
    eligibilityEn: longText(4000),
    eligibilityZh: longText(4000),
    questions: z.array(questionRow).max(MAX_QUESTION_ROWS).optional(),
    documents: z.array(documentRow).max(MAX_DOCUMENT_ROWS).optional(),
    rubric: z.array(criterionRow).max(MAX_CRITERION_ROWS).optional(),
  })
  .superRefine((v, ctx) => {
    const o = parseParkLocalInput(v.opensAt ?? "");
    const c = parseParkLocalInput(v.closesAt ?? "");
    if (o && c && c <= o)
      ctx.addIssue({
        code: "custom",
        path: ["closesAt"],
        message: "incubation:errors.closeBeforeOpen",
      });
    if (Number(v.places) < 1)
      ctx.addIssue({ code: "custom", path: ["places"], message: "incubation:errors.places" });
    const rowCheck = (
      list: "questions" | "documents" | "rubric",
      rows: Record<string, string | undefined>[] | undefined,
    ) => {
      (rows ?? []).forEach((row, i) => {
        if (blank(row)) return;
        if (!row.labelEn)
          ctx.addIssue({
            code: "custom",
            path: [list, i, "labelEn"],
            message: "incubation:errors.required",
          });
        if (!row.labelZh)
          ctx.addIssue({
            code: "custom",
            path: [list, i, "labelZh"],
            message: "incubation:errors.required",
          });
        if (row.key && !KEY.test(row.key))
          ctx.addIssue({
            code: "custom",
            path: [list, i, "key"],
            message: "incubation:errors.key",
          });
        if (list === "questions" && !["1", "2", "3", "4"].includes(row.step ?? ""))
          ctx.addIssue({
            code: "custom",
            path: [list, i, "step"],
            message: "incubation:errors.step",
          });
        if (list === "rubric") {
          if (!/^\d{1,2}$/.test(row.weight ?? "") || Number(row.weight) < 1)
            ctx.addIssue({
              code: "custom",
              path: [list, i, "weight"],
              message: "incubation:errors.weight",
            });
          if (!/^\d{1,2}$/.test(row.max ?? "") || Number(row.max) < 2 || Number(row.max) > 10)
            ctx.addIssue({
              code: "custom",
              path: [list, i, "max"],
              message: "incubation:errors.scale",
            });
        }
      });
    };
    rowCheck("questions", v.questions);
    rowCheck("documents", v.documents);
    rowCheck("rubric", v.rubric);
    if (!(v.rubric ?? []).some((r) => !blank(r)))
      ctx.addIssue({ code: "custom", path: ["rubric"], message: "incubation:errors.rubricEmpty" });
    if (!(v.questions ?? []).some((r) => !blank(r)))
      ctx.addIssue({
        code: "custom",
        path: ["questions"],
        message: "incubation:errors.questionsEmpty",
      });
  })
  .transform((v) => {
    const used = new Set<string>();
    const keyed = <T extends { key?: string }>(rows: T[] | undefined, prefix: string) =>
      (rows ?? [])
        .filter((r) => !blank(r as Record<string, string | undefined>))
        .map((r) => {
          const key = r.key && KEY.test(r.key) && !used.has(r.key) ? r.key : newKey(prefix, used);
          used.add(key);
          return { ...r, key };
        });
    const questions: Question[] = keyed(v.questions, "q").map((r) => ({
      key: r.key,
      step: Number(r.step) as Question["step"],
      labelEn: r.labelEn!,
      labelZh: r.labelZh!,
      required: r.required === "on" || r.required === "true",
      maxLength: Math.min(Math.max(Number(r.maxLength) || 2000, 50), 8000),
      ...(r.kind === "headcount" ? { kind: "headcount" as const } : {}),
    }));
    const documents: DocumentSpec[] = keyed(v.documents, "d").map((r) => ({
      key: r.key,
      labelEn: r.labelEn!,
      labelZh: r.labelZh!,
      required: r.required === "on" || r.required === "true",
    }));
    const rubric: Criterion[] = keyed(v.rubric, "c").map((r) => ({
      key: r.key,
      labelEn: r.labelEn!,
      labelZh: r.labelZh!,
      weight: Number(r.weight),
      max: Number(r.max),
    }));
    return {
      programmeId: v.programmeId,
      slug: v.slug,
      titleEn: v.titleEn,
      titleZh: v.titleZh,
      opensAt: parseParkLocalInput(v.opensAt)!,
      closesAt: parseParkLocalInput(v.closesAt)!,
      places: Number(v.places),
      eligibilityEn: v.eligibilityEn ?? "",
      eligibilityZh: v.eligibilityZh ?? "",
      questions,
      documents,
      rubric,
    };
  });
export type CallInput = z.output<typeof callSchema>;

export const requestInfoSchema = z.object({
  intent: z.literal("request_info"),
  message: text(4000, "messageRequired", true),
});

export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: text(4000, "messageRequired", true),
});

const day = z
  .string({ error: "incubation:errors.day" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "incubation:errors.day")
  .refine((v) => !Number.isNaN(Date.parse(v)), "incubation:errors.day");

export const decisionSchema = z
  .object({
    intent: z.literal("decision"),
    outcome: z.enum(OUTCOMES, { error: "incubation:errors.outcome" }),
    letter: text(10000, "letterRequired", true),
    // The offer's terms (issue 16): used when the outcome is an acceptance.
    conditions: longText(4000).default(""),
    space: longText(500).default(""),
    replyBy: day,
    startDate: day,
    plannedEndDate: day,
  })
  .refine((v) => v.plannedEndDate > v.startDate, {
    path: ["plannedEndDate"],
    message: "incubation:errors.endBeforeStart",
  });

export const conflictSchema = z.object({
  intent: z.literal("conflict"),
  reason: text(1000, "reasonRequired", true),
});

/** A programme's milestone (ADR 0040): due so many days after the start, or on a fixed day. */
export const milestoneTemplateSchema = z
  .object({
    titleEn: textField(200),
    titleZh: textField(200),
    dueDays: z
      .number({ error: "incubation:programme.errors.due" })
      .int({ error: "incubation:programme.errors.due" })
      .min(0, { error: "incubation:programme.errors.due" })
      .max(3650, { error: "incubation:programme.errors.due" })
      .optional(),
    dueOn: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "incubation:programme.errors.due" })
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
        error: "incubation:programme.errors.due",
      })
      .optional(),
    evidenceRequired: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.dueDays === undefined) === (v.dueOn === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["dueDays"],
        message: "incubation:programme.errors.due",
      });
  });
export type MilestoneTemplateForm = z.infer<typeof milestoneTemplateSchema>;
