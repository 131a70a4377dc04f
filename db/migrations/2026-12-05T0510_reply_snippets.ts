import { sql, type Kysely } from "kysely";

// Canned replies and macros (issue 17, ADR 0039): a bilingual snippet with variables, personal
// (owner_id set) or shared (owner_id null); a macro is a snippet that also sets state,
// priority, team or assignee when it is applied. Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE reply_snippet (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      body_en text NOT NULL CHECK (length(body_en) <= 5000),
      body_zh text NOT NULL CHECK (length(body_zh) <= 5000),
      set_state text,
      set_priority text,
      set_team_id uuid REFERENCES service_team(id) ON DELETE SET NULL,
      set_assignee_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (body_en <> '' OR body_zh <> '')
    );
    CREATE INDEX reply_snippet_owner_idx ON reply_snippet (owner_id, lower(title));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS reply_snippet`.execute(db);
}
