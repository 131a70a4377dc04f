import { sql, type Kysely } from "kysely";

// Report reminders (issue 14, ADR 0043): one row per report and kind of reminder (before the
// due date, late, escalated to the owners), claimed in the transaction that writes the
// notifications and queues the emails, so each reminder goes once however often the job runs.
// Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE report_reminder (
      report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('before', 'late', 'escalated')),
      sent_at timestamptz NOT NULL DEFAULT now(),
      recipients integer NOT NULL DEFAULT 0,
      PRIMARY KEY (report_id, kind)
    );
    CREATE INDEX report_reminder_sent_idx ON report_reminder (report_id, sent_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS report_reminder`.execute(db);
}
