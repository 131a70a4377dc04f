import { sql, type Kysely } from "kysely";

// The page cache (ADR 0016): the content version bump also notifies listening app processes
// (channel `content_version`, delivered at commit), so they need not read the version per
// request while their listening connection is up.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE content_version SET version = version + 1 WHERE id;
      PERFORM pg_notify('content_version', '');
      RETURN NULL;
    END
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE content_version SET version = version + 1 WHERE id;
      RETURN NULL;
    END
    $fn$;
  `.execute(db);
}
