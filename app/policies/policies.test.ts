import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertCompany,
  insertStaff,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import type { Executor } from "#db/executor";
import {
  criteriaOf,
  policyFormSchema,
  previewQuerySchema,
  previewSearch,
  previewValues,
  type PolicyForm,
} from "./schema";
import {
  getPolicy,
  loadFacts,
  matchesForCompany,
  previewMatches,
  savePolicyLibrary,
} from "./policies.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const TODAY = "2026-12-05";

/** Accepted monthly reports for a company: `months` months ending 2026-11, same figures each. */
async function reports(
  db: Executor,
  companyId: string,
  months: number,
  figures: { revenue: number; rd_spending: number; staff_total: number },
) {
  const form = await db
    .insertInto("report_form")
    .values({ code: `f-${companyId.slice(0, 8)}`, name_en: "F", name_zh: "表" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("report_form_version")
    .values({ form_id: form.id, version: 1, fields: "[]" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (let i = 0; i < months; i++) {
    // Backwards from 2026-11.
    const y = i < 11 ? 2026 : 2025;
    const m = i < 11 ? 11 - i : 23 - i;
    const ym = `${y}-${String(m).padStart(2, "0")}`;
    const start = `${ym}-01`;
    const period = await db
      .insertInto("report_period")
      .values({
        form_version_id: version.id,
        kind: "month",
        label: start.slice(0, 7),
        starts_on: start,
        ends_on: `${ym}-28`,
        due_on: `${ym}-28`,
        audience: "all",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("report")
      .values({
        period_id: period.id,
        company_id: companyId,
        status: "accepted",
        figures: JSON.stringify(figures),
      })
      .execute();
  }
}

function form(over: Record<string, string | string[]>): PolicyForm {
  const fd = new FormData();
  const all = { titleEn: "R&D grant", titleZh: "研发资助", status: "published", ...over };
  for (const [k, v] of Object.entries(all))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  const parsed = policyFormSchema.safeParse(
    Object.fromEntries(
      [...new Set(fd.keys())].map((k) => [k, fd.getAll(k).length > 1 ? fd.getAll(k) : fd.get(k)]),
    ),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe("facts and matching", () => {
  it("reads the file, designations, accepted figures; a company sees its own figures quoted", async () => {
    const chip = await insertCompany(t.db, {
      nameEn: "Chip Co",
      industry: "integrated-circuits",
      resident: true,
    });
    await t.db
      .updateTable("company")
      .set({ registered_on: "2021-03-01" })
      .where("id", "=", chip.id)
      .execute();
    await t.db
      .insertInto("company_designation")
      .values({
        company_id: chip.id,
        kind: "high_tech",
        issued_on: "2024-01-01",
        expires_on: "2026-12-31",
      })
      .execute();
    // Six months reported: revenue annualised; 21 of 1000 is 2.1 %.
    await reports(t.db, chip.id, 6, { revenue: 1000, rd_spending: 21, staff_total: 60 });
    const bare = await insertCompany(t.db, {
      nameEn: "Bare Co",
      industry: "integrated-circuits",
      resident: true,
    });

    const facts = await loadFacts(t.db, { today: TODAY, companyIds: [chip.id, bare.id] });
    expect(facts.get(chip.id)).toMatchObject({
      headcount: 60,
      revenue: 12000,
      rdIntensity: 2.1,
      registeredOn: "2021-03-01",
      isResident: true,
      designations: [{ kind: "high_tech", expiresOn: "2026-12-31" }],
    });
    expect(facts.get(bare.id)).toMatchObject({ headcount: null, revenue: null, rdIntensity: null });

    const admin = sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
    const saved = await savePolicyLibrary(
      t.db,
      admin,
      null,
      form({ industries: ["integrated-circuits"], rdMin: "3", designations: ["high_tech"] }),
    );
    expect(saved.ok).toBe(true);
    const id = saved.ok ? saved.id : "";

    const mine = await matchesForCompany(t.db, chip.id, { today: TODAY });
    const near = mine.near.find((m) => m.policy.id === id);
    expect(near?.missingEn).toEqual(["R&D intensity 2.1%, needs 3%"]);
    expect(near?.missingZh).toEqual(["研发投入强度2.1%，要求不低于3%"]);
    // Unknown figures: not eligible, and said so (two things missing here: not even near).
    const bareMatches = await matchesForCompany(t.db, bare.id, { today: TODAY });
    expect(bareMatches.matched.find((m) => m.policy.id === id)).toBeUndefined();
  });

  it("previews for staff without quoting figures; statistics staff see them", async () => {
    const a = await insertCompany(t.db, {
      nameEn: "Preview A",
      industry: "biomedicine",
      resident: true,
    });
    await reports(t.db, a.id, 12, { revenue: 500, rd_spending: 10, staff_total: 30 });
    const criteria = [
      { kind: "industry" as const, in: ["biomedicine" as const] },
      { kind: "rd_intensity" as const, min: 5 },
    ];
    const staff = await insertStaff(t.db);
    const p = await previewMatches(t.db, staff, criteria, null, { today: TODAY });
    const entry = p.near.find((e) => e.companyId === a.id);
    expect(entry?.missingEn).toEqual(["R&D intensity below 5%"]);
    const admin = sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
    const q = await previewMatches(t.db, admin, criteria, null, { today: TODAY });
    expect(q.near.find((e) => e.companyId === a.id)?.missingEn).toEqual([
      "R&D intensity 2%, needs 5%",
    ]);
    // A company member cannot preview.
    const member = sessionUserOf(await insertUser(t.db));
    await expect(previewMatches(t.db, member, criteria, null)).rejects.toThrow();
  });

  it("counts every match and near miss, and lists only the first of each (live preview)", async () => {
    for (const n of [1, 2, 3]) {
      const c = await insertCompany(t.db, { nameEn: `Live ${n}`, industry: "new-materials" });
      await t.db
        .updateTable("company")
        .set({ registered_on: "2020-01-01" })
        .where("id", "=", c.id)
        .execute();
    }
    // No registration date: unknown, so a near miss that says so.
    await insertCompany(t.db, { nameEn: "Live near", industry: "new-materials" });
    const criteria = [
      { kind: "industry" as const, in: ["new-materials" as const] },
      { kind: "years" as const, min: 2 },
    ];
    const staff = await insertStaff(t.db);
    const all = await previewMatches(t.db, staff, criteria, null, { today: TODAY });
    const live = await previewMatches(t.db, staff, criteria, null, { today: TODAY, limit: 2 });
    expect(all.matchedCount).toBe(all.matched.length);
    expect(all.matchedCount).toBeGreaterThanOrEqual(3);
    expect(all.nearCount).toBeGreaterThanOrEqual(1);
    expect(live.matchedCount).toBe(all.matchedCount);
    expect(live.nearCount).toBe(all.nearCount);
    expect(live.total).toBe(all.total);
    // The first by name, the same as the full list's first.
    expect(live.matched.map((m) => m.companyId)).toEqual(
      all.matched.slice(0, 2).map((m) => m.companyId),
    );
    expect(live.matched.every((m) => m.missingEn.length === 0)).toBe(true);
    const near = all.near.find((e) => e.nameEn === "Live near");
    expect(near?.missingEn).toHaveLength(1);
    expect(near?.missingZh).toHaveLength(1);
  });

  it("parses the live preview's query with the editor's criteria: browser and server agree", () => {
    const form = new FormData();
    form.append("industries", "biomedicine");
    form.append("industries", "new-materials");
    form.set("rdMin", " 3 ");
    form.set("yearsMin", "");
    form.set("noOpenClaim", "on");
    form.set("titleEn", "not a criterion");
    const parsed = previewQuerySchema.parse(previewValues(form));
    expect(parsed).toMatchObject({ industries: ["biomedicine", "new-materials"], rdMin: 3 });
    expect(parsed.yearsMin).toBeUndefined();
    // The query the browser sends parses on the server to the same criteria.
    const again = previewQuerySchema.parse(
      previewValues(new URLSearchParams(previewSearch(parsed))),
    );
    expect(criteriaOf(again)).toEqual(criteriaOf(parsed));
    expect(criteriaOf(again)).toContainEqual({ kind: "no_open_claim" });
    // Half-typed or hostile criteria are refused, not guessed.
    const bad = (q: string) =>
      previewQuerySchema.safeParse(previewValues(new URLSearchParams(q))).success;
    expect(bad("rdMin=abc")).toBe(false);
    expect(bad("yearsMin=5&yearsMax=2")).toBe(false);
    expect(bad("industries=nonsense")).toBe(false);
    expect(bad("policyId=1%27%20OR%201=1")).toBe(false);
    expect(bad("residency=resident")).toBe(true);
  });

  it("saves with the version seen: a stale save is a conflict", async () => {
    const admin = sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
    const saved = await savePolicyLibrary(t.db, admin, null, form({}));
    const id = saved.ok ? saved.id : "";
    const first = await savePolicyLibrary(
      t.db,
      admin,
      id,
      form({ version: "1", titleEn: "Renamed" }),
    );
    expect(first.ok).toBe(true);
    const stale = await savePolicyLibrary(t.db, admin, id, form({ version: "1" }));
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    expect((await getPolicy(t.db, id))?.title_en).toBe("Renamed");
    const entries = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(["policy.save", "policy.save"]);
  });

  it("refuses a window that closes before it opens and unpaired document names", () => {
    expect(
      policyFormSchema.safeParse({
        titleEn: "a",
        titleZh: "b",
        opensOn: "2026-12-10",
        deadline: "2026-12-01",
      }).success,
    ).toBe(false);
    expect(
      policyFormSchema.safeParse({ titleEn: "a", titleZh: "b", documents: "Accounts only" })
        .success,
    ).toBe(false);
  });
});
