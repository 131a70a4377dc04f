import { sql, type Kysely } from "kysely";

// Saved views of the project table (issue 13, ADR 0047): a name for the table's filters, kept
// by one member of the promotion staff, personal or shared with everyone who may read the
// pipeline. One name per owner (case folded), so the menu never shows a name twice for them.
// Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE project_view (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
      query text NOT NULL CHECK (char_length(query) <= 1000),
      shared boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX project_view_owner_name_idx ON project_view (owner_id, lower(name));
    CREATE INDEX project_view_shared_idx ON project_view (name) WHERE shared;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS project_view;`.execute(db);
}
