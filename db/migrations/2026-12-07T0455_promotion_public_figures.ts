import { sql, type Kysely } from "kysely";

// Public figures of the promotion report (issue 13, ADR 0046): a row per figure that staff
// made public on the invest page. The figures are computed when the page is read; the page
// cache (ADR 0016) learns that they changed from the content version, which these triggers
// bump on a publish or withdrawal, and on writes to the pipeline while any figure is public.
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE promotion_public_figure (
      figure text PRIMARY KEY CHECK (figure IN ('signed_investment_year', 'capital_arrived_year',
        'projects_signed_year', 'projects_landed')),
      published_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      published_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER promotion_public_figure_content_version
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON promotion_public_figure
      FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

    CREATE FUNCTION bump_content_version_if_figures() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (SELECT 1 FROM promotion_public_figure) THEN
        UPDATE content_version SET version = version + 1 WHERE id;
        PERFORM pg_notify('content_version', '');
      END IF;
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER project_public_figures
      AFTER INSERT OR DELETE OR UPDATE OF stage, investment_minor, investment_currency ON project
      FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version_if_figures();
    CREATE TRIGGER project_event_public_figures
      AFTER INSERT OR DELETE ON project_event
      FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version_if_figures();
    CREATE TRIGGER project_tranche_public_figures
      AFTER INSERT OR UPDATE OR DELETE ON project_tranche
      FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version_if_figures();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS project_tranche_public_figures ON project_tranche;
    DROP TRIGGER IF EXISTS project_event_public_figures ON project_event;
    DROP TRIGGER IF EXISTS project_public_figures ON project;
    DROP FUNCTION IF EXISTS bump_content_version_if_figures();
    DROP TABLE IF EXISTS promotion_public_figure;
  `.execute(db);
}
