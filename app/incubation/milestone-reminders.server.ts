/**
 * Milestone reminders (issue 16, ADR 0045), the pattern of the statistics reminders (ADR 0043).
 * Once a day (09:00 in the park) the worker reminds every incubatee whose milestone is still to
 * do (open, or sent back) in an incubation that has not ended:
 *
 * - `before`: from MILESTONE_REMIND_BEFORE_DAYS before the due day up to it, to the company's
 *   members;
 * - `late`: from the day after the due day, to the company's members, and park staff are told.
 *
 * Each reminder is claimed by an `incubation_milestone_reminder (milestone_id, kind)` row in the
 * transaction that writes its notifications, queues its emails (each in the recipient's
 * language) and its audit entry, so it goes once however often the job runs or retries.
 * Milestones due longer ago than the chase window are not chased any more (the cohort shows them
 * overdue).
 */
import type { DB } from "#db/client.server";
import { inTransaction, type Executor } from "#db/executor";
import { sql } from "kysely";
import { audit } from "~/audit/audit.server";
import { env } from "~/env.server";
import { enqueue } from "~/jobs/queue.server";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { parkDay } from "~/projects/pipeline";
import { daysBetween, shiftDay } from "~/statistics/reminders";
import { notifyStaff } from "./notify.server";

export const MILESTONE_REMINDER_TASK = "milestone-reminders";
export const MILESTONE_REMIND_BEFORE_DAYS = 7;
export const MILESTONE_CHASE_WINDOW_DAYS = 30;
/** 09:00 in Shanghai. */
const SEND_HOUR_UTC = 1;

export type MilestoneReminderKind = "before" | "late";

/** The reminder a milestone still to do is due today, if any. */
export function milestoneReminderDue(dueOn: string, today: string): MilestoneReminderKind | null {
  const late = daysBetween(dueOn, today);
  if (late > MILESTONE_CHASE_WINDOW_DAYS) return null;
  if (late >= 1) return "late";
  if (late >= -MILESTONE_REMIND_BEFORE_DAYS) return "before";
  return null;
}

export interface MilestoneReminderRun {
  milestones: number;
  sent: number;
  recipients: number;
}

/**
 * Sends today's milestone reminders. `today` is the park's day (YYYY-MM-DD). Returns how many
 * milestones were considered, how many reminders were sent now (claimed) and to how many people.
 */
export async function sendMilestoneReminders(
  db: Executor,
  today: string,
  origin: string,
): Promise<MilestoneReminderRun> {
  const rows = await db
    .selectFrom("incubation_milestone as m")
    .innerJoin("incubation_offer as o", "o.application_id", "m.application_id")
    .innerJoin("application as a", "a.id", "m.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "m.company_id")
    .select([
      "m.id",
      "m.application_id",
      "m.company_id",
      "m.title_en",
      "m.title_zh",
      sql<string>`to_char(m.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
    ])
    .where("m.status", "in", ["open", "returned"])
    .where("o.status", "=", "signed")
    .where("o.outcome", "is", null)
    .where("m.due_on", ">=", shiftDay(today, -MILESTONE_CHASE_WINDOW_DAYS))
    .where("m.due_on", "<=", shiftDay(today, MILESTONE_REMIND_BEFORE_DAYS))
    .orderBy("m.due_on")
    .orderBy("m.id")
    .execute();
  let sent = 0;
  let recipients = 0;
  for (const m of rows) {
    const kind = milestoneReminderDue(m.due_on, today);
    if (!kind) continue;
    const count = await inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto("incubation_milestone_reminder")
        .values({ milestone_id: m.id, kind })
        .onConflict((oc) => oc.columns(["milestone_id", "kind"]).doNothing())
        .returning("milestone_id")
        .executeTakeFirst();
      if (!claimed) return null;
      const people = await trx
        .selectFrom("company_member as cm")
        .innerJoin("app_user as u", "u.id", "cm.user_id")
        .select(["u.id", "u.email", "u.locale"])
        .where("cm.company_id", "=", m.company_id)
        .where("u.disabled_at", "is", null)
        .orderBy("u.email")
        .execute();
      const link = `/applications/${m.application_id}`;
      for (const person of people) {
        const zh = person.locale === "zh-CN";
        await notify(
          trx,
          person.id,
          kind === "before" ? "milestone_reminder" : "milestone_late",
          link,
          { subject: m.title_en, subjectZh: m.title_zh, ref: m.due_on },
        );
        await queueEmail(trx, {
          to: person.email,
          locale: zh ? "zh-CN" : "en",
          template: kind === "before" ? "milestoneReminder" : "milestoneLate",
          values: {
            milestone: zh ? m.title_zh : m.title_en,
            company: zh ? m.company_zh || m.company_en : m.company_en,
            programme: zh ? m.programme_zh : m.programme_en,
            due: m.due_on,
            link: `${origin}${link}#milestones-heading`,
          },
        });
      }
      if (kind === "late")
        await notifyStaff(
          trx,
          "staff_milestone_late",
          `/desk/incubation/cohort/${m.application_id}`,
          { subject: m.title_en, subjectZh: m.title_zh, ref: m.company_en },
        );
      await trx
        .updateTable("incubation_milestone_reminder")
        .set({ recipients: people.length })
        .where("milestone_id", "=", m.id)
        .where("kind", "=", kind)
        .execute();
      await audit(trx, {
        actorId: null,
        action: "incubation.milestone_remind",
        entityType: "incubation_milestone",
        entityId: m.id,
        details: { kind, recipients: people.length, applicationId: m.application_id },
      });
      return people.length;
    });
    if (count === null) continue;
    sent++;
    recipients += count;
  }
  return { milestones: rows.length, sent, recipients };
}

function sendTimeOf(day: string): Date {
  return new Date(`${day}T0${SEND_HOUR_UTC}:00:00Z`);
}

async function scheduleFor(db: Executor, day: string): Promise<void> {
  await enqueue(
    db,
    MILESTONE_REMINDER_TASK,
    { day },
    { jobKey: `${MILESTONE_REMINDER_TASK}:${day}`, runAt: sendTimeOf(day), maxAttempts: 3 },
  );
}

/** Schedules today's run (it runs at once if 09:00 has passed) idempotently. */
export async function ensureMilestoneRemindersScheduled(
  db: Executor,
  now = new Date(),
): Promise<void> {
  await scheduleFor(db, parkDay(now));
}

/** The worker's task: today's reminders, then tomorrow's run. */
export async function milestoneRemindersTask(db: DB): Promise<void> {
  const now = new Date();
  try {
    await sendMilestoneReminders(db, parkDay(now), env().PUBLIC_URL.replace(/\/$/, ""));
  } finally {
    await scheduleFor(db, parkDay(new Date(+now + 86_400_000)));
  }
}
