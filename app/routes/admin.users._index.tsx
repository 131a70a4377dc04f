import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { paramsOf, USER_STATUSES, userSearchSchema } from "~/admin/schema";
import { PARK_ROLES } from "~/auth/permissions";
import { formatUtc } from "~/lib/format";
import { StatusBadge } from "~/admin/ui";
import { parkRoleLabels, searchUsers } from "~/admin/users.server";
import { requireParkRole } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireParkRole(request, ["admin"]);
  const url = new URL(request.url);
  const filters = userSearchSchema.parse(paramsOf(url));
  const database = db();
  const result = await searchUsers(database, filters);
  return { filters, ...result, roleLabels: await parkRoleLabels(database) };
}

function linkWith(filters: Record<string, string | undefined>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, cursor })) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

export default function AdminUsers() {
  const { filters, items, nextCursor, roleLabels } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useLocale();
  const roleLabel = (role: string) =>
    pick(locale, roleLabels[role]?.en ?? role, roleLabels[role]?.zh ?? role);
  const { cursor, ...search } = filters;
  return (
    <section aria-labelledby="admin-users">
      <h2 id="admin-users">{t("users.title")}</h2>
      <Form method="get" className="card admin-filters" role="search">
        <div className="field">
          <label htmlFor="user-q">{t("users.searchLabel")}</label>
          <p className="field-hint" id="user-q-hint">
            {t("users.searchHint")}
          </p>
          <input
            id="user-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            aria-describedby="user-q-hint"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("users.role")}</label>
          <select id="user-role" name="role" defaultValue={filters.role ?? ""}>
            <option value="">{t("users.anyRole")}</option>
            {PARK_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
            <option value="none">{t("users.noParkRole")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-status">{t("users.status")}</label>
          <select id="user-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("users.anyStatus")}</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filter-actions">
          <button type="submit" className="button">
            {t("users.search")}
          </button>
          <Link to="/admin/users" className="button button-secondary">
            {t("users.clear")}
          </Link>
        </div>
      </Form>

      {items.length === 0 ? (
        <p className="notice">{t("users.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table admin-table table-cards">
            <caption className="visually-hidden">{t("users.results")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.roles")}</th>
                <th scope="col">{t("users.company")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">{t("users.created")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <td className="card-title">
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td className="admin-break" data-label={t("users.email")}>
                    {u.email}
                  </td>
                  <td data-label={t("users.roles")}>
                    {u.roles.length ? (
                      u.roles.map((r) => roleLabel(r)).join(locale === "zh-CN" ? "、" : ", ")
                    ) : (
                      <span className="muted">{t("users.none")}</span>
                    )}
                  </td>
                  <td data-label={t("users.company")}>
                    {u.company ? (
                      <Link to={`/admin/companies/${u.company.id}`}>
                        {pick(locale, u.company.nameEn, u.company.nameZh)}
                      </Link>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td className="card-inline card-first">
                    <StatusBadge disabled={u.disabled} verified={u.emailVerified} />
                  </td>
                  <td className="card-inline" data-label={t("users.created")}>
                    {formatUtc(u.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="admin-pager" aria-label={t("users.results")}>
        {cursor ? <Link to={linkWith(search)}>{t("users.firstPage")}</Link> : <span />}
        {nextCursor ? (
          <Link to={linkWith(search, nextCursor)} rel="next">
            {t("users.nextPage")} →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
