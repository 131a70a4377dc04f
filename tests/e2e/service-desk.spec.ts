import type { BrowserContext, Page } from "@playwright/test";
import { expect, PERSONAS, contextFor, test } from "../support/e2e";

/** Files a request as the signed-in company member and returns its reference. */
async function fileRequest(page: Page, subject: string): Promise<string> {
  await page.goto("/requests/new");
  await page.getByRole("link", { name: "Intellectual property" }).click();
  await page.getByLabel("Subject").fill(subject);
  await page
    .getByLabel("Describe what you need")
    .fill("We would like advice on filing our photonic coupler patent abroad.");
  await page.getByLabel("Kind of IP").selectOption("patent");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  return /\/requests\/(SR-\d{4}-\d+)/.exec(page.url())![1]!;
}

async function inChinese(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: "lang", value: "zh-CN", url: baseURL, sameSite: "Lax" }]);
}

test("a reply typed after the empty-message error is sent with a single click", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const page = await context.newPage();
  await fileRequest(page, `One click ${Date.now()}`);
  const send = page.getByRole("button", { name: "Send reply" });
  await send.click();
  await expect(page.getByText("Write a message.").first()).toBeVisible();
  const body = `Here are the claims, sent once ${Date.now()}`;
  await page.locator("form#reply textarea[name=body]").fill(body);
  await send.click();
  await expect(page.locator(".sr-messages").getByText(body)).toBeVisible();
  await context.close();
});

test("the bulk bar sits above the queue, selects all, and confirms in view", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 700 });
  await page.goto("/desk/requests?state=all");
  const bar = page.getByTestId("bulk-bar");
  const table = page.locator("table.sr-queue");
  expect((await bar.boundingBox())!.y).toBeLessThan((await table.boundingBox())!.y);
  const boxes = page.locator("table.sr-queue input[name=refs]");
  const rows = await boxes.count();
  expect(rows).toBeGreaterThan(1);
  await page.getByTestId("select-all").check();
  for (let i = 0; i < rows; i++) await expect(boxes.nth(i)).toBeChecked();
  await expect(bar).toContainText(`${rows} selected`);
  // Far down the list, the bar is still at hand, and the confirmation opens where the user is.
  await page.mouse.wheel(0, 5000);
  await expect(bar).toBeInViewport();
  await page.locator("#bulk-priority").selectOption("high");
  await page.getByRole("button", { name: "Review bulk change" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the bulk change" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeInViewport();
  await expect(dialog.getByRole("button", { name: /Apply to \d+ requests/ })).toBeInViewport();
  await dialog.getByRole("link", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await context.close();
});

test("the Chinese staff queue uses the desk's wording for waiting on the requester", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  await inChinese(context, baseURL!);
  const page = await context.newPage();
  await page.goto("/desk/requests?state=all");
  await expect(page.locator("#f-state option[value=waiting_on_requester]")).toHaveText(
    "等待申请人",
  );
  await expect(page.locator("#bulk-state option[value=waiting_on_requester]")).toHaveText(
    "等待申请人",
  );
  expect(await page.content()).not.toContain("待您补充");
  await context.close();
});
