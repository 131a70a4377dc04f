import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompany,
  insertUser,
  sessionUserOf,
  type TestCompany,
} from "../../tests/support/factories";
import type { SessionUser } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { MIN_COMPANIES, safeMedian, safeSum } from "./aggregate";
import { checkFigures, definitionErrors, parseNumber, STANDARD_FORM } from "./forms";
import {
  companyReports,
  decideReport,
  fillReport,
  openPeriod,
  saveFormDefinition,
  setReporter,
  viewReport,
} from "./reports.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const GOOD = {
  revenue: "1200",
  total_cost: "900",
  rd_spending: "150",
  exports: "100",
  staff_total: "40",
  staff_rd: "12",
  staff_degree: "35",
};

describe("report forms and their checks", () => {
  it("reads numbers with separators and 万", () => {
    expect(parseNumber("12,500.5")).toBe(12500.5);
    expect(parseNumber("1.2万")).toBe(12000);
    expect(parseNumber("abc")).toBeNull();
  });

  it("lets a draft be incomplete but a submission needs every required field", () => {
    expect(checkFigures(STANDARD_FORM, { revenue: "10" }, null, { submit: false }).errors).toEqual(
      {},
    );
    const sent = checkFigures(STANDARD_FORM, { revenue: "10" }, null, { submit: true });
    expect(sent.errors.staff_total).toEqual({ code: "required" });
  });

  it("checks a ≤ b, types and bounds", () => {
    const r = checkFigures(
      STANDARD_FORM,
      { ...GOOD, staff_rd: "50", staff_total: "40.5", revenue: "-1" },
      null,
      { submit: true },
    );
    expect(r.errors.staff_total).toEqual({ code: "integer" });
    expect(r.errors.revenue).toEqual({ code: "min", min: 0 });
    const r2 = checkFigures(STANDARD_FORM, { ...GOOD, rd_spending: "1000" }, null, {
      submit: true,
    });
    expect(r2.errors.rd_spending).toEqual({ code: "lte", other: "total_cost" });
  });

  it("asks for an explanation when revenue moves more than half against the last period, and marks what changed", () => {
    const last = { revenue: 500, total_cost: 900 };
    const r = checkFigures(STANDARD_FORM, GOOD, last, { submit: true });
    expect(r.errors["explain.revenue"]).toEqual({ code: "explain", percent: 50 });
    const ok = checkFigures(
      STANDARD_FORM,
      { ...GOOD, "explain.revenue": "A large order from a new customer." },
      last,
      { submit: true },
    );
    expect(ok.errors).toEqual({});
    expect(ok.changed).toContain("revenue");
    expect(ok.changed).not.toContain("total_cost");
  });

  it("refuses a definition with duplicate keys or a check on a text field", () => {
    expect(definitionErrors(STANDARD_FORM)).toEqual([]);
    expect(
      definitionErrors({
        fields: [...STANDARD_FORM.fields, STANDARD_FORM.fields[0]!],
        checks: [{ kind: "lte", a: "notes", b: "revenue" }],
      }),
    ).toHaveLength(2);
  });

  it("shows an aggregate only over at least five companies", () => {
    const four = new Map([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
    ]);
    expect(safeMedian(four)).toBeNull();
    expect(safeSum(four, 1)).toBeNull();
    const five = new Map([...four, ["e", 100]]);
    expect(MIN_COMPANIES).toBe(5);
    expect(safeMedian(five)).toBe(3);
    expect(safeSum(five)).toBe(110);
  });
});

async function person(roles: ("statistics" | "staff")[] = []) {
  return insertUser(t.db, { roles });
}
function asMember(
  u: Awaited<ReturnType<typeof insertUser>>,
  company: TestCompany,
  role: "owner" | "member",
) {
  return sessionUserOf(u, { company, role });
}

