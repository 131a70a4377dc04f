import { sql, type Kysely } from "kysely";

// Issue 16, incubation after signing (ADR 0040): the milestones a programme defines, copied to
// each incubatee when its agreement is signed; the company marks one done (a note, perhaps a
// document), staff accept it or send it back. The programme names a statistics report form and
// a cadence for its incubatees' periodic reports (ADR 0033 periods and reports, reused). An
// incubation ends by graduation or an early exit, with a reason; the history keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incubation_milestone_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL REFERENCES incubation_programme(id) ON DELETE CASCADE,
      position integer NOT NULL DEFAULT 0,
      title_en text NOT NULL,
      title_zh text NOT NULL,
      -- Due so many days after the incubation's start, or on a fixed day (one of the two).
      due_days integer CHECK (due_days BETWEEN 0 AND 3650),
      due_on date,
      evidence_required boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((due_days IS NULL) <> (due_on IS NULL))
    );
    CREATE INDEX incubation_milestone_template_programme_idx
      ON incubation_milestone_template (programme_id, position);

    CREATE TABLE incubation_milestone (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES incubation_offer(application_id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      template_id uuid REFERENCES incubation_milestone_template(id) ON DELETE SET NULL,
      position integer NOT NULL DEFAULT 0,
      title_en text NOT NULL,
      title_zh text NOT NULL,
      due_on date NOT NULL,
      evidence_required boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'submitted', 'accepted', 'returned')),
      note text NOT NULL DEFAULT '',
      evidence_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      submitted_at timestamptz,
      staff_comment text NOT NULL DEFAULT '',
      decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decided_at timestamptz,
      version integer NOT NULL DEFAULT 1
    );
    -- A template reaches an incubatee once, however often signing is repeated.
    CREATE UNIQUE INDEX incubation_milestone_once
      ON incubation_milestone (application_id, template_id) WHERE template_id IS NOT NULL;
    CREATE INDEX incubation_milestone_app_idx ON incubation_milestone (application_id, position);
    CREATE INDEX incubation_milestone_due_idx ON incubation_milestone (due_on) WHERE status <> 'accepted';

    -- Periodic reports: a statistics report form and a cadence (quarterly for now).
    ALTER TABLE incubation_programme
      ADD COLUMN report_form_id uuid REFERENCES report_form(id) ON DELETE SET NULL,
      ADD COLUMN report_cadence text CHECK (report_cadence IN ('quarter'));

    -- The end of an incubation: graduated or exited early, why, and whether it stays a resident.
    ALTER TABLE incubation_offer
      ADD COLUMN outcome text CHECK (outcome IN ('graduated', 'exited')),
      ADD COLUMN outcome_reason text,
      ADD COLUMN ended_on date,
      ADD COLUMN ended_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      ADD COLUMN stays_resident boolean;

    ALTER TABLE application_message DROP CONSTRAINT application_message_kind_check;
    ALTER TABLE application_message ADD CONSTRAINT application_message_kind_check
      CHECK (kind IN ('status', 'info_request', 'decision', 'incubation'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM application_message WHERE kind = 'incubation';
    ALTER TABLE application_message DROP CONSTRAINT application_message_kind_check;
    ALTER TABLE application_message ADD CONSTRAINT application_message_kind_check
      CHECK (kind IN ('status', 'info_request', 'decision'));
    ALTER TABLE incubation_offer
      DROP COLUMN outcome, DROP COLUMN outcome_reason, DROP COLUMN ended_on,
      DROP COLUMN ended_by, DROP COLUMN stays_resident;
    ALTER TABLE incubation_programme DROP COLUMN report_form_id, DROP COLUMN report_cadence;
    DROP TABLE incubation_milestone, incubation_milestone_template;
  `.execute(db);
}
