/**
 * Demo data for company statistics (issue 14): the park's standard monthly form, version 1,
 * and four monthly periods for every demo company (ending last month): the older ones
 * accepted, one company's report late in the second-to-last, company B's last one returned
 * with a comment, company A's last one still to fill (pre-filled from the month before).
 * Idempotent: the form and the periods are made once.
 */
import { STANDARD_FORM, type Figures } from "~/statistics/forms";
import { rebuildIndicators } from "~/statistics/indicators.server";
import type { DB } from "../client.server";

export const DEMO_FORM_CODE = "monthly-indicators";
const OWNER_A = "owner@demo.zizhupark.example";
const OWNER_B = "owner-b@demo.zizhupark.example";
const STATS = "stats@demo.zizhupark.example";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Plausible figures for company `i` in month `m` (0 = the oldest): steady, a little growth. */
export function demoFigures(i: number, m: number): Figures {
  const revenue = Math.round((600 + 450 * i) * (1 + 0.03 * m) * 10) / 10;
  const totalCost = Math.round(revenue * 0.82 * 10) / 10;
  const staff = 25 + 18 * i;
  return {
    revenue,
    total_cost: totalCost,
    rd_spending: Math.round(totalCost * (0.08 + 0.02 * (i % 4)) * 10) / 10,
    exports: Math.round(revenue * 0.1 * (i % 3) * 10) / 10,
    tech_contracts: Math.round(revenue * 0.05 * ((i + m) % 3) * 10) / 10,
    staff_total: staff + m,
    staff_rd: Math.round(staff * 0.3),
    staff_degree: Math.round(staff * 0.8),
    foreign_experts: i % 4,
  };
}

export async function seedStatisticsDemo(db: DB, today = new Date()): Promise<void> {
  let form = await db
    .selectFrom("report_form")
    .select("id")
    .where("code", "=", DEMO_FORM_CODE)
    .executeTakeFirst();
  if (!form)
    form = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("report_form")
        .values({
          code: DEMO_FORM_CODE,
          name_en: "Monthly key indicators",
          name_zh: "月度主要经济指标",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("report_form_version")
        .values({
          form_id: created.id,
          version: 1,
          fields: JSON.stringify(STANDARD_FORM.fields),
          checks: JSON.stringify(STANDARD_FORM.checks),
        })
        .execute();
      return created;
    });
  const version = await db
    .selectFrom("report_form_version")
    .select("id")
    .where("form_id", "=", form.id)
    .orderBy("version", "asc")
    .executeTakeFirstOrThrow();
  const already = await db
    .selectFrom("report_period")
    .select("id")
    .where("form_version_id", "=", version.id)
    .executeTakeFirst();
  if (already) return;
  const people = await db
    .selectFrom("app_user")
    .leftJoin("company_member", "company_member.user_id", "app_user.id")
    .select(["app_user.id", "app_user.email", "company_member.company_id"])
    .where("app_user.email", "in", [OWNER_A, OWNER_B, STATS])
    .execute();
  const by = (email: string) => people.find((p) => p.email === email);
  const companies = await db
    .selectFrom("company")
    .select(["id", "name_en"])
    .orderBy("name_en")
    .execute();
  if (!companies.length) return;
  const stats = by(STATS)?.id ?? null;
  const companyA = by(OWNER_A)?.company_id;
  const companyB = by(OWNER_B)?.company_id;
  const y = today.getUTCFullYear();
  const mo = today.getUTCMonth(); // 0-based: the current month
  await db.transaction().execute(async (trx) => {
    const months = 4;
    for (let k = 0; k < months; k++) {
      // k = 0 is four months ago, k = 3 is last month.
      const start = new Date(Date.UTC(y, mo - (months - k), 1));
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
      const due = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 15));
      const iso = (d: Date) =>
        `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      const label = `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`;
      const period = await trx
        .insertInto("report_period")
        .values({
          form_version_id: version.id,
          kind: "month",
          label,
          starts_on: iso(start),
          ends_on: iso(end),
          due_on: iso(due),
          audience: "all",
          opened_by: stats,
          opened_at: new Date(end.getTime() + 86_400_000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const lastMonth = k === months - 1;
      for (const [i, c] of companies.entries()) {
        const figures = demoFigures(i, k);
        const submittedAt = new Date(due.getTime() - (3 + i) * 86_400_000);
        // What stands where: A's last month still to fill; B's last month returned; the
        // third company late the month before; the rest of the last month waiting for review.
        let status: "open" | "draft" | "submitted" | "returned" | "accepted" = "accepted";
        if (lastMonth && c.id === companyA) status = "open";
        else if (lastMonth && c.id === companyB) status = "returned";
        else if (lastMonth) status = i % 2 ? "submitted" : "open";
        else if (k === months - 2 && i === 2 && c.id !== companyA && c.id !== companyB)
          status = "draft";
        const saved = status !== "open";
        const report = await trx
          .insertInto("report")
          .values({
            period_id: period.id,
            company_id: c.id,
            status,
            figures: JSON.stringify(saved ? figures : {}),
            saved_at: saved ? submittedAt : null,
            submitted_at: ["submitted", "returned", "accepted"].includes(status)
              ? submittedAt
              : null,
            decided_at: ["returned", "accepted"].includes(status)
              ? new Date(submittedAt.getTime() + 86_400_000)
              : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (!["submitted", "returned", "accepted"].includes(status)) continue;
        const submission = await trx
          .insertInto("report_submission")
          .values({
            report_id: report.id,
            revision: 1,
            figures: JSON.stringify(figures),
            submitted_at: submittedAt,
            outcome: status === "submitted" ? null : status,
            decided_by: status === "submitted" ? null : stats,
            decided_at:
              status === "submitted" ? null : new Date(submittedAt.getTime() + 86_400_000),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (status === "returned")
          await trx
            .insertInto("report_comment")
            .values({
              submission_id: submission.id,
              field_key: "staff_degree",
              body: "Please count only staff with a college degree or higher (大专以上).",
              author_id: stats,
            })
            .execute();
      }
    }
  });
  await rebuildIndicators(db);
}
