import { sql, type Kysely } from "kysely";

// Email both ways (issue 17, ADR 0034): every request has a secret reply token (its reply
// address and the Message-IDs of its emails carry it); outgoing emails keep their threading
// headers; inbound mail is stored raw first (the SMTP listener or the webhook only store it)
// and a job processes it; an automatic answer goes to a sender at most once a day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE service_request
      ADD COLUMN reply_token text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '');

    ALTER TABLE service_request_message
      ADD COLUMN via text NOT NULL DEFAULT 'web' CHECK (via IN ('web', 'email'));

    ALTER TABLE email
      ADD COLUMN message_id text,
      ADD COLUMN reply_to text,
      ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN request_id uuid REFERENCES service_request(id) ON DELETE SET NULL;
    CREATE UNIQUE INDEX email_message_id_idx ON email (message_id) WHERE message_id IS NOT NULL;

    CREATE TABLE inbound_email (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      received_at timestamptz NOT NULL DEFAULT now(),
      source text NOT NULL CHECK (source IN ('smtp', 'webhook')),
      envelope_from text,
      envelope_to text[] NOT NULL DEFAULT '{}',
      raw bytea NOT NULL,
      size_bytes integer NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'posted', 'unmatched', 'ignored', 'dismissed')),
      reason text,
      from_address text,
      from_name text,
      subject text,
      body_text text,
      header_message_id text,
      attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
      request_id uuid REFERENCES service_request(id) ON DELETE SET NULL,
      message_id uuid REFERENCES service_request_message(id) ON DELETE SET NULL,
      processed_at timestamptz,
      handled_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      handled_at timestamptz
    );
    CREATE INDEX inbound_email_status_idx ON inbound_email (status, received_at DESC, id DESC);
    CREATE INDEX inbound_email_from_idx ON inbound_email (lower(from_address), received_at);
    CREATE INDEX inbound_email_header_id_idx ON inbound_email (header_message_id);

    CREATE TABLE inbound_email_answer (
      address text NOT NULL,
      day date NOT NULL,
      PRIMARY KEY (address, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE inbound_email_answer, inbound_email;
    DROP INDEX email_message_id_idx;
    ALTER TABLE email DROP COLUMN message_id, DROP COLUMN reply_to, DROP COLUMN headers,
      DROP COLUMN request_id;
    ALTER TABLE service_request_message DROP COLUMN via;
    ALTER TABLE service_request DROP COLUMN reply_token;
  `.execute(db);
}
