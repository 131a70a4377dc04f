/**
 * The "bare" renderer of bench/article-three-ways.ts: a plain node:http server that, for every
 * request, reads the same rows as the portal's article page (the portal's own
 * `getPublishedArticle` over Kysely and `pg`), renders the Markdown the same way, and renders
 * equivalent markup (same head tags, header, article, footer) with `react-dom/server`'s
 * renderToString. No router, no loader data serialization, no i18n instance, no logging.
 *
 *   DATABASE_URL=... PORT=... npx tsx bench/lib/bare-article.tsx
 */
import http from "node:http";
import { renderToString } from "react-dom/server";
import { openDatabase } from "../../db/client.server";
import { markdownToText, renderMarkdown } from "../../app/news/markdown.server";
import { getPublishedArticle } from "../../app/news/news.server";
import { isoDay } from "../../app/lib/format";

type Found = NonNullable<Awaited<ReturnType<typeof getPublishedArticle>>>;

const NAV = [
  ["/news", "News"],
  ["/park", "The park"],
  ["/incubation", "Incubation"],
  ["/services", "Services"],
] as const;

function Page({ found, origin, stylesheet }: { found: Found; origin: string; stylesheet: string }) {
  const { article: a, tags, previous, next, related } = found;
  const title = a.title_en ?? a.title_zh ?? "";
  const summary = a.summary_en || markdownToText(a.body_en, 200);
  const url = `${origin}/news/${a.slug}`;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f4c5c" />
        <title>{`${title} | Zizhu Park Portal`}</title>
        <meta name="description" content={summary} />
        <link rel="canonical" href={url} />
        <meta property="og:type" content="article" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={summary} />
        <meta property="og:url" content={url} />
        <meta property="og:site_name" content="Zizhu Park Portal" />
        <meta name="twitter:card" content="summary" />
        <link rel="stylesheet" href={stylesheet} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <a href="/" className="brand" aria-label="Zizhu Park Portal">
              <span className="brand-mark" aria-hidden="true">
                紫
              </span>
              <span className="brand-text">
                <span className="brand-name">Zizhu High-Tech Park</span>
                <span className="brand-tagline">Shanghai</span>
              </span>
            </a>
            <nav aria-label="Main">
              <ul className="nav-list">
                {NAV.map(([href, label]) => (
                  <li key={href}>
                    <a href={href}>{label}</a>
                  </li>
                ))}
                <li>
                  <a href="/login">Sign in</a>
                </li>
                <li>
                  <a href="/signup" className="button button-small">
                    Sign up
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">
          <div className="container narrow news-article">
            <p>
              <a href="/news">← All news</a>
            </p>
            <article lang="en">
              <header className="page-header">
                <p className="muted news-meta">
                  <time dateTime={a.published_at?.toISOString()}>{isoDay(a.published_at)}</time>
                  {a.category_slug ? (
                    <>
                      {" · "}
                      <a href={`/news?category=${a.category_slug}`}>{a.category_en}</a>
                    </>
                  ) : null}
                </p>
                <h1>{title}</h1>
              </header>
              <div
                className="prose"
                dangerouslySetInnerHTML={{ __html: renderMarkdown(a.body_en) }}
              />
            </article>
            {tags.length ? (
              <p className="news-tags">
                <span className="muted">Tags: </span>
                {tags.map((t) => (
                  <a key={t.slug} href={`/news?tag=${t.slug}`} className="badge">
                    {t.name_en}
                  </a>
                ))}
              </p>
            ) : null}
            <nav className="spread news-prevnext" aria-label="Previous / Next">
              {next ? <a href={`/news/${next.slug}`}>← Next: {next.title_en}</a> : <span />}
              {previous ? (
                <a href={`/news/${previous.slug}`}>Previous: {previous.title_en} →</a>
              ) : null}
            </nav>
            {related.length ? (
              <section className="section">
                <h2>Related</h2>
                <ul>
                  {related.map((r) => (
                    <li key={r.slug}>
                      <a href={`/news/${r.slug}`}>{r.title_en}</a>{" "}
                      <span className="muted">{isoDay(r.published_at)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
        </main>
        <footer className="site-footer">
          <div className="container footer-inner">
            <div>
              <p className="footer-brand">Zizhu High-Tech Park</p>
              <p className="muted">Minhang District, Shanghai</p>
            </div>
            <ul className="footer-links">
              {NAV.map(([href, label]) => (
                <li key={href}>
                  <a href={href}>{label}</a>
                </li>
              ))}
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

const handle = await openDatabase({
  url: process.env.DATABASE_URL,
  poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
});
const db = handle.db;
const origin = process.env.PUBLIC_URL ?? "http://localhost:3000";
const stylesheet = process.env.STYLESHEET ?? "/build/_assets/app.css";

const server = http.createServer((req, res) => {
  const slug = decodeURIComponent((req.url ?? "/").split("?")[0]!.replace(/^\/news\//, ""));
  getPublishedArticle(db, slug).then(
    (found) => {
      if (!found) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
        return;
      }
      const html = `<!DOCTYPE html>${renderToString(
        <Page found={found} origin={origin} stylesheet={stylesheet} />,
      )}`;
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
    },
    (error: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error));
    },
  );
});
server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  process.stdout.write("ready\n");
});
process.on("SIGTERM", () => {
  server.close();
  void handle.close().then(() => process.exit(0));
});
