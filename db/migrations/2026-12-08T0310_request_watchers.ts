import { sql, type Kysely } from "kysely";

// Watchers of a service request (issue 17, ADR 0056): desk staff follow a request (or are added
// by an @mention in an internal note) and are told of its messages and state changes.
// Frozen in time: add a migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE service_request_watcher (
      request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      via text NOT NULL CHECK (via IN ('self', 'mention')),
      added_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (request_id, user_id)
    );
    CREATE INDEX service_request_watcher_user_idx ON service_request_watcher (user_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS service_request_watcher;`.execute(db);
}
