/** Figures for the admin overview and the audit log's action list. */
import { sql } from "kysely";
import type { Executor } from "#db/executor";

export interface Overview {
  users: number;
  disabledUsers: number;
  admins: number;
  companies: number;
  activeSessions: number;
  jobsQueued: number;
  jobsFailed: number;
  emailsQueued: number;
  emailsFailed: number;
}

export async function adminOverview(db: Executor, now = new Date()): Promise<Overview> {
  const absoluteStart = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const { rows } = await sql<Overview>`
    SELECT
      (SELECT count(*) FROM app_user)::int AS "users",
      (SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL)::int AS "disabledUsers",
      (SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled_at IS NULL)::int AS "admins",
      (SELECT count(*) FROM company)::int AS "companies",
      (SELECT count(*) FROM session WHERE expires_at > ${now} AND created_at > ${absoluteStart})::int AS "activeSessions",
      (SELECT count(*) FROM job WHERE completed_at IS NULL AND failed_at IS NULL)::int AS "jobsQueued",
      (SELECT count(*) FROM job WHERE failed_at IS NOT NULL)::int AS "jobsFailed",
      (SELECT count(*) FROM email WHERE status = 'queued')::int AS "emailsQueued",
      (SELECT count(*) FROM email WHERE status = 'failed')::int AS "emailsFailed"
  `.execute(db);
  return rows[0]!;
}

/**
 * The distinct actions in the audit log, read by skipping through the (action, id) index one
 * value at a time (a "loose index scan"), so it stays quick on a log of millions of rows.
 */
export async function listAuditActions(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`
    WITH RECURSIVE actions(action) AS (
      (SELECT action FROM audit_log ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT a.action FROM audit_log a WHERE a.action > actions.action ORDER BY a.action LIMIT 1)
      FROM actions WHERE actions.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL
  `.execute(db);
  return rows.map((r) => r.action);
}
