/**
 * Policies that find their companies (issue 15): staff write a policy and see the preview of
 * which companies match and which nearly match (with what is missing); the company sees it
 * matched and a near miss with what is missing; its owner claims with the required document;
 * staff ask for more information; the owner answers; staff move it on, approve an amount and
 * record a payment; the company sees it paid. The uptake page counts the policy's reach, and
 * staff tell an eligible company that has not claimed (a service request assigned to its
 * account manager, behind a confirmation). Once with JavaScript at phone width, once without
 * JavaScript at desktop width.
 */
import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createAccount, expect, PERSONAS, query, signInContext, test } from "../support/e2e";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** A resident company in the "other" industry, registered six years ago, with an owner. */
async function companyWithOwner() {
  const suffix = crypto.randomBytes(3).toString("hex");
  const owner = await createAccount({ prefix: "policy-owner", name: `Owner ${suffix}` });
  const name = `Lakeshore Instruments ${suffix}`;
  const [company] = await query<{ id: string }>(
    `INSERT INTO company (name_en, name_zh, industry, size, is_resident, registered_on)
     VALUES ($1, $2, 'other', '10-49', true, (now() - interval '6 years')::date) RETURNING id`,
    [name, `湖岸仪器 ${suffix}`],
  );
  await query(`INSERT INTO company_member (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    company!.id,
    owner.id,
  ]);
  return { owner, name, companyId: company!.id, suffix };
}

/** A published policy the company nearly qualifies for (registered 30 years at least). */
async function nearMissPolicy(suffix: string) {
  const title = `Veteran firm award ${suffix}`;
  await query(
    `INSERT INTO park_policy (title_en, title_zh, summary_en, summary_zh, deadline, status, criteria)
     VALUES ($1, $2, 'For long-established firms.', '面向老牌企业。', (now() + interval '60 days')::date,
       'published', $3)`,
    [
      title,
      `老牌企业奖励 ${suffix}`,
      JSON.stringify([
        { kind: "industry", in: ["other"] },
        { kind: "years", min: 30 },
      ]),
    ],
  );
  return title;
}

async function newPage(
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

async function runJourney(browser: Browser, baseURL: string, js: boolean, width: number) {
  const { owner, name, suffix } = await companyWithOwner();
  const near = await nearMissPolicy(suffix);
  const title = `Instrument makers grant ${suffix}`;

  // Staff write a policy; the preview shows the company nearly matching, then matching.
  const staff = await newPage(browser, baseURL, PERSONAS.staff, js, width);
  const desk = staff.page;
  await desk.goto("/desk/policies");
  await desk.getByRole("link", { name: "New policy" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: "New policy" })).toBeVisible();
  await desk.getByLabel("Title (English)").fill(title);
  await desk.getByLabel("Title (Chinese)").fill(`仪器制造补助 ${suffix}`);
  await desk.getByLabel("Kind of benefit").selectOption("amount");
  await desk.getByLabel("Most awarded (CNY)").fill("50000");
  await desk.getByLabel("Documents required").fill("Business licence | 营业执照");
  await desk.getByRole("checkbox", { name: "Other", exact: true }).check();
  await desk.getByLabel("Resident or incubatee").selectOption("resident");
  await desk
    .getByRole("group", { name: "Years since registration" })
    .getByLabel("At least")
    .fill("10");
  const preview = desk.locator("#preview");
  // With JavaScript the preview follows the criteria before anything is submitted.
  if (js)
    await expect(preview.getByRole("heading", { name: /^Nearly match \(\d+\)/ })).toBeVisible();
  await desk.getByRole("button", { name: "Preview matches" }).click();
  await expect(preview).toContainText("Preview of the criteria as typed");
  const nearRow = preview.locator("tr", { hasText: name });
  await expect(nearRow).toContainText("at least 10 years");
  await expect(preview.getByRole("heading", { name: /^Nearly match/ })).toBeVisible();
  // Everything typed is kept; loosen the rule and preview again: now it matches.
  await expect(desk.getByLabel("Title (English)")).toHaveValue(title);
  await desk
    .getByRole("group", { name: "Years since registration" })
    .getByLabel("At least")
    .fill("5");
  await desk.getByRole("button", { name: "Preview matches" }).click();
  await expect(preview.locator("tr", { hasText: name })).toBeVisible();
  await expect(preview.locator("tr", { hasText: name })).not.toContainText("at least");
  await noSideways(desk, width);
  await desk.getByLabel("Status").selectOption("published");
  await desk.getByRole("button", { name: "Save" }).click();
  await expect(desk.getByText("Policy saved.")).toBeVisible();
  await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The company sees the new policy matched and the other one nearly, with what is missing.
  const company = await newPage(browser, baseURL, owner.email, js, width);
  const page = company.page;
  await page.goto("/company/policies");
  const matched = page.locator("section", {
    has: page.getByRole("heading", { name: "You qualify" }),
  });
  const nearly = page.locator("section", {
    has: page.getByRole("heading", { name: "You nearly qualify" }),
  });
  await expect(matched.locator("li.card", { hasText: title })).toBeVisible();
  const miss = nearly.locator("li.card", { hasText: near });
  await expect(miss).toContainText("What is missing");
  await expect(miss).toContainText("at least 30 years");
  await noSideways(page, width);

  // The owner claims it with the required document.
  await matched
    .locator("li.card", { hasText: title })
    .getByRole("link", { name: "Claim this policy" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await page
    .getByLabel("Business licence")
    .setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByLabel("Amount asked for").fill("30000");
  await page.getByLabel("Your statement").fill("New calibration bench for the test lab.");
  await noSideways(page, width);
  await page.getByRole("button", { name: "Submit the claim" }).click();
  await expect(page.getByText(/Claim PC-[0-9A-F]{8} submitted/)).toBeVisible();
  await expect(page.locator(".badge").first()).toContainText("Under review");
  const claimUrl = page.url();

  // Staff find it in the queue and ask for more information.
  await desk.goto(`/desk/claims?q=${encodeURIComponent(name)}`);
  // The queue fits the width: a table at 1280 px, cards at 390 px.
  await expect(desk.getByRole("link", { name })).toBeVisible();
  await noSideways(desk, width);
  await desk.getByRole("link", { name }).click();
  await expect(desk.getByRole("heading", { level: 1 })).toContainText(name);
  await desk.getByLabel("What the company must send").fill("Please send the bench quotation.");
  await desk.getByRole("button", { name: "Ask for more information" }).click();
  await expect(desk.getByText("The company was asked for more information")).toBeVisible();

  // The owner sees what was asked and answers with a file.
  await page.goto(claimUrl);
  const asked = page.locator("section", {
    has: page.getByRole("heading", { name: "What the park asked" }),
  });
  await expect(asked).toContainText("Please send the bench quotation.");
  await asked.getByLabel("Your answer").fill("The quotation is attached.");
  await asked
    .getByLabel("Further documents")
    .setInputFiles({ name: "quotation.pdf", mimeType: "application/pdf", buffer: PDF });
  await noSideways(page, width);
  await asked.getByRole("button", { name: "Send to the park" }).click();
  await expect(page.getByText("Your answer was sent to the park")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What the park asked" })).toHaveCount(0);

  // Staff move it to approval, approve an amount (confirmed) and record a payment (confirmed).
  await desk.reload();
  await desk.getByRole("button", { name: "Move to Approval" }).click();
  await expect(desk.getByText("Claim moved to the next stage")).toBeVisible();
  await desk.getByRole("link", { name: "Approve…" }).click();
  const approve = desk.getByRole("dialog", { name: "Approve this claim" });
  await expect(approve).toBeVisible();
  await approve.getByLabel("Amount awarded (yuan)").fill("25000");
  await approve.getByRole("button", { name: "Approve the claim" }).click();
  await expect(desk.getByText("Claim approved")).toBeVisible();
  await desk.getByRole("link", { name: "Record a payment…" }).click();
  const pay = desk.getByRole("dialog", { name: "Record a payment" });
  await expect(pay).toBeVisible();
  await expect(pay.getByLabel("Amount (yuan)")).toHaveValue("25000");
  await pay.getByLabel("Bank reference").fill(`BOC-${suffix}`);
  await pay.getByRole("button", { name: "Record the payment" }).click();
  await expect(desk.getByText("Payment recorded").first()).toBeVisible();
  await noSideways(desk, width);

  // The company sees the claim paid, with the payment and the whole history.
  await page.goto(claimUrl);
  await expect(page.getByText("Paid in full").first()).toBeVisible();
  await expect(
    page.locator("section", { has: page.getByRole("heading", { name: "Payments" }) }),
  ).toContainText(`BOC-${suffix}`);
  const history = page.locator("aside", { has: page.getByRole("heading", { name: "History" }) });
  for (const e of [
    "Claim submitted",
    "More information asked for",
    "More information sent",
    "Approved",
    "Payment recorded",
  ])
    await expect(history).toContainText(e);
  await noSideways(page, width);
  const [row] = await query<{ status: string; awarded_minor: string }>(
    `SELECT c.status, c.awarded_minor FROM policy_claim c JOIN company co ON co.id = c.company_id
      WHERE co.name_en = $1`,
    [name],
  );
  expect(row).toEqual({ status: "paid", awarded_minor: "2500000" });

  // Uptake: the reach of the policy, and a proactive request to an eligible company.
  const other = await companyWithOwner();
  await query(
    `UPDATE company SET account_manager_id = (SELECT id FROM app_user WHERE email = $1) WHERE id = $2`,
    [PERSONAS.staff, other.companyId],
  );
  await desk.goto("/desk/policies");
  await desk.getByRole("link", { name: title }).click();
  await desk.getByRole("link", { name: "Uptake" }).click();
  await expect(desk.getByRole("heading", { level: 1 })).toContainText(`Uptake: ${title}`);
  const figures = desk.locator("section", {
    has: desk.getByRole("heading", { name: "Reach of the policy" }),
  });
  await expect(figures.locator("figure svg").first()).toBeAttached();
  await expect(figures.getByRole("row", { name: /Paid/ })).toContainText("1");
  await expect(
    desk.locator("section", { has: desk.getByRole("heading", { name: /^Claims in/ }) }),
  ).toContainText(name);
  const toReach = desk.locator("section", {
    has: desk.getByRole("heading", { name: /^Eligible, not claimed/ }),
  });
  // The list comes in pages with a search by name; the search is kept after the request.
  await toReach.getByLabel("Find a company").fill(other.name);
  await toReach.getByRole("button", { name: "Search" }).click();
  await expect(toReach.getByRole("link", { name: "Show every company" })).toBeVisible();
  const otherRow = toReach.getByRole("row", { name: new RegExp(other.name) });
  await expect(otherRow).toContainText("Chen Jing");
  await otherRow.getByRole("link", { name: /Tell the company/ }).click();
  const reach = desk.getByRole("dialog", { name: `Tell ${other.name} it may be eligible` });
  await expect(reach).toBeVisible();
  await reach.getByRole("button", { name: "Open the request" }).click();
  await expect(desk.getByText(/Request SR-\d{4}-\d+ opened for the company/)).toBeVisible();
  await expect(otherRow.getByRole("link", { name: /SR-\d{4}-\d+ opened/ })).toBeVisible();
  await noSideways(desk, width);
  const [request] = await query<{ subject: string; assignee: string }>(
    `SELECT r.subject, u.email AS assignee FROM service_request r JOIN app_user u ON u.id = r.assignee_id
      WHERE r.company_id = $1`,
    [other.companyId],
  );
  expect(request).toEqual({
    subject: `You may be eligible for ${title}`,
    assignee: PERSONAS.staff,
  });
  const csv = await desk.request.get(`${new URL(desk.url()).pathname}.csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(name);
  expect(text).toContain(other.name);

  await staff.context.close();
  await company.context.close();
}

test("a policy from writing to payment, with JavaScript at phone width", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await runJourney(browser, baseURL!, true, 390);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a policy from writing to payment, without JavaScript", async ({
    browser,
    baseURL,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    await runJourney(browser, baseURL!, javaScriptEnabled, 1280);
  });
});
