import { sql, type Kysely } from "kysely";

// Company statistics (issue 14, ADR 0033): report forms as versioned data, periods opened for a
// set of companies, one report per company and period with every submission kept, per-field
// comments when staff return one, the members an owner designates as reporters, and the
// `statistics` park role that alone (with admins) sees a company's figures. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin', 'promotion', 'statistics'));
    INSERT INTO role (name, scope, label_en, label_zh, description_en, description_zh)
    VALUES ('statistics', 'park', 'Statistics', '统计专员',
      'Opens reporting periods, reviews the figures companies report and sees the park''s indicators.',
      '发布统计报表期次，审核企业报送的数据，查看园区指标。')
    ON CONFLICT (name) DO NOTHING;

    CREATE TABLE report_form (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- A form's fields and checks as data; a version that has answers is never changed again.
    CREATE TABLE report_form_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      form_id uuid NOT NULL REFERENCES report_form(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      fields jsonb NOT NULL,
      checks jsonb NOT NULL DEFAULT '[]',
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (form_id, version)
    );

    CREATE TABLE report_period (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      form_version_id uuid NOT NULL REFERENCES report_form_version(id),
      kind text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
      label text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      due_on date NOT NULL,
      audience text NOT NULL,
      opened_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    );
    CREATE UNIQUE INDEX report_period_form_label ON report_period (form_version_id, label);
    CREATE INDEX report_period_ends_idx ON report_period (ends_on DESC, id DESC);

    -- One report per company and period: its current figures and where it stands.
    CREATE TABLE report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period_id uuid NOT NULL REFERENCES report_period(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'draft', 'submitted', 'returned', 'accepted')),
      revision integer NOT NULL DEFAULT 1,
      figures jsonb NOT NULL DEFAULT '{}',
      explanations jsonb NOT NULL DEFAULT '{}',
      saved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      saved_at timestamptz,
      submitted_at timestamptz,
      decided_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (period_id, company_id)
    );
    CREATE INDEX report_company_idx ON report (company_id, period_id);
    CREATE INDEX report_period_status_idx ON report (period_id, status);

    -- Every submission as it was sent, and what staff decided about it.
    CREATE TABLE report_submission (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      revision integer NOT NULL,
      figures jsonb NOT NULL,
      explanations jsonb NOT NULL DEFAULT '{}',
      submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      outcome text CHECK (outcome IN ('accepted', 'returned')),
      decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decided_at timestamptz
    );
    CREATE INDEX report_submission_report_idx ON report_submission (report_id, submitted_at DESC);
    CREATE INDEX report_submission_time_idx ON report_submission (submitted_at DESC, id DESC);

    CREATE TABLE report_comment (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      submission_id uuid NOT NULL REFERENCES report_submission(id) ON DELETE CASCADE,
      field_key text NOT NULL,
      body text NOT NULL,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_comment_submission_idx ON report_comment (submission_id);

    -- Members an owner lets fill the company's reports (owners always may).
    CREATE TABLE company_reporter (
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      designated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, user_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS company_reporter;
    DROP TABLE IF EXISTS report_comment;
    DROP TABLE IF EXISTS report_submission;
    DROP TABLE IF EXISTS report;
    DROP TABLE IF EXISTS report_period;
    DROP TABLE IF EXISTS report_form_version;
    DROP TABLE IF EXISTS report_form;
    DELETE FROM user_role WHERE role = 'statistics';
    DELETE FROM role WHERE name = 'statistics';
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin', 'promotion'));
  `.execute(db);
}
