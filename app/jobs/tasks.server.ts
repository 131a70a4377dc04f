import type { DB } from "#db/client.server";
import { passwordResetTask, RESET_TASK } from "~/accounts/accounts.server";
import { sendEmailTask } from "~/mail/mail.server";
import { ensureSweepScheduled, slaSweepTask, SWEEP_TASK } from "~/service-requests/jobs.server";
import { holdsLease, type TaskHandler } from "./queue.server";
import { env } from "~/env.server";
import { RULES_TASK } from "~/service-requests/rule-jobs.server";
import { runRules } from "~/service-requests/rules.server";
import { publishScheduledTask } from "~/news/news.server";
import { PRUNE_TASK, pruneTask } from "./prune.server";
import { INBOUND_TASK, inboundMailTask } from "~/service-requests/inbound-mail.server";
import {
  ensureRemindersScheduled,
  projectRemindersTask,
  REMINDER_TASK,
} from "~/projects/reminders.server";
import {
  ensureReportRemindersScheduled,
  reportRemindersTask,
  STATS_REMINDER_TASK,
} from "~/statistics/reminders.server";
import {
  ensureMilestoneRemindersScheduled,
  MILESTONE_REMINDER_TASK,
  milestoneRemindersTask,
} from "~/incubation/milestone-reminders.server";

import { INDICATOR_REBUILD_TASK, indicatorRebuildTask } from "~/statistics/indicators.server";

/** Every background task by name. Later areas add theirs here. */
export const taskHandlers: Record<string, TaskHandler> = {
  "send-email": sendEmailTask,
  "news-publish": publishScheduledTask,
  [SWEEP_TASK]: slaSweepTask,
  [RESET_TASK]: passwordResetTask,
  [PRUNE_TASK]: pruneTask,
  [REMINDER_TASK]: projectRemindersTask,
  [INBOUND_TASK]: inboundMailTask,
  [STATS_REMINDER_TASK]: reportRemindersTask,
  [MILESTONE_REMINDER_TASK]: milestoneRemindersTask,
  [INDICATOR_REBUILD_TASK]: indicatorRebuildTask,
  [RULES_TASK]: async (db, payload, run) => {
    await runRules(db, payload, {
      origin: env().PUBLIC_URL.replace(/\/$/, ""),
      beforeCommit: (trx) => holdsLease(trx, run.job),
    });
  },
};

/**
 * Recurring work, scheduled by the worker when it starts and once a minute after (idempotent:
 * each schedule is a keyed job), never by requests.
 */
export async function scheduleRecurring(db: DB): Promise<void> {
  await ensureSweepScheduled(db);
  await ensureRemindersScheduled(db);
  await ensureReportRemindersScheduled(db);
  await ensureMilestoneRemindersScheduled(db);
}
