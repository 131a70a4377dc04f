/**
 * Awards without applying (issue 15, ADR 0048): staff open the match of an automatic policy,
 * choose companies (select all), review the choice on the confirmation step and grant; the
 * company's owner follows the notification and confirms the payee; staff see it on the claim.
 * Once with JavaScript at phone width (the header box selects all), once without JavaScript
 * (the "Select all" link, changing the selection on the confirmation step, a refused form that
 * keeps what was typed). Each run makes its own policy and companies, matched by an age no
 * demo company has, so the list holds exactly this run's two companies.
 */
import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createAccount, expect, PERSONAS, query, signInContext, test } from "../support/e2e";

async function setUp(years: number) {
  const suffix = crypto.randomBytes(3).toString("hex");
  const companies: { name: string; owner: string; id: string }[] = [];
  for (const n of [1, 2]) {
    const owner = await createAccount({ prefix: "award-owner", name: `Owner ${suffix}${n}` });
    const name = `Heron Optics ${suffix}-${n}`;
    const [row] = await query<{ id: string }>(
      `INSERT INTO company (name_en, name_zh, industry, size, is_resident, registered_on)
       VALUES ($1, $2, 'other', '10-49', true, (now() - make_interval(years => $3::int) - interval '30 days')::date)
       RETURNING id`,
      [name, `鹭光学 ${suffix}-${n}`, years],
    );
    await query(`INSERT INTO company_member (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      row!.id,
      owner.id,
    ]);
    companies.push({ name, owner: owner.email, id: row!.id });
  }
  const title = `Founders' long-service award ${suffix}`;
  const [policy] = await query<{ id: string }>(
    `INSERT INTO park_policy (title_en, title_zh, summary_en, summary_zh, status, auto_award,
       benefit_kind, benefit_max_minor, criteria)
     VALUES ($1, $2, 'Awarded without applying.', '免申即享。', 'published', true, 'amount', 1000000, $3)
     RETURNING id`,
    [
      title,
      `创始企业长期奖励 ${suffix}`,
      JSON.stringify([{ kind: "years", min: years, max: years }]),
    ],
  );
  return { companies, policyId: policy!.id, title };
}

async function signedIn(
  browser: Browser,
  baseURL: string,
  email: string,
  js: boolean,
  width: number,
) {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: js,
    viewport: { width, height: 900 },
    locale: "en-GB",
  });
  await signInContext(context, baseURL, email);
  return { context, page: await context.newPage() };
}

async function noSideways(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );
}

async function confirmPayee(page: Page, js: boolean, width: number) {
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Payment details for PC-");
  await page.getByLabel("Bank and branch").fill("ICBC Minhang branch");
  await page.getByLabel("Account number").fill("6222 0210 0112 3456");
  if (!js) {
    // Refused without the confirmation: the error shows and what was typed is kept.
    await page.getByRole("button", { name: "Confirm payment details" }).click();
    await expect(page.getByText("Confirm that the account is the company's").first()).toBeVisible();
    await expect(page.getByLabel("Account number")).toHaveValue("6222 0210 0112 3456");
  }
  await page.getByLabel(/I confirm this account belongs to the company/).check();
  await noSideways(page, width);
  await page.getByRole("button", { name: "Confirm payment details" }).click();
  await expect(page.getByText("Payment details confirmed").first()).toBeVisible();
  await expect(page.getByTestId("payee")).toContainText("622202100112345");
}

