/**
 * The daily reminder (issue 13): each owner of flagged projects (no next step, overdue, stale)
 * gets one email a day, in their language, listing them. The job runs at 09:00 in the park
 * (01:00 UTC) under a day-keyed job key, so however many processes schedule it, one run
 * happens per day; a run that repeats (a lost lease) sends nothing twice, because each owner's
 * email is queued in the same transaction as the owner's `project_reminder` row for the day.
 */
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { inTransaction } from "#db/executor";
import { env } from "~/env.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { enqueue } from "~/jobs/queue.server";
import { queueEmail } from "~/mail/mail.server";
import { applyProjectFilters, type FlagClock } from "./list.server";
import { flagsOf, parkDay, type Flag } from "./pipeline";
import { dayText } from "./projects.server";

export const REMINDER_TASK = "project-reminders";
/** 09:00 in Shanghai. */
const SEND_HOUR_UTC = 1;
/** At most this many projects are listed in one email (the link shows the rest). */
const LISTED = 30;

function sendTimeOf(day: string): Date {
  return new Date(`${day}T0${SEND_HOUR_UTC}:00:00Z`);
}

/** Schedules today's run (the park's day; it runs at once if 09:00 has passed) idempotently. */
export async function ensureRemindersScheduled(db: Executor, now = new Date()): Promise<void> {
  const day = parkDay(now);
  await enqueue(
    db,
    REMINDER_TASK,
    { day },
    { jobKey: `${REMINDER_TASK}:${day}`, runAt: sendTimeOf(day), maxAttempts: 3 },
  );
}

export interface ReminderRun {
  owners: number;
  emails: number;
}

/** Queues today's reminder emails: one per owner with flagged projects, none twice a day. */
export async function sendProjectReminders(
  db: Executor,
  origin: string,
  clock: FlagClock,
): Promise<ReminderRun> {
  const day = parkDay(clock.now);
  const rows = await applyProjectFilters(
    db.selectFrom("project"),
    { stage: "all", flag: "any" },
    clock,
  )
    .where("project.owner_id", "is not", null)
    .select([
      "project.id",
      "project.reference",
      "project.stage",
      "project.next_step",
      "project.last_activity_at",
      "project.owner_id",
    ])
    .select(dayText("project.next_step_due").as("next_step_due"))
    .orderBy("project.owner_id")
    .orderBy("project.next_step_due")
    .orderBy("project.reference")
    .execute();
  const ownerIds = [...new Set(rows.map((r) => r.owner_id!))];
  const owners = ownerIds.length
    ? await db
        .selectFrom("app_user")
        .select(["id", "email", "locale"])
        .where("id", "in", ownerIds)
        .where("disabled_at", "is", null)
        .execute()
    : [];
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  const byOwner = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!ownerOf.has(r.owner_id!)) continue;
    const list = byOwner.get(r.owner_id!) ?? [];
    list.push(r);
    byOwner.set(r.owner_id!, list);
  }
  let emails = 0;
  for (const [ownerId, projects] of byOwner) {
    const owner = ownerOf.get(ownerId)!;
    const locale: Locale = isLocale(owner.locale) ? owner.locale : "en";
    const sent = await inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto("project_reminder")
        .values({ owner_id: ownerId, day, projects: projects.length })
        .onConflict((oc) => oc.columns(["owner_id", "day"]).doNothing())
        .returning("owner_id")
        .executeTakeFirst();
      if (!claimed) return false;
      const emailId = await queueEmail(trx, {
        to: owner.email,
        locale,
        template: "projectReminder",
        values: {
          count: String(projects.length),
          message: reminderList(projects, locale, origin, clock),
          link: `${origin}/desk/projects?owner=me&flag=any`,
        },
      });
      await trx
        .updateTable("project_reminder")
        .set({ email_id: emailId })
        .where("owner_id", "=", ownerId)
        .where("day", "=", day)
        .execute();
      return true;
    });
    if (sent) emails++;
  }
  return { owners: byOwner.size, emails };
}

/** One line per project: reference, why it is flagged, the next step (staff's own words). */
function reminderList(
  projects: {
    id: string;
    reference: string;
    stage: string;
    next_step: string;
    next_step_due: string | null;
    last_activity_at: Date;
  }[],
  locale: Locale,
  origin: string,
  clock: FlagClock,
): string {
  const t = createI18n(locale).getFixedT(locale, "projects");
  const flagText = (f: Flag) => t(`flags.${f}`);
  const lines = projects.slice(0, LISTED).map((p) => {
    const flags = flagsOf(p, clock.now, clock.staleDays).map(flagText).join(", ");
    const step = p.next_step
      ? ` · ${t("reminder.step", { step: p.next_step, due: p.next_step_due ?? "" })}`
      : "";
    return `${p.reference} · ${t(`stages.${p.stage as "new"}`)} · ${flags}${step}\n${origin}/desk/projects/${p.id}`;
  });
  if (projects.length > LISTED) lines.push(t("reminder.more", { count: projects.length - LISTED }));
  return lines.join("\n\n");
}

/** The worker's task: today's reminders, then tomorrow's run. */
export async function projectRemindersTask(db: DB): Promise<void> {
  const now = new Date();
  try {
    await sendProjectReminders(db, env().PUBLIC_URL.replace(/\/$/, ""), {
      now,
      staleDays: env().PROJECT_STALE_DAYS,
    });
  } finally {
    const tomorrow = parkDay(new Date(+now + 86_400_000));
    await enqueue(
      db,
      REMINDER_TASK,
      { day: tomorrow },
      { jobKey: `${REMINDER_TASK}:${tomorrow}`, runAt: sendTimeOf(tomorrow), maxAttempts: 3 },
    );
  }
}
