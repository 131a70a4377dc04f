/**
 * Screenshot checks of the visual system (issue 18, ADR 0032): the main page of each area at
 * 390 and 1280 px, in English and Chinese, as the person who uses it. On every page: no
 * sideways scroll of the page, every chart label inside its SVG's viewBox (real getBBox), the
 * main navigation's links and buttons at least 44 px tall, and the key column of its list in
 * view (state, due time, rank). Plain page loads, no clicking: it runs in well under 90 s.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, loginAs, query, test, type Persona } from "../support/e2e";

interface Check {
  path: string;
  persona: Persona;
  /** Cells that must be in view horizontally (the list's key column), if the page has a list. */
  key?: string;
}

const PAGES: Check[] = [
  { path: "/", persona: "anonymous" },
  { path: "/news", persona: "anonymous" },
  { path: "ARTICLE", persona: "anonymous" },
  { path: "/park", persona: "anonymous" },
  { path: "/park/rankings", persona: "anonymous", key: "td.ranking-rank" },
  { path: "/services", persona: "anonymous" },
  { path: "/requests", persona: "ownerA", key: "table.sr-list td.card-key" },
  { path: "/desk/requests", persona: "staff", key: "table.sr-queue td.sr-due" },
  { path: "/desk/reports", persona: "staff" },
  { path: "/desk/inquiries", persona: "staff", key: "table.table-cards td.card-first" },
  { path: "/desk/projects", persona: "admin", key: "table.project-table td[data-label]" },
];

async function measure(page: Page) {
  return page.evaluate(() => {
    const overflow = document.scrollingElement!.scrollWidth - window.innerWidth;
    const clipped: string[] = [];
    // Charts and the park's site map (whose labels must stay inside it too).
    for (const svg of document.querySelectorAll<SVGSVGElement>(
      "figure.chart svg, svg.site-map-svg",
    )) {
      if (!svg.getClientRects().length) continue; // the other size, hidden by CSS
      const vb = svg.viewBox.baseVal;
      for (const text of svg.querySelectorAll("text")) {
        const b = text.getBBox();
        if (
          b.x < vb.x - 0.5 ||
          b.y < vb.y - 0.5 ||
          b.x + b.width > vb.x + vb.width + 0.5 ||
          b.y + b.height > vb.y + vb.height + 0.5
        )
          clipped.push(
            `${text.textContent} (${b.x.toFixed(0)},${b.y.toFixed(0)} ${b.width.toFixed(0)}x${b.height.toFixed(0)} in ${vb.width}x${vb.height})`,
          );
      }
    }
    // Rendered size of chart text in CSS pixels: the font size times the drawing's scale.
    let smallestText = Infinity;
    for (const svg of document.querySelectorAll<SVGSVGElement>("figure.chart svg")) {
      const rect = svg.getBoundingClientRect();
      if (!rect.width) continue;
      const scale = rect.width / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll("text"))
        smallestText = Math.min(smallestText, Number(text.getAttribute("font-size")) * scale);
    }
    return { overflow, clipped, smallestText };
  });
}

async function tapTargets(page: Page, narrow: boolean): Promise<string[]> {
  if (narrow) {
    await page.locator(".nav-toggle summary").click();
    await expect(page.locator(".site-nav")).toBeVisible();
  }
  return page.evaluate(() => {
    const small: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      ".site-nav > ul > li > a, .site-nav > ul > li > form button, .user-menu > summary, .nav-toggle summary",
    );
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      if (r.height < 44 - 0.5) small.push(`${el.textContent?.trim()} ${r.height.toFixed(0)} px`);
    }
    return small;
  });
}

for (const lang of ["en", "zh-CN"] as const)
  test(`every area's main page fits 390 and 1280 px (${lang}): no sideways scroll, chart labels inside, 44 px nav targets, key column in view`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const [article] = await query<{ slug: string }>(
      "SELECT slug FROM news_article WHERE status = 'published' AND published_at <= now() ORDER BY published_at DESC LIMIT 1",
    );
    const problems: string[] = [];
    {
      const contexts = new Map<Persona, BrowserContext>();
      for (const check of PAGES) {
        let context = contexts.get(check.persona);
        if (!context) {
          context = await browser.newContext({ baseURL });
          await loginAs(context, baseURL!, check.persona, lang);
          contexts.set(check.persona, context);
        }
        const page = await context.newPage();
        const path = check.path === "ARTICLE" ? `/news/${article!.slug}` : check.path;
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(path);
          const where = `${path} ${lang} ${width}px`;
          const m = await measure(page);
          if (m.overflow > 0) problems.push(`${where}: the page scrolls ${m.overflow} px sideways`);
          for (const c of m.clipped)
            problems.push(`${where}: chart text outside its viewBox: ${c}`);
          if (m.smallestText < 11.5)
            problems.push(`${where}: chart text drawn at ${m.smallestText.toFixed(1)} px`);
          if (check.key) {
            const cell = page.locator(check.key).first();
            await expect(cell, where).toBeVisible();
            const box = (await cell.boundingBox())!;
            if (box.x < 0 || box.x + box.width > width)
              problems.push(`${where}: the key column (${check.key}) is out of view`);
          }
          for (const t of await tapTargets(page, width === 390))
            problems.push(`${where}: navigation target under 44 px: ${t}`);
        }
        await page.close();
      }
      for (const c of contexts.values()) await c.close();
    }
    expect(problems).toEqual([]);
  });

test("sign-in lands staff on their desk and a company on its account", async ({
  browser,
  baseURL,
}) => {
  for (const [email, landing] of [
    ["staff@demo.zizhupark.example", /\/desk$/],
    ["owner@demo.zizhupark.example", /\/account$/],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    await loginAs(context, baseURL!, "anonymous");
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("zizhu-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(landing);
    // The user menu holds the account links and opens without leaving the page.
    await page.locator(".user-menu > summary").click();
    await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
    await expect(page).toHaveTitle(/^[^·]+\| Zizhu Park Portal$/);
    await context.close();
  }
});
