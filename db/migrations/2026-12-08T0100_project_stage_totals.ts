import { sql, type Kysely } from "kysely";

// The pipeline board at scale (issue 13, ADR 0054): per owner, stage and currency the number
// of projects and the sum of their planned investment, kept true by statement triggers on
// `project` in the transaction of every change (create, move, edit, delete, bulk insert), so
// the board reads a few dozen rows instead of counting 100,000. Deltas are applied in key
// order so two transactions moving projects in opposite directions cannot deadlock within a
// statement. Plus the board's per-owner index and an index the country filter list walks.
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE project_stage_total (
      owner_id uuid,
      stage text NOT NULL,
      -- NULL: projects without a planned investment (counted, nothing summed).
      currency text,
      projects integer NOT NULL DEFAULT 0,
      investment_minor bigint NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX project_stage_total_key
      ON project_stage_total (owner_id, stage, currency) NULLS NOT DISTINCT;

    CREATE FUNCTION project_stage_total_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO project_stage_total AS t (owner_id, stage, currency, projects, investment_minor)
      SELECT owner_id, stage, investment_currency, count(*), coalesce(sum(investment_minor), 0)
      FROM new_rows GROUP BY owner_id, stage, investment_currency
      ORDER BY owner_id, stage, investment_currency
      ON CONFLICT (owner_id, stage, currency) DO UPDATE
        SET projects = t.projects + excluded.projects,
            investment_minor = t.investment_minor + excluded.investment_minor;
      RETURN NULL;
    END
    $fn$;

    CREATE FUNCTION project_stage_total_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO project_stage_total AS t (owner_id, stage, currency, projects, investment_minor)
      SELECT owner_id, stage, investment_currency, -count(*), -coalesce(sum(investment_minor), 0)
      FROM old_rows GROUP BY owner_id, stage, investment_currency
      ORDER BY owner_id, stage, investment_currency
      ON CONFLICT (owner_id, stage, currency) DO UPDATE
        SET projects = t.projects + excluded.projects,
            investment_minor = t.investment_minor + excluded.investment_minor;
      RETURN NULL;
    END
    $fn$;

    -- An update changes a total only when it changes a project's owner, stage or investment;
    -- the rest (next steps, activity) nets to zero and touches no row.
    CREATE FUNCTION project_stage_total_apply_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO project_stage_total AS t (owner_id, stage, currency, projects, investment_minor)
      SELECT owner_id, stage, currency, sum(n), sum(amount)
      FROM (
        SELECT owner_id, stage, investment_currency AS currency, 1 AS n,
          coalesce(investment_minor, 0) AS amount FROM new_rows
        UNION ALL
        SELECT owner_id, stage, investment_currency, -1, -coalesce(investment_minor, 0)
        FROM old_rows
      ) d
      GROUP BY owner_id, stage, currency
      HAVING sum(n) <> 0 OR sum(amount) <> 0
      ORDER BY owner_id, stage, currency
      ON CONFLICT (owner_id, stage, currency) DO UPDATE
        SET projects = t.projects + excluded.projects,
            investment_minor = t.investment_minor + excluded.investment_minor;
      RETURN NULL;
    END
    $fn$;

    CREATE TRIGGER project_stage_total_insert AFTER INSERT ON project
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_stage_total_apply_insert();
    CREATE TRIGGER project_stage_total_update AFTER UPDATE ON project
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_stage_total_apply_update();
    CREATE TRIGGER project_stage_total_delete AFTER DELETE ON project
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_stage_total_apply_delete();

    -- TRUNCATE fires no delete trigger: empty the totals with the projects.
    CREATE FUNCTION project_stage_total_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM project_stage_total;
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER project_stage_total_truncate AFTER TRUNCATE ON project
      FOR EACH STATEMENT EXECUTE FUNCTION project_stage_total_truncate();

    INSERT INTO project_stage_total (owner_id, stage, currency, projects, investment_minor)
    SELECT owner_id, stage, investment_currency, count(*), coalesce(sum(investment_minor), 0)
    FROM project GROUP BY owner_id, stage, investment_currency;

    -- The board of one owner: its cards per stage, most recently active first.
    CREATE INDEX project_owner_stage_activity_idx
      ON project (owner_id, stage, last_activity_at DESC, id DESC);
    -- The country filter's choices: a loose index scan (a probe per country in use).
    CREATE INDEX project_country_idx ON project (country) WHERE country IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS project_country_idx;
    DROP INDEX IF EXISTS project_owner_stage_activity_idx;
    DROP TRIGGER IF EXISTS project_stage_total_truncate ON project;
    DROP TRIGGER IF EXISTS project_stage_total_delete ON project;
    DROP TRIGGER IF EXISTS project_stage_total_update ON project;
    DROP TRIGGER IF EXISTS project_stage_total_insert ON project;
    DROP FUNCTION IF EXISTS project_stage_total_truncate();
    DROP FUNCTION IF EXISTS project_stage_total_apply_update();
    DROP FUNCTION IF EXISTS project_stage_total_apply_delete();
    DROP FUNCTION IF EXISTS project_stage_total_apply_insert();
    DROP TABLE IF EXISTS project_stage_total;
  `.execute(db);
}
