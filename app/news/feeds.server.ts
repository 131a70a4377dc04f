/** RSS 2.0 per language, the sitemap (sitemaps.org 0.9) and robots.txt. */
import type { Executor } from "#db/executor";
import type { Locale } from "~/i18n/i18n";
import { markdownToText } from "./markdown.server";
import { listForSitemap, listPublished } from "./news.server";

export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
    );
}

export async function rssFeed(db: Executor, locale: Locale, origin: string): Promise<string> {
  const zh = locale === "zh-CN";
  const { items } = await listPublished(db, { limit: 50 });
  const self = `${origin}/rss.xml${zh ? "?lang=zh-CN" : ""}`;
  const entries = items
    .filter((a) => (zh ? a.title_zh : a.title_en))
    .map((a) => {
      const link = `${origin}/news/${a.slug}${a.title_en && a.title_zh ? `?lang=${locale}` : ""}`;
      const title = (zh ? a.title_zh : a.title_en) ?? "";
      const summary = (zh ? a.summary_zh : a.summary_en) ?? "";
      const category = zh ? a.category_zh : a.category_en;
      return [
        "    <item>",
        `      <title>${xmlEscape(title)}</title>`,
        `      <link>${xmlEscape(link)}</link>`,
        `      <guid isPermaLink="false">${xmlEscape(`${origin}/news/${a.slug}#${locale}`)}</guid>`,
        a.published_at ? `      <pubDate>${new Date(a.published_at).toUTCString()}</pubDate>` : "",
        category ? `      <category>${xmlEscape(category)}</category>` : "",
        `      <description>${xmlEscape(markdownToText(summary, 500))}</description>`,
        "    </item>",
      ]
        .filter(Boolean)
        .join("\n");
    });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">`,
    "  <channel>",
    `    <title>${xmlEscape(zh ? "紫竹高新区新闻" : "Zizhu High-Tech Park News")}</title>`,
    `    <link>${xmlEscape(`${origin}/news`)}</link>`,
    `    <description>${xmlEscape(zh ? "紫竹高新区的公告、活动与成果。" : "Announcements, events and results from Zizhu High-Tech Park.")}</description>`,
    `    <language>${zh ? "zh-cn" : "en"}</language>`,
    `    <atom:link href="${xmlEscape(self)}" rel="self" type="application/rss+xml"/>`,
    items[0]?.published_at
      ? `    <lastBuildDate>${new Date(items[0].published_at).toUTCString()}</lastBuildDate>`
      : "",
    ...entries,
    "  </channel>",
    "</rss>",
    "",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

const STATIC_PATHS = [
  "/",
  "/news",
  "/park",
  "/park/rankings",
  "/park/industries",
  "/park/policies",
  "/park/space",
  "/park/invest",
  "/contact",
  "/incubation",
];

export async function sitemap(db: Executor, origin: string): Promise<string> {
  // One sitemap file holds at most 50,000 URLs (sitemaps.org); the newest articles go first.
  const articles = await listForSitemap(db, 50_000 - STATIC_PATHS.length);
  const urls = [
    ...STATIC_PATHS.map((p) => `  <url><loc>${xmlEscape(origin + p)}</loc></url>`),
    ...articles.map(
      (a) =>
        `  <url><loc>${xmlEscape(`${origin}/news/${a.slug}`)}</loc><lastmod>${new Date(a.updated_at).toISOString()}</lastmod></url>`,
    ),
  ];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...urls,
    `</urlset>`,
    "",
  ].join("\n");
}

export function robots(origin: string): string {
  return [
    "User-agent: *",
    "Disallow: /desk",
    "Disallow: /admin",
    "Disallow: /account",
    "Disallow: /dev",
    "Disallow: /applications",
    "Disallow: /requests",
    "Disallow: /review",
    "Allow: /",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}
