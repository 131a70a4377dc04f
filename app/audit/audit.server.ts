import type { Executor } from "#db/executor";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit log (a trigger forbids UPDATE and DELETE). Never pass secrets in details. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** Audit entries with who made them (their name and email, null for the system). */
function entries(db: Executor) {
  return db
    .selectFrom("audit_log")
    .leftJoin("app_user", "app_user.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.details",
      "audit_log.ip",
      "audit_log.actor_id",
      "app_user.name as actor_name",
      "app_user.email as actor_email",
    ])
    .orderBy("audit_log.id", "desc");
}

export async function listAuditLog(
  db: Executor,
  opts: { before?: number; limit?: number; action?: string; actorId?: string } = {},
) {
  const limit = Math.min(opts.limit ?? 50, 200);
  let q = entries(db).limit(limit + 1);
  if (opts.before) q = q.where("audit_log.id", "<", opts.before);
  if (opts.action) q = q.where("audit_log.action", "=", opts.action);
  if (opts.actorId) q = q.where("audit_log.actor_id", "=", opts.actorId);
  const rows = await q.execute();
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items, nextCursor: hasMore ? items[items.length - 1]?.id : undefined };
}

/**
 * The latest entries about one record, newest first, with who made them: the activity list
 * of a detail page. `orActor` adds the entries that person made (a user's own actions).
 */
export async function recentActivity(
  db: Executor,
  opts: { entityType: string; entityId: string; orActor?: string; limit?: number },
) {
  return entries(db)
    .where((eb) => {
      const about = eb.and([
        eb("audit_log.entity_type", "=", opts.entityType),
        eb("audit_log.entity_id", "=", opts.entityId),
      ]);
      return opts.orActor ? eb.or([about, eb("audit_log.actor_id", "=", opts.orActor)]) : about;
    })
    .limit(opts.limit ?? 20)
    .execute();
}
