import { sql, type Kysely } from "kysely";

// News cover images at two sizes (issue 18, ADR 0051): the cover itself (at most 1600 px wide,
// WebP) and a 640x360 thumbnail for the news list and the home page, both made with sharp when
// staff upload the cover and both kept in stored_file like every upload (ADR 0010).
// Frozen in time: add a new migration to change this.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE news_article
      ADD COLUMN cover_thumb_file_id uuid REFERENCES stored_file(id) ON DELETE SET NULL;
    CREATE INDEX news_article_cover_thumb_idx ON news_article (cover_thumb_file_id)
      WHERE cover_thumb_file_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE news_article DROP COLUMN cover_thumb_file_id`.execute(db);
}
