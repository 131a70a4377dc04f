import { sql, type Kysely } from "kysely";

// What policy matching reads of each company's reports (issue 15, ADR 0058), kept instead of
// aggregated on every request: from accepted monthly reports, the twelve months up to the
// company's latest one: how many months had revenue, their revenue and R&D spending, and the
// latest headcount. Statement triggers on `report` refresh the companies a statement touched,
// in its transaction (acceptance, return, correction, import, the demo's bulk inserts).
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE company_report_facts (
      company_id uuid PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
      months integer NOT NULL,
      revenue double precision,
      rd double precision,
      headcount double precision
    );

    CREATE FUNCTION company_report_facts_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM company_report_facts WHERE company_id = ANY(ids);
      INSERT INTO company_report_facts (company_id, months, revenue, rd, headcount)
      WITH f AS (
        SELECT r.company_id, p.ends_on,
          CASE WHEN jsonb_typeof(r.figures->'revenue') = 'number'
            THEN (r.figures->>'revenue')::numeric END AS revenue,
          CASE WHEN jsonb_typeof(r.figures->'rd_spending') = 'number'
            THEN (r.figures->>'rd_spending')::numeric END AS rd,
          CASE WHEN jsonb_typeof(r.figures->'staff_total') = 'number'
            THEN (r.figures->>'staff_total')::numeric END AS staff,
          max(p.ends_on) OVER (PARTITION BY r.company_id) AS latest
        FROM report r JOIN report_period p ON p.id = r.period_id
        WHERE r.status = 'accepted' AND p.kind = 'month' AND r.company_id = ANY(ids)
      )
      SELECT company_id,
        count(revenue)::int,
        sum(revenue)::float8,
        (sum(rd) FILTER (WHERE revenue IS NOT NULL))::float8,
        ((array_agg(staff ORDER BY ends_on DESC) FILTER (WHERE staff IS NOT NULL))[1])::float8
      FROM f WHERE ends_on > latest - interval '12 months'
      GROUP BY company_id;
    $fn$;

    CREATE FUNCTION company_report_facts_on_new() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM company_report_facts_refresh(
        ARRAY(SELECT DISTINCT company_id FROM new_rows WHERE status = 'accepted'));
      RETURN NULL;
    END
    $fn$;
    CREATE FUNCTION company_report_facts_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM company_report_facts_refresh(ARRAY(
        SELECT DISTINCT n.company_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status = 'accepted' OR o.status = 'accepted')
          AND (n.status IS DISTINCT FROM o.status OR n.figures IS DISTINCT FROM o.figures
            OR n.company_id IS DISTINCT FROM o.company_id)
        UNION
        SELECT o.company_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.company_id IS DISTINCT FROM n.company_id));
      RETURN NULL;
    END
    $fn$;
    CREATE FUNCTION company_report_facts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM company_report_facts_refresh(
        ARRAY(SELECT DISTINCT company_id FROM old_rows WHERE status = 'accepted'));
      RETURN NULL;
    END
    $fn$;

    CREATE TRIGGER company_report_facts_insert AFTER INSERT ON report
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION company_report_facts_on_new();
    CREATE TRIGGER company_report_facts_update AFTER UPDATE ON report
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION company_report_facts_on_change();
    CREATE TRIGGER company_report_facts_delete AFTER DELETE ON report
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION company_report_facts_on_delete();

    SELECT company_report_facts_refresh(ARRAY(SELECT id FROM company));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS company_report_facts_insert ON report;
    DROP TRIGGER IF EXISTS company_report_facts_update ON report;
    DROP TRIGGER IF EXISTS company_report_facts_delete ON report;
    DROP FUNCTION IF EXISTS company_report_facts_on_new();
    DROP FUNCTION IF EXISTS company_report_facts_on_change();
    DROP FUNCTION IF EXISTS company_report_facts_on_delete();
    DROP FUNCTION IF EXISTS company_report_facts_refresh(uuid[]);
    DROP TABLE IF EXISTS company_report_facts;
  `.execute(db);
}
