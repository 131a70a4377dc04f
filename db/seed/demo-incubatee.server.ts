/**
 * A signed incubatee in the demo (issue 16, ADRs 0040 and 0049): Lumina Photonics' accepted
 * soft-landing application carries a signed agreement (started 45 days ago, two years planned),
 * the programme's milestones (the first accepted, the second handed in and waiting for staff,
 * the rest still to come), the soft-landing programme's quarterly report form (so Lumina's
 * quarterly statistics reports are the programme's reports), a staff comment on the latest
 * one, and the demo mentor (mentor@demo.zizhupark.example) assigned. Runs after the statistics
 * demo (the quarterly form and reports). Idempotent: it does nothing once the offer exists.
 */
import { sql } from "kysely";
import { createMilestones } from "~/incubation/milestones.server";
import { isoDay } from "~/lib/format";
import { storeUpload } from "~/uploads/uploads.server";
import type { DB } from "../client.server";
import type { Executor } from "../executor";
import { demoPdf } from "./demo-incubation.server";

const DAY = 86400_000;
export const DEMO_MENTOR = "mentor@demo.zizhupark.example";
const QUARTER_FORM_CODE = "quarterly-indicators";

async function idOf(db: Executor, email: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom("app_user")
      .select("id")
      .where(sql`lower(email)`, "=", email)
      .executeTakeFirst()
  )?.id;
}

async function pdf(db: Executor, text: string, filename: string, context: string, owner: string) {
  const stored = await storeUpload(db, {
    bytes: demoPdf(text),
    filename,
    allowedTypes: ["application/pdf"],
    maxBytes: 1_000_000,
    uploadedBy: null,
    context,
    ownerId: owner,
  });
  if (!stored.ok) throw new Error(`demo file not stored: ${stored.error}`);
  return stored.file.id;
}

export async function seedDemoIncubatee(db: DB, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const staff = await idOf(trx, "staff@demo.zizhupark.example");
    const owner = await idOf(trx, "owner@demo.zizhupark.example");
    const mentor = await idOf(trx, DEMO_MENTOR);
    const app = await trx
      .selectFrom("application as a")
      .innerJoin("incubation_call as c", "c.id", "a.call_id")
      .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
      .innerJoin("company_member as m", "m.company_id", "a.company_id")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["a.id", "a.company_id", "p.id as programme_id", "p.report_form_id"])
      .where("p.slug", "=", "soft-landing")
      .where("a.decision_outcome", "=", "accepted")
      .where(sql`lower(u.email)`, "=", "owner@demo.zizhupark.example")
      .executeTakeFirst();
    if (!app) return;
    const done = await trx
      .selectFrom("incubation_offer")
      .select("application_id")
      .where("application_id", "=", app.id)
      .executeTakeFirst();
    if (done) return;

    // The programme's reports: the quarterly statistics form, as staff would name it.
    const form = await trx
      .selectFrom("report_form")
      .select("id")
      .where("code", "=", QUARTER_FORM_CODE)
      .executeTakeFirst();
    if (form && !app.report_form_id)
      await trx
        .updateTable("incubation_programme")
        .set({ report_form_id: form.id, report_cadence: "quarter" })
        .where("id", "=", app.programme_id)
        .execute();

    // The offer, accepted and signed on both sides.
    const offered = new Date(now.getTime() - 50 * DAY);
    const replied = new Date(now.getTime() - 48 * DAY);
    const signed = new Date(now.getTime() - 46 * DAY);
    const start = isoDay(new Date(now.getTime() - 45 * DAY));
    const plannedEnd = isoDay(new Date(now.getTime() + (730 - 45) * DAY));
    const agreement = await pdf(
      trx,
      "Incubation agreement - Lumina Photonics",
      "incubation-agreement.pdf",
      "incubation_agreement",
      app.id,
    );
    const companyCopy = await pdf(
      trx,
      "Incubation agreement, signed by Lumina Photonics",
      "agreement-signed-lumina.pdf",
      "incubation_agreement",
      app.id,
    );
    const staffCopy = await pdf(
      trx,
      "Incubation agreement, signed by the park",
      "agreement-signed-park.pdf",
      "incubation_agreement",
      app.id,
    );
    await trx
      .insertInto("incubation_offer")
      .values({
        application_id: app.id,
        company_id: app.company_id,
        status: "signed",
        conditions: "Register the company at the park address within a month of the start.",
        space: "Soft-landing desk area, building 2, desks 2-14 to 2-16",
        reply_by: isoDay(new Date(offered.getTime() + 14 * DAY)),
        start_date: start,
        planned_end_date: plannedEnd,
        offered_at: offered,
        replied_at: replied,
        replied_by: owner ?? null,
        agreement_file_id: agreement,
        company_signed_file_id: companyCopy,
        company_signed_at: signed,
        staff_signed_file_id: staffCopy,
        staff_signed_at: signed,
        signed_at: signed,
      })
      .execute();

    // Milestones: the first accepted, the second handed in, the rest ahead.
    await createMilestones(trx, {
      applicationId: app.id,
      companyId: app.company_id,
      programmeId: app.programme_id,
      startDate: start,
    });
    const milestones = await trx
      .selectFrom("incubation_milestone")
      .select(["id", "position", "evidence_required"])
      .where("application_id", "=", app.id)
      .orderBy("position")
      .execute();
    const [first, second] = milestones;
    if (first) {
      const evidence = first.evidence_required
        ? await pdf(
            trx,
            "Business licence at the park address - Lumina Photonics",
            "business-licence.pdf",
            "incubation_milestone",
            first.id,
          )
        : null;
      await trx
        .updateTable("incubation_milestone")
        .set({
          status: "accepted",
          note: "Registered at No. 555 Dongchuan Road; the new business licence is attached.",
          evidence_file_id: evidence,
          submitted_by: owner ?? null,
          submitted_at: new Date(now.getTime() - 20 * DAY),
          staff_comment: "Thank you: the licence shows the park address.",
          decided_by: staff ?? null,
          decided_at: new Date(now.getTime() - 18 * DAY),
          version: 3,
        })
        .where("id", "=", first.id)
        .execute();
    }
    if (second)
      await trx
        .updateTable("incubation_milestone")
        .set({
          status: "submitted",
          note: "Six of us moved into building 2 last week; the lab bench arrives next month.",
          submitted_by: owner ?? null,
          submitted_at: new Date(now.getTime() - 2 * DAY),
          version: 2,
        })
        .where("id", "=", second.id)
        .execute();

    // The mentor, and a staff comment on the latest handed-in quarterly report.
    if (mentor)
      await trx
        .insertInto("incubation_mentor")
        .values({
          application_id: app.id,
          user_id: mentor,
          assigned_by: staff ?? null,
          assigned_at: signed,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    if (form) {
      const report = await trx
        .selectFrom("report")
        .innerJoin("report_period as p", "p.id", "report.period_id")
        .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
        .select("report.id")
        .where("report.company_id", "=", app.company_id)
        .where("v.form_id", "=", form.id)
        .where("report.status", "in", ["submitted", "returned", "accepted"])
        .orderBy("p.ends_on", "desc")
        .executeTakeFirst();
      if (report)
        await trx
          .insertInto("incubation_report_comment")
          .values({
            application_id: app.id,
            report_id: report.id,
            author_id: staff ?? null,
            author_role: "staff",
            body: "Revenue is growing steadily. Could you say more about the new hires in the next report?",
            created_at: new Date(now.getTime() - 10 * DAY),
          })
          .execute();
    }
  });
}
