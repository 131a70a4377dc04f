import { sql, type Kysely } from "kysely";

// Issue 16, an application nobody can lose: a withdrawn application no longer holds the
// company's one place in a call (a new application may be started; the withdrawal can be undone
// until the deadline, back to the state it left), and every submitted review is kept as a
// revision (reviewers may correct theirs until the decisions are released). Frozen once run.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE application DROP CONSTRAINT application_call_id_company_id_key;
    CREATE UNIQUE INDEX application_call_company_live_idx ON application (call_id, company_id)
      WHERE status <> 'withdrawn';
    ALTER TABLE application
      ADD COLUMN withdrawn_from text CHECK (withdrawn_from IN ('draft', 'submitted', 'screening',
        'info_requested', 'resubmitted', 'in_review')),
      ADD COLUMN withdrawn_at timestamptz;

    -- Partial scores saved before submitting live in review_assignment (submitted_at null);
    -- each submission (the first and every revision) is appended here.
    CREATE TABLE review_revision (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL,
      reviewer_id uuid NOT NULL,
      scores jsonb NOT NULL,
      overall_comment text NOT NULL DEFAULT '',
      submitted_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (application_id, reviewer_id)
        REFERENCES review_assignment (application_id, reviewer_id) ON DELETE CASCADE
    );
    CREATE INDEX review_revision_assignment_idx ON review_revision (application_id, reviewer_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE review_revision;
    ALTER TABLE application DROP COLUMN withdrawn_from, DROP COLUMN withdrawn_at;
    DROP INDEX application_call_company_live_idx;
    ALTER TABLE application ADD CONSTRAINT application_call_id_company_id_key UNIQUE (call_id, company_id);
  `.execute(db);
}
