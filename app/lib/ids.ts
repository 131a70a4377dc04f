/**
 * Record ids: the one place that says what a UUID and a service-request reference look like.
 * Every route param, query value and form field that names a record is checked here before it
 * reaches SQL, so that a malformed id is "not found" (404) or "no filter", never a database
 * error (500). Shared by the browser (form schemas) and the server.
 */
import * as z from "zod";

/**
 * A UUID in its canonical text form (8-4-4-4-12 hex digits, either case), which is what
 * PostgreSQL's `uuid` type accepts and what `gen_random_uuid()` makes. Stricter than
 * PostgreSQL (no braces, no missing hyphens): ids we hand out always look like this.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && value.length === 36 && UUID_PATTERN.test(value);
}

/** A Zod schema for a UUID field; `error` is the message (an i18n key in form schemas). */
export function uuidSchema(error?: string) {
  return z.string(error ? { error } : undefined).regex(UUID_PATTERN, error ? { error } : undefined);
}

/** A service request's reference as shown to people: `SR-2026-000123` (year, then 6+ digits). */
export const REQUEST_REF_PATTERN = /^SR-\d{4}-\d{6,18}$/;

/** At most 18 digits after the year, so the number always fits a bigint. */
export function isRequestRef(value: unknown): value is string {
  return typeof value === "string" && value.length <= 30 && REQUEST_REF_PATTERN.test(value);
}

/**
 * What could be a slug or a code in a URL (a news article, a category or tag, an incubation call,
 * a service type): lower-case letters, digits and hyphens, at most 100. Checked before the
 * lookup, so that NUL bytes and 10 KB path segments are a plain 404.
 */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function isSlug(value: unknown): value is string {
  return typeof value === "string" && SLUG_PATTERN.test(value);
}
