import { sql, type Kysely } from "kysely";

// Issue 16, incubation after the decision: an acceptance becomes an offer (terms drafted with
// the decision), which the company accepts or declines; an accepted offer has an agreement PDF
// that both sides sign (uploads of the signed copies); signing makes the company an incubatee
// and a resident and opens the onboarding service requests its programme defines, once each.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- The offer's terms, drafted with an acceptance (copied to the offer on release).
    ALTER TABLE application ADD COLUMN offer_terms jsonb;

    CREATE TABLE incubation_offer (
      application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'offered'
        CHECK (status IN ('offered', 'accepted', 'declined', 'signed')),
      conditions text NOT NULL DEFAULT '',
      space text NOT NULL DEFAULT '',
      reply_by date NOT NULL,
      start_date date NOT NULL,
      planned_end_date date NOT NULL,
      offered_at timestamptz NOT NULL DEFAULT now(),
      replied_at timestamptz,
      replied_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decline_reason text,
      agreement_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      company_signed_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      company_signed_at timestamptz,
      staff_signed_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      staff_signed_at timestamptz,
      signed_at timestamptz,
      CHECK (planned_end_date > start_date)
    );
    CREATE INDEX incubation_offer_company_idx ON incubation_offer (company_id);

    -- The service types (catalogue codes) a programme's incubatees are onboarded through.
    ALTER TABLE incubation_programme
      ADD COLUMN onboarding_types jsonb NOT NULL DEFAULT '[]'::jsonb;

    -- One onboarding request per application and service type, however often signing is repeated.
    CREATE TABLE application_onboarding (
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      service_type_id uuid NOT NULL REFERENCES service_type(id) ON DELETE RESTRICT,
      service_request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      opened_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (application_id, service_type_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE application_onboarding, incubation_offer;
    ALTER TABLE incubation_programme DROP COLUMN onboarding_types;
    ALTER TABLE application DROP COLUMN offer_terms;
  `.execute(db);
}
