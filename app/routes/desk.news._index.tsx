import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { field, parseQuery } from "~/lib/query.server";
import { pick } from "~/i18n/i18n";
import { countByStatus, listForDesk } from "~/news/news.server";
import { ARTICLE_STATUS_LIST as ARTICLE_STATUSES } from "~/news/schema";
import { isoMinute } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "News desk · 新闻编辑台 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:news:any");
  const {
    status = null,
    q = "",
    after,
  } = parseQuery(request, {
    status: field.text(20),
    q: field.text(100),
    after: field.cursorText(),
  });
  const page = await listForDesk(db(), { status, q, cursor: after });
  return {
    page,
    counts: await countByStatus(db()),
    status: status && (ARTICLE_STATUSES as readonly string[]).includes(status) ? status : null,
    q,
  };
}

export default function NewsDesk() {
  const { page, counts, status, q } = useLoaderData<typeof loader>();
  const { t } = useTranslation("news");
  const { t: tp } = useTranslation("park");
  const locale = useLocale();
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <div className="row">
          <Link to="/desk/news/new" className="button">
            {t("desk.newArticle")}
          </Link>
          <Link to="/desk/news/taxonomy" className="button button-secondary">
            {t("desk.taxonomy")}
          </Link>
          <Link to="/desk/park" className="button button-secondary">
            {tp("desk.title")}
          </Link>
        </div>
      </header>
      <nav className="tabs" aria-label={t("desk.columns.status")}>
        <Link to="/desk/news" aria-current={!status ? "page" : undefined}>
          {t("desk.all")} ({total})
        </Link>
        {ARTICLE_STATUSES.map((s) => (
          <Link
            key={s}
            to={`/desk/news?status=${s}`}
            aria-current={status === s ? "page" : undefined}
          >
            {t(`desk.status.${s}`)} ({counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      <Form method="get" className="row" role="search">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <label htmlFor="desk-q" className="visually-hidden">
          {t("desk.search")}
        </label>
        <input id="desk-q" name="q" type="search" defaultValue={q} />
        <button type="submit" className="button button-secondary">
          {t("desk.search")}
        </button>
      </Form>
      {page.items.length === 0 ? (
        <p className="notice">{t("desk.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("desk.columns.title")}</th>
                <th scope="col">{t("desk.columns.status")}</th>
                <th scope="col">{t("desk.columns.updated")}</th>
                <th scope="col">{t("desk.columns.by")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id}>
                  <td className="card-title">
                    <Link to={`/desk/news/${a.id}`}>
                      {pick(locale, a.title_en, a.title_zh) || t("desk.untitled")}
                    </Link>
                    <div className="muted">
                      {a.title_en ? "EN" : ""} {a.title_zh ? "中文" : ""}
                    </div>
                  </td>
                  <td className="card-inline card-first">
                    <span
                      className={`badge${a.status === "published" ? " badge-success" : a.status === "scheduled" ? " badge-warning" : " badge-muted"}`}
                    >
                      {t(`desk.status.${a.status as "draft"}`)}
                    </span>
                    {a.status === "scheduled" && a.publish_at ? (
                      <div className="muted">{isoMinute(a.publish_at)}</div>
                    ) : null}
                  </td>
                  <td className="nowrap card-inline" data-label={t("desk.columns.updated")}>
                    {isoMinute(a.updated_at)}
                  </td>
                  <td className="card-inline" data-label={t("desk.columns.by")}>
                    {a.updated_by_name ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <p>
          <Link
            className="button button-secondary"
            to={`/desk/news?${new URLSearchParams({ ...(status ? { status } : {}), ...(q ? { q } : {}), after: page.nextCursor }).toString()}`}
          >
            {t("desk.next")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
