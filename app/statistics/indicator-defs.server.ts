/**
 * Editing the indicator definitions (issue 14, ADR 0043): statistics staff save or remove a
 * definition (each in one transaction with its audit entry and a rebuild of the precomputed
 * values), and preview a formula's value on today's figures before saving it.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import type { IndicatorInput } from "./indicator-schema";
import {
  aggregate,
  contribution,
  evaluate,
  formulaErrors,
  type IndicatorFormula,
  type IndicatorResult,
} from "./indicators";
import {
  acceptedFigures,
  listIndicators,
  queueIndicatorRebuild,
  shiftedPeriod,
} from "./indicators.server";
import { asDefinition } from "./reports.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export interface NumericField {
  key: string;
  labelEn: string;
  labelZh: string;
}

/** The numeric fields of every form's latest version, each key once. */
export async function numericFields(db: Executor): Promise<NumericField[]> {
  const rows = await db
    .selectFrom("report_form_version as v")
    .select(["v.fields", "v.checks"])
    .distinctOn("v.form_id")
    .orderBy("v.form_id")
    .orderBy("v.version", "desc")
    .execute();
  const out = new Map<string, NumericField>();
  for (const r of rows)
    for (const f of asDefinition(r.fields, r.checks).fields)
      if (f.type !== "text" && !out.has(f.key))
        out.set(f.key, { key: f.key, labelEn: f.labelEn, labelZh: f.labelZh });
  return [...out.values()].sort((x, y) => x.key.localeCompare(y.key));
}

export interface Preview {
  period: string;
  result: IndicatorResult;
}

/** The formula's value in the latest period with an accepted report, or null without one. */
export async function previewIndicator(
  db: Executor,
  formula: IndicatorFormula,
): Promise<Preview | null> {
  const latest = await db
    .selectFrom("report_period as p")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .select([
      "p.id",
      "p.label",
      "p.kind",
      "v.form_id",
      sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("report")
          .select(sql`1`.as("x"))
          .whereRef("report.period_id", "=", "p.id")
          .where("report.status", "=", "accepted"),
      ),
    )
    .orderBy("p.starts_on", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const asked = await db
    .selectFrom("report")
    .select("company_id")
    .where("period_id", "=", latest.id)
    .execute();
  const figures = await acceptedFigures(db, latest.id);
  const before = await shiftedPeriod(
    db,
    { id: latest.id, formId: latest.form_id, kind: latest.kind, startsOn: latest.starts_on },
    -1,
  );
  const yearAgo = before ? await acceptedFigures(db, before.id) : new Map();
  const agg = aggregate(
    asked.map((r) => contribution(formula, figures.get(r.company_id), yearAgo.get(r.company_id))),
  );
  return { period: latest.label, result: evaluate(formula.kind, agg) };
}

export type SaveFailure = Failure<
  "forbidden" | "notFound" | "conflict" | "duplicate" | "formula",
  { problems?: string[] }
>;

/** Creates (id null) or updates a definition, then recomputes the precomputed values. */
export async function saveIndicator(
  db: Executor,
  actor: Viewer,
  id: string | null,
  input: IndicatorInput,
  opts: { version?: number; ip?: string | null } = {},
): Promise<Success<{ id: string }> | SaveFailure> {
  if (!can(actor, "manage:statistics:any")) return fail("forbidden");
  if (id !== null && !isUuid(id)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const fields = (await numericFields(trx)).map((f) => f.key);
    const problems = formulaErrors(input, fields);
    if (problems.length) return fail("formula", { problems });
    const same = await trx
      .selectFrom("indicator")
      .select("id")
      .where("code", "=", input.code)
      .executeTakeFirst();
    if (same && same.id !== id) return fail("duplicate", {});
    const values = {
      code: input.code,
      name_en: input.nameEn,
      name_zh: input.nameZh,
      ability: input.ability,
      weight: input.weight,
      kind: input.kind,
      field_a: input.a,
      field_b: input.kind === "ratio" || input.kind === "share" ? input.b : null,
      unit: input.unit,
      position: input.position,
    };
    let savedId: string;
    if (id) {
      const updated = await trx
        .updateTable("indicator")
        .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date() })
        .where("id", "=", id)
        .where("version", "=", opts.version ?? -1)
        .returning("id")
        .executeTakeFirst();
      if (!updated) {
        const exists = await trx
          .selectFrom("indicator")
          .select("id")
          .where("id", "=", id)
          .executeTakeFirst();
        return fail(exists ? "conflict" : "notFound", {});
      }
      savedId = updated.id;
    } else {
      savedId = (
        await trx.insertInto("indicator").values(values).returning("id").executeTakeFirstOrThrow()
      ).id;
    }
    await queueIndicatorRebuild(trx);
    await audit(trx, {
      actorId: actor.id,
      action: id ? "statistics.indicator_update" : "statistics.indicator_create",
      entityType: "indicator",
      entityId: savedId,
      details: { code: input.code, kind: input.kind, a: input.a, b: values.field_b },
      ip: opts.ip ?? null,
    });
    return ok({ id: savedId });
  });
}

/** Removes a definition (its precomputed values go with it). */
export async function removeIndicator(
  db: Executor,
  actor: Viewer,
  id: string,
  opts: { ip?: string | null } = {},
): Promise<Success | Failure<"forbidden" | "notFound">> {
  if (!can(actor, "manage:statistics:any")) return fail("forbidden");
  if (!isUuid(id)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const gone = await trx
      .deleteFrom("indicator")
      .where("id", "=", id)
      .returning("code")
      .executeTakeFirst();
    if (!gone) return fail("notFound");
    await audit(trx, {
      actorId: actor.id,
      action: "statistics.indicator_remove",
      entityType: "indicator",
      entityId: id,
      details: { code: gone.code },
      ip: opts.ip ?? null,
    });
    return ok();
  });
}

/** One definition for the editor, or null. */
export async function indicatorForEdit(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  return (await listIndicators(db)).find((d) => d.id === id) ?? null;
}
