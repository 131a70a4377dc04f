import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { listCompaniesForDesk } from "~/companies/file.server";
import { industryLabel } from "~/companies/schema";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { isUuid } from "~/lib/ids";
import { useLocale } from "~/lib/root-data";
import { withoutControlChars } from "~/lib/text";

export const meta: MetaFunction = () => [{ title: "Companies · 企业 | Zizhu Park Portal" }];

/** Staff (read:company:any): every company by name, a search, keyset pages. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:any");
  const url = new URL(request.url);
  const q = withoutControlChars(url.searchParams.get("q") ?? "")
    .trim()
    .slice(0, 100);
  const afterName = (url.searchParams.get("afterName") ?? "").slice(0, 300);
  const afterId = url.searchParams.get("afterId") ?? "";
  const after = afterName && isUuid(afterId) ? { name: afterName, id: afterId } : undefined;
  const page = await listCompaniesForDesk(db(), user, { q: q || undefined, after });
  if (!page.ok) throw new Response("Forbidden", { status: 403 });
  return { q, items: page.items, next: page.next, paged: !!after };
}

export default function DeskCompanies() {
  const { q, items, next, paged } = useLoaderData<typeof loader>();
  const { t } = useTranslation("companyFile");
  const tc = useTranslation("company").t as unknown as (k: string) => string;
  const locale = useLocale();
  const nextHref = next
    ? `?${new URLSearchParams({ ...(q ? { q } : {}), afterName: next.name, afterId: next.id })}`
    : null;
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("desk.title")}</h1>
        <p className="lead">{t("desk.lead")}</p>
      </header>
      <Form method="get" className="row" role="search">
        <label className="visually-hidden" htmlFor="company-q">
          {t("desk.search")}
        </label>
        <input
          id="company-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          placeholder={t("desk.search")}
        />
        <button className="button button-secondary" type="submit">
          {t("desk.searchButton")}
        </button>
      </Form>
      {items.length ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("desk.name")}</th>
                <th scope="col">{t("desk.industry")}</th>
                <th scope="col">{t("desk.size")}</th>
                <th scope="col">{t("desk.designations")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/desk/companies/${c.id}`}>{pick(locale, c.nameEn, c.nameZh)}</Link>{" "}
                    <span className={`badge ${c.isResident ? "badge-success" : "badge-muted"}`}>
                      {c.isResident ? t("desk.resident") : t("desk.notResident")}
                    </span>
                  </th>
                  <td data-label={t("desk.industry")}>{industryLabel(c.industry, locale)}</td>
                  <td data-label={t("desk.size")}>{tc(`sizes.${c.size}`)}</td>
                  <td data-label={t("desk.designations")}>{c.designations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("desk.none")}</p>
      )}
      <p className="row">
        {paged ? (
          <Link to={q ? `?${new URLSearchParams({ q })}` : "."}>{t("desk.first")}</Link>
        ) : null}
        {nextHref ? <Link to={nextHref}>{t("desk.next")} →</Link> : null}
      </p>
    </div>
  );
}
