/**
 * Report reminders (issue 14, ADR 0043). Once a day (09:00 in the park) the worker reminds
 * every company whose report of a recent period is not in (open, draft or returned):
 *
 * - `before`: from REMIND_BEFORE_DAYS before the due date up to it, to the company's
 *   designated reporters (its owners when it designated none);
 * - `late`: the day after the due date, to the reporters and the owners;
 * - `escalated`: ESCALATE_AFTER_DAYS after the due date, to the owners.
 *
 * Each reminder is claimed by a `report_reminder (report_id, kind)` row in the transaction
 * that writes its notifications, queues its emails (in each recipient's language) and its
 * audit entry, so it goes once however often the job runs or retries.
 */
import type { DB } from "#db/client.server";
import { inTransaction, type Executor } from "#db/executor";
import { sql } from "kysely";
import { audit } from "~/audit/audit.server";
import { env } from "~/env.server";
import { enqueue } from "~/jobs/queue.server";
import { queueEmail, type EmailTemplate } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import type { NotificationKind } from "~/notifications/kinds";
import { parkDay } from "~/projects/pipeline";
import {
  CHASE_WINDOW_DAYS,
  daysBetween,
  REMIND_BEFORE_DAYS,
  reminderDue,
  shiftDay,
  type ReminderKind,
} from "./reminders";
import { reportersOf } from "./reports.server";

export const STATS_REMINDER_TASK = "statistics-reminders";
/** 09:00 in Shanghai. */
const SEND_HOUR_UTC = 1;

const TEMPLATE: Record<ReminderKind, EmailTemplate> = {
  before: "reportReminder",
  late: "reportLate",
  escalated: "reportEscalated",
};
const NOTICE: Record<ReminderKind, NotificationKind> = {
  before: "report_reminder",
  late: "report_late",
  escalated: "report_late",
};

export interface ReminderRun {
  reports: number;
  sent: number;
  recipients: number;
}

/**
 * Sends today's reminders. `today` is the park's day (YYYY-MM-DD). Returns how many reports
 * were considered, how many reminders were sent now (claimed) and to how many people.
 */
export async function sendReportReminders(
  db: Executor,
  today: string,
  origin: string,
): Promise<ReminderRun> {
  const rows = await db
    .selectFrom("report")
    .innerJoin("report_period as p", "p.id", "report.period_id")
    .innerJoin("report_form_version as v", "v.id", "p.form_version_id")
    .innerJoin("report_form as f", "f.id", "v.form_id")
    .select([
      "report.id",
      "report.company_id",
      "p.label",
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_on"),
      "f.name_en",
      "f.name_zh",
    ])
    .where("report.status", "in", ["open", "draft", "returned"])
    .where("p.due_on", ">=", shiftDay(today, -CHASE_WINDOW_DAYS))
    .where("p.due_on", "<=", shiftDay(today, REMIND_BEFORE_DAYS))
    .orderBy("p.due_on")
    .orderBy("report.id")
    .execute();
  let sent = 0;
  let recipients = 0;
  for (const r of rows) {
    const kind = reminderDue(r.due_on, today);
    if (!kind) continue;
    const count = await inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto("report_reminder")
        .values({ report_id: r.id, kind })
        .onConflict((oc) => oc.columns(["report_id", "kind"]).doNothing())
        .returning("report_id")
        .executeTakeFirst();
      if (!claimed) return null;
      const people = await reportersOf(trx, r.company_id);
      const designated = people.filter((p) => p.designated);
      const owners = people.filter((p) => p.role === "owner");
      const to =
        kind === "escalated"
          ? owners
          : kind === "late"
            ? people.filter((p) => p.role === "owner" || p.designated)
            : designated.length
              ? designated
              : owners;
      const link = `/company/reports/${r.id}`;
      const daysLate = String(Math.max(0, daysBetween(r.due_on, today)));
      for (const person of to) {
        const zh = person.locale === "zh-CN";
        const form = zh ? r.name_zh : r.name_en;
        await notify(trx, person.id, NOTICE[kind], link, { subject: form, ref: r.label });
        await queueEmail(trx, {
          to: person.email,
          locale: zh ? "zh-CN" : "en",
          template: TEMPLATE[kind],
          values: {
            form,
            period: r.label,
            due: r.due_on,
            days: daysLate,
            link: `${origin}${link}`,
          },
        });
      }
      await trx
        .updateTable("report_reminder")
        .set({ recipients: to.length })
        .where("report_id", "=", r.id)
        .where("kind", "=", kind)
        .execute();
      await audit(trx, {
        actorId: null,
        action: "statistics.report_remind",
        entityType: "report",
        entityId: r.id,
        details: { kind, recipients: to.length, period: r.label },
      });
      return to.length;
    });
    if (count === null) continue;
    sent++;
    recipients += count;
  }
  return { reports: rows.length, sent, recipients };
}

function sendTimeOf(day: string): Date {
  return new Date(`${day}T0${SEND_HOUR_UTC}:00:00Z`);
}

/** Schedules today's run (it runs at once if 09:00 has passed) idempotently. */
export async function ensureReportRemindersScheduled(
  db: Executor,
  now = new Date(),
): Promise<void> {
  const day = parkDay(now);
  await enqueue(
    db,
    STATS_REMINDER_TASK,
    { day },
    { jobKey: `${STATS_REMINDER_TASK}:${day}`, runAt: sendTimeOf(day), maxAttempts: 3 },
  );
}

/** The worker's task: today's reminders, then tomorrow's run. */
export async function reportRemindersTask(db: DB): Promise<void> {
  const now = new Date();
  try {
    await sendReportReminders(db, parkDay(now), env().PUBLIC_URL.replace(/\/$/, ""));
  } finally {
    const tomorrow = parkDay(new Date(+now + 86_400_000));
    await enqueue(
      db,
      STATS_REMINDER_TASK,
      { day: tomorrow },
      {
        jobKey: `${STATS_REMINDER_TASK}:${tomorrow}`,
        runAt: sendTimeOf(tomorrow),
        maxAttempts: 3,
      },
    );
  }
}
