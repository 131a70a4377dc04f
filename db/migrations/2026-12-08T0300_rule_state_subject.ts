import { sql, type Kysely } from "kysely";

// Desk rules (issue 17, ADR 0050) gain two conditions: the request's state, and text its subject
// contains (compared without case and width, so Chinese and full-width Latin match too).
// Frozen in time: add a migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE service_rule
      ADD COLUMN cond_state text CHECK (cond_state IN ('new', 'triaged', 'in_progress',
        'waiting_on_requester', 'waiting_on_third_party', 'resolved', 'closed', 'reopened')),
      ADD COLUMN cond_subject text CHECK (length(cond_subject) BETWEEN 1 AND 200);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE service_rule DROP COLUMN IF EXISTS cond_subject, DROP COLUMN IF EXISTS cond_state;
  `.execute(db);
}
