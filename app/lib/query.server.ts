/**
 * Reading a loader's query string with limits (issue 11: no malformed value is a 500).
 *
 * `parseQuery(request, { ...fields })` reads the first value of each named parameter (a
 * repeated `a=1&a=2` counts as `a=1`; `a[]=` is just an unknown name), ignores every other
 * parameter, and runs the values through Zod. The `field` helpers never fail: a
 * malformed value becomes `undefined`, so the loader falls back to its default filter or its
 * first page, as a person following a stale or mangled link would expect. A field schema
 * without a fallback that fails, or a query over the limits below, is a 400 with the styled
 * error page. No value ever reaches SQL unchecked: ids are UUIDs, enums are from their list,
 * numbers are bounded integers, dates exist, text has no control characters and a length cap.
 */
import * as z from "zod";
import { decodeCursor, MAX_CURSOR_LENGTH, type Cursor } from "./cursor.server";
import { SLUG_PATTERN, UUID_PATTERN } from "./ids";
import { withoutControlChars } from "./text";

export const QUERY_LIMITS = {
  /** The whole query string, in characters as sent (percent-encoded). */
  maxQueryLength: 4096,
  /** Parameters (name=value pairs), known or not. */
  maxParams: 64,
} as const;

/** A 400 for the route's error boundary (a styled page in the reader's language). */
export function badRequest(message = "Bad request"): never {
  throw new Response(message, { status: 400, statusText: "Bad Request" });
}

/** Free text (a search box): control characters dropped, trimmed, cut to `max` characters. */
function text(max = 100) {
  return z
    .string()
    .transform((v) => {
      const clean = [...withoutControlChars(v)].slice(0, max).join("").trim();
      return clean || undefined;
    })
    .optional()
    .catch(undefined);
}

/** One of a fixed list (a status, a sort key, a tab); anything else is "not given". */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).optional().catch(undefined);
}

/** A record id: a UUID, or "not given". */
function uuid() {
  return z.string().regex(UUID_PATTERN).optional().catch(undefined);
}

/** A slug or code (a category, a tag, a type): malformed is "not given" (no filter). */
function slug() {
  return z.string().regex(SLUG_PATTERN).optional().catch(undefined);
}

/** `1` is on; anything else (absent, `0`, `true`, garbage) is off. */
function flag() {
  return z
    .string()
    .optional()
    .transform((v) => v === "1")
    .catch(false);
}

/** A whole number in [min, max] written in plain digits (a page, a count); else "not given". */
function int(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,15}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .catch(undefined);
}

/** A calendar day `YYYY-MM-DD` that exists, in years 1900-9999; else "not given". */
function day() {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "1900";
    })
    .optional()
    .catch(undefined);
}

/** A keyset cursor as text, capped; the list's domain function decodes it (`lib/cursor`). */
function cursorText() {
  return z.string().max(MAX_CURSOR_LENGTH).optional().catch(undefined);
}

/** A keyset cursor, decoded; malformed is "not given" (the first page). */
function cursor() {
  return z
    .string()
    .optional()
    .transform((v): Cursor | undefined => decodeCursor(v))
    .catch(undefined);
}

export const field = { text, oneOf, uuid, slug, flag, int, day, cursor, cursorText };

/** The first value of every parameter, after the limits; throws a 400 over them. */
export function queryValues(source: Request | URL | string): Map<string, string> {
  const url =
    source instanceof URL ? source : new URL(typeof source === "string" ? source : source.url);
  if (url.search.length > QUERY_LIMITS.maxQueryLength) badRequest("Query too long");
  const values = new Map<string, string>();
  let count = 0;
  for (const [name, value] of url.searchParams) {
    if (++count > QUERY_LIMITS.maxParams) badRequest("Too many query parameters");
    if (!values.has(name)) values.set(name, value);
  }
  return values;
}

/**
 * The loader's query, read with `shape` (use the `field` helpers). Unknown parameters are ignored;
 * a field that fails without a fallback, or a query over the limits, is a 400.
 */
export function parseQuery<S extends z.ZodRawShape>(
  source: Request | URL | string,
  shape: S,
): z.output<z.ZodObject<S>> {
  const values = queryValues(source);
  const input: Record<string, string> = {};
  for (const name of Object.keys(shape)) {
    const value = values.get(name);
    if (value !== undefined) input[name] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) badRequest();
  return result.data;
}
