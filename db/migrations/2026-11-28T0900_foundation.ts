import { sql, type Kysely } from "kysely";

// Frozen in time: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh-CN')),
      email_verified_at timestamptz,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));
    CREATE INDEX app_user_name_trgm ON app_user USING gin (name gin_trgm_ops);

    -- Reference data (db/seed/reference.server.ts): the roles, with labels in both languages.
    CREATE TABLE role (
      name text PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('park', 'company')),
      label_en text NOT NULL,
      label_zh text NOT NULL,
      description_en text NOT NULL,
      description_zh text NOT NULL
    );

    CREATE TABLE user_role (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role text NOT NULL REFERENCES role(name) CHECK (role IN ('staff', 'reviewer', 'admin')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      granted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      PRIMARY KEY (user_id, role)
    );

    CREATE TABLE session (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      user_agent text,
      ip text
    );
    CREATE INDEX session_user_id_idx ON session (user_id);
    CREATE INDEX session_expires_at_idx ON session (expires_at);

    CREATE TABLE user_token (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
      new_email text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX user_token_user_idx ON user_token (user_id, purpose);

    CREATE TABLE company (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      credit_code text,
      industry text NOT NULL,
      website text,
      size text NOT NULL CHECK (size IN ('1-9', '10-49', '50-249', '250-999', '1000+')),
      is_resident boolean NOT NULL DEFAULT false,
      resident_since timestamptz,
      directory_opt_in boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX company_credit_code_key ON company (credit_code) WHERE credit_code IS NOT NULL;
    CREATE INDEX company_name_en_trgm ON company USING gin (name_en gin_trgm_ops);
    CREATE INDEX company_name_zh_trgm ON company USING gin (name_zh gin_trgm_ops);

    CREATE TABLE company_member (
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner', 'member')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, user_id)
    );
    -- One company per user; one owner per company.
    CREATE UNIQUE INDEX company_member_user_key ON company_member (user_id);
    CREATE UNIQUE INDEX company_member_one_owner ON company_member (company_id) WHERE role = 'owner';

    CREATE TABLE company_invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      email text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      revoked_at timestamptz
    );
    CREATE INDEX company_invitation_company_idx ON company_invitation (company_id);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip text
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

    CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();

    CREATE TABLE attempt_counter (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      blocked_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE email (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      locale text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text,
      template text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      last_error text
    );
    CREATE INDEX email_created_idx ON email (created_at DESC);

    CREATE TABLE job (
      id bigserial PRIMARY KEY,
      task text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      job_key text UNIQUE,
      run_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 10,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      completed_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX job_ready_idx ON job (run_at, id) WHERE completed_at IS NULL AND failed_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE job, email, attempt_counter, audit_log, company_invitation, company_member,
      company, user_token, session, user_role, role, app_user CASCADE;
    DROP FUNCTION forbid_change();
  `.execute(db);
}
