import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { listAuditActions } from "~/admin/overview.server";
import { auditFilterSchema, paramsOf } from "~/admin/schema";
import { AuditHead, AuditRow } from "~/admin/ui";
import { listAuditLog } from "~/audit/audit.server";
import { requireParkRole } from "~/auth/guards.server";
import { db } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireParkRole(request, ["admin"]);
  const filters = auditFilterSchema.parse(paramsOf(new URL(request.url)));
  const database = db();
  const page = await listAuditLog(database, {
    before: filters.before,
    action: filters.action,
    actorId: filters.actor,
    limit: 50,
  });
  const actor = filters.actor
    ? await database
        .selectFrom("app_user")
        .select(["id", "name"])
        .where("id", "=", filters.actor)
        .executeTakeFirst()
    : undefined;
  return {
    filters,
    items: page.items,
    nextCursor: page.nextCursor,
    actions: await listAuditActions(database),
    actor: actor ?? null,
  };
}

function linkWith(filters: { action?: string; actor?: string }, before?: number): string {
  const params = new URLSearchParams();
  if (filters.action) params.set("action", filters.action);
  if (filters.actor) params.set("actor", filters.actor);
  if (before) params.set("before", String(before));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

function EntityLink({ type, id }: { type: string; id: string | null }) {
  if (!id) return <code>{type}</code>;
  if (type === "user") return <Link to={`/admin/users/${id}`}>{`${type} ${id.slice(0, 8)}`}</Link>;
  if (type === "company")
    return <Link to={`/admin/companies/${id}`}>{`${type} ${id.slice(0, 8)}`}</Link>;
  return (
    <code>
      {type} {id.length > 12 ? id.slice(0, 8) : id}
    </code>
  );
}

export default function AdminAudit() {
  const { filters, items, nextCursor, actions, actor } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const choices =
    filters.action && !actions.includes(filters.action) ? [filters.action, ...actions] : actions;
  return (
    <section aria-labelledby="admin-audit">
      <h2 id="admin-audit">{t("audit.title")}</h2>
      <p className="muted">{t("audit.lead")}</p>
      <Form method="get" className="card admin-filters" role="search">
        {filters.actor ? <input type="hidden" name="actor" value={filters.actor} /> : null}
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {choices.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filter-actions">
          <button type="submit" className="button">
            {t("audit.filter")}
          </button>
          <Link to="/admin/audit" className="button button-secondary">
            {t("audit.clear")}
          </Link>
        </div>
      </Form>
      {filters.actor ? (
        <p className="notice">
          {t("audit.byActor", { name: actor?.name ?? filters.actor })}{" "}
          <Link to={linkWith({ action: filters.action })}>{t("audit.showAll")}</Link>
        </p>
      ) : null}

      {items.length === 0 ? (
        <p className="notice">{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table admin-table">
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <AuditHead full />
            <tbody>
              {items.map((a) => (
                <AuditRow
                  key={a.id}
                  entry={a}
                  subject={<EntityLink type={a.entity_type} id={a.entity_id} />}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="admin-pager" aria-label={t("audit.title")}>
        {filters.before ? <Link to={linkWith(filters)}>{t("audit.newest")}</Link> : <span />}
        {nextCursor ? (
          <Link to={linkWith(filters, nextCursor)} rel="next">
            {t("audit.older")} →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
