import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import { uniqueSuffix } from "../../tests/support/factories";
import { formIdByCode, getFormForEdit, latestVersionId, listDeskForms } from "./desk.server";
import { STANDARD_FORM } from "./forms";
import { periodReports, saveFormDefinition } from "./reports.server";
import { definitionFromRows, formEditorSchema, openPeriodSchema, periodLabel } from "./schema";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("the statistics pages' forms", () => {
  it("names periods the usual way", () => {
    expect(periodLabel("month", "2026-11-01")).toBe("2026-11");
    expect(periodLabel("quarter", "2026-10-01")).toBe("2026-Q4");
    expect(periodLabel("year", "2026-01-01")).toBe("2026");
  });

  it("refuses a period that ends before it starts or is due before its end", () => {
    const base = {
      formId: "00000000-0000-4000-8000-000000000000",
      kind: "month",
      label: "2026-11",
      startsOn: "2026-11-01",
      endsOn: "2026-11-30",
      dueOn: "2026-12-15",
      audience: "industry:biomedicine",
    };
    expect(openPeriodSchema.safeParse(base).success).toBe(true);
    expect(openPeriodSchema.safeParse({ ...base, endsOn: "2026-10-01" }).success).toBe(false);
    expect(openPeriodSchema.safeParse({ ...base, dueOn: "2026-11-02" }).success).toBe(false);
    expect(openPeriodSchema.safeParse({ ...base, audience: "industry:nope" }).success).toBe(false);
  });

  it("turns editor rows into a definition, leaving out rows without a key", () => {
    const input = formEditorSchema.parse({
      code: "quarterly",
      nameEn: "Quarterly",
      nameZh: "季度",
      fields: [
        { key: "revenue", labelEn: "Revenue", type: "money", min: "0", required: "on" },
        { key: "staff", labelEn: "Staff", type: "integer", max: "1万" },
        { key: "", labelEn: "ignored" },
      ],
      checks: [
        { kind: "lte", a: "staff", b: "revenue" },
        { kind: "change", a: "revenue", percent: "40" },
        { kind: "none" },
      ],
    });
    const { definition, errors } = definitionFromRows(input);
    expect(errors).toEqual([]);
    expect(definition.fields.map((f) => f.key)).toEqual(["revenue", "staff"]);
    expect(definition.fields[0]).toMatchObject({ min: 0, required: true, labelZh: "Revenue" });
    expect(definition.fields[1]).toMatchObject({ max: 10_000, required: false });
    expect(definition.checks).toEqual([
      { kind: "lte", a: "staff", b: "revenue" },
      { kind: "change", field: "revenue", percent: 40 },
    ]);
    const bad = definitionFromRows({ ...input, fields: [{ key: "x", min: "lots" }] });
    expect(bad.errors).toEqual(["bound:x"]);
  });
});

describe("the desk's view of forms", () => {
  it("lists forms with their latest version for statistics staff only, and finds them by code", async () => {
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    const code = `f-${uniqueSuffix()}`.toLowerCase().slice(0, 40);
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code, nameEn: "Test form", nameZh: "测试" },
      STANDARD_FORM,
    );
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect((await listDeskForms(t.db, desk)).ok).toBe(false);
    const listed = await listDeskForms(t.db, stats);
    expect(listed.ok && listed.forms.find((f) => f.code === code)).toMatchObject({
      version: 1,
      frozen: false,
      fields: STANDARD_FORM.fields.length,
    });
    const edit = await getFormForEdit(t.db, stats, saved.formId);
    expect(edit.ok && edit.form.definition).toEqual(STANDARD_FORM);
    expect((await getFormForEdit(t.db, desk, saved.formId)).ok).toBe(false);
    expect(await formIdByCode(t.db, code)).toBe(saved.formId);
    expect(await latestVersionId(t.db, saved.formId)).toBe(saved.versionId);
    expect(await latestVersionId(t.db, "not-a-uuid")).toBeNull();
  });
});

describe("a period's list of reports", () => {
  it("counts each state over the period, lists those to chase first, a page at a time, and finds companies by name", async () => {
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    const code = `p-${uniqueSuffix()}`.toLowerCase().slice(0, 40);
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code, nameEn: "Paged form", nameZh: "分页" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error("form");
    const period = await t.db
      .insertInto("report_period")
      .values({
        form_version_id: saved.versionId,
        kind: "month",
        label: "2026-10",
        starts_on: "2026-10-01",
        ends_on: "2026-10-31",
        due_on: "2026-11-15",
        audience: "all",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const statuses = ["accepted", "open", "submitted", "returned", "accepted", "draft", "open"];
    const suffix = uniqueSuffix();
    for (const [i, status] of statuses.entries()) {
      const c = await insertCompany(t.db, { nameEn: `Paged ${i} ${suffix}` });
      await t.db
        .insertInto("report")
        .values({ period_id: period.id, company_id: c.id, status })
        .execute();
    }
    expect((await periodReports(t.db, desk, period.id, "2026-11-20")).ok).toBe(false);
    const first = await periodReports(t.db, stats, period.id, "2026-11-20", { pageSize: 3 });
    if (!first.ok) throw new Error("list");
    expect(first.counts).toMatchObject({
      total: 7,
      accepted: 2,
      submitted: 1,
      returned: 1,
      open: 2,
      draft: 1,
      late: 4,
    });
    expect(first.pages).toBe(3);
    // The four still to come in first (by name), then the rest.
    expect(first.reports.map((r) => r.name_en.split(" ")[1])).toEqual(["1", "3", "5"]);
    expect(first.reports.every((r) => r.late && r.days_late === 5)).toBe(true);
    const second = await periodReports(t.db, stats, period.id, "2026-11-20", {
      pageSize: 3,
      page: 2,
    });
    expect(second.ok && second.reports.map((r) => r.name_en.split(" ")[1])).toEqual([
      "6",
      "0",
      "2",
    ]);
    const waiting = await periodReports(t.db, stats, period.id, "2026-11-20", { show: "waiting" });
    expect(waiting.ok && [waiting.matched, waiting.pages]).toEqual([4, 1]);
    const found = await periodReports(t.db, stats, period.id, "2026-11-20", {
      q: `paged 2 ${suffix}`,
    });
    expect(found.ok && found.reports.map((r) => r.status)).toEqual(["submitted"]);
    // A % or _ in the search is a character, not a wildcard.
    const literal = await periodReports(t.db, stats, period.id, "2026-11-20", { q: "%" });
    expect(literal.ok && literal.matched).toBe(0);
    // Before the due date nothing is late.
    const early = await periodReports(t.db, stats, period.id, "2026-11-10");
    expect(early.ok && early.counts.late).toBe(0);
  });
});
