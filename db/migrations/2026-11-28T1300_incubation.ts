import { sql, type Kysely } from "kysely";

// Incubation (issue 4): programmes, calls, applications, documents, messages, internal
// comments, reviewer assignments with rubric scores. Frozen once it has run anywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incubation_programme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      summary_en text NOT NULL DEFAULT '',
      summary_zh text NOT NULL DEFAULT '',
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- questions, documents and rubric are small lists edited with the call (validated in
    -- app/incubation/schema.ts); an application keeps its answers keyed by question key.
    CREATE TABLE incubation_call (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL REFERENCES incubation_programme(id) ON DELETE RESTRICT,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      title_en text NOT NULL,
      title_zh text NOT NULL,
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      places integer NOT NULL CHECK (places > 0),
      eligibility_en text NOT NULL DEFAULT '',
      eligibility_zh text NOT NULL DEFAULT '',
      questions jsonb NOT NULL DEFAULT '[]'::jsonb,
      documents jsonb NOT NULL DEFAULT '[]'::jsonb,
      rubric jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (closes_at > opens_at)
    );
    CREATE INDEX incubation_call_programme_idx ON incubation_call (programme_id, closes_at);

    CREATE TABLE application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES incubation_call(id) ON DELETE RESTRICT,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'screening',
        'info_requested', 'resubmitted', 'in_review', 'accepted', 'accepted_with_conditions',
        'rejected', 'withdrawn')),
      answers jsonb NOT NULL DEFAULT '{}'::jsonb,
      version integer NOT NULL DEFAULT 1,
      last_saved_at timestamptz,
      last_saved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      submitted_at timestamptz,
      -- A drafted decision (pending until released together with the call's others).
      decision_outcome text CHECK (decision_outcome IN ('accepted', 'accepted_with_conditions', 'rejected')),
      decision_letter text,
      decision_locale text CHECK (decision_locale IN ('en', 'zh-CN')),
      decision_drafted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decision_released_at timestamptz,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (call_id, company_id)
    );
    CREATE INDEX application_company_idx ON application (company_id);
    CREATE INDEX application_call_status_idx ON application (call_id, status);

    -- The bytes live in the generic upload store (stored_file, app/uploads, ADR 0010).
    CREATE TABLE application_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      kind text NOT NULL,
      stored_file_id uuid NOT NULL REFERENCES stored_file(id) ON DELETE RESTRICT,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL,
      uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_document_app_idx ON application_document (application_id, kind);

    -- What the park says to the applicant (and the applicant's replies): shown on the dashboard.
    CREATE TABLE application_message (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('status', 'info_request', 'decision')),
      status text,
      body text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_message_app_idx ON application_message (application_id, id);

    -- Staff-only notes: never selected by any applicant-facing function.
    CREATE TABLE application_comment (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_comment_app_idx ON application_comment (application_id, id);

    CREATE TABLE review_assignment (
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      reviewer_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      assigned_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      conflict_declared_at timestamptz,
      conflict_reason text,
      scores jsonb NOT NULL DEFAULT '{}'::jsonb,
      overall_comment text NOT NULL DEFAULT '',
      submitted_at timestamptz,
      PRIMARY KEY (application_id, reviewer_id)
    );
    CREATE INDEX review_assignment_reviewer_idx ON review_assignment (reviewer_id);

    -- What an applicant typed when their session had ended: kept under the SHA-256 of a random
    -- token held in their browser's cookie, offered back (not saved) after they sign in again.
    CREATE TABLE application_input_stash (
      token_hash text PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      step integer NOT NULL,
      answers jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_input_stash_created_idx ON application_input_stash (created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE application_input_stash, review_assignment, application_comment, application_message, application_document,
      application, incubation_call, incubation_programme CASCADE;
  `.execute(db);
}
