import { sql, type Kysely } from "kysely";

// Merging duplicates and linking related requests (issue 17, ADR 0038). A merged request is
// closed and points at the request it was merged into; its messages and files stay where they
// are (both tables are append-only) and are read through from the target. Links are stored
// once per pair, the smaller id first. The history learns the new kinds, and `rule` for the
// routing and escalation rules that follow. Frozen in time: add a migration to change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE service_request
      ADD COLUMN merged_into_id uuid REFERENCES service_request(id) ON DELETE SET NULL,
      ADD CONSTRAINT service_request_not_merged_into_itself CHECK (merged_into_id <> id);
    CREATE INDEX service_request_merged_into_idx ON service_request (merged_into_id)
      WHERE merged_into_id IS NOT NULL;

    CREATE TABLE service_request_link (
      a_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      b_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (a_id, b_id),
      CHECK (a_id < b_id)
    );
    CREATE INDEX service_request_link_b_idx ON service_request_link (b_id);

    ALTER TABLE service_request_event DROP CONSTRAINT service_request_event_kind_check;
    ALTER TABLE service_request_event ADD CONSTRAINT service_request_event_kind_check
      CHECK (kind IN ('created', 'state', 'assignee', 'team', 'priority', 'field', 'rating', 'sla',
                      'merged_into', 'merged_from', 'linked', 'unlinked', 'rule'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM service_request_event
      WHERE kind IN ('merged_into', 'merged_from', 'linked', 'unlinked', 'rule');
    ALTER TABLE service_request_event DROP CONSTRAINT service_request_event_kind_check;
    ALTER TABLE service_request_event ADD CONSTRAINT service_request_event_kind_check
      CHECK (kind IN ('created', 'state', 'assignee', 'team', 'priority', 'field', 'rating', 'sla'));
    DROP TABLE IF EXISTS service_request_link;
    ALTER TABLE service_request DROP COLUMN IF EXISTS merged_into_id;
  `.execute(db);
}
