import { sql, type Kysely } from "kysely";

// Awards without applying (issue 15, ADR 0048): the payee a company confirms for an award or an
// approved claim (account name, bank, account number), one row per claim, replaced when the
// company corrects it before payment. Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE policy_claim_payee (
      claim_id uuid PRIMARY KEY REFERENCES policy_claim(id) ON DELETE CASCADE,
      account_name text NOT NULL,
      bank_name text NOT NULL,
      account_number text NOT NULL,
      confirmed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      confirmed_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS policy_claim_payee;`.execute(db);
}
