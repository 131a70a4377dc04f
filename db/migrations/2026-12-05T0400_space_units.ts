import { sql, type Kysely } from "kysely";

// Investment promotion (issue 13), space: the park's units, a project's space needs beyond
// type/area/date (features), units offered to projects and holds (one active hold per unit,
// enforced by a partial unique index). ADR 0028. Frozen in time: add a new migration to change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE space_unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- A building's short code ("3", "A2"): pages say "Building 3" / "3号楼".
      building text NOT NULL CHECK (length(building) BETWEEN 1 AND 20),
      floor smallint NOT NULL CHECK (floor BETWEEN -5 AND 99),
      unit_no text NOT NULL CHECK (length(unit_no) BETWEEN 1 AND 20),
      kind text NOT NULL CHECK (kind IN ('office', 'rd', 'lab', 'production', 'warehouse')),
      area_m2 integer NOT NULL CHECK (area_m2 > 0),
      -- Rent in fen (CNY minor units) per square metre and day.
      rent_minor integer NOT NULL CHECK (rent_minor >= 0),
      available_from date NOT NULL,
      features text[] NOT NULL DEFAULT '{}',
      power_kva integer CHECK (power_kva >= 0),
      floor_load_kn_m2 numeric(5, 1) CHECK (floor_load_kn_m2 >= 0),
      ceiling_height_m numeric(4, 2) CHECK (ceiling_height_m >= 0),
      description_en text NOT NULL DEFAULT '',
      description_zh text NOT NULL DEFAULT '',
      -- Stored: available or let. "Held" comes from an active row of space_hold.
      state text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'let')),
      let_project_id uuid REFERENCES project(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (building, unit_no)
    );
    -- The list's order and keyset; the match list's candidates.
    CREATE INDEX space_unit_kind_area_idx ON space_unit (kind, area_m2) WHERE state = 'available';
    CREATE INDEX space_unit_features_idx ON space_unit USING gin (features);

    -- What a project needs beyond the project form's type, area and move-in date.
    CREATE TABLE project_space_need (
      project_id uuid PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
      features text[] NOT NULL DEFAULT '{}',
      power_kva integer CHECK (power_kva >= 0),
      floor_load_kn_m2 numeric(5, 1) CHECK (floor_load_kn_m2 >= 0),
      ceiling_height_m numeric(4, 2) CHECK (ceiling_height_m >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- A unit offered to a project (once per pair).
    CREATE TABLE space_offer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES space_unit(id) ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      note text NOT NULL DEFAULT '',
      offered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      offered_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, project_id)
    );
    CREATE INDEX space_offer_project_idx ON space_offer (project_id, offered_at DESC);

    -- A unit held for a project until a day (inclusive, the park's day). Released by staff,
    -- by expiry, or when the unit is let. One active hold per unit: the partial unique index
    -- makes the second of two racing holds fail even if the row lock were skipped.
    CREATE TABLE space_hold (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES space_unit(id) ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
      held_until date NOT NULL,
      note text NOT NULL DEFAULT '',
      held_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      held_at timestamptz NOT NULL DEFAULT now(),
      released_at timestamptz,
      released_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      release_reason text CHECK (release_reason IN ('released', 'expired', 'let')),
      CHECK ((released_at IS NULL) = (release_reason IS NULL))
    );
    CREATE UNIQUE INDEX space_hold_active_key ON space_hold (unit_id) WHERE released_at IS NULL;
    CREATE INDEX space_hold_project_idx ON space_hold (project_id, held_at DESC);
    CREATE INDEX space_hold_until_idx ON space_hold (held_until) WHERE released_at IS NULL;

    ALTER TABLE project_event DROP CONSTRAINT project_event_kind_check;
    ALTER TABLE project_event ADD CONSTRAINT project_event_kind_check
      CHECK (kind IN ('created', 'stage', 'edited', 'next_step', 'tranche_added', 'tranche_removed',
        'space_needs', 'unit_offered', 'unit_held', 'unit_released', 'unit_let'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM project_event WHERE kind IN ('space_needs', 'unit_offered', 'unit_held',
      'unit_released', 'unit_let');
    ALTER TABLE project_event DROP CONSTRAINT project_event_kind_check;
    ALTER TABLE project_event ADD CONSTRAINT project_event_kind_check
      CHECK (kind IN ('created', 'stage', 'edited', 'next_step', 'tranche_added', 'tranche_removed'));
    DROP TABLE IF EXISTS space_hold;
    DROP TABLE IF EXISTS space_offer;
    DROP TABLE IF EXISTS project_space_need;
    DROP TABLE IF EXISTS space_unit;
  `.execute(db);
}