describe("periods, reports and who sees them", () => {
  let stats: SessionUser;
  let desk: SessionUser;
  let ownerA: SessionUser;
  let reporterA: SessionUser;
  let memberA: SessionUser;
  let ownerB: SessionUser;
  let versionId: string;
  let industry: string;

  beforeAll(async () => {
    industry = `ind-${Date.now()}`;
    stats = sessionUserOf(await person(["statistics"]));
    desk = sessionUserOf(await person(["staff"]));
    const oa = await person();
    const ra = await person();
    const ma = await person();
    const ob = await person();
    const a = await insertCompany(t.db, { owner: oa.id, industry, resident: true });
    const b = await insertCompany(t.db, { owner: ob.id, industry, resident: true });
    await addMembership(t.db, a.id, ra.id, "member");
    await addMembership(t.db, a.id, ma.id, "member");
    ownerA = asMember(oa, a, "owner");
    reporterA = asMember(ra, a, "member");
    memberA = asMember(ma, a, "member");
    ownerB = asMember(ob, b, "owner");
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: `monthly-${Date.now() % 100000}`, nameEn: "Monthly indicators", nameZh: "月度指标" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    versionId = saved.versionId;
  });

  it("gives the statistics permission to its role and admins, not to desk staff", () => {
    expect(can(stats, "read:statistics:any")).toBe(true);
    expect(can(desk, "read:statistics:any")).toBe(false);
  });

  it("opens a period for an industry: a task, a notification and an email to owners and designated reporters only", async () => {
    expect((await openPeriod(t.db, desk, {} as never)).ok).toBe(false);
    expect(await setReporter(t.db, memberA, reporterA.id, true)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect((await setReporter(t.db, ownerA, reporterA.id, true)).ok).toBe(true);
    const opened = await openPeriod(t.db, stats, {
      formVersionId: versionId,
      kind: "month",
      label: "2026-10",
      startsOn: "2026-10-01",
      endsOn: "2026-10-31",
      dueOn: "2026-11-15",
      audience: `industry:${industry}`,
    });
    expect(opened).toMatchObject({ ok: true, companies: 2 });
    const told = await t.db
      .selectFrom("notification")
      .select("user_id")
      .where("kind", "=", "report_task")
      .where("user_id", "in", [ownerA.id, reporterA.id, memberA.id, ownerB.id])
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([ownerA.id, reporterA.id, ownerB.id].sort());
    const mails = await t.db
      .selectFrom("email")
      .select("to_address")
      .where("template", "=", "reportTask")
      .where("to_address", "in", [ownerA.email, reporterA.email, memberA.email])
      .execute();
    expect(mails).toHaveLength(2);
    const again = await openPeriod(t.db, stats, {
      formVersionId: versionId,
      kind: "month",
      label: "2026-10",
      startsOn: "2026-10-01",
      endsOn: "2026-10-31",
      dueOn: "2026-11-15",
      audience: `industry:${industry}`,
    });
    expect(again).toEqual({ ok: false, error: "duplicate" });
  });

  it("runs a report through a failing check, submission, return of one field, resubmission, acceptance and a correction", async () => {
    const mine = await companyReports(t.db, reporterA);
    if (!mine.ok) throw new Error("reports");
    const reportId = [...mine.todo, ...mine.history][0]!.id;
    let view = await viewReport(t.db, reporterA, reportId);
    if (!view.ok) throw new Error("view");
    const failing = await fillReport(
      t.db,
      reporterA,
      reportId,
      { ...GOOD, staff_rd: "99" },
      { submit: true, version: view.report.version },
    );
    expect(failing).toMatchObject({
      ok: false,
      error: "invalid",
      errors: { staff_rd: { code: "lte" } },
    });
    expect(
      await fillReport(t.db, reporterA, reportId, GOOD, {
        submit: true,
        version: view.report.version,
      }),
    ).toEqual({ ok: true, status: "submitted" });
    expect(
      await fillReport(t.db, reporterA, reportId, GOOD, {
        submit: true,
        version: view.report.version + 1,
      }),
    ).toEqual({ ok: false, error: "locked" });
    expect(await decideReport(t.db, desk, reportId, { outcome: "accepted" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(
      await decideReport(t.db, stats, reportId, {
        outcome: "returned",
        comments: { exports: "Exports include the Hong Kong sales; please check." },
      }),
    ).toEqual({ ok: true });
    view = await viewReport(t.db, ownerA, reportId);
    if (!view.ok) throw new Error("view");
    expect(view.report.status).toBe("returned");
    expect(view.report.comments).toEqual({
      exports: "Exports include the Hong Kong sales; please check.",
    });
    expect(
      await fillReport(
        t.db,
        ownerA,
        reportId,
        { ...GOOD, exports: "80" },
        { submit: true, version: view.report.version },
      ),
    ).toEqual({ ok: true, status: "submitted" });
    expect(await decideReport(t.db, stats, reportId, { outcome: "accepted" })).toEqual({
      ok: true,
    });
    view = await viewReport(t.db, ownerA, reportId);
    if (!view.ok) throw new Error("view");
    expect(
      await fillReport(t.db, ownerA, reportId, GOOD, {
        submit: true,
        version: view.report.version,
      }),
    ).toEqual({ ok: false, error: "locked" });
    expect(
      await fillReport(
        t.db,
        ownerA,
        reportId,
        { ...GOOD, exports: "85" },
        {
          submit: true,
          version: view.report.version,
          correct: true,
        },
      ),
    ).toEqual({ ok: true, status: "submitted" });
    view = await viewReport(t.db, ownerA, reportId);
    if (!view.ok) throw new Error("view");
    expect(view.report.revision).toBe(2);
    expect(view.report.submissions.map((s) => [s.revision, s.outcome])).toEqual([
      [2, null],
      [1, "accepted"],
      [1, "returned"],
    ]);
  });

  it("never shows company A's figures to company B, to a member not designated, or to desk staff; audits each statistics view", async () => {
    const mine = await companyReports(t.db, ownerA);
    if (!mine.ok) throw new Error("reports");
    const reportId = [...mine.todo, ...mine.history][0]!.id;
    expect(await viewReport(t.db, ownerB, reportId)).toEqual({ ok: false, error: "notFound" });
    expect(await viewReport(t.db, memberA, reportId)).toEqual({ ok: false, error: "notFound" });
    expect(await viewReport(t.db, desk, reportId)).toEqual({ ok: false, error: "notFound" });
    expect(await fillReport(t.db, ownerB, reportId, GOOD, { submit: false, version: 1 })).toEqual({
      ok: false,
      error: "notFound",
    });
    const theirs = await companyReports(t.db, ownerB);
    expect(theirs.ok && [...theirs.todo, ...theirs.history].map((r) => r.id)).not.toContain(reportId);
    expect((await companyReports(t.db, memberA)).ok).toBe(false);
    const before = await t.db
      .selectFrom("audit_log")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("action", "=", "statistics.report_view")
      .where("actor_id", "=", stats.id)
      .executeTakeFirstOrThrow();
    expect((await viewReport(t.db, stats, reportId)).ok).toBe(true);
    const after = await t.db
      .selectFrom("audit_log")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("action", "=", "statistics.report_view")
      .where("actor_id", "=", stats.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it("pre-fills from the last period and freezes an answered form version", async () => {
    const opened = await openPeriod(t.db, stats, {
      formVersionId: versionId,
      kind: "month",
      label: "2026-11",
      startsOn: "2026-11-01",
      endsOn: "2026-11-30",
      dueOn: "2026-12-15",
      audience: `industry:${industry}`,
    });
    if (!opened.ok) throw new Error(opened.error);
    const mine = await companyReports(t.db, ownerA);
    if (!mine.ok) throw new Error("reports");
    const nov = mine.todo.find((r) => r.label === "2026-11")!;
    const view = await viewReport(t.db, ownerA, nov.id);
    expect(view.ok && view.report.last).toMatchObject({ exports: 85, revenue: 1200 });
    expect(view.ok && view.report.lastLabel).toBe("2026-10");
    const code = await t.db
      .selectFrom("report_form_version")
      .innerJoin("report_form", "report_form.id", "report_form_version.form_id")
      .select(["report_form.code", "report_form.name_en", "report_form.name_zh"])
      .where("report_form_version.id", "=", versionId)
      .executeTakeFirstOrThrow();
    const changed = {
      ...STANDARD_FORM,
      fields: STANDARD_FORM.fields.map((f) => (f.key === "exports" ? { ...f, required: true } : f)),
    };
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: code.code, nameEn: code.name_en, nameZh: code.name_zh },
      changed,
    );
    expect(saved).toMatchObject({ ok: true, version: 2, created: true });
    const old = await t.db
      .selectFrom("report_form_version")
      .select("fields")
      .where("id", "=", versionId)
      .executeTakeFirstOrThrow();
    const oldFields = (typeof old.fields === "string" ? JSON.parse(old.fields) : old.fields) as {
      key: string;
      required: boolean;
    }[];
    expect(oldFields.find((f) => f.key === "exports")?.required).toBe(false);
    // Unanswered, the new version changes in place.
    const again = await saveFormDefinition(
      t.db,
      stats,
      { code: code.code, nameEn: code.name_en, nameZh: code.name_zh },
      STANDARD_FORM,
    );
    expect(again).toMatchObject({ ok: true, version: 2, created: false });
  });
});
