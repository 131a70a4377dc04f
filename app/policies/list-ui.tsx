/** The search box and numbered pager of a policy's long company lists (ADR 0058). */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { listHref, type ListPage } from "./lists";

export function ListSearch({
  id,
  path,
  list,
}: {
  id: string;
  path: string;
  list: ListPage<unknown>;
}) {
  const { t } = useTranslation("desk");
  return (
    <Form method="get" action={path} className="row" role="search" preventScrollReset>
      <label htmlFor={id} className="visually-hidden">
        {t("policyLists.search")}
      </label>
      <input id={id} name="q" type="search" maxLength={100} defaultValue={list.q} />
      <button type="submit" className="button button-secondary">
        {t("policyLists.searchButton")}
      </button>
      {list.q ? <Link to={path}>{t("policyLists.clearSearch")}</Link> : null}
    </Form>
  );
}

export function ListPager({ path, list }: { path: string; list: ListPage<unknown> }) {
  const { t } = useTranslation("desk");
  const { page, pages, q } = list;
  return (
    <nav className="row sr-pager" aria-label={t("policyLists.pages")}>
      {page > 1 ? (
        <Link to={listHref(path, q, page - 1)} rel="prev" preventScrollReset>
          ← {t("policyLists.previous")}
        </Link>
      ) : null}
      <span className="muted" data-testid="list-page-of">
        {t("policyLists.pageOf", { page: String(page), pages: String(pages), count: list.matched })}
      </span>
      {page < pages ? (
        <Link to={listHref(path, q, page + 1)} rel="next" preventScrollReset>
          {t("policyLists.next")} →
        </Link>
      ) : null}
    </nav>
  );
}