test("awards without applying, with JavaScript at phone width", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const width = 390;
  const years = 100 + crypto.randomInt(400);
  const { companies, policyId, title } = await setUp(years);
  const staff = await signedIn(browser, baseURL!, PERSONAS.staff, true, width);
  const desk = staff.page;
  await desk.goto(`/desk/policies/${policyId}`);
  await desk.getByRole("link", { name: "Award without applying" }).click();
  await expect(desk.getByRole("heading", { level: 1 })).toContainText(title);
  for (const c of companies) await expect(desk.getByRole("link", { name: c.name })).toBeVisible();
  await desk.getByTestId("awards-select-all").check();
  await desk.getByRole("button", { name: "Review the selection" }).click();
  const confirm = desk.getByTestId("awards-confirm");
  await expect(confirm.getByRole("heading")).toHaveText("Grant these awards? (2)");
  await noSideways(desk, width);
  await confirm.getByRole("button", { name: "Grant the awards" }).click();
  await expect(desk.getByText("Awards granted: 2. Skipped")).toBeVisible();
  await expect(desk.getByText("No company that matches now is still to be awarded.")).toBeVisible();

  // The owner follows the notification to the payee form.
  const owner = await signedIn(browser, baseURL!, companies[0]!.owner, true, width);
  await owner.page.goto("/notifications");
  await owner.page
    .getByRole("link", { name: /Awarded without applying/ })
    .first()
    .click();
  await confirmPayee(owner.page, true, width);
  await owner.context.close();
  await staff.context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("awards without applying, without JavaScript", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const width = 1280;
    const years = 500 + crypto.randomInt(400);
    const { companies, policyId } = await setUp(years);
    const [first, second] = companies as [(typeof companies)[0], (typeof companies)[0]];
    const staff = await signedIn(browser, baseURL!, PERSONAS.staff, false, width);
    const desk = staff.page;
    await desk.goto(`/desk/policies/${policyId}/awards`);
    await desk.getByRole("link", { name: "Select all" }).click();
    await expect(desk.getByLabel(`Award ${first.name}`)).toBeChecked();
    await expect(desk.getByLabel(`Award ${second.name}`)).toBeChecked();
    await desk.getByRole("button", { name: "Review the selection" }).click();
    await expect(desk.getByTestId("awards-confirm")).toContainText(second.name);
    // Back to the list with the choice kept; leave the second company out this time.
    await desk.getByRole("button", { name: "Change the selection" }).click();
    await expect(desk.getByLabel(`Award ${first.name}`)).toBeChecked();
    await desk.getByLabel(`Award ${second.name}`).uncheck();
    await desk.getByRole("button", { name: "Review the selection" }).click();
    const confirm = desk.getByTestId("awards-confirm");
    await expect(confirm.getByRole("heading")).toHaveText("Grant these awards? (1)");
    await expect(confirm).not.toContainText(second.name);
    await confirm.getByRole("button", { name: "Grant the awards" }).click();
    await expect(desk.getByText("Awards granted: 1. Skipped")).toBeVisible();
    await expect(desk.getByLabel(`Award ${second.name}`)).toBeVisible();
    await expect(desk.getByLabel(`Award ${first.name}`)).toHaveCount(0);

    const [claim] = await query<{ id: string }>(
      `SELECT id FROM policy_claim WHERE policy_id = $1 AND company_id = $2`,
      [policyId, first.id],
    );
    const owner = await signedIn(browser, baseURL!, first.owner, false, width);
    await owner.page.goto(`/company/claims/${claim!.id}`);
    await owner.page.getByRole("link", { name: "Confirm payment details" }).click();
    await confirmPayee(owner.page, false, width);
    await desk.goto(`/desk/claims/${claim!.id}`);
    await expect(desk.getByTestId("payee")).toContainText("ICBC Minhang branch");

    // The company's file on the desk: staff set its account manager.
    await desk.goto(`/desk/companies/${first.id}`);
    await desk
      .getByRole("combobox", { name: "Account manager" })
      .selectOption({ label: "Chen Jing (staff@demo.zizhupark.example)" });
    await desk.getByRole("button", { name: "Save the account manager" }).click();
    await expect(desk.getByText("Account manager saved")).toBeVisible();
    const [co] = await query<{ account_manager_id: string | null }>(
      `SELECT account_manager_id FROM company WHERE id = $1`,
      [first.id],
    );
    expect(co!.account_manager_id).not.toBeNull();
    await owner.context.close();
    await staff.context.close();
  });
});
