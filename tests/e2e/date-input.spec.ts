/**
 * Dates are typed and shown as year-month-day in either language and whatever the browser's
 * own locale (issue 18: the browser's date field showed mm/dd/yyyy); with JavaScript a button
 * opens the device's date picker and writes the chosen day back.
 */
import { expect, PERSONAS, contextFor, test } from "../support/e2e";

test("a date field is year-month-day, with the device's picker behind a button", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.admin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/desk/statistics/periods/new");
  const due = page.getByLabel("Due on");
  await expect(due).toHaveAttribute("type", "text");
  await expect(due).toHaveAttribute("placeholder", "YYYY-MM-DD");
  await expect(due).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const field = page.locator(".date-input").filter({ has: due });
  await field.getByRole("button", { name: "Choose a date" }).click();
  // The device's picker is the hidden native field: choosing a day writes it back.
  await field.locator(".date-input-native").fill("2027-01-15");
  await expect(due).toHaveValue("2027-01-15");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("without JavaScript a date field is a plain year-month-day text field", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.admin, {
    javaScriptEnabled: false,
  });
  await context.addCookies([{ name: "lang", value: "zh-CN", url: baseURL!, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.goto("/desk/statistics/periods/new");
  const due = page.getByLabel("报送截止日期");
  await expect(due).toHaveAttribute("placeholder", "年-月-日");
  await expect(page.getByRole("button", { name: "选择日期" })).toHaveCount(0);
  await context.close();
});
