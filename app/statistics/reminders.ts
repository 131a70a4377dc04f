/**
 * When reports are chased (issue 14, ADR 0043): the days and kinds of reminders, shared by
 * the job and the staff's period page.
 */
export const REMIND_BEFORE_DAYS = 3;
export const ESCALATE_AFTER_DAYS = 7;
/** Periods due longer ago than this are not chased by the job any more (staff see them late). */
export const CHASE_WINDOW_DAYS = 60;

export const REMINDER_KINDS = ["before", "late", "escalated"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Whole days from ISO day `a` to ISO day `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The reminder a report not yet in is due today, if any (the strongest one that applies). */
export function reminderDue(dueOn: string, today: string): ReminderKind | null {
  const late = daysBetween(dueOn, today);
  if (late >= ESCALATE_AFTER_DAYS) return "escalated";
  if (late >= 1) return "late";
  if (late >= -REMIND_BEFORE_DAYS) return "before";
  return null;
}
