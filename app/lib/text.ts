import * as z from "zod";

/**
 * Control characters in text that people send (query values, search boxes). PostgreSQL refuses
 * NUL in text outright (a 500 if it gets that far), and the others have no place in a search.
 * Tab, line feed and carriage return are kept. Shared by the browser and the server.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function withoutControlChars(value: string): string {
  return value.replace(CONTROL, "");
}

export function hasControlChars(value: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(value);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * Text fields shared by the browser (Conform) and the actions: one rule for control characters
 * and length, so no field stores a NUL (which PostgreSQL refuses) or cuts what was typed.
 * Messages are i18n keys (common:form.*), translated where they are shown.
 */

/** C0 and C1 controls and DEL, except tab, line feed and carriage return. */
const CONTROL_KEEP_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** The same plus tab, line feed and carriage return: for single-line fields. */
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;

export const CONTROL_CHARS_ERROR = "common:form.controlChars";
export const TOO_LONG_ERROR = "common:form.tooLong";
export const REQUIRED_ERROR = "common:form.requiredField";

/** Whether a value holds a character no text field accepts (tab and line breaks only in multiline). */
export function hasForbiddenChars(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_KEEP_BREAKS : CONTROL_OR_BREAK).test(value);
}

export interface TextOptions {
  /** At least this many characters (after trimming); an empty value is then "required". */
  min?: number;
  /** Tab and line breaks allowed (a textarea). */
  multiline?: boolean;
  /** The message when missing or shorter than `min`. */
  required?: string;
  /** The message when longer than `max`. */
  tooLong?: string;
  /** Keep leading and trailing spaces (passwords). */
  noTrim?: boolean;
}

/**
 * A text field: trimmed, no control characters, at most `max` characters. Over-long input is a
 * field error (the form keeps it), never a silent cut.
 */
export function text(max: number, options: TextOptions = {}) {
  const required = options.required ?? REQUIRED_ERROR;
  let schema = z.string({ error: required });
  if (!options.noTrim) schema = schema.trim();
  schema = schema.refine((v) => !hasForbiddenChars(v, options.multiline), {
    error: CONTROL_CHARS_ERROR,
    abort: true,
  });
  if (options.min) schema = schema.min(options.min, { error: required });
  return schema.max(max, { error: options.tooLong ?? TOO_LONG_ERROR });
}

/** A textarea: `text` with tab and line breaks allowed. */
export function multilineText(max: number, options: Omit<TextOptions, "multiline"> = {}) {
  return text(max, { ...options, multiline: true });
}

/**
 * The error of a free-text value checked outside a Zod schema (dynamic fields such as the
 * questions of a call or the fields of a service type), or null when it is fine.
 */
export function textError(
  value: string,
  max: number,
  options: { multiline?: boolean; tooLong?: string } = {},
): string | null {
  if (hasForbiddenChars(value, options.multiline)) return CONTROL_CHARS_ERROR;
  if (value.length > max) return options.tooLong ?? TOO_LONG_ERROR;
  return null;
}
