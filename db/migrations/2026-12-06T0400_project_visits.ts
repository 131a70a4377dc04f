import { sql, type Kysely } from "kysely";

// Site visits of investment projects (issue 13, ADR 0041): a visit planned with the investor
// (a time, a place, the park's hosts, the investor's visitors, an agenda), held or cancelled,
// and the iCalendar invitation every email about it carries (same UID, SEQUENCE up on each
// change). The email row keeps the calendar part it is sent with. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE project_visit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      -- The iCalendar UID: fixed for the visit's life, so updates replace the event.
      uid text NOT NULL UNIQUE,
      -- The iCalendar SEQUENCE: 0 when sent first, one more on every reschedule or cancel.
      sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
      starts_at timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
      place text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
      visitors text NOT NULL DEFAULT '' CHECK (length(visitors) <= 1000),
      agenda text NOT NULL DEFAULT '' CHECK (length(agenda) <= 4000),
      contact_email text CHECK (contact_email IS NULL OR length(contact_email) <= 254),
      contact_locale text NOT NULL DEFAULT 'en' CHECK (contact_locale IN ('en', 'zh-CN')),
      state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
      outcome text NOT NULL DEFAULT '' CHECK (length(outcome) <= 4000),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_visit_project_idx ON project_visit (project_id, starts_at DESC);

    CREATE TABLE project_visit_host (
      visit_id uuid NOT NULL REFERENCES project_visit(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      PRIMARY KEY (visit_id, user_id)
    );

    -- The calendar part an email is sent with (an invitation, its update or its cancellation).
    ALTER TABLE email ADD COLUMN ics text;
    ALTER TABLE email ADD COLUMN ics_method text CHECK (ics_method IN ('REQUEST', 'CANCEL'));

    ALTER TABLE project_event DROP CONSTRAINT project_event_kind_check;
    ALTER TABLE project_event ADD CONSTRAINT project_event_kind_check
      CHECK (kind IN ('created', 'stage', 'edited', 'next_step', 'tranche_added', 'tranche_removed',
        'space_needs', 'unit_offered', 'unit_held', 'unit_released', 'unit_let',
        'visit_planned', 'visit_rescheduled', 'visit_cancelled', 'visit_held'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM project_event WHERE kind IN ('visit_planned', 'visit_rescheduled',
      'visit_cancelled', 'visit_held');
    ALTER TABLE project_event DROP CONSTRAINT project_event_kind_check;
    ALTER TABLE project_event ADD CONSTRAINT project_event_kind_check
      CHECK (kind IN ('created', 'stage', 'edited', 'next_step', 'tranche_added', 'tranche_removed',
        'space_needs', 'unit_offered', 'unit_held', 'unit_released', 'unit_let'));
    ALTER TABLE email DROP COLUMN IF EXISTS ics_method;
    ALTER TABLE email DROP COLUMN IF EXISTS ics;
    DROP TABLE IF EXISTS project_visit_host;
    DROP TABLE IF EXISTS project_visit;
  `.execute(db);
}
