import { sql, type Kysely } from "kysely";

// The page cache (issue 7, ADR 0016): one counter that every write to content shown on a
// public page bumps (statement-level triggers, so a bulk update bumps it once). Each app
// process compares it, read fresh for the request, with the version its cached copy was
// rendered at, so a publish in any process is seen by every process on the next request.
const TABLES = [
  "news_article",
  "news_article_tag",
  "news_category",
  "news_tag",
  "park_profile",
  "park_industry",
  "park_invest_step",
  "park_policy",
  "park_ranking",
  "park_space",
  "incubation_call",
  "incubation_programme",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE content_version (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version bigint NOT NULL DEFAULT 1
    );
    INSERT INTO content_version (id, version) VALUES (true, 1);
    CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE content_version SET version = version + 1 WHERE id;
      RETURN NULL;
    END
    $fn$;
  `.execute(db);
  for (const table of TABLES) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_content_version`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES)
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_content_version`)} ON ${sql.table(table)}`.execute(
      db,
    );
  await sql`
    DROP FUNCTION IF EXISTS bump_content_version();
    DROP TABLE IF EXISTS content_version;
  `.execute(db);
}
