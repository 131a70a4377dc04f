import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser, sessionUserOf } from "../../tests/support/factories";
import { uniqueSuffix } from "../../tests/support/factories";
import { formIdByCode, getFormForEdit, latestVersionId, listDeskForms } from "./desk.server";
import { STANDARD_FORM } from "./forms";
import { saveFormDefinition } from "./reports.server";
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
