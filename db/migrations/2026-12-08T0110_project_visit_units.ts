import { sql, type Kysely } from "kysely";

// The units to see on a site visit (issue 13, ADR 0041): staff choose them when they plan or
// change a visit; the investor reads them on their project page and in the invitation.
// Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE project_visit_unit (
      visit_id uuid NOT NULL REFERENCES project_visit(id) ON DELETE CASCADE,
      unit_id uuid NOT NULL REFERENCES space_unit(id) ON DELETE CASCADE,
      PRIMARY KEY (visit_id, unit_id)
    );
    CREATE INDEX project_visit_unit_unit_idx ON project_visit_unit (unit_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS project_visit_unit`.execute(db);
}
