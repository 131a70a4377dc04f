import { sql, type Kysely } from "kysely";

// Promotion (issue 3): the generic upload store (ADR 0010), news, park pages and investment
// inquiries. Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Every uploaded file of every area: bytes in PostgreSQL so all app processes serve them.
    CREATE TABLE stored_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      context text,
      owner_id text,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      width integer,
      height integer,
      bytes bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX stored_file_context_idx ON stored_file (context, owner_id);
    CREATE INDEX stored_file_sha256_idx ON stored_file (sha256);

    CREATE TABLE news_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      position integer NOT NULL DEFAULT 0
    );

    CREATE TABLE news_tag (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name_en text NOT NULL,
      name_zh text NOT NULL
    );

    CREATE TABLE news_article (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      category_id uuid REFERENCES news_category(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'published', 'archived')),
      title_en text,
      summary_en text,
      body_en text,
      title_zh text,
      summary_zh text,
      body_zh text,
      cover_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      cover_alt_en text,
      cover_alt_zh text,
      publish_at timestamptz,
      published_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search_text text GENERATED ALWAYS AS (lower(
        coalesce(title_en, '') || ' ' || coalesce(title_zh, '') || ' ' ||
        coalesce(summary_en, '') || ' ' || coalesce(summary_zh, '') || ' ' ||
        coalesce(body_en, '') || ' ' || coalesce(body_zh, ''))) STORED,
      CHECK (title_en IS NOT NULL OR title_zh IS NOT NULL),
      CHECK (status <> 'published' OR published_at IS NOT NULL),
      CHECK (status <> 'scheduled' OR publish_at IS NOT NULL)
    );
    CREATE INDEX news_article_public_idx ON news_article (published_at DESC, id DESC) WHERE status = 'published';
    CREATE INDEX news_article_category_idx ON news_article (category_id, published_at DESC, id DESC) WHERE status = 'published';
    CREATE INDEX news_article_desk_idx ON news_article (status, updated_at DESC, id DESC);
    CREATE INDEX news_article_search_trgm ON news_article USING gin (search_text gin_trgm_ops);

    CREATE TABLE news_article_tag (
      article_id uuid NOT NULL REFERENCES news_article(id) ON DELETE CASCADE,
      tag_id uuid NOT NULL REFERENCES news_tag(id) ON DELETE CASCADE,
      PRIMARY KEY (article_id, tag_id)
    );
    CREATE INDEX news_article_tag_tag_idx ON news_article_tag (tag_id, article_id);

    -- The park at a glance: one row, edited by staff.
    CREATE TABLE park_profile (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      tagline_en text NOT NULL DEFAULT '',
      tagline_zh text NOT NULL DEFAULT '',
      intro_en text NOT NULL DEFAULT '',
      intro_zh text NOT NULL DEFAULT '',
      location_en text NOT NULL DEFAULT '',
      location_zh text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- National high-tech park evaluation results: one row per (year, measure).
    CREATE TABLE park_ranking (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      measure text NOT NULL CHECK (measure ~ '^[a-z0-9_]+$'),
      measure_en text NOT NULL,
      measure_zh text NOT NULL,
      rank integer NOT NULL CHECK (rank > 0),
      out_of integer CHECK (out_of IS NULL OR out_of >= rank),
      featured boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      UNIQUE (year, measure)
    );

    CREATE TABLE park_industry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      summary_en text NOT NULL DEFAULT '',
      summary_zh text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0
    );

    CREATE TABLE park_policy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title_en text NOT NULL,
      title_zh text NOT NULL,
      summary_en text NOT NULL DEFAULT '',
      summary_zh text NOT NULL DEFAULT '',
      deadline date,
      link text,
      position integer NOT NULL DEFAULT 0,
      search_text text GENERATED ALWAYS AS (lower(title_en || ' ' || title_zh || ' ' || summary_en || ' ' || summary_zh)) STORED
    );

    CREATE TABLE park_space (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('office', 'lab', 'unit')),
      name_en text NOT NULL,
      name_zh text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_zh text NOT NULL DEFAULT '',
      area_min_m2 integer CHECK (area_min_m2 IS NULL OR area_min_m2 > 0),
      area_max_m2 integer CHECK (area_max_m2 IS NULL OR area_max_m2 > 0),
      price_min numeric(10, 2),
      price_max numeric(10, 2),
      availability text NOT NULL DEFAULT 'available' CHECK (availability IN ('available', 'limited', 'full')),
      photo_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL,
      photo_alt_en text,
      photo_alt_zh text,
      position integer NOT NULL DEFAULT 0
    );

    CREATE TABLE park_invest_step (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      position integer NOT NULL DEFAULT 0,
      title_en text NOT NULL,
      title_zh text NOT NULL,
      body_en text NOT NULL DEFAULT '',
      body_zh text NOT NULL DEFAULT '',
      documents_en text NOT NULL DEFAULT '',
      documents_zh text NOT NULL DEFAULT '',
      duration_en text NOT NULL DEFAULT '',
      duration_zh text NOT NULL DEFAULT ''
    );

    CREATE SEQUENCE inquiry_reference_seq;
    CREATE TABLE inquiry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference text NOT NULL UNIQUE,
      name text NOT NULL,
      organisation text NOT NULL DEFAULT '',
      email text NOT NULL,
      phone text NOT NULL DEFAULT '',
      country text NOT NULL DEFAULT '',
      interest text NOT NULL CHECK (interest IN ('space', 'incubation', 'investment', 'partnership', 'other')),
      message text NOT NULL,
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh-CN')),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'answered', 'closed')),
      assignee_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      ip text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inquiry_status_idx ON inquiry (status, created_at DESC, id DESC);
    CREATE INDEX inquiry_created_idx ON inquiry (created_at DESC, id DESC);

    -- Every change to an inquiry, in order: created, status, assigned, note, reply.
    CREATE TABLE inquiry_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      inquiry_id uuid NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('created', 'status', 'assigned', 'note', 'reply')),
      body text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inquiry_event_inquiry_idx ON inquiry_event (inquiry_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS inquiry_event;
    DROP TABLE IF EXISTS inquiry;
    DROP SEQUENCE IF EXISTS inquiry_reference_seq;
    DROP TABLE IF EXISTS park_invest_step;
    DROP TABLE IF EXISTS park_space;
    DROP TABLE IF EXISTS park_policy;
    DROP TABLE IF EXISTS park_industry;
    DROP TABLE IF EXISTS park_ranking;
    DROP TABLE IF EXISTS park_profile;
    DROP TABLE IF EXISTS news_article_tag;
    DROP TABLE IF EXISTS news_article;
    DROP TABLE IF EXISTS news_tag;
    DROP TABLE IF EXISTS news_category;
    DROP TABLE IF EXISTS stored_file;
  `.execute(db);
}
