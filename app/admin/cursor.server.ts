/**
 * Keyset cursors for lists ordered by (created_at DESC, id DESC). The timestamp travels as
 * text with microseconds (PostgreSQL keeps microseconds, a JS Date only milliseconds), so a
 * page boundary between rows created in the same millisecond loses or repeats nothing.
 */
export interface Cursor {
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** Undefined for anything that is not a cursor we made (then the list starts at the top). */
export function decodeCursor(value: string | undefined | null): Cursor | undefined {
  if (!value || value.length > 200) return undefined;
  const [at, id, ...rest] = Buffer.from(value, "base64url").toString().split("|");
  if (rest.length || !at || !id || !AT.test(at) || !ID.test(id)) return undefined;
  return { at, id };
}
