import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { kbTaxonomy, listPublishedKb, searchKb } from "~/kb/kb.server";
import { pageDescription, pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["kb"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Help centre · 帮助中心 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Answers from the Zizhu High-Tech Park service desk, in English and Chinese.",
    "紫竹高新区服务台常见问题解答，中英文双语。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request, user?.locale);
  const { q = null, topic = null } = parseQuery(request, {
    q: field.text(100),
    topic: field.slug(),
  });
  const { categories } = await kbTaxonomy(db());
  const category = topic ? categories.find((c) => c.code === topic) : undefined;
  const articles = q
    ? await searchKb(db(), { q, categoryId: category?.id, limit: 20 })
    : await listPublishedKb(db(), { categoryId: category?.id, limit: 300 });
  return {
    locale,
    q,
    topic: category?.code ?? null,
    categories: categories.map(({ id, code, name_en, name_zh }) => ({
      id,
      code,
      name_en,
      name_zh,
    })),
    articles: articles.map(({ id, slug, title_en, title_zh, category_id }) => ({
      id,
      slug,
      title_en,
      title_zh,
      category_id,
    })),
    signedIn: !!user,
  };
}

export default function HelpCentre() {
  const { locale, q, topic, categories, articles } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kb");
  type Item = (typeof articles)[number];
  const title = (a: Item) => pick(locale, a.title_en, a.title_zh);
  const otherLang = (a: Item) => (locale === "zh-CN" ? !a.title_zh : !a.title_en);
  const item = (a: Item) => (
    <li key={a.id}>
      <Link
        to={`/help/${a.slug}`}
        lang={otherLang(a) ? (locale === "zh-CN" ? "en" : "zh-CN") : undefined}
      >
        {title(a)}
      </Link>
    </li>
  );
  const groups = [
    ...categories.map((c) => ({
      key: c.id,
      name: pick(locale, c.name_en, c.name_zh),
      items: articles.filter((a) => a.category_id === c.id),
    })),
    { key: "other", name: t("help.other"), items: articles.filter((a) => !a.category_id) },
  ].filter((g) => g.items.length);
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("help.title")}</h1>
        <p className="lead">{t("help.lead")}</p>
      </header>
      <Form method="get" className="card kb-search" role="search">
        <div className="field">
          <label htmlFor="help-q">{t("help.search")}</label>
          <input
            id="help-q"
            name="q"
            type="search"
            defaultValue={q ?? ""}
            placeholder={t("help.searchPlaceholder")}
          />
        </div>
        {topic ? <input type="hidden" name="topic" value={topic} /> : null}
        <div className="row">
          <button type="submit" className="button">
            {t("help.searchButton")}
          </button>
          {q || topic ? (
            <Link to="/help" className="button button-secondary">
              {t("help.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      <nav className="tabs kb-topics" aria-label={t("help.allCategories")}>
        <Link
          to={q ? `/help?q=${encodeURIComponent(q)}` : "/help"}
          aria-current={!topic ? "page" : undefined}
        >
          {t("help.allCategories")}
        </Link>
        {categories.map((c) => (
          <Link
            key={c.id}
            to={`/help?topic=${c.code}${q ? `&q=${encodeURIComponent(q)}` : ""}`}
            aria-current={topic === c.code ? "page" : undefined}
          >
            {pick(locale, c.name_en, c.name_zh)}
          </Link>
        ))}
      </nav>
      {q ? (
        <section className="section" aria-labelledby="help-results">
          <h2 id="help-results">{t("help.results", { q })}</h2>
          {articles.length ? (
            <ul className="card kb-list">{articles.map(item)}</ul>
          ) : (
            <p className="notice">{t("help.noResults")}</p>
          )}
        </section>
      ) : groups.length ? (
        <div className="kb-groups">
          {groups.map((g) => (
            <section key={g.key} className="card" aria-labelledby={`help-${g.key}`}>
              <h2 id={`help-${g.key}`}>{g.name}</h2>
              <ul className="kb-list">{g.items.map(item)}</ul>
            </section>
          ))}
        </div>
      ) : (
        <p className="notice">{t("help.empty")}</p>
      )}
      <aside className="notice kb-still">
        <p>
          <strong>{t("help.stillNeed")}</strong>{" "}
          <Link to="/requests/new">{t("help.fileRequest")}</Link>
        </p>
      </aside>
    </div>
  );
}
