import { sql, type Kysely } from "kysely";

// The header's unread badge (issue 18) counts a person's unread notifications on every
// signed-in page: a partial index holds only the unread rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS notification_unread_idx ON notification (user_id)
      WHERE read_at IS NULL
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS notification_unread_idx`.execute(db);
}
