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
import type { FormField } from "./forms";
import { asDefinition, isReporter } from "./reports.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export interface BenchmarkPoint {
  label: string;
  own: number | null;
  median: number | null;
}

export async function companyBenchmark(
  db: Executor,
  viewer: Viewer,
  field: string | null,
  periods = 12,
): Promise<
  | Success<{ fields: FormField[]; field: FormField | null; points: BenchmarkPoint[] }>
  | Failure<"forbidden">
> {
  if (!viewer.company || !(await isReporter(db, viewer))) return fail("forbidden");
  const companyId = viewer.company.id;
  const company = await db
    .selectFrom("company")
    .select("industry")
    .where("id", "=", companyId)
    .executeTakeFirstOrThrow();
  // The form of the company's latest report, and its latest periods with a report of the company.
  const rows = await db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "p.id as period_id",
      "p.label",
      "p.starts_on",
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
  if (!first) return ok({ fields: [], field: null, points: [] });
  const fields = asDefinition(first.fields, first.checks).fields.filter((f) => f.type !== "text");
  const chosen = fields.find((f) => f.key === field) ?? fields[0] ?? null;
  if (!chosen) return ok({ fields, field: null, points: [] });
  const mine = rows
    .filter((r) => r.form_id === first.form_id)
    .slice(0, periods)
    .reverse();
  const points: BenchmarkPoint[] = [];
  for (const r of mine) {
    const figures = (typeof r.figures === "string" ? JSON.parse(r.figures) : r.figures) as Record<
      string,
      unknown
    >;
    const own =
      ["submitted", "accepted"].includes(r.status) && typeof figures[chosen.key] === "number"
        ? (figures[chosen.key] as number)
        : null;
    const peers = await db
      .selectFrom("report")
      .innerJoin("company", "company.id", "report.company_id")
      .select([
        "report.company_id",
        sql<string | null>`report.figures ->> ${chosen.key}`.as("value"),
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
    points.push({ label: r.label, own, median: safeMedian(byCompany) });
  }
  return ok({ fields, field: chosen, points });
}
