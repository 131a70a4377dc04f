import { sql, type Kysely } from "kysely";

// Service requests (issue 5): catalogue (categories, types, per-type fields), teams, SLA
// targets, the business calendar, requests with messages, files, an append-only history,
// in-portal notifications and saved queue views. Frozen once it has run anywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE service_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_zh text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0
    );

    CREATE TABLE service_team (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      lead_id uuid REFERENCES app_user(id) ON DELETE SET NULL
    );

    CREATE TABLE service_team_member (
      team_id uuid NOT NULL REFERENCES service_team(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      PRIMARY KEY (team_id, user_id)
    );
    CREATE INDEX service_team_member_user_idx ON service_team_member (user_id);

    CREATE TABLE service_type (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      category_id uuid NOT NULL REFERENCES service_category(id) ON DELETE RESTRICT,
      name_en text NOT NULL,
      name_zh text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_zh text NOT NULL DEFAULT '',
      default_team_id uuid REFERENCES service_team(id) ON DELETE SET NULL,
      resident_only boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      position integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX service_type_category_idx ON service_type (category_id, position);

    -- Extra fields a type asks for. options: [{ value, en, zh }] for kind 'choice'.
    CREATE TABLE service_type_field (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type_id uuid NOT NULL REFERENCES service_type(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,40}$'),
      label_en text NOT NULL,
      label_zh text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'file')),
      required boolean NOT NULL DEFAULT false,
      options jsonb NOT NULL DEFAULT '[]'::jsonb,
      position integer NOT NULL DEFAULT 0,
      UNIQUE (type_id, key)
    );

    -- Targets in business minutes (app/service-requests/business-hours.ts).
    CREATE TABLE service_sla_target (
      type_id uuid NOT NULL REFERENCES service_type(id) ON DELETE CASCADE,
      priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
      resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
      PRIMARY KEY (type_id, priority)
    );

    -- Exceptions to the Monday-Friday week: public holidays and make-up working days.
    CREATE TABLE business_calendar_day (
      day date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
      name_en text NOT NULL,
      name_zh text NOT NULL
    );

    CREATE SEQUENCE service_request_ref_seq;

    CREATE TABLE service_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      requester_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      type_id uuid NOT NULL REFERENCES service_type(id) ON DELETE RESTRICT,
      category_id uuid NOT NULL REFERENCES service_category(id) ON DELETE RESTRICT,
      team_id uuid REFERENCES service_team(id) ON DELETE SET NULL,
      assignee_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      priority_rank smallint GENERATED ALWAYS AS (CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END) STORED,
      state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'triaged', 'in_progress', 'waiting_on_requester', 'waiting_on_third_party', 'resolved', 'closed', 'reopened')),
      is_open boolean GENERATED ALWAYS AS (state NOT IN ('resolved', 'closed')) STORED,
      subject text NOT NULL,
      description text NOT NULL,
      field_values jsonb NOT NULL DEFAULT '{}'::jsonb,
      idempotency_key text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      first_responded_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      -- SLA: targets copied at filing / priority change; due times recomputed on every change
      -- (NULL while the clock is paused or stopped).
      first_response_target_minutes integer NOT NULL,
      resolution_target_minutes integer NOT NULL,
      first_response_due_at timestamptz,
      resolution_due_at timestamptz,
      -- The next due time of any running clock: what the queue sorts and filters by.
      due_sort_at timestamptz GENERATED ALWAYS AS (coalesce(least(first_response_due_at, resolution_due_at), '9999-12-31 00:00:00+00'::timestamptz)) STORED,
      -- Business minutes actually taken (pauses excluded), set when each clock stops.
      first_response_minutes integer,
      resolution_minutes integer,
      sla_breached boolean NOT NULL DEFAULT false,
      breach_notified_at timestamptz,
      warning_notified_at timestamptz,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      rated_at timestamptz
    );
    CREATE UNIQUE INDEX service_request_idempotency_key ON service_request (requester_id, idempotency_key);
    CREATE INDEX service_request_company_idx ON service_request (company_id, created_at DESC, id DESC);
    -- The queue: keyset pagination by (sort key, id), one composite index per common filter.
    CREATE INDEX service_request_open_due_idx ON service_request (is_open, due_sort_at, id);
    CREATE INDEX service_request_open_created_idx ON service_request (is_open, created_at DESC, id DESC);
    CREATE INDEX service_request_open_priority_idx ON service_request (is_open, priority_rank DESC, created_at DESC, id DESC);
    CREATE INDEX service_request_state_due_idx ON service_request (state, due_sort_at, id);
    CREATE INDEX service_request_state_created_idx ON service_request (state, created_at DESC, id DESC);
    CREATE INDEX service_request_created_idx ON service_request (created_at DESC, id DESC);
    CREATE INDEX service_request_team_due_idx ON service_request (team_id, is_open, due_sort_at, id);
    CREATE INDEX service_request_assignee_due_idx ON service_request (assignee_id, is_open, due_sort_at, id);
    CREATE INDEX service_request_type_created_idx ON service_request (type_id, created_at DESC, id DESC);
    CREATE INDEX service_request_category_created_idx ON service_request (category_id, created_at DESC, id DESC);
    CREATE INDEX service_request_priority_due_idx ON service_request (priority, is_open, due_sort_at, id);
    CREATE INDEX service_request_subject_trgm ON service_request USING gin (subject gin_trgm_ops);
    CREATE INDEX service_request_resolved_idx ON service_request (resolved_at) WHERE resolved_at IS NOT NULL;

    -- Public replies reach the company; internal notes never leave the park side.
    CREATE TABLE service_request_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      from_staff boolean NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_request_message_request_idx ON service_request_message (request_id, created_at);

    -- Files on a request, a field or a message; the bytes live in stored_file (app/uploads).
    CREATE TABLE service_request_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      message_id uuid REFERENCES service_request_message(id) ON DELETE CASCADE,
      field_key text,
      stored_file_id uuid NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL,
      uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_request_file_request_idx ON service_request_file (request_id, created_at);

    -- History: every change with who and when; append-only.
    CREATE TABLE service_request_event (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('created', 'state', 'assignee', 'team', 'priority', 'field', 'rating', 'sla')),
      from_value text,
      to_value text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX service_request_event_request_idx ON service_request_event (request_id, id);
    CREATE TRIGGER service_request_event_append_only BEFORE UPDATE ON service_request_event
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER service_request_message_append_only BEFORE UPDATE ON service_request_message
      FOR EACH ROW EXECUTE FUNCTION forbid_change();

    CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      kind text NOT NULL,
      link text NOT NULL,
      values jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);

    CREATE TABLE service_queue_view (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      name text NOT NULL,
      query text NOT NULL,
      shared boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_queue_view_owner_idx ON service_queue_view (owner_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE service_queue_view, notification, service_request_event, service_request_file,
      service_request_message, service_request, service_sla_target, service_type_field, service_type,
      service_team_member, service_team, service_category, business_calendar_day CASCADE;
    DROP SEQUENCE service_request_ref_seq;
  `.execute(db);
}
