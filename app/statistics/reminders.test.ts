import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompany,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import { STANDARD_FORM } from "./forms";
import { daysBetween, reminderDue } from "./reminders";
import { sendReportReminders } from "./reminders.server";
import { openPeriod, periodReports, saveFormDefinition, setReporter } from "./reports.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("report reminders", () => {
  it("knows which reminder a report is due on a day", () => {
    expect(daysBetween("2026-11-15", "2026-11-18")).toBe(3);
    expect(reminderDue("2026-11-15", "2026-11-11")).toBeNull();
    expect(reminderDue("2026-11-15", "2026-11-12")).toBe("before");
    expect(reminderDue("2026-11-15", "2026-11-15")).toBe("before");
    expect(reminderDue("2026-11-15", "2026-11-16")).toBe("late");
    expect(reminderDue("2026-11-15", "2026-11-22")).toBe("escalated");
  });

  it("reminds each company not in once per kind: reporters before, owners after, in their language, with staff seeing who is late", async () => {
    const industry = `rem-${Date.now()}`;
    const stats = sessionUserOf(await insertUser(t.db, { roles: ["statistics"] }));
    const oa = await insertUser(t.db, { locale: "zh-CN" });
    const ra = await insertUser(t.db);
    const ob = await insertUser(t.db);
    const a = await insertCompany(t.db, { owner: oa.id, industry });
    const b = await insertCompany(t.db, { owner: ob.id, industry });
    await addMembership(t.db, a.id, ra.id, "member");
    const ownerA = sessionUserOf(oa, { company: a, role: "owner" });
    expect((await setReporter(t.db, ownerA, ra.id, true)).ok).toBe(true);
    const saved = await saveFormDefinition(
      t.db,
      stats,
      { code: "rem-form", nameEn: "Monthly indicators", nameZh: "月度指标" },
      STANDARD_FORM,
    );
    if (!saved.ok) throw new Error(saved.error);
    const opened = await openPeriod(t.db, stats, {
      formVersionId: saved.versionId,
      kind: "month",
      label: "2026-10",
      startsOn: "2026-10-01",
      endsOn: "2026-10-31",
      dueOn: "2026-11-15",
      audience: `industry:${industry}`,
    });
    if (!opened.ok) throw new Error(opened.error);
    // B has submitted: it gets nothing.
    await t.db
      .updateTable("report")
      .set({ status: "submitted", submitted_at: new Date() })
      .where("company_id", "=", b.id)
      .execute();
    const origin = "https://portal.example";
    const mails = async (template: string) =>
      t.db
        .selectFrom("email")
        .select(["to_address", "subject", "text_body"])
        .where("template", "=", template)
        .orderBy("to_address")
        .execute();

    expect(await sendReportReminders(t.db, "2026-11-10", origin)).toEqual({
      reports: 0,
      sent: 0,
      recipients: 0,
    });
    // Three days before: the designated reporter only.
    expect(await sendReportReminders(t.db, "2026-11-12", origin)).toMatchObject({
      sent: 1,
      recipients: 1,
    });
    expect(await sendReportReminders(t.db, "2026-11-13", origin)).toMatchObject({ sent: 0 });
    const before = await mails("reportReminder");
    expect(before.map((m) => m.to_address)).toEqual([ra.email]);
    expect(before[0]!.subject).toBe(
      "Reminder: Monthly indicators for 2026-10 is due on 2026-11-15",
    );
    // The day after: reporter and owner (the owner in Chinese).
    expect(await sendReportReminders(t.db, "2026-11-16", origin)).toMatchObject({
      sent: 1,
      recipients: 2,
    });
    expect(await sendReportReminders(t.db, "2026-11-16", origin)).toMatchObject({ sent: 0 });
    const late = await mails("reportLate");
    expect(late.map((m) => m.to_address).sort()).toEqual([oa.email, ra.email].sort());
    const zh = late.find((m) => m.to_address === oa.email)!;
    expect(zh.subject).toBe("已逾期：2026-10的月度指标");
    expect(zh.text_body).toContain("已逾期 1 天");
    // A week late: the owners.
    expect(await sendReportReminders(t.db, "2026-11-23", origin)).toMatchObject({
      sent: 1,
      recipients: 1,
    });
    expect(await sendReportReminders(t.db, "2026-11-24", origin)).toMatchObject({ sent: 0 });
    expect((await mails("reportEscalated")).map((m) => m.to_address)).toEqual([oa.email]);
    const notes = await t.db
      .selectFrom("notification")
      .select(["user_id", "kind"])
      .where("kind", "in", ["report_reminder", "report_late"])
      .execute();
    expect(notes).toHaveLength(4);
    const audited = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "statistics.report_remind")
      .execute();
    expect(audited).toHaveLength(3);

    const page = await periodReports(t.db, stats, opened.periodId, "2026-11-24");
    expect(page.ok && page.counts).toMatchObject({ late: 1 });
    if (!page.ok) throw new Error("period");
    const rowA = page.reports.find((r) => r.company_id === a.id)!;
    const rowB = page.reports.find((r) => r.company_id === b.id)!;
    expect(rowA).toMatchObject({ late: true, days_late: 9, last_reminder: "escalated" });
    expect(rowA.last_reminded_at).not.toBeNull();
    expect(rowB).toMatchObject({ late: false, days_late: 0, last_reminder: null });
    // Long past the chase window, nothing more goes out.
    expect(await sendReportReminders(t.db, "2027-03-01", origin)).toMatchObject({ reports: 0 });
  });
});
