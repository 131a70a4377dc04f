import { sql, type Kysely } from "kysely";

// Comments on an incubatee's periodic reports (issue 16, ADR 0049): park staff (and, later, the
// incubatee's mentor) write them on a submitted report; the company's reporters read them on
// their application page. Kept beside the statistics report, never inside it: a statistics
// return (report_comment) is a different thing with its own workflow. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incubation_report_comment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      author_role text NOT NULL CHECK (author_role IN ('staff', 'mentor')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX incubation_report_comment_report ON incubation_report_comment (report_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS incubation_report_comment`.execute(db);
}
