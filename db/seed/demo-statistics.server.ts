/**
 * Demo data for company statistics (issue 14): two years of the park's reporting, so the
 * dashboard, the trends and each company's comparison with its industry have something to
 * show. Three forms on the standard fields (monthly, quarterly, annual); 24 monthly periods,
 * 8 quarters and 2 years, all ending before today; 200 generated resident companies beside the
 * named demo companies.
 *
 * The named companies keep the states the browser tests and the demo tour rely on, in the four
 * latest months: the older ones accepted, one company's report late in the second-to-last,
 * company B's last one returned with a comment, company A's last one still to fill
 * (pre-filled from the month before). The generated companies report as a park's do: most
 * accepted; in each recent period some returned with a comment and some late; the latest
 * month still coming in. Their figures come from SQL (`insertGeneratedReports`, shared with
 * bench/statistics.ts), deterministic from the company's number and the period.
 * Idempotent: the forms, companies and periods are made once.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { INDUSTRIES } from "~/companies/schema";
import { STANDARD_FORM, type Figures } from "~/statistics/forms";
import { rebuildIndicators } from "~/statistics/indicators.server";
import type { DB } from "../client.server";

export const DEMO_FORM_CODE = "monthly-indicators";
const QUARTER_FORM_CODE = "quarterly-indicators";
const YEAR_FORM_CODE = "annual-statistics";
const MONTHS = 24;
const QUARTERS = 8;
const YEARS = 2;
export const GENERATED_COMPANIES = 200;
const OWNER_A = "owner@demo.zizhupark.example";
const OWNER_B = "owner-b@demo.zizhupark.example";
const STATS = "stats@demo.zizhupark.example";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Plausible figures for company `i` in month `m` (0 = four months ago, negative before):
 * steady, a little growth.
 */
export function demoFigures(i: number, m: number): Figures {
  const revenue = Math.round((600 + 450 * i) * (1 + (m >= 0 ? 0.03 : 0.015) * m) * 10) / 10;
  const totalCost = Math.round(revenue * 0.82 * 10) / 10;
  const staff = 25 + 18 * i;
  return {
    revenue,
    total_cost: totalCost,
    rd_spending:
      Math.round(totalCost * (0.08 + 0.02 * (i % 4) + 0.004 * ((i + m + 6) % 5)) * 10) / 10,
    exports: Math.round(revenue * 0.1 * (i % 3) * 10) / 10,
    tech_contracts: Math.round(revenue * 0.05 * ((i + m) % 3) * 10) / 10,
    staff_total: staff + m,
    staff_rd: Math.round(staff * 0.3),
    staff_degree: Math.round(staff * 0.8),
    foreign_experts: i % 4,
  };
}

/** A status mix for a period, by where it stands: still coming in, just past due, or long closed. */
export type PeriodStage = "latest" | "recent" | "closed";

/**
 * A report for each of `companyIds` in a period, with figures made in SQL from the company's
 * number (its place by name) and the period's index: a company's size sets its scale, revenue
 * grows about 5 % a year with noise, a period of `months` months sums that many months' money.
 * The state comes from a hash of company and period: in the latest period some are accepted,
 * some to review, some returned with a comment and the rest not in; just past the due date a
 * few are late or returned; long closed ones are accepted but for the odd report that never
 * came. Submitted, returned and accepted ones get their submission.
 */
