import { describe, expect, it } from "vitest";
import { isRequestRef, isSlug, isUuid, uuidSchema } from "./ids";

describe("record ids", () => {
  it("accepts canonical UUIDs in either case", () => {
    expect(isUuid("3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b")).toBe(true);
    expect(isUuid("3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B")).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(uuidSchema().safeParse("3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b").success).toBe(true);
  });

  it("refuses everything PostgreSQL would choke on or that we never hand out", () => {
    for (const v of [
      "-".repeat(36), // passed the old /^[0-9a-f-]{36}$/ checks, then failed in PostgreSQL
      "f".repeat(36),
      "3f2b8c1e9a4d4e6f8b7a1c2d3e4f5a6b",
      "{3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b}",
      "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6g",
      "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b\n",
      " 3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
      "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b\u0000",
      "",
      undefined,
      null,
      42,
      ["3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"],
    ]) {
      expect(isUuid(v), String(v)).toBe(false);
      expect(uuidSchema("x").safeParse(v).success).toBe(false);
    }
  });

  it("knows request references and slugs", () => {
    expect(isRequestRef("SR-2026-000123")).toBe(true);
    expect(isRequestRef("SR-2026-123")).toBe(false);
    expect(isRequestRef(`SR-2026-${"9".repeat(30)}`)).toBe(false);
    expect(isRequestRef("sr-2026-000123")).toBe(false);
    expect(isSlug("zizhu-ranks-11th")).toBe(true);
    for (const v of ["", "-a", "A", "a\u0000b", "a".repeat(101), "你好", "a/b", "a b"])
      expect(isSlug(v), v).toBe(false);
  });
});
