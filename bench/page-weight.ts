/**
 * Page weight of the public pages (issues 7, 18): for each page and language, the JavaScript a
 * browser (Debian's Chromium) fetches to show and hydrate it (gzip level 6, inline scripts and the
 * language strings included, see
 * tests/support/page-weight.ts), the HTML size, and the images without width/height. Checks
 * the article page: at most 90 KB of JavaScript (gzip), and its title and text are in the HTML
 * (readable without JavaScript).
 *
 *   npm run build && npx tsx bench/page-weight.ts      (exits 1 on a missed target)
 */
import { chromium } from "@playwright/test";
import { pageWeightInBrowser, visibleText } from "../tests/support/page-weight";
import {
  adminQuery,
  freePort,
  scratchDatabase,
  startServer,
  stopServer,
  waitReady,
} from "./lib/harness";

const LIMIT_KB = 90;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";
// BENCH_PORT and BENCH_DB_PREFIX: for a machine shared by several checkouts.
const database = await scratchDatabase(process.env.BENCH_DB_PREFIX ?? "bench_weight");
const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
const server = startServer(port, { DATABASE_URL: database.url });
let exitCode = 0;
try {
  await waitReady(server);
  const [article] = await adminQuery<{ slug: string; title_en: string; body_en: string }>(
    `SELECT slug, title_en, body_en FROM news_article
      WHERE status = 'published' AND published_at <= now() AND title_en IS NOT NULL
      ORDER BY published_at DESC, id DESC LIMIT 1`,
    [],
    database.url,
  );
  if (!article) throw new Error("no published article in the demo data");
  const articlePath = `/news/${article.slug}`;
  const pages = [
    "/",
    "/news",
    articlePath,
    "/park",
    "/park/space",
    "/park/policies",
    "/incubation",
    "/services",
  ];
  const rows = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  for (const [path, locale] of pages.flatMap((p) => [[p, "en"] as const, [p, "zh-CN"] as const])) {
    // As a browser fetches it: the page language's strings, loaded before hydration, count.
    const w = await pageWeightInBrowser(browser, server.base, path, { locale });
    const images = [...w.html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
    const unsized = images.filter((i) => !/\bwidth="\d+"/.test(i) || !/\bheight="\d+"/.test(i));
    rows.push({
      path,
      locale,
      jsKbGzip: Math.round((w.jsGzip / 1024) * 10) / 10,
      jsKbRaw: Math.round((w.jsBytes / 1024) * 10) / 10,
      scripts: w.scripts.length,
      htmlKbGzip: Math.round((w.htmlGzip / 1024) * 10) / 10,
      images: images.length,
      imagesWithoutSize: unsized.length,
    });
    if (path === articlePath && locale === "en") {
      const text = visibleText(w.html);
      const firstWords = visibleText(article.body_en).split(" ").slice(0, 6).join(" ");
      const readable = text.includes(article.title_en) && text.includes(firstWords);
      const ok = w.jsGzip <= LIMIT_KB * 1024 && readable && unsized.length === 0;
      console.error(
        `${ok ? "PASS" : "FAIL"}: article ${(w.jsGzip / 1024).toFixed(1)} KB JS gzip (limit ${LIMIT_KB}), ` +
          `content in the HTML: ${readable}, images without size: ${unsized.length}`,
      );
      if (!ok) exitCode = 1;
    }
  }
  await browser.close();
  console.table(rows);
  console.log(JSON.stringify({ limitKb: LIMIT_KB, pages: rows }, null, 2));
} finally {
  await stopServer(server);
  await database.drop();
}
process.exit(exitCode);
