import { sql, type Kysely } from "kysely";

// Indexes for the admin pages (keyset pagination by (created_at, id), email substring search,
// the audit log filtered by action), and an audit log that TRUNCATE cannot empty either.
// Frozen in time: add a new migration to change these.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX app_user_created_id_idx ON app_user (created_at DESC, id DESC);
    CREATE INDEX app_user_email_trgm ON app_user USING gin (email gin_trgm_ops);
    CREATE INDEX company_created_id_idx ON company (created_at DESC, id DESC);
    CREATE INDEX audit_log_action_idx ON audit_log (action, id);
    CREATE INDEX user_role_role_idx ON user_role (role, user_id);

    -- The row trigger on audit_log does not fire for TRUNCATE: refuse that too.
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
    DROP INDEX IF EXISTS user_role_role_idx;
    DROP INDEX IF EXISTS audit_log_action_idx;
    DROP INDEX IF EXISTS company_created_id_idx;
    DROP INDEX IF EXISTS app_user_email_trgm;
    DROP INDEX IF EXISTS app_user_created_id_idx;
  `.execute(db);
}
