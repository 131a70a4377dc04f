import { sql, type Kysely } from "kysely";

// Policy uptake (issue 15, ADR 0044): a company's account manager (the park staff member who
// looks after it), and one proactive service request per policy and company ("you may be
// eligible for ..."): the primary key makes a second click, a retried POST or a second member
// of staff open nothing more. Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE company
      ADD COLUMN account_manager_id uuid REFERENCES app_user(id) ON DELETE SET NULL;
    CREATE INDEX company_account_manager_idx ON company (account_manager_id)
      WHERE account_manager_id IS NOT NULL;

    CREATE TABLE policy_outreach (
      policy_id uuid NOT NULL REFERENCES park_policy(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      request_id uuid REFERENCES service_request(id) ON DELETE SET NULL,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (policy_id, company_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS policy_outreach;
    ALTER TABLE company DROP COLUMN IF EXISTS account_manager_id;
  `.execute(db);
}
