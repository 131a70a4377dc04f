/**
 * Demo data for company statistics (issue 14): the park's standard monthly form, version 1.
 * Idempotent: nothing happens once the form exists. Periods and figures come later.
 */
import { STANDARD_FORM } from "~/statistics/forms";
import type { DB } from "../client.server";

export const DEMO_FORM_CODE = "monthly-indicators";

export async function seedStatisticsDemo(db: DB): Promise<void> {
  const existing = await db
    .selectFrom("report_form")
    .select("id")
    .where("code", "=", DEMO_FORM_CODE)
    .executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (trx) => {
    const form = await trx
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
        form_id: form.id,
        version: 1,
        fields: JSON.stringify(STANDARD_FORM.fields),
        checks: JSON.stringify(STANDARD_FORM.checks),
      })
      .execute();
  });
}
