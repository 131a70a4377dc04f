import type { BrowserContext } from "@playwright/test";
import { contextFor, expect, loginAs, query, test } from "../support/e2e";

const RANKING_SLUG = "zizhu-ranks-11th-among-169-national-high-tech-parks";

async function useChinese(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: "lang", value: "zh-CN", url: baseURL }]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`visitor reading news (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("reads, filters and opens an article in English, with canonical and hreflang", async ({
      page,
    }) => {
      await page.goto("/news");
      await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
      await page.getByLabel("Category").selectOption({ label: "Rankings" });
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/category=rankings/);
      const titles = page.locator(".news-item h2");
      await expect(titles.first()).toBeVisible();
      for (const text of await titles.allTextContents())
        expect(text).not.toContain("portal is open");
      await page
        .getByRole("link", { name: "Zizhu ranks 11th among 169 national high-tech parks" })
        .click();
      await expect(page).toHaveURL(new RegExp(`/news/${RANKING_SLUG}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Zizhu ranks 11th among 169 national high-tech parks",
      );
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
        "href",
        new RegExp(`/news/${RANKING_SLUG}\\?lang=en$`),
      );
      await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute(
        "href",
        new RegExp(`/news/${RANKING_SLUG}\\?lang=zh-CN$`),
      );
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
        "content",
        "Zizhu ranks 11th among 169 national high-tech parks",
      );
      await page.getByRole("link", { name: "阅读中文版" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "紫竹高新区在 169 家国家高新区中综合排名第 11 位",
      );
      // Reading the Chinese version with an English interface: told so in English, offered back.
      await expect(page.getByText("This article is also available in English.")).toBeVisible();
      await page.getByRole("link", { name: "Read in English" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Zizhu ranks 11th among 169 national high-tech parks",
      );
      // Asking for the Chinese version of an English-only article.
      await page.goto("/news/the-park-portal-is-open?lang=zh-CN");
      await expect(
        page.getByText("This article is not available in Chinese; the English version is shown."),
      ).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The park portal is open");
    });

    test("reads in Chinese, searches a Chinese word, and is told when a version is missing", async ({
      page,
      context,
      baseURL,
    }) => {
      await useChinese(context, baseURL!);
      await page.goto("/news");
      await expect(page.getByRole("heading", { level: 1, name: "园区新闻" })).toBeVisible();
      await page.getByLabel("搜索新闻").fill("可持续");
      await page.getByRole("button", { name: "筛选" }).click();
      await expect(page.getByRole("heading", { name: "“可持续”的搜索结果" })).toBeVisible();
      await expect(page.getByRole("link", { name: "可持续发展能力升至第 4 位" })).toBeVisible();
      await expect(
        page.getByRole("link", { name: "紫竹高新区在 169 家国家高新区中综合排名第 11 位" }),
      ).toHaveCount(0);
      await page.getByRole("link", { name: "可持续发展能力升至第 4 位" }).click();
      await expect(page.locator("article")).toContainText(
        "由 2019 年度的第 11 位升至 2020 年度的第 4 位",
      );
      // An English-only article: the page says so and shows the English version.
      await page.goto("/news/the-park-portal-is-open");
      await expect(page.getByText("本文暂无中文版本。")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The park portal is open");
    });
  });
}

test("the RSS feeds are RSS 2.0 per language and their links open the articles", async ({
  request,
  page,
}) => {
  const en = await request.get("/rss.xml");
  expect(en.headers()["content-type"]).toContain("application/rss+xml");
  const enXml = await en.text();
  expect(enXml).toContain('<rss version="2.0"');
  expect(enXml).toContain("<title>Zizhu ranks 11th among 169 national high-tech parks</title>");
  const zh = await (await request.get("/rss.xml?lang=zh-CN")).text();
  expect(zh).toContain("<language>zh-cn</language>");
  expect(zh).toContain("<title>紫竹高新区在 169 家国家高新区中综合排名第 11 位</title>");
  const link = /<item>[\s\S]*?<link>([^<]+)<\/link>/.exec(zh)![1]!;
  const url = new URL(link);
  await page.goto(url.pathname + url.search);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("http://www.sitemaps.org/schemas/sitemap/0.9");
  expect(sitemap).toContain(`/news/${RANKING_SLUG}</loc>`);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /desk");
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
});

