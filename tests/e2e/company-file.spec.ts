/**
 * The company file (issue 14): the owner keeps it up to date without JavaScript (a wrong
 * amount is a field error that keeps the input), adds and removes a designation through a
 * confirmation page; staff see the file, its field-level history and the timeline. Phone width
 * without sideways scrolling.
 */
import crypto from "node:crypto";
import { contextFor, createAccount, expect, PERSONAS, query, test } from "../support/e2e";

async function ownerWithCompany(): Promise<{ email: string; companyId: string; name: string }> {
  const suffix = crypto.randomBytes(3).toString("hex");
  const { id, email } = await createAccount({ prefix: "file-owner", name: `Owner ${suffix}` });
  const name = `Quartzline Sensors ${suffix}`;
  const [company] = await query<{ id: string }>(
    `INSERT INTO company (name_en, name_zh, industry, size, is_resident)
     VALUES ($1, '石英线传感器', 'new-materials', '10-49', true) RETURNING id`,
    [name],
  );
  await query("INSERT INTO company_member (company_id, user_id, role) VALUES ($1, $2, 'owner')", [
    company!.id,
    id,
  ]);
  return { email, companyId: company!.id, name };
}

test("the owner keeps the company file; staff see it with its history (no JavaScript)", async ({
  browser,
  baseURL,
}) => {
  const { email, companyId, name } = await ownerWithCompany();
  const context = await contextFor(browser, baseURL!, email, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/company");
  await page.getByRole("link", { name: "Update the company file" }).click();
  await page.getByLabel("Registration date").fill("2019-04-02");
  await page.getByLabel("Registered capital").fill("12.345");
  await page.getByLabel("Invention patents").fill("7");
  await page.getByLabel("Space occupied").fill("Building 2, unit 301");
  await page.getByRole("button", { name: "Save the company file" }).click();
  await expect(page.getByLabel("Registered capital")).toHaveValue("12.345");
  await expect(page.locator(".error-summary")).toContainText("decimal places");
  await page.getByLabel("Registered capital").fill("500万");
  await page.getByRole("button", { name: "Save the company file" }).click();
  await expect(page.getByText("The company file is saved.")).toBeVisible();
  await expect(page.getByLabel("Registered capital")).toHaveValue("5000000");

  await page.getByLabel("Designation", { exact: true }).selectOption("high_tech");
  await page.getByLabel("Issued on").fill("2024-11-19");
  await page.getByLabel("Expires on").fill("2027-11-18");
  await page.getByRole("button", { name: "Add a designation" }).click();
  await expect(page.getByText("The designation is added.")).toBeVisible();
  await page.getByRole("link", { name: "Remove: High and new technology enterprise" }).click();
  await expect(page.getByRole("heading", { name: "Remove this designation?" })).toBeVisible();
  await page.getByRole("link", { name: "Keep it" }).click();
  await expect(page.getByRole("cell", { name: "Expires on" })).toHaveCount(0);
  await context.close();

  const staff = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: false });
  const desk = await staff.newPage();
  await desk.goto(`/desk/companies?q=${encodeURIComponent(name)}`);
  await desk.getByRole("link", { name }).click();
  await expect(desk.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(desk.locator("main")).toContainText("CNY 5,000,000");
  const history = desk.locator("#history-title").locator("..");
  await expect(history).toContainText("Invention patents: 0 → 7");
  await expect(history).toContainText("Space occupied: (empty) → Building 2, unit 301");
  await expect(history).toContainText("Designation: (empty) → High and new technology enterprise");
  await staff.close();
  expect(companyId).toBeTruthy();
});

test("the company pages fit a phone", async ({ browser, baseURL }) => {
  const { email, companyId } = await ownerWithCompany();
  for (const [who, url] of [
    [email, "/company/file"],
    [PERSONAS.staff, `/desk/companies/${companyId}`],
    [PERSONAS.staff, "/desk/companies"],
  ] as const) {
    const context = await contextFor(browser, baseURL!, who);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await context.close();
  }
});
