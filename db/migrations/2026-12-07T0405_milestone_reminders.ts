import { sql, type Kysely } from "kysely";

// Milestone reminders (issue 16, ADR 0045): one row per milestone and kind of reminder (before
// the due date, late), claimed in the transaction that writes the notifications and queues the
// emails, so each reminder goes once however often the job runs or retries.
// Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incubation_milestone_reminder (
      milestone_id uuid NOT NULL REFERENCES incubation_milestone(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('before', 'late')),
      sent_at timestamptz NOT NULL DEFAULT now(),
      recipients integer NOT NULL DEFAULT 0,
      PRIMARY KEY (milestone_id, kind)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS incubation_milestone_reminder`.execute(db);
}
