/**
 * The promotion report (issue 13, ADR 0046): a tranche recorded on a project shows in the
 * report's quarter, industry and country at once (without JavaScript, at phone width, where
 * charts re-lay and tables become cards); the period form and the CSV downloads (with
 * JavaScript). Each test uses its own past year and Swiss francs, which the demo data lacks.
 */
import fs from "node:fs/promises";
import { contextFor, expect, query, test } from "../support/e2e";

const PROMOTION_EN = "promotion2@demo.zizhupark.example";

async function alpine(): Promise<string> {
  const [row] = await query<{ id: string }>(
    "SELECT id FROM project WHERE organisation = 'Alpine Microfluidics AG'",
  );
  return row!.id;
}

test("a tranche recorded on a project changes the report (no JavaScript, 390 px)", async ({
  browser,
  baseURL,
}) => {
  const projectId = await alpine();
  const context = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  const report = "/desk/projects/report?from=2019-01-01&to=2019-12-31&currency=CHF";
  await page.goto(report);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Promotion report");
  const quarters = page.locator("section", { has: page.locator("#report-quarters") });
  const q2 = quarters.getByRole("row", { name: /2019-Q2/ });
  await expect(q2).toContainText("CHF 0");
  await expect(page.locator("section", { has: page.locator("#report-countries") })).toContainText(
    "Nothing signed or arrived in CHF in this period.",
  );

  // Record 1,250,000 francs that arrived in May 2019 on the project page.
  await page.goto(`/desk/projects/${projectId}`);
  const form = page.locator("form.project-tranche-form");
  await form.getByLabel("Amount").fill("1,250,000");
  await form.getByLabel("Currency").selectOption("CHF");
  await form.getByLabel("Arrived on").fill("2019-05-10");
  await form.getByRole("button", { name: "Record tranche" }).click();
  await expect(page.locator("#tranches-title").locator("..")).toContainText("2019-05-10");

  await page.goto(report);
  await expect(q2).toContainText("CHF 1,250,000");
  await expect(q2).toContainText("1");
  const industries = page.locator("section", { has: page.locator("#report-industries") });
  await expect(industries.getByRole("row", { name: /University-linked/ })).toContainText(
    "CHF 1,250,000",
  );
  const countries = page.locator("section", { has: page.locator("#report-countries") });
  await expect(countries.getByRole("row", { name: /Switzerland/ })).toContainText("CHF 1,250,000");

  // At 390 px the phone drawing shows, the wide one does not, and nothing scrolls sideways.
  await expect(quarters.locator("svg.chart-narrow")).toBeVisible();
  await expect(quarters.locator("svg.chart-wide")).toBeHidden();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Tables are cards: each cell carries its column's name.
  await expect(q2.locator("td[data-label='Arrived capital']")).toBeVisible();
  await context.close();
});

test("the period form and the CSV downloads", async ({ browser, baseURL }) => {
  const projectId = await alpine();
  await query(
    `INSERT INTO project_tranche (project_id, amount_minor, currency, arrived_on)
     VALUES ($1, 77700050, 'CHF', '2018-08-01')`,
    [projectId],
  );
  const context = await contextFor(browser, baseURL!, PROMOTION_EN);
  const page = await context.newPage();
  await page.goto("/desk/projects");
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Promotion report");
  await page.getByLabel("From").fill("2018-01-01");
  await page.getByLabel("To").fill("2018-12-31");
  await page.getByLabel("Currency", { exact: true }).selectOption("CHF");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2018-01-01&to=2018-12-31&currency=CHF/);
  const quarters = page.locator("section", { has: page.locator("#report-quarters") });
  await expect(quarters.getByRole("row", { name: /2018-Q3/ })).toContainText("CHF 777,000.50");

  const download = page.waitForEvent("download");
  await quarters.getByRole("link", { name: /as CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("promotion-quarters-CHF-2018-01-01-2018-12-31.csv");
  const text = await fs.readFile((await file.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines).toEqual([
    '"quarter","signed_investment","projects_signed","arrived_capital","tranches","currency"',
    '"2018-Q1","0","0","0","0","CHF"',
    '"2018-Q2","0","0","0","0","CHF"',
    '"2018-Q3","0","0","777000.5","1","CHF"',
    '"2018-Q4","0","0","0","0","CHF"',
  ]);

  const countries = page.locator("section", { has: page.locator("#report-countries") });
  const response = await page.request.get(
    (await countries.getByRole("link", { name: /as CSV/ }).getAttribute("href"))!,
  );
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect((await response.text()).split("\r\n")[1]).toBe(
    '"CH","Switzerland","瑞士","0","0","777000.5","1","CHF"',
  );
  await context.close();
});

test("a figure made public shows live on the invest page in both languages", async ({
  browser,
  baseURL,
}) => {
  const landed = async () =>
    (
      await query<{ n: number }>(
        "SELECT count(*)::int AS n FROM project WHERE stage IN ('registered', 'moved_in', 'producing')",
      )
    )[0]!.n;
  const staff = await contextFor(browser, baseURL!, PROMOTION_EN);
  const page = await staff.newPage();
  await page.goto("/desk/projects/report");
  const figures = page.getByTestId("public-figures");
  const row = figures.getByRole("row", { name: /Projects landed in the park/ });
  await expect(row).toContainText("Not public");
  await row.getByRole("button", { name: /Make public/ }).click();
  await expect(page.getByText("The figure is now on the invest page.")).toBeVisible();
  await expect(row).toContainText("Public");
  await expect(row).toContainText(String(await landed()));
  const [audit] = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'project_figure.published' AND entity_id = 'projects_landed'",
  );
  expect(audit!.n).toBe(1);

  const visitor = await browser.newContext({ baseURL });
  const pub = await visitor.newPage();
  await pub.goto("/park/invest");
  const box = pub.getByTestId("invest-figures");
  await expect(box).toContainText("Projects landed in the park");
  await expect(box).toContainText(String(await landed()));
  await expect(box).not.toContainText("Investment signed");
  // Live: a project registers, and the (cached) public page shows the new count.
  const before = await landed();
  await query(
    "UPDATE project SET stage = 'registered' WHERE organisation = 'Kangaroo Valley Foods Pty Ltd'",
  );
  expect(await landed()).toBe(before + 1);
  // The page cache hears of the change by a notification after the commit: reload until then.
  await expect
    .poll(async () => {
      await pub.reload();
      return box.locator("dd").textContent();
    })
    .toBe(String(before + 1));
  await visitor.addCookies([{ name: "lang", value: "zh-CN", url: baseURL! }]);
  await pub.reload();
  await expect(box).toContainText("已落户园区的项目");
  await expect(box.locator("dd")).toHaveText(String(before + 1));
  await visitor.close();

  // Withdrawn: gone from the public page.
  await row.getByRole("button", { name: /Withdraw/ }).click();
  await expect(page.getByText("The figure was taken off the invest page.")).toBeVisible();
  const again = await browser.newContext({ baseURL });
  const pub2 = await again.newPage();
  await pub2.goto("/park/invest");
  await expect(pub2.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(pub2.getByTestId("invest-figures")).toHaveCount(0);
  await again.close();
  await staff.close();
});
