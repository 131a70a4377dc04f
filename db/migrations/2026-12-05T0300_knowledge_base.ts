import { sql, type Kysely } from "kysely";

// Knowledge base (issue 17, ADR 0030): bilingual articles for the service desk, published on
// /help and suggested while a company types a new request's subject. Search goes through an
// inverted index of search keys (English word stems and CJK character bigrams, made by
// app/kb/search-keys.ts) kept for published articles only, ranked by weight x rarity.
// Deflection events and "was this helpful" counters store no personal data.
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE kb_article (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      title_en text NOT NULL DEFAULT '',
      title_zh text NOT NULL DEFAULT '',
      body_en text NOT NULL DEFAULT '',
      body_zh text NOT NULL DEFAULT '',
      category_id uuid REFERENCES service_category(id) ON DELETE SET NULL,
      type_id uuid REFERENCES service_type(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      source_request_id uuid REFERENCES service_request(id) ON DELETE SET NULL,
      published_at timestamptz,
      helpful_yes integer NOT NULL DEFAULT 0 CHECK (helpful_yes >= 0),
      helpful_no integer NOT NULL DEFAULT 0 CHECK (helpful_no >= 0),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (title_en <> '' OR title_zh <> ''),
      CHECK ((status = 'published') = (published_at IS NOT NULL))
    );
    CREATE INDEX kb_article_status_idx ON kb_article (status, category_id, published_at DESC, id DESC);
    CREATE INDEX kb_article_updated_idx ON kb_article (updated_at DESC, id DESC);
    -- One draft per request turned into an article: doing it twice finds the first.
    CREATE UNIQUE INDEX kb_article_source_key ON kb_article (source_request_id)
      WHERE source_request_id IS NOT NULL;

    -- The search index of published articles: one row per (article, key), weight 3 for a
    -- key in a title, 1 in a body, 4 in both. Kept by the domain code in the same transaction.
    CREATE TABLE kb_search_key (
      key text NOT NULL,
      article_id uuid NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
      weight smallint NOT NULL CHECK (weight > 0),
      PRIMARY KEY (key, article_id)
    );
    CREATE INDEX kb_search_key_article_idx ON kb_search_key (article_id);

    -- Deflection: a suggestion shown on the new-request page, an article opened from one, and
    -- "this solved it". No user, company or address: counts only.
    CREATE TABLE kb_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      article_id uuid NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('shown', 'opened', 'solved')),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX kb_event_article_idx ON kb_event (article_id, kind);
    CREATE INDEX kb_event_at_idx ON kb_event (at, kind);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS kb_event;
    DROP TABLE IF EXISTS kb_search_key;
    DROP TABLE IF EXISTS kb_article;
  `.execute(db);
}
