import { sql, type Kysely } from "kysely";

// Knowledge-base suggestions under 50 ms at 10,000 articles (issue 17, ADR 0030 addendum):
// - an index by (key, weight DESC, article_id), so a search reads only the heaviest postings
//   of each key instead of every article that holds it;
// - each key's article count (its document frequency, which ranks rare keys above common
//   ones) kept in kb_search_df by statement triggers on kb_search_key, so a search never
//   counts postings. Keys are locked in key order, so two saves cannot deadlock.
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX kb_search_key_top_idx ON kb_search_key (key, weight DESC, article_id);

    CREATE TABLE kb_search_df (
      key text PRIMARY KEY,
      n integer NOT NULL CHECK (n >= 0)
    );
    INSERT INTO kb_search_df (key, n) SELECT key, count(*) FROM kb_search_key GROUP BY key;

    CREATE FUNCTION kb_search_df_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO kb_search_df AS d (key, n)
        SELECT key, count(*) FROM added GROUP BY key ORDER BY key
      ON CONFLICT (key) DO UPDATE SET n = d.n + excluded.n;
      RETURN NULL;
    END $$;
    CREATE FUNCTION kb_search_df_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE kb_search_df AS d SET n = d.n - r.c
        FROM (SELECT key, count(*) AS c FROM removed GROUP BY key ORDER BY key) r
       WHERE d.key = r.key;
      RETURN NULL;
    END $$;
    CREATE TRIGGER kb_search_df_insert AFTER INSERT ON kb_search_key
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION kb_search_df_added();
    CREATE TRIGGER kb_search_df_delete AFTER DELETE ON kb_search_key
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION kb_search_df_removed();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS kb_search_df_delete ON kb_search_key;
    DROP TRIGGER IF EXISTS kb_search_df_insert ON kb_search_key;
    DROP FUNCTION IF EXISTS kb_search_df_removed();
    DROP FUNCTION IF EXISTS kb_search_df_added();
    DROP TABLE IF EXISTS kb_search_df;
    DROP INDEX IF EXISTS kb_search_key_top_idx;
  `.execute(db);
}
