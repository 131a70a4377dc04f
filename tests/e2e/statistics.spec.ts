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
