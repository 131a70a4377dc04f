/**
 * Makes chosen inserts fail inside the test database, to prove that a change and its audit
 * entry or its queued job commit together: `refuseInserts(db, "audit_log", "action", "x")`
 * makes every audit entry with action "x" raise an error (as a full disk or a lost connection
 * would), so the function under test must leave nothing behind. A trigger in the test's own
 * database; it works the same on PostgreSQL and PGlite.
 */
import { sql } from "kysely";
import type { DB } from "../../db/client.server";

const TABLES = ["audit_log", "job", "email"] as const;
type Table = (typeof TABLES)[number];

export async function installRefusals(db: DB): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS test_refusal (tbl text NOT NULL, col text NOT NULL, val text NOT NULL)`.execute(
    db,
  );
  await sql`
    CREATE OR REPLACE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_refusal r
                 WHERE r.tbl = TG_TABLE_NAME AND to_jsonb(NEW) ->> r.col = r.val) THEN
        RAISE EXCEPTION 'test: insert into % refused', TG_TABLE_NAME;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of TABLES) {
    await sql`DROP TRIGGER IF EXISTS test_refuse_insert ON ${sql.table(table)}`.execute(db);
    await sql`CREATE TRIGGER test_refuse_insert BEFORE INSERT ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()`.execute(db);
  }
}

export async function refuseInserts(db: DB, table: Table, column: string, value: string) {
  await sql`INSERT INTO test_refusal (tbl, col, val) VALUES (${table}, ${column}, ${value})`.execute(
    db,
  );
}

export async function allowAllInserts(db: DB) {
  await sql`DELETE FROM test_refusal`.execute(db);
}
