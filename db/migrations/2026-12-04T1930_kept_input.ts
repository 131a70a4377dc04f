import { sql, type Kysely } from "kysely";

// Input kept across a sign-in (ADR 0018): what a signed-out person posted to any form that
// needs a session, kept for a short while under the SHA-256 of a random key held in their
// browser's HttpOnly cookie, and offered back once after they sign in. Replaces the
// incubation-only `application_input_stash`.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE kept_input (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key_hash text NOT NULL,
      target text NOT NULL,
      enctype text NOT NULL CHECK (enctype IN ('application/x-www-form-urlencoded', 'multipart/form-data')),
      fields jsonb NOT NULL,
      dropped_files jsonb NOT NULL DEFAULT '[]'::jsonb,
      dropped_fields integer NOT NULL DEFAULT 0,
      size_bytes integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX kept_input_key_idx ON kept_input (key_hash, created_at);
    CREATE INDEX kept_input_expires_idx ON kept_input (expires_at);
    DROP TABLE application_input_stash;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE kept_input;
    CREATE TABLE application_input_stash (
      token_hash text PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      step integer NOT NULL,
      answers jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_input_stash_created_idx ON application_input_stash (created_at);
  `.execute(db);
}
