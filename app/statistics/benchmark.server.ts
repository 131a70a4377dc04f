/**
 * A company's own figures over time against its industry's median (issue 14): what a
 * company's reporters see of the park's figures. The median of a period is shown only when at
 * least five companies of the industry have an accepted report in it (`safeMedian`), so no
 * other company's figure can be read back; the company's own are its submitted or accepted ones.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import type { SessionUser } from "~/auth/session.server";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { safeMedian } from "./aggregate";
import {
  INDICATOR_PREFIX,
  type BenchmarkIndicator,
  type BenchmarkPoint,
  type CompanyBenchmark,
} from "./benchmark";
import { evaluate, type IndicatorKind } from "./indicators";
import { asDefinition, isReporter } from "./reports.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

/**
 * A company's figure, or its value of a park indicator, over its latest periods against the
 * median of its industry (five companies or more). `choice` is a field's key or
 * `indicator:<code>`; anything else shows the form's first figure.
 */
export async function companyBenchmark(
  db: Executor,
  viewer: Viewer,
  choice: string | null,
  today: string,
  periods = 12,
): Promise<Success<CompanyBenchmark> | Failure<"forbidden">> {
  if (!viewer.company || !(await isReporter(db, viewer))) return fail("forbidden");
  const companyId = viewer.company.id;
  const company = await db
    .selectFrom("company")
    .select("industry")
    .where("id", "=", companyId)
    .executeTakeFirstOrThrow();
  const indicators = (
    await db
      .selectFrom("indicator")
      .select(["code", "name_en", "name_zh", "unit", "kind"])
      .orderBy("position")
      .orderBy("code")
      .execute()
  ).map((i): BenchmarkIndicator => ({
    code: i.code,
    nameEn: i.name_en,
    nameZh: i.name_zh,
    unit: i.unit,
    kind: i.kind as IndicatorKind,
  }));
  // The form of the company's latest report, and its latest periods with a report of the company.
  const rows = await db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "p.id as period_id",
      "p.label",
      "p.kind as period_kind",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "v.form_id",
      "v.fields",
      "v.checks",
      "report.status",
      "report.figures",
    ])
    .where("report.company_id", "=", companyId)
    .orderBy("p.starts_on", "desc")
    .limit(periods * 3)
    .execute();
  const first = rows[0];
  const fields = first
    ? asDefinition(first.fields, first.checks).fields.filter((f) => f.type !== "text")
    : [];
  const mine = rows
    .filter((r) => first && r.form_id === first.form_id)
    .slice(0, periods)
    .reverse();
  const indicator = choice?.startsWith(INDICATOR_PREFIX)
    ? indicators.find((i) => i.code === choice.slice(INDICATOR_PREFIX.length))
    : undefined;
  if (indicator) {
    const points = await indicatorPoints(db, indicator.code, company.industry, companyId, {
      periods: mine.map((r) => ({ id: r.period_id, label: r.label, due: r.due_on })),
      kind: indicator.kind,
      today,
    });
    return ok({ fields, indicators, chosen: { type: "indicator", indicator }, points });
  }
  const field = fields.find((f) => f.key === choice) ?? fields[0] ?? null;
  if (!field) return ok({ fields, indicators, chosen: null, points: [] });
  const points: BenchmarkPoint[] = [];
  for (const r of mine) {
    const figures = (typeof r.figures === "string" ? JSON.parse(r.figures) : r.figures) as Record<
      string,
      unknown
    >;
    const own =
      ["submitted", "accepted"].includes(r.status) && typeof figures[field.key] === "number"
        ? (figures[field.key] as number)
        : null;
    const peers = await db
      .selectFrom("report")
      .innerJoin("company", "company.id", "report.company_id")
      .select([
        "report.company_id",
        sql<string | null>`report.figures ->> ${field.key}`.as("value"),
      ])
      .where("report.period_id", "=", r.period_id)
      .where("report.status", "=", "accepted")
      .where("company.industry", "=", company.industry)
      .execute();
    const byCompany = new Map<string, number>();
    for (const p of peers) {
      const n = p.value === null ? NaN : Number(p.value);
      if (Number.isFinite(n)) byCompany.set(p.company_id, n);
    }
    points.push({
      label: r.label,
      own,
      median: safeMedian(byCompany),
      provisional: r.due_on >= today,
    });
  }
  return ok({ fields, indicators, chosen: { type: "field", field }, points });
}

/**
 * One indicator per period: the company's own value (from its accepted report's contribution)
 * and the median of the values of its industry's companies, each computed as the indicator is
 * for the park (`evaluate` over one company).
 */
async function indicatorPoints(
  db: Executor,
  code: string,
  industry: string,
  companyId: string,
  opts: {
    periods: { id: string; label: string; due: string }[];
    kind: IndicatorKind;
    today: string;
  },
): Promise<BenchmarkPoint[]> {
  if (!opts.periods.length) return [];
  const rows = await db
    .selectFrom("indicator_company as ic")
    .innerJoin("indicator as i", "i.id", "ic.indicator_id")
    .select(["ic.period_id", "ic.company_id", "ic.num", "ic.den"])
    .where("i.code", "=", code)
    .where(
      "ic.period_id",
      "in",
      opts.periods.map((p) => p.id),
    )
    .where("ic.industry", "=", industry)
    .execute();
  const byPeriod = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const value = evaluate(opts.kind, {
      expected: 1,
      known: 1,
      num: Number(r.num),
      den: Number(r.den),
    }).value;
    if (value === null) continue;
    let m = byPeriod.get(r.period_id);
    if (!m) byPeriod.set(r.period_id, (m = new Map()));
    m.set(r.company_id, value);
  }
  return opts.periods.map((p) => {
    const values = byPeriod.get(p.id) ?? new Map<string, number>();
    return {
      label: p.label,
      own: values.get(companyId) ?? null,
      median: safeMedian(values),
      provisional: p.due >= opts.today,
    };
  });
}