export async function insertGeneratedReports(
  db: Executor,
  p: {
    periodId: string;
    index: number;
    months: number;
    stage: PeriodStage;
    companyIds: string[];
    staffId: string | null;
  },
): Promise<void> {
  if (!p.companyIds.length) return;
  const latest = p.stage === "latest";
  const recent = p.stage === "recent";
  await sql`
    WITH c AS (
      SELECT id, row_number() OVER (ORDER BY name_en, id) AS i,
        CASE size WHEN '1-9' THEN 1 WHEN '10-49' THEN 4 WHEN '50-249' THEN 15
          WHEN '250-999' THEN 60 ELSE 200 END AS scale
      FROM company WHERE id = ANY(${p.companyIds}::uuid[])
    ), f AS (
      SELECT c.id, c.i, c.scale, ((c.i * 7919 + ${p.index}::int * 104729) % 1000) AS h,
        round((c.scale * 80 * ${p.months}::int * (1 + 0.05 * ${p.index}::int * ${p.months}::int / 12.0)
          * (0.9 + ((c.i * 31 + ${p.index}::int * 17) % 21) / 100.0))::numeric, 1) AS revenue
      FROM c
    ), s AS (
      SELECT f.*,
        CASE
          WHEN ${latest}::boolean AND h < 400 THEN 'accepted'
          WHEN ${latest}::boolean AND h < 650 THEN 'submitted'
          WHEN ${latest}::boolean AND h < 750 THEN 'returned'
          WHEN ${latest}::boolean AND h < 900 THEN 'open'
          WHEN ${latest}::boolean THEN 'draft'
          WHEN ${recent}::boolean AND h < 30 THEN 'open'
          WHEN ${recent}::boolean AND h < 60 THEN 'returned'
          WHEN h < 8 THEN 'open'
          ELSE 'accepted'
        END AS status,
        jsonb_build_object(
          'revenue', revenue,
          'total_cost', round(revenue * (0.78 + ((i * 5 + ${p.index}::int * 11) % 9) / 100.0), 1),
          'rd_spending', round(revenue * 0.82
            * (0.04 + (i % 6) / 100.0 + ((i * 13 + ${p.index}::int * 7) % 9) / 1000.0), 1),
          'exports', round(revenue * ((i % 4) / 10.0), 1),
          'tech_contracts', round(revenue * ((i + ${p.index}::int) % 3) / 20.0, 1),
          'staff_total', scale * 6 + (${p.index}::int * ${p.months}::int / 12),
          'staff_rd', round(scale * 6 * 0.3),
          'staff_degree', round(scale * 6 * 0.75),
          'foreign_experts', (i % 5) * (scale / 15)
        ) AS figures
      FROM f
    ), r AS (
      INSERT INTO report (period_id, company_id, status, figures, saved_at, submitted_at,
        decided_at)
      SELECT ${p.periodId}::uuid, s.id, s.status,
        CASE WHEN s.status = 'open' THEN '{}'::jsonb ELSE s.figures END,
        CASE WHEN s.status = 'open' THEN NULL ELSE per.due_on - 3 - (s.h % 5)::int END,
        CASE WHEN s.status IN ('submitted', 'returned', 'accepted')
          THEN per.due_on - 3 - (s.h % 5)::int END,
        CASE WHEN s.status IN ('returned', 'accepted') THEN per.due_on - 1 END
      FROM s, report_period per WHERE per.id = ${p.periodId}::uuid
      RETURNING id, status, figures, submitted_at, decided_at
    ), sub AS (
      INSERT INTO report_submission (report_id, revision, figures, submitted_at, outcome,
        decided_by, decided_at)
      SELECT r.id, 1, r.figures, r.submitted_at,
        CASE WHEN r.status = 'submitted' THEN NULL ELSE r.status END,
        CASE WHEN r.status = 'submitted' THEN NULL ELSE ${p.staffId}::uuid END, r.decided_at
      FROM r WHERE r.status IN ('submitted', 'returned', 'accepted')
      RETURNING id, outcome
    )
    INSERT INTO report_comment (submission_id, field_key, body, author_id)
    SELECT sub.id, 'rd_spending',
      'R&D spending looks high against total cost: please include only the R&D accounts (研发费用).',
      ${p.staffId}::uuid
    FROM sub WHERE sub.outcome = 'returned'
  `.execute(db);
}

/** Generated company names: a first word and a trade, each trade in one of the park's industries. */
const FIRST: [string, string][] = [
  ["Aurora", "曙光"],
  ["Blue Harbour", "蓝港"],
  ["Cedar", "雪松"],
  ["Delta", "德尔塔"],
  ["Evergreen", "常青"],
  ["Falcon", "猎鹰"],
  ["Granite", "磐石"],
  ["Horizon", "远景"],
  ["Iris", "鸢尾"],
  ["Jade", "翡翠"],
  ["Kestrel", "红隼"],
  ["Lotus", "莲华"],
  ["Meridian", "子午"],
  ["Nova", "新星"],
  ["Orchid", "兰亭"],
  ["Pinecrest", "松岭"],
  ["Quartz", "石英"],
  ["Riverside", "江畔"],
  ["Summit", "峰顶"],
  ["Tidewater", "潮汐"],
  ["Upland", "高原"],
  ["Vega", "织女"],
  ["Willow", "垂柳"],
  ["Zenith", "天顶"],
  ["Amber", "琥珀"],
];
const TRADES: [string, string, string][] = [
  ["Microsystems", "微系统", "integrated-circuits"],
  ["Intelligence", "智能", "artificial-intelligence"],
  ["Biotech", "生物科技", "biomedicine"],
  ["Materials", "新材料", "new-materials"],
  ["Media", "传媒", "digital-media"],
  ["Software", "软件", "software-services"],
  ["Energy", "能源", "new-energy"],
  ["Machinery", "智能装备", "advanced-manufacturing"],
];
const SIZES = ["1-9", "10-49", "10-49", "50-249", "50-249", "250-999", "1000+"] as const;

