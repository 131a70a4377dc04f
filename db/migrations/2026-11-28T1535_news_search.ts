import { sql, type Kysely } from "kysely";

// News search on 100,000 articles (issue 3, ADR 0013): Chinese words of two characters have
// no trigram, so `LIKE '%芯片%'` could not use the trigram index and read the whole table.
// Each article also keeps the set of its CJK character bigrams (runs of CJK characters cut
// into overlapping pairs; a lone character is kept as itself), indexed with GIN, so a Chinese
// word is found through `search_bigrams @> ARRAY[...]`. English terms keep the trigram index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION cjk_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
      SELECT coalesce(array_agg(DISTINCT substr(m[1], i, 2)), '{}')
      FROM regexp_matches(t, '([㐀-䶿一-鿿豈-﫿]+)', 'g') AS m,
           generate_series(1, greatest(char_length(m[1]) - 1, 1)) AS i
    $fn$;

    ALTER TABLE news_article ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (cjk_bigrams(
      coalesce(title_zh, '') || ' ' || coalesce(summary_zh, '') || ' ' || coalesce(body_zh, '') || ' ' ||
      coalesce(title_en, '') || ' ' || coalesce(summary_en, '') || ' ' || coalesce(body_en, ''))) STORED;
    CREATE INDEX news_article_search_bigrams ON news_article USING gin (search_bigrams);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS news_article_search_bigrams;
    ALTER TABLE news_article DROP COLUMN IF EXISTS search_bigrams;
    DROP FUNCTION IF EXISTS cjk_bigrams(text);
  `.execute(db);
}
