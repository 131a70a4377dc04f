import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser, invariantFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isLocale, pick, type Locale } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { markdownToText, renderMarkdown } from "~/news/markdown.server";
import { getPublishedArticle } from "~/news/news.server";
import { isoDay } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";

/** A reading page: served without the app's JavaScript (ADR 0016, page weight). */
export const handle: RouteHandle = { hydrate: false, i18n: ["news"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const uiLocale = detectLocale(request, user?.locale);
  const requested = url.searchParams.get("lang");
  const locale: Locale = isLocale(requested) ? requested : uiLocale;
  const found = await getPublishedArticle(db(), params.slug ?? "");
  invariantFound(found);
  const { article: a, tags, previous, next, related } = found;
  const hasEn = !!a.title_en;
  const hasZh = !!a.title_zh;
  const has = locale === "zh-CN" ? hasZh : hasEn;
  const shown: Locale = has ? locale : locale === "zh-CN" ? "en" : "zh-CN";
  const zh = shown === "zh-CN";
  const origin = env().PUBLIC_URL.replace(/\/$/, "");
  const base = `${origin}/news/${a.slug}`;
  return {
    uiLocale,
    requested: locale,
    shown,
    missing: !has,
    otherAvailable: has && (locale === "zh-CN" ? hasEn : hasZh),
    urls: {
      canonical: hasEn && hasZh ? `${base}?lang=${shown}` : base,
      en: hasEn ? `${base}?lang=en` : null,
      zh: hasZh ? `${base}?lang=zh-CN` : null,
      base,
    },
    article: {
      slug: a.slug,
      title: (zh ? a.title_zh : a.title_en) ?? "",
      // Never empty: a title-only article is still described to search engines and previews.
      summary:
        (zh ? a.summary_zh : a.summary_en) ||
        markdownToText(zh ? a.body_zh : a.body_en, 200) ||
        (zh
          ? `${a.title_zh ?? ""}：紫竹国家高新技术产业开发区新闻`
          : `${a.title_en ?? ""}: news from Zizhu High-Tech Park, Shanghai`),
      html: renderMarkdown(zh ? a.body_zh : a.body_en),
      publishedAt: a.published_at,
      updatedAt: a.updated_at,
      category: a.category_slug
        ? { slug: a.category_slug, name: pick(uiLocale, a.category_en, a.category_zh) }
        : null,
      cover: a.cover_file_id
        ? {
            src: `/news/media/${a.cover_file_id}`,
            url: `${origin}/news/media/${a.cover_file_id}`,
            alt:
              (zh ? a.cover_alt_zh : a.cover_alt_en) || pick(shown, a.cover_alt_en, a.cover_alt_zh),
            width: a.cover_width,
            height: a.cover_height,
            // The 640 px thumbnail serves phones; the cover itself wider screens (ADR 0051).
            srcSet:
              a.cover_thumb_file_id &&
              a.cover_width &&
              a.cover_height &&
              a.cover_width > 640 &&
              Math.abs(a.cover_width / a.cover_height - 16 / 9) < 0.02
                ? `/news/media/${a.cover_thumb_file_id} 640w, /news/media/${a.cover_file_id} ${a.cover_width}w`
                : undefined,
          }
        : null,
    },
    tags: tags.map((t) => ({ slug: t.slug, name: pick(uiLocale, t.name_en, t.name_zh) })),
    previous: previous
      ? { slug: previous.slug, title: pick(uiLocale, previous.title_en, previous.title_zh) }
      : null,
    next: next ? { slug: next.slug, title: pick(uiLocale, next.title_en, next.title_zh) } : null,
    related: related.map((r) => ({
      slug: r.slug,
      title: pick(uiLocale, r.title_en, r.title_zh),
      publishedAt: r.published_at,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: pageTitle(matches, "Not found · 未找到 | Zizhu Park Portal") }];
  const { article, urls, shown } = data;
  const tags: ReturnType<MetaFunction> = [
    { title: pageTitle(matches, `${article.title} | Zizhu Park Portal`) },
    { name: "description", content: article.summary },
    { tagName: "link", rel: "canonical", href: urls.canonical },
    { property: "og:type", content: "article" },
    { property: "og:title", content: article.title },
    { property: "og:description", content: article.summary },
    { property: "og:url", content: urls.canonical },
    { property: "og:locale", content: shown === "zh-CN" ? "zh_CN" : "en_US" },
    { property: "og:site_name", content: "Zizhu Park Portal" },
    {
      property: "article:published_time",
      content: article.publishedAt ? new Date(article.publishedAt).toISOString() : "",
    },
    { name: "twitter:card", content: article.cover ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: article.title },
    { name: "twitter:description", content: article.summary },
  ];
  if (article.cover) {
    tags.push(
      { property: "og:image", content: article.cover.url },
      { property: "og:image:alt", content: article.cover.alt },
      { name: "twitter:image", content: article.cover.url },
    );
    if (article.cover.width)
      tags.push(
        { property: "og:image:width", content: String(article.cover.width) },
        { property: "og:image:height", content: String(article.cover.height) },
      );
  }
  if (urls.en) tags.push({ tagName: "link", rel: "alternate", hrefLang: "en", href: urls.en });
  if (urls.zh) tags.push({ tagName: "link", rel: "alternate", hrefLang: "zh-CN", href: urls.zh });
  tags.push({ tagName: "link", rel: "alternate", hrefLang: "x-default", href: urls.base });
  return tags;
};

export default function NewsArticle() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("news");
  const { article } = d;
  const other: Locale = d.shown === "zh-CN" ? "en" : "zh-CN";
  return (
    <div className="container narrow news-article">
      <p>
        <Link to="/news">← {t("article.back")}</Link>
      </p>
      {d.missing ? (
        <p className="notice notice-warning" role="status">
          {t(d.requested === "zh-CN" ? "article.missingInZh" : "article.missingInEn")}
        </p>
      ) : null}
      {d.otherAvailable ? (
        <p className="muted">
          {t(other === "zh-CN" ? "article.alsoInZh" : "article.alsoInEn")}{" "}
          <Link to={`/news/${article.slug}?lang=${other}`} lang={other} hrefLang={other}>
            {t(other === "zh-CN" ? "article.readInZh" : "article.readInEn")}
          </Link>
        </p>
      ) : null}
      <article lang={d.shown}>
        <header className="page-header">
          <p className="muted news-meta">
            <time
              dateTime={
                article.publishedAt ? new Date(article.publishedAt).toISOString() : undefined
              }
            >
              {isoDay(article.publishedAt)}
            </time>
            {article.category ? (
              <>
                {" · "}
                <Link to={`/news?category=${article.category.slug}`}>{article.category.name}</Link>
              </>
            ) : null}
          </p>
          <h1>{article.title}</h1>
        </header>
        {article.cover ? (
          <figure className="news-cover">
            <img
              src={article.cover.src}
              alt={article.cover.alt}
              srcSet={article.cover.srcSet}
              sizes={article.cover.srcSet ? "(max-width: 60rem) 100vw, 56rem" : undefined}
              width={article.cover.width ?? undefined}
              height={article.cover.height ?? undefined}
            />
          </figure>
        ) : null}
        {/* Rendered from Markdown and sanitized on the server (app/news/markdown.server.ts). */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: article.html }} />
      </article>
      {d.tags.length ? (
        <p className="news-tags">
          <span className="muted">{t("article.tags")}: </span>
          {d.tags.map((tg) => (
            <Link key={tg.slug} to={`/news?tag=${tg.slug}`} className="badge">
              {tg.name}
            </Link>
          ))}
        </p>
      ) : null}
      <nav
        className="spread news-prevnext"
        aria-label={`${t("article.previous")} / ${t("article.next")}`}
      >
        {d.next ? (
          <Link to={`/news/${d.next.slug}`} rel="next">
            ← {t("article.next")}: {d.next.title}
          </Link>
        ) : (
          <span />
        )}
        {d.previous ? (
          <Link to={`/news/${d.previous.slug}`} rel="prev">
            {t("article.previous")}: {d.previous.title} →
          </Link>
        ) : null}
      </nav>
      {d.related.length ? (
        <section className="section">
          <h2>{t("article.related")}</h2>
          <ul>
            {d.related.map((r) => (
              <li key={r.slug}>
                <Link to={`/news/${r.slug}`}>{r.title}</Link>{" "}
                <span className="muted">{isoDay(r.publishedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
