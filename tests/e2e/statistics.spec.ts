/**
 * Company statistics (issue 14): statistics staff open a period for an industry (a
 * confirmation first); the owner names a reporter; the reporter fills the report pre-filled,
 * a failing check stops the submit inline (in the browser with JavaScript, from the server
 * without), fixes it and submits; staff return one field with a comment; the reporter sees it,
 * resubmits; staff accept (through a confirmation page without JavaScript); the report is
 * locked. Another company's owner gets 404 for it. Phone width for the company pages.
 */
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import {
  contextFor,
  createAccount,
  expect,
  PERSONAS,
  query,
  signInContext,
  test,
} from "../support/e2e";

const STATS = "stats@demo.zizhupark.example";

async function companyWithPeople() {
  const suffix = crypto.randomBytes(3).toString("hex");
  const owner = await createAccount({ prefix: "stats-owner", name: `Owner ${suffix}` });
  const member = await createAccount({ prefix: "stats-member", name: `Reporter ${suffix}` });
  const name = `Brightfield Optics ${suffix}`;
  const [company] = await query<{ id: string }>(
    `INSERT INTO company (name_en, name_zh, industry, size, is_resident)
     VALUES ($1, '明野光学', 'digital-media', '10-49', true) RETURNING id`,
    [name],
  );
  await query(
    `INSERT INTO company_member (company_id, user_id, role) VALUES ($1, $2, 'owner'), ($1, $3, 'member')`,
    [company!.id, owner.id, member.id],
  );
  return { owner, member, name, companyId: company!.id, suffix };
}

async function fillFigures(page: Page, figures: Record<string, string>) {
  for (const [label, value] of Object.entries(figures))
    await page.getByLabel(label, { exact: false }).first().fill(value);
}

const GOOD = {
  "Operating revenue": "1200",
  "Total cost": "900",
  "R&D spending": "150",
  "Export revenue": "100",
  "Staff at the end of the period": "40",
  "R&D staff": "12",
  "Staff with a degree": "35",
};

