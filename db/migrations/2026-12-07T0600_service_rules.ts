import { sql, type Kysely } from "kysely";

// The desk's rules (issue 17, ADR 0050): staff define rules on request events (created, a field
// changed, breach near, breached, waiting too long) with conditions and actions; the job queue
// runs them. `service_rule_run` holds one row per rule, request and event, so a rule runs at
// most once per event (the key names the event: `created`, `changed:<history id>`, ...).
// Requests gain tags (a rule's "add a tag"). Frozen in time: add a migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE service_rule (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      event text NOT NULL
        CHECK (event IN ('created', 'changed', 'breach_near', 'breached', 'waiting')),
      enabled boolean NOT NULL DEFAULT true,
      position integer NOT NULL DEFAULT 0,
      -- For 'changed': which field (NULL: any of state, priority, team, assignee).
      changed_field text CHECK (changed_field IN ('state', 'priority', 'team', 'assignee')),
      -- For 'waiting': hours (wall-clock) since the request started waiting.
      wait_hours integer CHECK (wait_hours BETWEEN 1 AND 2160),
      -- Conditions (NULL: any).
      cond_type_id uuid REFERENCES service_type(id) ON DELETE CASCADE,
      cond_category_id uuid REFERENCES service_category(id) ON DELETE CASCADE,
      cond_company_id uuid REFERENCES company(id) ON DELETE CASCADE,
      cond_priority text CHECK (cond_priority IN ('low', 'normal', 'high', 'urgent')),
      cond_field_key text CHECK (cond_field_key ~ '^[a-z][a-z0-9_]{0,40}$'),
      cond_field_value text CHECK (length(cond_field_value) <= 200),
      -- Actions (NULL: not this one).
      set_team_id uuid REFERENCES service_team(id) ON DELETE SET NULL,
      set_assignee_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      set_priority text CHECK (set_priority IN ('low', 'normal', 'high', 'urgent')),
      add_tag text CHECK (add_tag ~ '^[^\\s,]{1,40}$'),
      notify_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      macro_id uuid REFERENCES reply_snippet(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (event = 'waiting' OR wait_hours IS NULL),
      CHECK (event <> 'waiting' OR wait_hours IS NOT NULL),
      CHECK ((cond_field_key IS NULL) = (cond_field_value IS NULL))
    );
    CREATE INDEX service_rule_event_idx ON service_rule (event, position, id) WHERE enabled;

    CREATE TABLE service_rule_run (
      rule_id uuid NOT NULL REFERENCES service_rule(id) ON DELETE CASCADE,
      request_id uuid NOT NULL REFERENCES service_request(id) ON DELETE CASCADE,
      event_key text NOT NULL,
      depth smallint NOT NULL DEFAULT 0,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (rule_id, request_id, event_key)
    );
    CREATE INDEX service_rule_run_request_idx ON service_rule_run (request_id);

    ALTER TABLE service_request ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE service_request DROP COLUMN IF EXISTS tags;
    DROP TABLE IF EXISTS service_rule_run;
    DROP TABLE IF EXISTS service_rule;
  `.execute(db);
}
