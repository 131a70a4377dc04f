/**
 * Canned replies and macros (issue 17, ADR 0039), the parts the browser and the server share:
 * the form's schema and the variables a snippet may hold. Pure, no server imports.
 */
import * as z from "zod";
import { multilineText, text as textField } from "~/lib/text";
import { PRIORITIES, STATES } from "./workflow";

/** Variables of a snippet, written `{{name}}`; anything else in braces stays as typed. */
export const SNIPPET_VARIABLES = ["requester", "reference", "due", "staff"] as const;
export type SnippetVariable = (typeof SNIPPET_VARIABLES)[number];
export type SnippetValues = Record<SnippetVariable, string>;

const VARIABLE = /\{\{\s*(requester|reference|due|staff)\s*\}\}/g;

/** The snippet's text with its variables filled in (one pass: a value is never read again). */
export function renderSnippet(body: string, values: SnippetValues): string {
  return body.replace(VARIABLE, (_, name: SnippetVariable) => values[name]);
}

/** Variables written in a text that are not known (`{{nmae}}`), to warn whoever saves it. */
export function unknownVariables(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(/\{\{\s*([^{}\s]{1,40})\s*\}\}/g))
    if (!(SNIPPET_VARIABLES as readonly string[]).includes(m[1]!)) out.add(m[1]!);
  return [...out];
}

const body = multilineText(5000, { tooLong: "snippets:errors.tooLong" }).optional();

export const snippetSchema = z
  .object({
    intent: z.literal("save").default("save"),
    title: textField(120, {
      min: 1,
      required: "snippets:errors.title",
      tooLong: "snippets:errors.tooLong",
    }),
    bodyEn: body,
    bodyZh: body,
    shared: z.enum(["yes", "no"]).default("no"),
    setState: z.enum(STATES).optional(),
    setPriority: z.enum(PRIORITIES).optional(),
    setTeamId: z.string().max(40).optional(),
    setAssigneeId: z.string().max(40).optional(),
    version: z.coerce.number().int().optional(),
  })
  .refine((v) => !!(v.bodyEn || v.bodyZh), { error: "snippets:errors.body", path: ["bodyEn"] })
  .refine((v) => unknownVariables(`${v.bodyEn ?? ""}\n${v.bodyZh ?? ""}`).length === 0, {
    error: "snippets:errors.variable",
    path: ["bodyEn"],
  });

export type SnippetInput = z.infer<typeof snippetSchema>;

/** Read limits of the snippet form (two bodies of 5,000 characters, 3 bytes each in Chinese). */
export const SNIPPET_FORM_LIMITS = { maxValueBytes: 32 * 1024, maxTextBytes: 64 * 1024 };
