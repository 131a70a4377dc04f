import { sql, type Kysely } from "kysely";

// Idempotency keys of form posts (issue 11, ADR 0020): the first post of a key claims the row
// (the primary key lets one of two concurrent posts win), runs, and stores its result (the
// redirect); a later post of the same key by the same actor answers that result.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_key (
      actor text NOT NULL,
      key text NOT NULL,
      path text NOT NULL,
      status smallint,
      location text,
      cookies text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (actor, key)
    );
    CREATE INDEX idempotency_key_expires_at ON idempotency_key (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE idempotency_key`.execute(db);
}