/** The 200 generated residents (names, industries, sizes, registration dates), once. */
async function insertGeneratedCompanies(db: Executor): Promise<string[]> {
  const known = new Set<string>(INDUSTRIES.map((x) => x.slug));
  const rows = [];
  for (let n = 0; n < GENERATED_COMPANIES; n++) {
    const [en, zh] = FIRST[n % FIRST.length]!;
    const [tradeEn, tradeZh, industry] = TRADES[Math.floor(n / FIRST.length) % TRADES.length]!;
    const registered = new Date(Date.UTC(2008 + (n % 17), (n * 5) % 12, 1 + (n % 27)));
    rows.push({
      name_en: `${en} ${tradeEn} (Shanghai) Co., Ltd.`,
      name_zh: `上海${zh}${tradeZh}有限公司`,
      industry: known.has(industry) ? industry : "other",
      size: SIZES[(n * 3) % SIZES.length]!,
      is_resident: true,
      resident_since: new Date(registered.getTime() + 200 * 86_400_000),
      registered_on: registered.toISOString().slice(0, 10),
      directory_opt_in: false,
      created_at: registered,
    });
  }
  const inserted = await db.insertInto("company").values(rows).returning("id").execute();
  return inserted.map((r) => r.id);
}

async function ensureForm(db: Executor, code: string, nameEn: string, nameZh: string) {
  let form = await db
    .selectFrom("report_form")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  if (!form) {
    form = await db
      .insertInto("report_form")
      .values({ code, name_en: nameEn, name_zh: nameZh })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("report_form_version")
      .values({
        form_id: form.id,
        version: 1,
        fields: JSON.stringify(STANDARD_FORM.fields),
        checks: JSON.stringify(STANDARD_FORM.checks),
      })
      .execute();
  }
  const version = await db
    .selectFrom("report_form_version")
    .select("id")
    .where("form_id", "=", form.id)
    .orderBy("version", "asc")
    .executeTakeFirstOrThrow();
  return version.id;
}

const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A named company's figures over `months` months ending with month `m`: money summed, people as at the end. */
function spanFigures(i: number, m: number, months: number): Figures {
  const parts = Array.from({ length: months }, (_, k) => demoFigures(i, m - months + 1 + k));
  const out: Figures = { ...parts[parts.length - 1]! };
  for (const key of ["revenue", "total_cost", "rd_spending", "exports", "tech_contracts"])
    out[key] = Math.round(parts.reduce((a, f) => a + Number(f[key] ?? 0), 0) * 10) / 10;
  return out;
}

