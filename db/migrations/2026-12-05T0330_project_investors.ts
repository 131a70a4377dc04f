import { sql, type Kysely } from "kysely";

// Investment promotion (issue 13), the investor's view (ADR 0029): an investor's account
// linked to a project (or an invitation to link one, by email and token), the documents the
// park and the investor exchange, and their messages. Internal notes and the history stay in
// the tables of the first slice and are never read for the investor. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE project_investor (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      email text NOT NULL,
      -- Set once an account is linked (directly, or by accepting the invitation).
      user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
      -- A pending invitation: only the token's SHA-256 is stored.
      token_hash text UNIQUE,
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh-CN')),
      invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      linked_at timestamptz,
      revoked_at timestamptz,
      CHECK ((user_id IS NULL) = (linked_at IS NULL)),
      CHECK (user_id IS NOT NULL OR token_hash IS NOT NULL)
    );
    -- One live link per account and project; an investor's projects by account.
    CREATE UNIQUE INDEX project_investor_link_key ON project_investor (project_id, user_id)
      WHERE user_id IS NOT NULL AND revoked_at IS NULL;
    CREATE INDEX project_investor_user_idx ON project_investor (user_id)
      WHERE revoked_at IS NULL;
    CREATE INDEX project_investor_project_idx ON project_investor (project_id);

    -- Documents exchanged with the investor (bytes in stored_file, ADR 0010).
    CREATE TABLE project_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      stored_file_id uuid NOT NULL REFERENCES stored_file(id),
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL,
      from_investor boolean NOT NULL,
      uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_document_project_idx ON project_document (project_id, created_at);

    -- Messages between the investor and the park (the project's owner and colleagues).
    CREATE TABLE project_message (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      from_investor boolean NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_message_project_idx ON project_message (project_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS project_message;
    DROP TABLE IF EXISTS project_document;
    DROP TABLE IF EXISTS project_investor;
  `.execute(db);
}
