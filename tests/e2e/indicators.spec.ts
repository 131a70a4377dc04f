/**
 * The park's indicators (issue 14, ADR 0043): statistics staff read the dashboard, accept a
 * submitted report, and the period's indicator changes (one more company known). With
 * JavaScript at desk width, and without JavaScript at phone width, where nothing may be wider
 * than the screen. Plain desk staff are refused.
 */
import { contextFor, expect, PERSONAS, query, test } from "../support/e2e";

const STATS = "stats@demo.zizhupark.example";

/** A submitted demo report of the latest period: the first or the last by company name. */
async function submittedReport(which: "first" | "last") {
  const rows = await query<{ id: string; period_id: string }>(
    `SELECT r.id, r.period_id FROM report r
       JOIN report_period p ON p.id = r.period_id
       JOIN company c ON c.id = r.company_id
      WHERE r.status = 'submitted'
      ORDER BY p.starts_on DESC, c.name_en ${which === "first" ? "ASC" : "DESC"}
      LIMIT 1`,
  );
  return rows[0]!;
}

for (const js of [true, false]) {
  test(`accepting a report moves the park's indicator (${js ? "with JavaScript" : "without JavaScript, at 390 px"})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const report = await submittedReport(js ? "first" : "last");
    const staff = await contextFor(browser, baseURL!, STATS, { javaScriptEnabled: js });
    const page = await staff.newPage();
    if (!js) await page.setViewportSize({ width: 390, height: 844 });
    const dashboard = `/desk/statistics/indicators?period=${report.period_id}&indicator=rd_intensity`;
    await page.goto(dashboard);
    await expect(page.getByRole("heading", { level: 1, name: "Park indicators" })).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Knowledge creation and technological innovation" }),
    ).toBeVisible();
    const known = page.getByTestId("known-rd_intensity");
    const before = (await known.textContent())!;
    const knownBefore = Number(/(\d+) of/.exec(before)![1]);
    // The detail: the trend with its data table, contributors, and who leaves it unknown.
    await expect(page.getByRole("table", { name: "R&D intensity by period" })).toBeAttached();
    await expect(page.getByRole("heading", { name: "Missing and late reports" })).toBeVisible();
    if (!js) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    }

    await page.goto(`/desk/statistics/reports/${report.id}`);
    await page.getByRole("link", { name: "Accept the report" }).click();
    await page.getByRole("button", { name: "Accept it" }).click();
    await expect(page.getByText("The report is accepted.")).toBeVisible();

    await page.goto(dashboard);
    await expect(known).not.toHaveText(before);
    const after = Number(/(\d+) of/.exec((await known.textContent())!)![1]);
    expect(after).toBeGreaterThan(knownBefore);
    await expect(page.getByTestId("value-rd_intensity")).toHaveText(/%$/);
    await staff.close();
  });
}

test("plain desk staff may not see the indicators", async ({ browser, baseURL }) => {
  const desk = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await desk.newPage();
  const response = await page.goto("/desk/statistics/indicators");
  expect(response?.status()).toBe(403);
  await desk.close();
});

test("staff define an indicator, preview it, save it and remove it behind a confirmation (without JavaScript)", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const staff = await contextFor(browser, baseURL!, STATS, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.goto("/desk/statistics/indicators/new");
  await page.getByLabel("Code").fill("rd_staff_share");
  await page.getByLabel("Name in English").fill("Share of R&D staff");
  await page.getByLabel("Name in Chinese").fill("研发人员占比");
  await page.getByLabel("Formula").selectOption("share");
  await page.getByLabel("Field a").selectOption("staff_rd");
  await page.getByLabel("Field b").selectOption("staff_total");
  await page.getByLabel("Unit", { exact: true }).fill("%");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-value")).toHaveText(/%$/);
  // What was typed is still there after the preview.
  await expect(page.getByLabel("Name in Chinese")).toHaveValue("研发人员占比");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Indicator saved; every period is being recomputed.")).toBeVisible();
  await page.getByRole("link", { name: "Remove this indicator" }).click();
  await page.getByRole("button", { name: "Remove it" }).click();
  await expect(page.getByText("Indicator removed.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Share of R&D staff" })).toHaveCount(0);
  await staff.close();
});
