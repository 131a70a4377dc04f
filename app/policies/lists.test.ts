import { describe, expect, it } from "vitest";
import { listHref, pageList, resolveSelection, searchByName } from "./lists";

const rows = Array.from({ length: 120 }, (_, i) => ({
  companyId: `c${String(i).padStart(3, "0")}`,
  nameEn: i % 10 === 0 ? `Optics ${i}` : `Company ${i}`,
  nameZh: i % 10 === 0 ? `光学${i}` : `企业${i}`,
}));

describe("long policy lists (ADR 0058)", () => {
  it("pages 50 at a time with a count; a page past the end shows the last", () => {
    const first = pageList(rows, {});
    expect(first).toMatchObject({ matched: 120, total: 120, page: 1, pages: 3, q: "" });
    expect(first.rows).toHaveLength(50);
    const last = pageList(rows, { page: 99 });
    expect(last.page).toBe(3);
    expect(last.rows.map((r) => r.companyId)).toEqual(rows.slice(100).map((r) => r.companyId));
    expect(pageList([], {})).toMatchObject({ rows: [], matched: 0, page: 1, pages: 1 });
  });

  it("searches by either name, case aside", () => {
    expect(searchByName(rows, " OPTICS ")).toHaveLength(12);
    expect(searchByName(rows, "光学")).toHaveLength(12);
    const found = pageList(rows, { q: "optics 1" });
    expect(found.rows.map((r) => r.nameEn)).toEqual(["Optics 10", "Optics 100", "Optics 110"]);
    expect(found).toMatchObject({ matched: 3, total: 120, pages: 1, q: "optics 1" });
  });

  it("resolves a bulk award's choice to what will be granted, across pages", () => {
    // Ticked ids: only those still candidates count.
    const ticked = resolveSelection(rows, { all: false, ids: ["c001", "c119", "gone"] }, 500);
    expect(ticked).toMatchObject({ count: 2, wanted: 2, capped: false });
    // Every company of the searched list, on every page.
    const all = resolveSelection(rows, { all: true, q: "optics" }, 500);
    expect(all.count).toBe(12);
    expect(resolveSelection(rows, { all: true }, 500).count).toBe(120);
    // Bounded by one grant's limit, and said so.
    const capped = resolveSelection(rows, { all: true }, 100);
    expect(capped).toMatchObject({ count: 100, wanted: 120, capped: true });
  });

  it("writes a page's address with defaults left out", () => {
    expect(listHref("/x", "", 1)).toBe("/x");
    expect(listHref("/x", "a b", 2)).toBe("/x?q=a+b&page=2");
  });
});