test("the rankings page draws an SVG chart on the server with a data table", async ({ page }) => {
  await page.goto("/park/rankings");
  await expect(page.locator("figure.chart svg.chart-wide")).toBeVisible();
  await expect(
    page.getByRole("figure", { name: "Rank by evaluation year, per measure" }),
  ).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Sustainable development ability");
  await expect(page.getByRole("row", { name: /2020 Comprehensive ranking 11 169/ })).toBeVisible();
});

test("staff write, preview, schedule and publish an article, and it appears", async ({
  page,
  context,
  baseURL,
}) => {
  await loginAs(context, baseURL!, "staff");
  const stamp = Date.now().toString(36);
  const titleEn = `Open lab day ${stamp}`;
  await page.goto("/desk/news/new");
  await page.getByLabel("Title (English)").fill(titleEn);
  await page
    .getByLabel("Body (English, Markdown)")
    .fill("Come and **visit** our labs.\n\n<script>alert(1)</script>");
  await page.getByLabel("Title (Chinese)").fill(`实验室开放日 ${stamp}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleEn);
  await page.getByRole("link", { name: "Preview" }).click();
  const preview = page.locator(".news-preview");
  await expect(preview.locator("strong")).toHaveText("visit");
  expect(await preview.innerHTML()).not.toContain("<script");
  // Schedule it for tomorrow.
  const tomorrow = new Date(Date.now() + 86400_000 + 8 * 3600_000).toISOString().slice(0, 16);
  await page.getByLabel("Publish at (Shanghai time)").fill(tomorrow);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.locator(".badge", { hasText: "Scheduled" })).toBeVisible();
  const [row] = await query<{ id: string; slug: string }>(
    "SELECT id, slug FROM news_article WHERE title_en = $1",
    [titleEn],
  );
  expect((await page.request.get(`/news/${row!.slug}`)).status()).toBe(404);
  // Time passes: the scheduled time (and its job) move into the past; the worker publishes it.
  const past = new Date(Date.now() - 1000).toISOString();
  await query("UPDATE news_article SET publish_at = $2 WHERE id = $1", [row!.id, past]);
  await query(
    "UPDATE job SET run_at = now() - interval '1 second', payload = jsonb_set(payload, '{publishAt}', to_jsonb($2::text)) WHERE task = 'news-publish' AND payload->>'articleId' = $1",
    [row!.id, past],
  );
  await expect
    .poll(
      async () =>
        (
          await query<{ status: string }>("SELECT status FROM news_article WHERE id = $1", [
            row!.id,
          ])
        )[0]!.status,
      { timeout: 15_000 },
    )
    .toBe("published");
  await page.goto("/news");
  await expect(page.getByRole("link", { name: titleEn })).toBeVisible();
  // A second article published at once.
  await page.goto("/desk/news/new");
  await page.getByLabel("Title (English)").fill(`Published now ${stamp}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.locator(".badge", { hasText: "Published" })).toBeVisible();
  await page.goto("/news");
  await expect(page.getByRole("link", { name: `Published now ${stamp}` })).toBeVisible();
  // A title-only article still has a description for search engines and link previews.
  await page.getByRole("link", { name: `Published now ${stamp}` }).click();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    "content",
    `Published now ${stamp}: news from Zizhu High-Tech Park, Shanghai`,
  );
  const audits = await query<{ action: string }>(
    "SELECT action FROM audit_log WHERE entity_id = $1",
    [row!.id],
  );
  expect(audits.map((a) => a.action)).toEqual(
    expect.arrayContaining(["news.schedule", "news.publish"]),
  );
});

