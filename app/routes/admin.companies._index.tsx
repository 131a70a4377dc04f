import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { listCompanies } from "~/admin/companies.server";
import { companySearchSchema, paramsOf } from "~/admin/schema";
import { formatUtc } from "~/lib/format";
import { requireParkRole } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireParkRole(request, ["admin"]);
  const filters = companySearchSchema.parse(paramsOf(new URL(request.url)));
  return { filters, ...(await listCompanies(db(), filters)) };
}

function linkWith(filters: Record<string, string | undefined>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, cursor })) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `/admin/companies?${query}` : "/admin/companies";
}

export default function AdminCompanies() {
  const { filters, items, nextCursor } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useLocale();
  const { cursor, ...search } = filters;
  return (
    <section aria-labelledby="admin-companies">
      <h2 id="admin-companies">{t("companies.title")}</h2>
      <Form method="get" className="card admin-filters" role="search">
        <div className="field">
          <label htmlFor="company-q">{t("companies.searchLabel")}</label>
          <p className="field-hint" id="company-q-hint">
            {t("companies.searchHint")}
          </p>
          <input
            id="company-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            aria-describedby="company-q-hint"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="company-resident">{t("companies.resident")}</label>
          <select id="company-resident" name="resident" defaultValue={filters.resident ?? ""}>
            <option value="">{t("companies.anyResidency")}</option>
            <option value="yes">{t("companies.residents")}</option>
            <option value="no">{t("companies.nonResidents")}</option>
          </select>
        </div>
        <div className="admin-filter-actions">
          <button type="submit" className="button">
            {t("companies.search")}
          </button>
          <Link to="/admin/companies" className="button button-secondary">
            {t("companies.clear")}
          </Link>
        </div>
      </Form>

      {items.length === 0 ? (
        <p className="notice">{t("companies.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table admin-table table-cards">
            <caption className="visually-hidden">{t("companies.results")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("companies.name")}</th>
                <th scope="col">{t("companies.creditCode")}</th>
                <th scope="col">{t("companies.owner")}</th>
                <th scope="col">{t("companies.members")}</th>
                <th scope="col">{t("companies.resident")}</th>
                <th scope="col">{t("companies.created")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td className="card-title">
                    <Link to={`/admin/companies/${c.id}`}>{pick(locale, c.nameEn, c.nameZh)}</Link>
                    <div className="muted">{locale === "zh-CN" ? c.nameEn : c.nameZh}</div>
                  </td>
                  <td className="card-inline" data-label={t("companies.creditCode")}>
                    <code>{c.creditCode ?? "–"}</code>
                  </td>
                  <td className="card-inline" data-label={t("companies.owner")}>
                    {c.owner ? (
                      <Link to={`/admin/users/${c.owner.id}`}>{c.owner.name}</Link>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td className="card-inline" data-label={t("companies.members")}>
                    {c.memberCount}
                  </td>
                  <td className="card-inline card-first">
                    {c.isResident ? (
                      <span className="badge badge-success">{t("companies.isResident")}</span>
                    ) : (
                      <span className="badge badge-muted">{t("companies.notResident")}</span>
                    )}
                  </td>
                  <td className="card-inline" data-label={t("companies.created")}>
                    {formatUtc(c.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="admin-pager" aria-label={t("companies.results")}>
        {cursor ? <Link to={linkWith(search)}>{t("companies.firstPage")}</Link> : <span />}
        {nextCursor ? (
          <Link to={linkWith(search, nextCursor)} rel="next">
            {t("companies.nextPage")} →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
