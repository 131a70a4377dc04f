/**
 * Knowledge base and deflection (issue 17, ADR 0030): a company types a new request's subject,
 * sees a matching help article, opens it and says it solved it (counted, nothing filed);
 * another files anyway; the same without JavaScript; the help centre's search in both
 * languages and "was this helpful"; staff turn a resolved request into a draft article and
 * publish it; phone width without sideways scroll.
 */
import type { Page } from "@playwright/test";
import { contextFor, expect, PERSONAS, query, test } from "../support/e2e";

async function counts(slug: string) {
  const rows = await query<{ kind: string; n: number }>(
    `SELECT e.kind, count(*)::int AS n FROM kb_event e JOIN kb_article a ON a.id = e.article_id
      WHERE a.slug = $1 GROUP BY e.kind`,
    [slug],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n])) as Record<string, number | undefined>;
}

async function noSidewaysScroll(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll, page.url()).toBeLessThanOrEqual(inner!);
}

const PERMIT = "work-permits-for-international-staff";

test("a company sees a suggested article while typing and says it solved it", async ({
  browser,
  baseURL,
}) => {
  const before = await counts(PERMIT);
  const context = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const page = await context.newPage();
  await page.goto("/requests/new?type=talent-recruitment");
  await page.getByLabel("Subject").pressSequentially("Work permit for our new engineer", {
    delay: 10,
  });
  const suggestion = page.getByRole("button", { name: /Work permits for international staff/ });
  await expect(suggestion).toBeVisible();
  const [article] = await Promise.all([context.waitForEvent("page"), suggestion.click()]);
  await article.waitForLoadState();
  expect(article.url()).toContain(`/help/${PERMIT}?from=suggestion`);
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(
    "Work permits for international staff",
  );
  await article.getByRole("button", { name: "This solved it" }).click();
  await expect(article).toHaveURL(/\/requests$/);
  await expect(article.getByText("Glad it helped: no request was filed.")).toBeVisible();
  // What was typed is still in the first tab.
  await expect(page.getByLabel("Subject")).toHaveValue("Work permit for our new engineer");
  const after = await counts(PERMIT);
  expect(after.shown ?? 0).toBe((before.shown ?? 0) + 1);
  expect(after.opened ?? 0).toBe((before.opened ?? 0) + 1);
  expect(after.solved ?? 0).toBe((before.solved ?? 0) + 1);
  await context.close();
});

test("another company sees suggestions and files anyway", async ({ browser, baseURL }) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.memberB);
  const page = await context.newPage();
  await page.goto("/requests/new?type=business-registration");
  const subject = `Change our registered address ${Date.now()}`;
  await page.getByLabel("Subject").fill(subject);
  await expect(
    page.getByRole("button", { name: /Changing your registered address/ }),
  ).toBeVisible();
  await page
    .getByLabel("Describe what you need")
    .fill("We move to building 3 next month and need the licence changed.");
  await page.getByLabel("What do you need?").selectOption("change");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await context.close();
});

test("without JavaScript: check for answers keeps what was typed; solved and helpful count once", async ({
  browser,
  baseURL,
}) => {
  const before = await counts("reporting-a-repair");
  const context = await contextFor(browser, baseURL!, PERSONAS.ownerA, {
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto("/requests/new?type=property-maintenance");
  await page.getByLabel("Subject").fill("空调坏了，需要报修");
  await page.getByLabel("Describe what you need").fill("会议室的空调从昨天起不制冷。");
  await page.getByRole("button", { name: "Check for answers" }).click();
  await expect(page.getByLabel("Subject")).toHaveValue("空调坏了，需要报修");
  await expect(page.getByLabel("Describe what you need")).toHaveValue(
    "会议室的空调从昨天起不制冷。",
  );
  const suggestion = page.getByRole("button", { name: /Reporting a repair in your office/ });
  await expect(suggestion).toBeVisible();
  const [article] = await Promise.all([context.waitForEvent("page"), suggestion.click()]);
  await article.waitForLoadState();
  expect(article.url()).toContain("/help/reporting-a-repair?from=suggestion");
  await article.getByRole("button", { name: "Yes" }).click();
  await expect(article.getByText("Thank you for telling us.")).toBeVisible();
  await article.goto("/help/reporting-a-repair?from=suggestion");
  await article.getByRole("button", { name: "This solved it" }).click();
  await expect(article).toHaveURL(/\/requests$/);
  // Back on the article: the answers given are remembered, not offered again.
  await article.goto("/help/reporting-a-repair?from=suggestion");
  await expect(article.getByRole("button", { name: "This solved it" })).toHaveCount(0);
  await expect(article.getByRole("button", { name: "Yes" })).toHaveCount(0);
  const after = await counts("reporting-a-repair");
  expect(after.shown ?? 0).toBe((before.shown ?? 0) + 1);
  expect(after.solved ?? 0).toBe((before.solved ?? 0) + 1);
  await context.close();
});

test("the help centre finds articles in English and Chinese", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("heading", { name: "Help centre", level: 1 })).toBeVisible();
  await page.getByLabel("Search the help centre").fill("talent housing apartment");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Applying for talent housing" })).toBeVisible();
  await page.goto(`/help?q=${encodeURIComponent("外籍员工工作许可")}`);
  await expect(
    page.getByRole("link", { name: "Work permits for international staff" }).first(),
  ).toBeVisible();
});

test("staff turn a resolved request's answer into a draft, then publish it", async ({
  browser,
  baseURL,
}) => {
  const [resolved] = await query<{ ref: string }>(
    `SELECT r.ref FROM service_request r
      WHERE r.state IN ('resolved', 'closed')
        AND EXISTS (SELECT 1 FROM service_request_message m WHERE m.request_id = r.id
                     AND m.visibility = 'public' AND m.from_staff)
        AND NOT EXISTS (SELECT 1 FROM kb_article a WHERE a.source_request_id = r.id)
      ORDER BY r.created_at DESC LIMIT 1`,
  );
  expect(resolved, "a resolved demo request with a public answer").toBeTruthy();
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await context.newPage();
  await page.goto(`/desk/requests/${resolved!.ref}`);
  await page.getByRole("button", { name: "Turn the answer into a help article" }).click();
  await expect(page).toHaveURL(/\/desk\/kb\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Draft article created from the request.")).toBeVisible();
  await expect(page.getByText(`Drafted from request ${resolved!.ref}.`)).toBeVisible();
  await page.getByLabel("Title (English)").fill(`Answer from ${resolved!.ref}`);
  await page.getByLabel("Title (Chinese)").fill(`来自 ${resolved!.ref} 的解答`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Article saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Article published.")).toBeVisible();
  await page.goto("/desk/kb");
  await expect(page.getByRole("heading", { name: "Deflection, last 30 days" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Answer from ${resolved!.ref}` })).toBeVisible();
  await context.close();
});

test("at phone width the pages fit without sideways scroll", async ({ browser, baseURL }) => {
  for (const [email, urls] of [
    [null, ["/help", `/help/${PERMIT}`, "/help?q=permit"]],
    [PERSONAS.memberA, ["/requests/new?type=talent-recruitment"]],
    [PERSONAS.staff, ["/desk/kb", "/desk/kb/new"]],
  ] as const) {
    const context = email
      ? await contextFor(browser, baseURL!, email)
      : await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of urls) {
      await page.goto(url);
      await noSidewaysScroll(page);
    }
    await context.close();
  }
});