// A real 3x2 PNG: covers are decoded and resized at upload (ADR 0051), so a header alone is
// refused.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVR4nGPg94mBIAY4CwApKgRLWlgVbQAAAABJRU5ErkJggg==",
  "base64",
);

test("two editors: the second save is told of the conflict and keeps its text; covers and space photos are checked by content", async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const a = await contextFor(browser, baseURL!, "staff@demo.zizhupark.example");
  const b = await contextFor(browser, baseURL!, "admin@demo.zizhupark.example");
  const pa = await a.newPage();
  const pb = await b.newPage();
  await pa.goto("/desk/news/new");
  await pa.getByLabel("Title (English)").fill(`Shared draft ${stamp}`);
  await pa.getByRole("button", { name: "Save draft" }).click();
  await expect(pa.getByRole("heading", { level: 1 })).toHaveText(`Shared draft ${stamp}`);
  const editUrl = pa.url();
  await pb.goto(editUrl);
  // A saves first; B, still on the old version, saves second.
  await pa.getByLabel("Body (English, Markdown)").fill("First editor's paragraph.");
  await pa.getByRole("button", { name: "Save changes" }).click();
  await expect(pa.getByText("Version 2")).toBeVisible();
  await pb.getByLabel("Body (English, Markdown)").fill("Second editor's careful paragraph.");
  await pb.getByRole("button", { name: "Save changes" }).click();
  await expect(
    pb.locator("section[role=alert]").filter({ hasText: "Someone else saved" }),
  ).toBeVisible();
  await expect(pb.getByLabel("Body (English, Markdown)")).toHaveValue(
    "Second editor's careful paragraph.",
  );
  const [row] = await query<{ id: string; body_en: string }>(
    "SELECT id, body_en FROM news_article WHERE title_en = $1",
    [`Shared draft ${stamp}`],
  );
  expect(row!.body_en).toBe("First editor's paragraph.");

  // Covers: an HTML file dressed as a PNG is refused; a real PNG is kept with its size.
  await pa.goto(editUrl);
  await pa.locator("input#cover").setInputFiles({
    name: "cover.png",
    mimeType: "image/png",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await pa.getByRole("button", { name: "Upload cover" }).click();
  await expect(
    pa.getByText("The cover must be a PNG, JPEG, WebP or GIF image.").first(),
  ).toBeVisible();
  await pa.locator("input#cover").setInputFiles({
    name: "cover.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await pa.getByRole("button", { name: "Upload cover" }).click();
  await expect(pa.getByText("Cover image uploaded.")).toBeVisible();
  const thumb = pa.locator("img.news-cover-thumb");
  await expect(thumb).toHaveAttribute("width", "3");
  await expect(thumb).toHaveAttribute("height", "2");

  // Space photos on the park desk, the same way.
  await pa.goto("/desk/park");
  const photoForm = pa.locator("form[enctype='multipart/form-data']").first();
  await photoForm.getByLabel("Photo", { exact: true }).setInputFiles({
    name: "space.png",
    mimeType: "image/png",
    buffer: Buffer.from("not an image"),
  });
  await photoForm.getByRole("button", { name: "Upload photo" }).click();
  await expect(
    pa.getByText("The photo must be a PNG, JPEG, WebP or GIF image.").first(),
  ).toBeVisible();
  const again = pa.locator("form[enctype='multipart/form-data']").first();
  await again.getByLabel("Photo", { exact: true }).setInputFiles({
    name: "space.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await again.getByLabel("Photo description (English)").fill(`Sunny office ${stamp}`);
  await again.getByRole("button", { name: "Upload photo" }).click();
  await expect(pa.getByText("Photo saved.")).toBeVisible();
  await pa.goto("/park/space");
  const photo = pa.getByRole("img", { name: `Sunny office ${stamp}` });
  await expect(photo).toHaveAttribute("width", "3");
  await expect(photo).toHaveAttribute("height", "2");
  expect((await pa.request.get((await photo.getAttribute("src"))!)).headers()["content-type"]).toBe(
    "image/png",
  );
  await a.close();
  await b.close();
});
