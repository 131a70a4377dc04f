/**
 * The desk's rules (issue 17, ADR 0050), the parts the browser and the server share: the
 * events, the form's schema and the pure check of a rule's conditions. No server imports.
 */
import * as z from "zod";
import { text as textField } from "~/lib/text";
import { PRIORITIES, STATES } from "./workflow";

export const RULE_EVENTS = ["created", "changed", "breach_near", "breached", "waiting"] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

/** The fields whose change a `changed` rule may wait for. */
export const RULE_FIELDS = ["state", "priority", "team", "assignee"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** How deep a chain of rules reacting to rules' changes may go (the event itself is depth 0). */
export const MAX_RULE_DEPTH = 3;

const optionalId = z
  .string()
  .max(40)
  .optional()
  .transform((v) => v || undefined);

export const ruleSchema = z
  .object({
    intent: z.literal("save").default("save"),
    name: textField(120, {
      min: 1,
      required: "rules:errors.name",
      tooLong: "rules:errors.tooLong",
    }),
    event: z.enum(RULE_EVENTS, { error: "rules:errors.event" }),
    changedField: z.enum(RULE_FIELDS).optional(),
    waitHours: z.coerce
      .number({ error: "rules:errors.waitHours" })
      .int({ error: "rules:errors.waitHours" })
      .min(1, { error: "rules:errors.waitHours" })
      .max(2160, { error: "rules:errors.waitHours" })
      .optional(),
    condTypeId: optionalId,
    condCategoryId: optionalId,
    condCompanyId: optionalId,
    condPriority: z.enum(PRIORITIES).optional(),
    condState: z.enum(STATES).optional(),
    condSubject: textField(200, { tooLong: "rules:errors.tooLong" }).optional(),
    condFieldKey: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,40}$/, { error: "rules:errors.fieldKey" })
      .optional(),
    condFieldValue: textField(200, { tooLong: "rules:errors.tooLong" }).optional(),
    setTeamId: optionalId,
    setAssigneeId: optionalId,
    setPriority: z.enum(PRIORITIES).optional(),
    addTag: z
      .string()
      .trim()
      .regex(/^[^\s,]{1,40}$/u, { error: "rules:errors.tag" })
      .optional(),
    notifyUserId: optionalId,
    macroId: optionalId,
    enabled: z.enum(["yes", "no"]).default("yes"),
    version: z.coerce.number().int().optional(),
  })
  .refine((v) => v.event !== "waiting" || v.waitHours !== undefined, {
    error: "rules:errors.waitHours",
    path: ["waitHours"],
  })
  .refine((v) => !v.condFieldKey === !v.condFieldValue, {
    error: "rules:errors.fieldPair",
    path: ["condFieldValue"],
  })
  .refine(
    (v) =>
      !!(
        v.setTeamId ||
        v.setAssigneeId ||
        v.setPriority ||
        v.addTag ||
        v.notifyUserId ||
        v.macroId
      ),
    { error: "rules:errors.action", path: ["setTeamId"] },
  );

export type RuleInput = z.infer<typeof ruleSchema>;

/** A rule's conditions as stored (NULL: any). */
export interface RuleConditions {
  event: string;
  changed_field: string | null;
  cond_type_id: string | null;
  cond_category_id: string | null;
  cond_company_id: string | null;
  cond_priority: string | null;
  cond_state: string | null;
  cond_subject: string | null;
  cond_field_key: string | null;
  cond_field_value: string | null;
}

/** What a rule's conditions are checked against: the request as it is when the rule runs. */
export interface RuleSubject {
  type_id: string;
  category_id: string;
  company_id: string;
  priority: string;
  state: string;
  subject: string;
  field_values: Record<string, string>;
}

/**
 * Text as a "contains" condition compares it: compatibility-normalised (full-width Latin and
 * digits, as Chinese input methods type them, read as ASCII), lower case, runs of spaces as one.
 */
export function foldText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * Whether a rule applies to a request for an event: every condition set must hold (a field's
 * value compared without case or surrounding spaces; the subject must contain the text, see
 * `foldText`; the state is the request's state when the rule runs); a `changed` rule with a
 * field applies only when that field is among the changed ones.
 */
export function ruleMatches(
  rule: RuleConditions,
  request: RuleSubject,
  event: RuleEvent,
  changed: readonly string[] = [],
): boolean {
  if (rule.event !== event) return false;
  if (event === "changed" && rule.changed_field && !changed.includes(rule.changed_field))
    return false;
  if (rule.cond_type_id && rule.cond_type_id !== request.type_id) return false;
  if (rule.cond_category_id && rule.cond_category_id !== request.category_id) return false;
  if (rule.cond_company_id && rule.cond_company_id !== request.company_id) return false;
  if (rule.cond_priority && rule.cond_priority !== request.priority) return false;
  if (rule.cond_state && rule.cond_state !== request.state) return false;
  if (rule.cond_subject && !foldText(request.subject).includes(foldText(rule.cond_subject)))
    return false;
  if (rule.cond_field_key) {
    const value = request.field_values[rule.cond_field_key];
    const norm = (s: string) => s.trim().toLowerCase();
    if (value === undefined || norm(value) !== norm(rule.cond_field_value ?? "")) return false;
  }
  return true;
}

/** Read limits of the rule form (short values only). */
export const RULE_FORM_LIMITS = { maxValueBytes: 4 * 1024, maxTextBytes: 16 * 1024 };

type Named = { id: string; name_en: string; name_zh: string };

/** What the rule form offers and what a rule's summary names. */
export interface RuleOptions {
  types: Named[];
  categories: Named[];
  companies: Named[];
  teams: Named[];
  staff: { id: string; name: string }[];
  macros: { id: string; title: string }[];
}
