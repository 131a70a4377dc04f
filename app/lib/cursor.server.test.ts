import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { cursorAt, decodeCursor, encodeCursor, isCursorTimestamp } from "./cursor.server";

const ID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("the keyset cursor codec", () => {
  it("round-trips a cursor exactly, microseconds and rank included", () => {
    for (const c of [
      { at: "2026-12-04T19:26:31.123456Z", id: ID },
      { at: "2026-12-04T19:26:31.000001Z", id: ID.toUpperCase() },
      { at: "9999-12-31T00:00:00.000000Z", id: ID, rank: 4 },
      { at: "0001-01-01T00:00:00.000000Z", id: ID, rank: 0 },
    ])
      expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it("refuses anything it did not make: the list starts at its first page", () => {
    const bad: unknown[] = [
      undefined,
      null,
      "",
      42,
      ["a"],
      "not-a-cursor",
      "%%%",
      "x".repeat(500),
      b64(`2026-02-30T10:00:00.000000Z|${ID}`), // no such day
      b64(`9999-99-99T99:99:99.000000Z|${ID}`),
      b64(`0000-01-01T00:00:00.000000Z|${ID}`), // no year 0 in PostgreSQL
      b64(`+275760-09-13T00:00:00.000000Z|${ID}`), // a JS Date, not a PostgreSQL timestamp
      b64(`2026-01-01T24:00:00.000000Z|${ID}`),
      b64(`2026-01-01T00:00:00.000Z|${ID}`), // milliseconds only: the old news cursor
      b64(`2026-01-01T00:00:00.000000Z|not-a-uuid`),
      b64(`2026-01-01T00:00:00.000000Z|${"-".repeat(36)}`),
      b64(`2026-01-01T00:00:00.000000Z|${ID}|99999`), // over smallint
      b64(`2026-01-01T00:00:00.000000Z|${ID}|-1`),
      b64(`2026-01-01T00:00:00.000000Z|${ID}|01`),
      b64(`2026-01-01T00:00:00.000000Z|${ID}|1|2`),
      b64(JSON.stringify({ k: "99999999", id: ID })), // the old queue cursor
      b64("\u0000|\u0000"),
    ];
    for (const value of bad) expect(decodeCursor(value), String(value)).toBeUndefined();
  });

  it("checks calendar days", () => {
    expect(isCursorTimestamp("2024-02-29T00:00:00.000000Z")).toBe(true);
    expect(isCursorTimestamp("2026-02-29T00:00:00.000000Z")).toBe(false);
    expect(isCursorTimestamp("2026-04-31T00:00:00.000000Z")).toBe(false);
    expect(isCursorTimestamp("2026-01-01T23:59:60.000000Z")).toBe(false);
  });
});

describe("cursor timestamps from the database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keep microseconds, and compare equal to the row's value after the round trip", async () => {
    const values = [
      "2026-12-04 19:26:31.123456+00",
      "2026-12-04 19:26:31.000001+08",
      "2026-12-04 19:26:31+00",
      "9999-12-31 00:00:00+00",
    ];
    for (const v of values) {
      const { rows } = await sql<{ at: string }>`
        SELECT ${cursorAt("x.at")} AS at FROM (SELECT ${v}::timestamptz AS at) AS x`.execute(t.db);
      const at = rows[0]!.at;
      const decoded = decodeCursor(encodeCursor({ at, id: ID }));
      expect(decoded?.at).toBe(at);
      const { rows: same } = await sql<{ same: boolean }>`
        SELECT ${decoded!.at}::timestamptz = ${v}::timestamptz AS same`.execute(t.db);
      expect(same[0]!.same, `${v} -> ${at}`).toBe(true);
    }
  });
});
