/**
 * Notifications: a short line for one person, with a link, written in the transaction of the
 * change it tells of (service requests today: filed, replies, state changes, assignment, SLA
 * warnings and breaches, ratings) and listed at /notifications. The text is rendered in the
 * reader's language from `kind` and `values` (i18n namespace `notifications`).
 */
import type { Executor } from "#db/executor";
import type { NotificationKind } from "./kinds";

/** Writes one notification; `trx` is the transaction of the change it tells of. */
export async function notify(
  trx: Executor,
  userId: string,
  kind: NotificationKind,
  link: string,
  values: Record<string, string>,
): Promise<void> {
  await trx
    .insertInto("notification")
    .values({ user_id: userId, kind, link, values: JSON.stringify(values) })
    .execute();
}

function parseValues(value: unknown): Record<string, string> {
  const v = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return v && typeof v === "object" ? (v as Record<string, string>) : {};
}

/** A person's newest notifications, newest first. */
export async function listNotifications(db: Executor, userId: string, limit = 50) {
  const rows = await db
    .selectFrom("notification")
    .select(["id", "kind", "link", "values", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, values: parseValues(r.values) }));
}

/** Marks every unread notification of a person read. */
export async function markNotificationsRead(
  db: Executor,
  userId: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("notification")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}

/**
 * How many of a person's notifications are unread, counted up to `cap` (the header shows
 * "99+" past it): the root loader asks on every signed-in page, so the count stops early and
 * reads the partial index `notification_unread_idx`.
 */
export async function countUnread(db: Executor, userId: string, cap = 100): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("notification")
        .select("id")
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .limit(cap)
        .as("unread"),
    )
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
