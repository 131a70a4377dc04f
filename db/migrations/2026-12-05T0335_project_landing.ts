import { sql, type Kysely } from "kysely";

// Investment promotion (issue 13), landing (ADR 0029): a project registered in the park becomes
// (or is linked to) a resident company; the investor's contact is invited as its owner, so a
// company invitation now carries the role it grants. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE company_invitation
      ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member'));

    CREATE TABLE project_landing (
      project_id uuid PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      -- Made from the project (true) or an existing company linked to it (false).
      created_company boolean NOT NULL,
      landed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      landed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_landing_company_idx ON project_landing (company_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS project_landing;
    ALTER TABLE company_invitation DROP COLUMN IF EXISTS role;
  `.execute(db);
}