for (const js of [true, false]) {
  test(`a period from opening to acceptance (${js ? "with" : "without"} JavaScript)`, async ({
    browser,
    baseURL,
  }) => {
    // Four people and a dozen page loads: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    const { owner, member, name, suffix } = await companyWithPeople();
    const label = `T-${suffix}`;

    // Statistics staff open a period for the industry: a confirmation first.
    const staff = await contextFor(browser, baseURL!, STATS, { javaScriptEnabled: js });
    const desk = await staff.newPage();
    await desk.goto("/desk/statistics");
    await desk.getByRole("link", { name: "Open a period" }).click();
    await expect(desk.getByRole("heading", { name: "Open a reporting period" })).toBeVisible();
    await desk.getByLabel("Report form").selectOption({ label: "Monthly key indicators" });
    await desk.getByLabel("Label").fill(label);
    await desk.getByLabel("Companies").selectOption("industry:digital-media");
    await desk.getByRole("button", { name: "Continue" }).click();
    await expect(desk.getByRole("alert")).toContainText("cannot be taken back");
    await desk.getByRole("button", { name: "Open the period" }).click();
    await expect(desk.getByText(/The period is open for \d+ compan/)).toBeVisible();
    await expect(desk.locator("#period-reports")).toContainText(name);
    const [task] = await query<{ subject: string }>(
      "SELECT subject FROM email WHERE lower(to_address) = lower($1) AND template = 'reportTask'",
      [owner.email],
    );
    expect(task?.subject).toContain(label);

    // The owner names the member as a reporter.
    const ownerCtx = await contextFor(browser, baseURL!, owner.email, { javaScriptEnabled: js });
    const ownerPage = await ownerCtx.newPage();
    await ownerPage.goto("/company/reports");
    await ownerPage.getByRole("button", { name: "Make reporter" }).click();
    await expect(ownerPage.getByText("may now fill in the company's reports")).toBeVisible();

    // The reporter fills it at phone width; R&D staff above total staff fails a check.
    const memberCtx = await browser.newContext({
      baseURL,
      javaScriptEnabled: js,
      viewport: { width: 390, height: 844 },
      locale: "en-GB",
    });
    await signInContext(memberCtx, baseURL!, member.email);
    const page = await memberCtx.newPage();
    await page.goto("/company/reports");
    await page.getByRole("link", { name: label }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(label);
    await fillFigures(page, { ...GOOD, "R&D staff": "50" });
    await page.getByRole("button", { name: "Submit to the park" }).click();
    await expect(page.locator(".error-summary")).toContainText(
      "R&D staff: May not be more than Staff at the end of the period",
    );
    await expect(page.getByLabel("R&D staff")).toHaveValue("50");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.getByLabel("R&D staff").fill("12");
    await page.getByRole("button", { name: "Submit to the park" }).click();
    await expect(page.getByText("The report is submitted.")).toBeVisible();

    // Staff return one field with a comment.
    await desk.reload();
    await desk.getByRole("link", { name }).click();
    await expect(desk.getByRole("heading", { level: 1 })).toContainText(name);
    await desk.getByLabel("Comment on Staff with a degree").fill("Count degrees only, please.");
    await desk.getByRole("button", { name: "Return the report" }).click();
    await expect(desk.getByText("The report is returned to the company.")).toBeVisible();

    // The reporter sees the comment beside the field, fixes it and submits again.
    await page.reload();
    await expect(page.getByText("Park's comment: Count degrees only, please.")).toBeVisible();
    await page.getByLabel("Staff with a degree").fill("30");
    await page.getByRole("button", { name: "Submit to the park" }).click();
    await expect(page.getByText("The report is submitted.")).toBeVisible();

    // Staff accept, through the confirmation.
    await desk.reload();
    await desk.getByRole("link", { name: "Accept the report" }).click();
    await desk.getByRole("button", { name: "Accept it" }).click();
    await expect(desk.getByText("The report is accepted.")).toBeVisible();

    await page.reload();
    await expect(page.getByText("Accepted by the park: this report is locked.")).toBeVisible();
    await expect(page.locator("#report-figures")).toContainText("30");

    // Another company's owner: not found.
    const other = await contextFor(browser, baseURL!, PERSONAS.ownerB);
    const response = await (await other.newPage()).goto(page.url());
    expect(response?.status()).toBe(404);
    for (const c of [staff, ownerCtx, memberCtx, other]) await c.close();
  });
}

test("staff export a period and import figures with a bad row (no JavaScript)", async ({
  browser,
  baseURL,
}) => {
  const suffix = crypto.randomBytes(3).toString("hex").toUpperCase();
  const [version] = await query<{ id: string }>(
    `SELECT v.id FROM report_form_version v JOIN report_form f ON f.id = v.form_id
     WHERE f.code = 'monthly-indicators' ORDER BY v.version DESC LIMIT 1`,
  );
  const [period] = await query<{ id: string }>(
    `INSERT INTO report_period (form_version_id, kind, label, starts_on, ends_on, due_on, audience)
     VALUES ($1, 'month', $2, '2026-09-01', '2026-09-30', '2026-10-15', 'all') RETURNING id`,
    [version!.id, `IMP-${suffix}`],
  );
  const codes = [`9131000000IMP${suffix}1`, `9131000000IMP${suffix}2`];
  for (const [i, code] of codes.entries()) {
    const [c] = await query<{ id: string }>(
      `INSERT INTO company (name_en, name_zh, industry, size, credit_code)
       VALUES ($1, '导入测试', 'other', '1-9', $2) RETURNING id`,
      [`Import Test ${suffix} ${i + 1}`, code],
    );
    await query("INSERT INTO report (period_id, company_id) VALUES ($1, $2)", [period!.id, c!.id]);
  }
  const staff = await contextFor(browser, baseURL!, STATS, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.goto(`/desk/statistics/periods/${period!.id}`);
  const csv = await page.request.get(`/desk/statistics/periods/${period!.id}/export.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(codes[0]);
  const xlsx = await page.request.get(`/desk/statistics/periods/${period!.id}/export.xlsx`);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

  await page.getByRole("link", { name: "Import CSV" }).click();
  await page
    .getByLabel("Or paste the CSV")
    .fill(
      [
        "credit_code,revenue,total_cost,rd_spending,staff_total,staff_rd,staff_degree",
        `${codes[0]},1200,900,150,40,12,35`,
        `${codes[1]},1200,900,1500,40,12,35`,
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Check the rows" }).click();
  await expect(page.getByRole("heading", { name: "1 of 2 rows can be imported" })).toBeVisible();
  await expect(page.locator("#import-rows")).toContainText("R&D spending: May not be more than");
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await expect(page.getByText("Imported 1 reports (1 rows left out).")).toBeVisible();
  await expect(page.locator("#period-reports")).toContainText("Accepted");
  await staff.close();
});

test("a period of the whole park: a page at a time, those to chase, a company found by name (390 px)", async ({
  browser,
  baseURL,
}) => {
  const [latest] = await query<{ id: string; total: number; waiting: number }>(
    `SELECT p.id, count(*)::int AS total,
            count(*) FILTER (WHERE r.status IN ('open', 'draft', 'returned'))::int AS waiting
       FROM report_period p JOIN report_form_version v ON v.id = p.form_version_id
       JOIN report_form f ON f.id = v.form_id JOIN report r ON r.period_id = p.id
      WHERE f.code = 'monthly-indicators' AND p.label NOT LIKE 'T-%' AND p.label NOT LIKE 'IMP-%'
      GROUP BY p.id, p.starts_on ORDER BY p.starts_on DESC LIMIT 1`,
  );
  expect(latest!.total).toBeGreaterThan(50);
  const staff = await contextFor(browser, baseURL!, STATS, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/desk/statistics/periods/${latest!.id}`);
  const pages = Math.ceil(latest!.total / 50);
  await expect(page.getByText(`Page 1 of ${pages} (${latest!.total} companies)`)).toBeVisible();
  await expect(page.locator("#period-reports tbody tr")).toHaveCount(50);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
  await page.getByLabel("Find a company").fill("Aurora Microsystems");
  await page.getByRole("button", { name: "Find a company" }).click();
  await expect(page.locator("#period-reports tbody tr")).toHaveCount(1);
  await expect(page.locator("#period-reports")).toContainText("Aurora Microsystems");
  await page.goto(`/desk/statistics/periods/${latest!.id}`);
  await page.getByRole("link", { name: `To chase (${latest!.waiting})` }).click();
  await expect(page.getByRole("link", { name: /^To chase/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.locator("#period-reports")).not.toContainText("Accepted");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await staff.close();
});