export async function seedStatisticsDemo(db: DB, today = new Date()): Promise<void> {
  const monthly = await ensureForm(
    db,
    DEMO_FORM_CODE,
    "Monthly key indicators",
    "月度主要经济指标",
  );
  const already = await db
    .selectFrom("report_period")
    .select("id")
    .where("form_version_id", "=", monthly)
    .executeTakeFirst();
  if (already) return;
  const quarterly = await ensureForm(
    db,
    QUARTER_FORM_CODE,
    "Quarterly key indicators",
    "季度主要经济指标",
  );
  const annual = await ensureForm(db, YEAR_FORM_CODE, "Annual statistics", "年度统计报表");
  const people = await db
    .selectFrom("app_user")
    .leftJoin("company_member", "company_member.user_id", "app_user.id")
    .select(["app_user.id", "app_user.email", "company_member.company_id"])
    .where("app_user.email", "in", [OWNER_A, OWNER_B, STATS])
    .execute();
  const by = (email: string) => people.find((p) => p.email === email);
  const named = await db
    .selectFrom("company")
    .select(["id", "name_en"])
    .orderBy("name_en")
    .execute();
  if (!named.length) return;
  const stats = by(STATS)?.id ?? null;
  const companyA = by(OWNER_A)?.company_id;
  const companyB = by(OWNER_B)?.company_id;
  const y = today.getUTCFullYear();
  const mo = today.getUTCMonth(); // 0-based: the current month
  await db.transaction().execute(async (trx) => {
    const generated = await insertGeneratedCompanies(trx);
    const openPeriod = async (
      versionId: string,
      kind: "month" | "quarter" | "year",
      start: Date,
      months: number,
      dueDays: number,
    ) => {
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 0));
      const due = new Date(end.getTime() + dueDays * 86_400_000);
      const startsOn = iso(start);
      const [yy, mm] = startsOn.split("-");
      const label =
        kind === "year"
          ? yy!
          : kind === "quarter"
            ? `${yy}-Q${Math.floor((Number(mm) - 1) / 3) + 1}`
            : `${yy}-${mm}`;
      const period = await trx
        .insertInto("report_period")
        .values({
          form_version_id: versionId,
          kind,
          label,
          starts_on: startsOn,
          ends_on: iso(end),
          due_on: iso(due),
          audience: "all",
          opened_by: stats,
          opened_at: new Date(end.getTime() + 86_400_000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { id: period.id, due };
    };
    const accepted = async (periodId: string, companyId: string, figures: Figures, due: Date) => {
      const at = new Date(due.getTime() - 5 * 86_400_000);
      const report = await trx
        .insertInto("report")
        .values({
          period_id: periodId,
          company_id: companyId,
          status: "accepted",
          figures: JSON.stringify(figures),
          saved_at: at,
          submitted_at: at,
          decided_at: new Date(at.getTime() + 86_400_000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("report_submission")
        .values({
          report_id: report.id,
          revision: 1,
          figures: JSON.stringify(figures),
          submitted_at: at,
          outcome: "accepted",
          decided_by: stats,
          decided_at: new Date(at.getTime() + 86_400_000),
        })
        .execute();
    };

    // Monthly: 24 months ending last month.
    for (let k = 0; k < MONTHS; k++) {
      const start = new Date(Date.UTC(y, mo - (MONTHS - k), 1));
      const period = await openPeriod(monthly, "month", start, 1, 14);
      const due = period.due;
      const m = k - (MONTHS - 4); // 0 = four months ago, as the named companies' story
      const stage: PeriodStage =
        k === MONTHS - 1 ? "latest" : k === MONTHS - 2 ? "recent" : "closed";
      await insertGeneratedReports(trx, {
        periodId: period.id,
        index: k,
        months: 1,
        stage,
        companyIds: generated,
        staffId: stats,
      });
      const lastMonth = k === MONTHS - 1;
      for (const [i, c] of named.entries()) {
        const figures = demoFigures(i, m);
        if (m < 0) {
          await accepted(period.id, c.id, figures, due);
          continue;
        }
        const submittedAt = new Date(due.getTime() - (3 + i) * 86_400_000);
        // What stands where: A's last month still to fill; B's last month returned; the
        // third company late the month before; the rest of the last month waiting for review.
        let status: "open" | "draft" | "submitted" | "returned" | "accepted" = "accepted";
        if (lastMonth && c.id === companyA) status = "open";
        else if (lastMonth && c.id === companyB) status = "returned";
        else if (lastMonth) status = i % 2 ? "submitted" : "open";
        else if (m === 2 && i === 2 && c.id !== companyA && c.id !== companyB) status = "draft";
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

    // Quarterly: the 8 quarters before the current one; annual: the 2 years before this one.
    // The named companies' are all accepted (their open tasks are the monthly ones).
    const quarterNow = Math.floor(mo / 3) * 3;
    for (let q = 0; q < QUARTERS; q++) {
      const start = new Date(Date.UTC(y, quarterNow - 3 * (QUARTERS - q), 1));
      const period = await openPeriod(quarterly, "quarter", start, 3, 20);
      await insertGeneratedReports(trx, {
        periodId: period.id,
        index: q * 3,
        months: 3,
        stage: q === QUARTERS - 1 ? "recent" : "closed",
        companyIds: generated,
        staffId: stats,
      });
      // The quarter's last month, counted as the named companies' monthly story counts.
      const lastMonth = start.getUTCFullYear() * 12 + start.getUTCMonth() + 2 - (y * 12 + mo - 4);
      for (const [i, c] of named.entries())
        await accepted(period.id, c.id, spanFigures(i, lastMonth, 3), period.due);
    }
    for (let k = 0; k < YEARS; k++) {
      const start = new Date(Date.UTC(y - (YEARS - k), 0, 1));
      const period = await openPeriod(annual, "year", start, 12, 90);
      await insertGeneratedReports(trx, {
        periodId: period.id,
        index: k * 12,
        months: 12,
        stage: k === YEARS - 1 ? "recent" : "closed",
        companyIds: generated,
        staffId: stats,
      });
      const lastMonth = start.getUTCFullYear() * 12 + 11 - (y * 12 + mo - 4);
      for (const [i, c] of named.entries())
        await accepted(period.id, c.id, spanFigures(i, lastMonth, 12), period.due);
    }
  });
  await rebuildIndicators(db);
}
