import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { field, parseQuery } from "~/lib/query.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { listCategories, listPublished, listTags } from "~/news/news.server";
import { NewsThumb } from "~/news/ui";
import { isoDay } from "~/lib/format";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["news"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "News · 园区新闻 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "News and announcements of Zizhu High-Tech Park, Shanghai.",
    "上海紫竹高新区新闻与通知公告。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request, user?.locale);
  const {
    category = null,
    tag = null,
    q = null,
    after: cursor = null,
  } = parseQuery(request, {
    category: field.slug(),
    tag: field.slug(),
    q: field.text(100),
    after: field.cursorText(),
  });
  const [page, categories, tags] = [
    await listPublished(db(), { category, tag, q, cursor, limit: 10 }),
    await listCategories(db()),
    await listTags(db()),
  ];
  return { locale, page, categories, tags, filters: { category, tag, q }, paged: !!cursor };
}

export default function NewsIndex() {
  const { locale, page, categories, tags, filters, paged } = useLoaderData<typeof loader>();
  const { t } = useTranslation("news");
  const params = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    if (filters.category) sp.set("category", filters.category);
    if (filters.tag) sp.set("tag", filters.tag);
    if (filters.q) sp.set("q", filters.q);
    for (const [k, v] of Object.entries(extra)) if (v) sp.set(k, v);
    const s = sp.toString();
    return s ? `?${s}` : "";
  };
  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        <a
          href={locale === "zh-CN" ? "/rss.xml?lang=zh-CN" : "/rss.xml"}
          className="button button-secondary button-small"
        >
          {t("rss")}
        </a>
      </header>
      <Form method="get" className="news-filters card" role="search">
        <div className="field">
          <label htmlFor="news-q">{t("filters.search")}</label>
          <input
            id="news-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder={t("filters.searchPlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="news-category">{t("filters.category")}</label>
          <select id="news-category" name="category" defaultValue={filters.category ?? ""}>
            <option value="">{t("filters.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.slug}>
                {pick(locale, c.name_en, c.name_zh)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="news-tag">{t("filters.tag")}</label>
          <select id="news-tag" name="tag" defaultValue={filters.tag ?? ""}>
            <option value="">{t("filters.allTags")}</option>
            {tags.map((tg) => (
              <option key={tg.id} value={tg.slug}>
                {pick(locale, tg.name_en, tg.name_zh)}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button">
            {t("filters.apply")}
          </button>
          {filters.q || filters.category || filters.tag ? (
            <Link to="/news" className="button button-secondary">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      {filters.q ? <h2 className="news-results">{t("results", { q: filters.q })}</h2> : null}
      {page.items.length === 0 ? (
        <p className="notice">{t("empty")}</p>
      ) : (
        <ul className="news-list">
          {page.items.map((a, i) => {
            const title = pick(locale, a.title_en, a.title_zh);
            const summary = pick(locale, a.summary_en, a.summary_zh);
            const otherLang = locale === "zh-CN" ? !a.title_zh : !a.title_en;
            return (
              <li
                key={a.id}
                className={`card news-item${a.cover_thumb_file_id ? " news-item-with-thumb" : ""}`}
              >
                <NewsThumb article={a} locale={locale} eager={i < 2} />
                <div className="news-item-text">
                  <p className="muted news-meta">
                    <time
                      dateTime={a.published_at ? new Date(a.published_at).toISOString() : undefined}
                    >
                      {isoDay(a.published_at)}
                    </time>
                    {a.category_slug ? (
                      <>
                        {" · "}
                        <Link to={`/news?category=${a.category_slug}`}>
                          {pick(locale, a.category_en, a.category_zh)}
                        </Link>
                      </>
                    ) : null}
                    {otherLang ? (
                      <span className="badge badge-muted">
                        {locale === "zh-CN" ? "English" : "中文"}
                      </span>
                    ) : null}
                  </p>
                  <h2 lang={otherLang ? (locale === "zh-CN" ? "en" : "zh-CN") : undefined}>
                    <Link to={`/news/${a.slug}`}>{title}</Link>
                  </h2>
                  {summary ? <p>{summary}</p> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <nav className="row news-pager" aria-label={t("title")}>
        {paged ? (
          <Link to={`/news${params({})}`} className="button button-secondary">
            {t("newest")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            to={`/news${params({ after: page.nextCursor })}`}
            className="button button-secondary"
            rel="next"
          >
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
