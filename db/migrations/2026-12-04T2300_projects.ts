import { sql, type Kysely } from "kysely";

// Investment promotion (issue 13), the first slice: the project pipeline. A project per
// prospective investment, its contacts, its stage history and its capital tranches, and the
// `promotion` park role. Space units, visits and the investor's view come later and will
// reference `project(id)`. Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin', 'promotion'));
    INSERT INTO role (name, scope, label_en, label_zh, description_en, description_zh)
    VALUES ('promotion', 'park', 'Investment promotion', '招商专员',
      'Works the investment-promotion pipeline: projects, stages, next steps and capital.',
      '负责招商项目管线：项目、阶段、下一步和资金到位。')
    ON CONFLICT (name) DO NOTHING;

    ALTER TABLE inquiry_event DROP CONSTRAINT inquiry_event_kind_check;
    ALTER TABLE inquiry_event ADD CONSTRAINT inquiry_event_kind_check
      CHECK (kind IN ('created', 'status', 'assigned', 'note', 'reply', 'project'));

    CREATE SEQUENCE project_reference_seq;

    CREATE TABLE project (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference text NOT NULL UNIQUE,
      organisation text NOT NULL,
      country text CHECK (country ~ '^[A-Z]{2}$'),
      parent_group text NOT NULL DEFAULT '',
      industry_id uuid REFERENCES park_industry(id) ON DELETE SET NULL,
      plan_kind text CHECK (plan_kind IN ('rd_centre', 'headquarters', 'production', 'sales_office')),
      -- Money as integer minor units of an ISO 4217 currency (ADR: projects pipeline).
      investment_minor bigint CHECK (investment_minor >= 0),
      investment_currency text CHECK (investment_currency ~ '^[A-Z]{3}$'),
      capital_minor bigint CHECK (capital_minor >= 0),
      capital_currency text CHECK (capital_currency ~ '^[A-Z]{3}$'),
      jobs_planned integer CHECK (jobs_planned >= 0),
      space_type text CHECK (space_type IN ('office', 'lab', 'industrial', 'incubator_desk')),
      area_min_m2 integer CHECK (area_min_m2 >= 0),
      area_max_m2 integer CHECK (area_max_m2 >= 0),
      move_in_on date,
      special_needs text NOT NULL DEFAULT '',
      source text NOT NULL CHECK (source IN ('inquiry', 'event', 'referral', 'staff')),
      owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      notes text NOT NULL DEFAULT '',
      inquiry_id uuid REFERENCES inquiry(id) ON DELETE SET NULL,
      stage text NOT NULL DEFAULT 'new' CHECK (stage IN ('new', 'qualified', 'visit_planned',
        'visited', 'negotiating', 'signed', 'registered', 'moved_in', 'producing', 'lost', 'on_hold')),
      -- The stage a project was in when it was put on hold or lost: where a reopening returns.
      stopped_stage text CHECK (stopped_stage IN ('new', 'qualified', 'visit_planned', 'visited',
        'negotiating', 'signed', 'registered', 'moved_in')),
      lost_reason text,
      next_step text NOT NULL DEFAULT '',
      next_step_due date,
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((investment_minor IS NULL) = (investment_currency IS NULL)),
      CHECK ((capital_minor IS NULL) = (capital_currency IS NULL)),
      CHECK (area_min_m2 IS NULL OR area_max_m2 IS NULL OR area_min_m2 <= area_max_m2),
      CHECK ((stage = 'lost') = (lost_reason IS NOT NULL)),
      CHECK ((stage IN ('lost', 'on_hold')) = (stopped_stage IS NOT NULL))
    );
    -- One project per inquiry: creating from an inquiry twice finds the first.
    CREATE UNIQUE INDEX project_inquiry_key ON project (inquiry_id) WHERE inquiry_id IS NOT NULL;
    -- The table's keyset (most recent activity first), overall and per stage and per owner.
    CREATE INDEX project_activity_idx ON project (last_activity_at DESC, id DESC);
    CREATE INDEX project_stage_activity_idx ON project (stage, last_activity_at DESC, id DESC);
    CREATE INDEX project_owner_activity_idx ON project (owner_id, last_activity_at DESC, id DESC);
    CREATE INDEX project_organisation_trgm ON project USING gin (organisation gin_trgm_ops);

    CREATE TABLE project_contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      position smallint NOT NULL,
      name text NOT NULL,
      title text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      UNIQUE (project_id, position)
    );

    -- Every change of a project: who, when, what (a stage move has from, to and a note).
    CREATE TABLE project_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('created', 'stage', 'edited', 'next_step', 'tranche_added',
        'tranche_removed')),
      from_stage text,
      to_stage text,
      note text NOT NULL DEFAULT '',
      details jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_event_project_idx ON project_event (project_id, id);

    -- Capital that arrived, as dated tranches (not a stage).
    CREATE TABLE project_tranche (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      arrived_on date NOT NULL,
      note text NOT NULL DEFAULT '',
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_tranche_project_idx ON project_tranche (project_id, arrived_on);

    -- The daily reminder: one email per owner and day, however often the job runs.
    CREATE TABLE project_reminder (
      owner_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      day date NOT NULL,
      projects integer NOT NULL,
      email_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (owner_id, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS project_reminder;
    DROP TABLE IF EXISTS project_tranche;
    DROP TABLE IF EXISTS project_event;
    DROP TABLE IF EXISTS project_contact;
    DROP TABLE IF EXISTS project;
    DROP SEQUENCE IF EXISTS project_reference_seq;
    DELETE FROM inquiry_event WHERE kind = 'project';
    ALTER TABLE inquiry_event DROP CONSTRAINT inquiry_event_kind_check;
    ALTER TABLE inquiry_event ADD CONSTRAINT inquiry_event_kind_check
      CHECK (kind IN ('created', 'status', 'assigned', 'note', 'reply'));
    DELETE FROM user_role WHERE role = 'promotion';
    DELETE FROM role WHERE name = 'promotion';
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin'));
  `.execute(db);
}
