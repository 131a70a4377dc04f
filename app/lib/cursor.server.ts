/**
 * The one keyset-cursor codec (issue 12): every list that pages by "(sort key, id) after the
 * last row" hands out and reads its `after`/`cursor` query value here.
 *
 * The timestamp travels as text with microseconds, made by PostgreSQL itself (`cursorAt`):
 * PostgreSQL keeps microseconds and a JS `Date` only milliseconds, so a cursor built from a
 * `Date` would skip or repeat rows created within the same millisecond at a page boundary.
 * Decoding is strict: anything that is not a cursor we made (bad base64, a date that does not
 * exist, a wrong type, an id that is no UUID, an out-of-range rank) is `undefined`, and the list
 * starts at its first page. Nothing malformed ever reaches SQL.
 */
import { sql, type RawBuilder } from "kysely";
import { isUuid } from "./ids";

export interface Cursor {
  /** The row's timestamp, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds). */
  at: string;
  /** The row's id: the tie-breaker. */
  id: string;
  /** A small integer sort key before the timestamp (the queue's priority), if the list has one. */
  rank?: number;
}

/** The longest value `decodeCursor` looks at; ours are ~90 characters. */
export const MAX_CURSOR_LENGTH = 200;

const AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
const RANK = /^(0|[1-9]\d{0,4})$/;

/**
 * A timestamp column as cursor text, exactly as `decodeCursor` accepts it (microseconds, UTC):
 * select it beside the row and pass it to `encodeCursor`.
 */
export function cursorAt(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** True for a cursor timestamp of a day that exists, in years 1 to 9999 (what PostgreSQL takes). */
export function isCursorTimestamp(value: string): boolean {
  const m = AT.exec(value);
  if (!m) return false;
  if (Number(m[1]) < 1) return false;
  // The calendar check: a Date normalises 2026-02-30 to March; ours must come back unchanged.
  const ms = `${value.slice(0, 23)}Z`;
  const date = new Date(ms);
  return !Number.isNaN(date.getTime()) && date.toISOString() === ms;
}

export function encodeCursor(cursor: Cursor): string {
  const parts = [cursor.at, cursor.id];
  if (cursor.rank !== undefined) parts.push(String(cursor.rank));
  return Buffer.from(parts.join("|")).toString("base64url");
}

/** The cursor, or undefined for anything that is not a cursor we made (then: the first page). */
export function decodeCursor(value: unknown): Cursor | undefined {
  if (typeof value !== "string" || !value || value.length > MAX_CURSOR_LENGTH) return undefined;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return undefined;
  const [at, id, rank, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length || !at || !isCursorTimestamp(at) || !isUuid(id)) return undefined;
  if (rank === undefined) return { at, id };
  if (!RANK.test(rank) || Number(rank) > 32767) return undefined;
  return { at, id, rank: Number(rank) };
}

/**
 * The rows after `cursor` in a newest-first list keyed by (timestamp column, id column):
 * `(at, id) < (cursor.at, cursor.id)`.
 */
export function olderThan(atColumn: string, idColumn: string, cursor: Cursor): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * One page of a keyset list read with `limit + 1` rows (each with its `cursor_at`): the first
 * `limit` rows without their cursor text, and the next page's cursor when there is more.
 */
export function keysetPage<R extends { id: string; cursor_at: string }>(
  rows: R[],
  limit: number,
): { items: Omit<R, "cursor_at">[]; nextCursor: string | undefined } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursor_at: _at, ...item }) => item),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : undefined,
  };
}
