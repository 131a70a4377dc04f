import { sql, type Kysely } from "kysely";

// Extensions at the end-of-incubation review (issue 16, ADR 0055): staff move an incubation's
// planned end date later, with a reason; each extension is kept (from, to, why, who, when), the
// offer holds the current planned end date. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incubation_extension (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES incubation_offer(application_id) ON DELETE CASCADE,
      from_end_date date NOT NULL,
      to_end_date date NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
      extended_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      extended_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_end_date > from_end_date)
    );
    CREATE INDEX incubation_extension_app ON incubation_extension (application_id, extended_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS incubation_extension`.execute(db);
}
