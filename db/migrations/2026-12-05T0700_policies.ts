import { sql, type Kysely } from "kysely";

// Policies that find their companies (issue 15, ADR 0036). The park's policy list grows into a
// library: issuer, body, benefit, an application window (dates in Asia/Shanghai), documents
// required, eligibility as structured criteria, review stages and awards without applying.
// Claims, their history, documents and payments. Frozen in time: add a migration to change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE park_policy
      ADD COLUMN issuer_en text NOT NULL DEFAULT '',
      ADD COLUMN issuer_zh text NOT NULL DEFAULT '',
      ADD COLUMN body_en text NOT NULL DEFAULT '',
      ADD COLUMN body_zh text NOT NULL DEFAULT '',
      ADD COLUMN benefit_kind text NOT NULL DEFAULT 'none'
        CHECK (benefit_kind IN ('none', 'amount', 'rate', 'in_kind')),
      -- The most a company can be awarded, CNY minor units (fen), for 'amount' and 'rate'.
      ADD COLUMN benefit_max_minor bigint CHECK (benefit_max_minor >= 0),
      -- Percent of an eligible cost, for 'rate'.
      ADD COLUMN benefit_rate numeric(6, 2) CHECK (benefit_rate > 0 AND benefit_rate <= 100),
      ADD COLUMN benefit_note_en text NOT NULL DEFAULT '',
      ADD COLUMN benefit_note_zh text NOT NULL DEFAULT '',
      -- The window: opens_on to deadline inclusive, both days in Asia/Shanghai.
      ADD COLUMN opens_on date,
      ADD COLUMN documents jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN criteria jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN stages jsonb NOT NULL DEFAULT '["check", "approve"]',
      ADD COLUMN auto_award boolean NOT NULL DEFAULT false,
      ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published')),
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT park_policy_window CHECK (opens_on IS NULL OR deadline IS NULL OR opens_on <= deadline);

    CREATE TABLE policy_claim (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES park_policy(id) ON DELETE RESTRICT,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      -- The year (in Asia/Shanghai) the claim was made or the award granted.
      year integer NOT NULL,
      status text NOT NULL CHECK (status IN
        ('submitted', 'info_requested', 'approved', 'rejected', 'withdrawn', 'paid')),
      -- Index into the policy's stages while submitted.
      stage integer NOT NULL DEFAULT 0,
      automatic boolean NOT NULL DEFAULT false,
      -- What the file and figures said when the claim was made (shown to staff as sent).
      prefill jsonb NOT NULL DEFAULT '{}',
      statement text NOT NULL DEFAULT '',
      requested_minor bigint CHECK (requested_minor >= 0),
      awarded_minor bigint CHECK (awarded_minor >= 0),
      reason text,
      -- An automatic award: the company confirmed its payment details.
      confirmed_at timestamptz,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    -- One live claim per policy, company and year: bulk awards and double posts cannot repeat.
    CREATE UNIQUE INDEX policy_claim_live ON policy_claim (policy_id, company_id, year)
      WHERE status NOT IN ('rejected', 'withdrawn');
    CREATE INDEX policy_claim_company_idx ON policy_claim (company_id, created_at DESC);
    CREATE INDEX policy_claim_policy_idx ON policy_claim (policy_id, status);

    CREATE TABLE policy_claim_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      claim_id uuid NOT NULL REFERENCES policy_claim(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      kind text NOT NULL,
      from_status text,
      to_status text,
      stage integer,
      note text NOT NULL DEFAULT '',
      amount_minor bigint,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX policy_claim_event_claim_idx ON policy_claim_event (claim_id, id);

    CREATE TABLE policy_claim_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES policy_claim(id) ON DELETE CASCADE,
      doc_key text NOT NULL,
      file_id uuid NOT NULL REFERENCES stored_file(id) ON DELETE CASCADE,
      uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX policy_claim_document_claim_idx ON policy_claim_document (claim_id);

    CREATE TABLE policy_payment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES policy_claim(id) ON DELETE CASCADE,
      paid_on date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reference text NOT NULL,
      recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (claim_id, reference)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS policy_payment;
    DROP TABLE IF EXISTS policy_claim_document;
    DROP TABLE IF EXISTS policy_claim_event;
    DROP TABLE IF EXISTS policy_claim;
    ALTER TABLE park_policy
      DROP CONSTRAINT IF EXISTS park_policy_window,
      DROP COLUMN IF EXISTS issuer_en, DROP COLUMN IF EXISTS issuer_zh,
      DROP COLUMN IF EXISTS body_en, DROP COLUMN IF EXISTS body_zh,
      DROP COLUMN IF EXISTS benefit_kind, DROP COLUMN IF EXISTS benefit_max_minor,
      DROP COLUMN IF EXISTS benefit_rate, DROP COLUMN IF EXISTS benefit_note_en,
      DROP COLUMN IF EXISTS benefit_note_zh, DROP COLUMN IF EXISTS opens_on,
      DROP COLUMN IF EXISTS documents, DROP COLUMN IF EXISTS criteria,
      DROP COLUMN IF EXISTS stages, DROP COLUMN IF EXISTS auto_award,
      DROP COLUMN IF EXISTS status, DROP COLUMN IF EXISTS version,
      DROP COLUMN IF EXISTS updated_at;
  `.execute(db);
}
