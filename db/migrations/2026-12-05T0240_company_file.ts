import { sql, type Kysely } from "kysely";

// The company file (issue 14): registration, capital, intellectual property, the space the
// company occupies, its designations with their dates, and a field-level history of every
// change (who, when, before and after). Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE company
      ADD COLUMN registered_on date,
      -- Money as integer minor units of an ISO 4217 currency (as the projects do, ADR 0026).
      ADD COLUMN capital_minor bigint CHECK (capital_minor >= 0),
      ADD COLUMN capital_currency text CHECK (capital_currency ~ '^[A-Z]{3}$'),
      ADD COLUMN invention_patents integer NOT NULL DEFAULT 0 CHECK (invention_patents >= 0),
      ADD COLUMN utility_models integer NOT NULL DEFAULT 0 CHECK (utility_models >= 0),
      ADD COLUMN software_copyrights integer NOT NULL DEFAULT 0 CHECK (software_copyrights >= 0),
      ADD COLUMN trademarks integer NOT NULL DEFAULT 0 CHECK (trademarks >= 0),
      ADD COLUMN space text NOT NULL DEFAULT '',
      ADD CONSTRAINT company_capital_pair CHECK ((capital_minor IS NULL) = (capital_currency IS NULL));

    CREATE TABLE company_designation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      kind text NOT NULL,
      reference text NOT NULL DEFAULT '',
      issued_on date NOT NULL,
      expires_on date,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (expires_on IS NULL OR expires_on >= issued_on)
    );
    CREATE INDEX company_designation_company_idx ON company_designation (company_id, issued_on);

    -- One row per changed field: the company file's history.
    CREATE TABLE company_change (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      field text NOT NULL,
      before text,
      after text,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX company_change_company_idx ON company_change (company_id, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS company_change;
    DROP TABLE IF EXISTS company_designation;
    ALTER TABLE company
      DROP CONSTRAINT IF EXISTS company_capital_pair,
      DROP COLUMN IF EXISTS registered_on,
      DROP COLUMN IF EXISTS capital_minor,
      DROP COLUMN IF EXISTS capital_currency,
      DROP COLUMN IF EXISTS invention_patents,
      DROP COLUMN IF EXISTS utility_models,
      DROP COLUMN IF EXISTS software_copyrights,
      DROP COLUMN IF EXISTS trademarks,
      DROP COLUMN IF EXISTS space;
  `.execute(db);
}
