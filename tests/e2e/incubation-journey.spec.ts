/**
 * Issue 16, incubation after the decision, end to end: staff release an acceptance (an offer);
 * the company accepts it and uploads its signed copy without JavaScript (confirmation page,
 * multipart form); staff sign; the programme's onboarding requests appear in the service desk
 * and staff work one; the incubatee submits its quarterly report; the park comments on it and
 * the company reads the comment; staff graduate the company at phone width and the cohort shows
 * it. A programme, call, company and owner of its own, so no other spec's data is touched.
 */
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
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

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const STATS = "stats@demo.zizhupark.example";

async function noSidewaysScroll(page: Page) {
  const wide = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(wide, "sideways scroll in px").toBeLessThanOrEqual(0);
}

/**
 * A programme of its own (two onboarding types, two milestones, the demo statistics form as its
 * report form), a call, a company with an owner, and its application in review.
 */
async function journeySetup(suffix: string) {
  const owner = await createAccount({ prefix: "journey-owner", name: `Owner ${suffix}` });
  const companyName = `Riverstone Robotics ${suffix}`;
  const [company] = await query<{ id: string }>(
    `INSERT INTO company (name_en, name_zh, industry, size, is_resident)
     VALUES ($1, $2, 'digital-media', '1-9', false) RETURNING id`,
    [companyName, `溪石机器人 ${suffix}`],
  );
  await query("INSERT INTO company_member (company_id, user_id, role) VALUES ($1, $2, 'owner')", [
    company!.id,
    owner.id,
  ]);
  const [programme] = await query<{ id: string }>(
    `INSERT INTO incubation_programme (slug, name_en, name_zh, onboarding_types, report_form_id, report_cadence)
     SELECT $1, $2, $3, '["business-registration","talent-housing"]', f.id, 'quarter'
     FROM report_form f WHERE f.code = 'monthly-indicators' RETURNING id`,
    [`journey-${suffix}`, `Journey programme ${suffix}`, `旅程计划 ${suffix}`],
  );
  await query(
    `INSERT INTO incubation_milestone_template (programme_id, position, title_en, title_zh, due_days, evidence_required)
     VALUES ($1, 1, 'Company registered at the park address', '完成园区地址工商注册', 30, false),
            ($1, 2, 'First pilot customer signed', '签约首家试点客户', 120, true)`,
    [programme!.id],
  );
  const rubric = [{ key: "team", labelEn: "Team", labelZh: "团队", weight: 1, max: 5 }];
  const [call] = await query<{ id: string }>(
    `INSERT INTO incubation_call (programme_id, slug, title_en, title_zh, opens_at, closes_at, places, rubric)
     VALUES ($1, $2, $3, $3, now() - interval '20 days', now() - interval '1 day', 4, $4) RETURNING id`,
    [programme!.id, `journey-${suffix}`, `Journey call ${suffix}`, JSON.stringify(rubric)],
  );
  const [application] = await query<{ id: string }>(
    `INSERT INTO application (call_id, company_id, status, submitted_at, answers)
     VALUES ($1, $2, 'in_review', now(), '{"team":"Two founders"}') RETURNING id`,
    [call!.id, company!.id],
  );
  return {
    owner,
    companyName,
    companyId: company!.id,
    callId: call!.id,
    applicationId: application!.id,
  };
}

test("after the decision: offer, agreement, onboarding, a quarterly report, graduation", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const suffix = crypto.randomBytes(3).toString("hex");
  const { owner, companyName, companyId, callId, applicationId } = await journeySetup(suffix);

  // Staff accept the application as an offer and release it.
  const staffCtx = await contextFor(browser, baseURL!, PERSONAS.staff);
  const s = await staffCtx.newPage();
  await s.goto(`/desk/incubation/applications/${applicationId}`);
  await s.getByLabel("Outcome", { exact: true }).selectOption("accepted_with_conditions");
  // The letter fills itself on the change once the page has hydrated; the button does it with
  // or without JavaScript (a choice made before hydration left it empty: "Write the letter").
  await s.getByRole("button", { name: "Fill in the template" }).click();
  await expect(s.getByLabel("Letter", { exact: true })).toHaveValue(/\S/);
  await s.getByLabel("Space (building, room)").fill("Building 5, room 512");
  await s.getByLabel("Conditions", { exact: true }).fill("Move in within 30 days");
  await s.getByRole("button", { name: "Save draft decision" }).click();
  await expect(s.getByText("Draft decision saved.")).toBeVisible();
  await s.goto(`/desk/incubation/calls/${callId}`);
  await s.getByRole("link", { name: "Release 1 decision…" }).click();
  await s.getByRole("dialog").getByRole("button", { name: "Release 1 decision" }).click();
  await expect(s.getByText("1 decision released.")).toBeVisible();

  // Without JavaScript: the company accepts on a confirmation page, downloads the agreement
  // and uploads its signed copy.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  await signInContext(noJs, baseURL!, owner.email);
  const c = await noJs.newPage();
  await c.goto(`/applications/${applicationId}`);
  const offer = c.getByTestId("offer");
  await expect(offer).toContainText("Building 5, room 512");
  await expect(offer).toContainText("Move in within 30 days");
  await offer.getByRole("link", { name: "Accept the offer…" }).click();
  await expect(c).toHaveURL(/confirm=accept-offer/);
  await c.getByRole("button", { name: "Yes, accept the offer" }).click();
  await expect(c.getByText("Offer accepted.")).toBeVisible();
  const pdf = await c.request.get(`/applications/${applicationId}/agreement/agreement`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await c
    .getByLabel("Upload your signed copy (PDF)")
    .setInputFiles({ name: "signed.pdf", mimeType: "application/pdf", buffer: PDF });
  await c.getByRole("button", { name: "Upload and mark signed" }).click();
  await expect(c.getByText("Signed copy uploaded.")).toBeVisible();

  // The park signs: the company is an incubatee and a resident; onboarding opens.
  await s.goto(`/desk/incubation/applications/${applicationId}`);
  await s
    .getByLabel("Upload your signed copy (PDF)")
    .setInputFiles({ name: "signed-park.pdf", mimeType: "application/pdf", buffer: PDF });
  await s.getByRole("button", { name: "Upload and mark signed" }).click();
  await expect(s.getByText("The agreement is signed by both sides.")).toBeVisible();
  const [resident] = await query<{ is_resident: boolean }>(
    "SELECT is_resident FROM company WHERE id = $1",
    [companyId],
  );
  expect(resident?.is_resident).toBe(true);

  // The onboarding requests are in the service desk queue; staff work one.
  await s.goto(`/desk/incubation/cohort/${applicationId}`);
  const onboarding = s.getByTestId("onboarding");
  await expect(onboarding.getByRole("link")).toHaveCount(2);
  const [first] = await query<{ ref: string }>(
    `SELECT r.ref FROM application_onboarding o JOIN service_request r ON r.id = o.service_request_id
     JOIN service_type t ON t.id = o.service_type_id WHERE o.application_id = $1 ORDER BY t.position LIMIT 1`,
    [applicationId],
  );
  const ref = first!.ref;
  await s.goto(`/desk/requests?state=all&q=${ref}`);
  await s.getByRole("link", { name: ref }).click();
  await expect(s).toHaveURL(new RegExp(`/desk/requests/${ref}$`));
  await expect(s.getByText("Onboarding:").first()).toBeVisible();
  const properties = s.locator("form#properties");
  await properties.locator("select[name=state]").selectOption("in_progress");
  await properties.getByRole("button", { name: "Save changes" }).click();
  await expect(s.locator("header [data-state=in_progress]")).toBeVisible();
  // The incubatee sees the progress on its application page.
  await c.goto(`/applications/${applicationId}`);
  const companyOnboarding = c.getByTestId("onboarding");
  await expect(companyOnboarding.getByRole("link")).toHaveCount(2);
  await expect(companyOnboarding.locator("li").filter({ hasText: ref })).toContainText(
    "In progress",
  );
  await expect(c.getByTestId("milestones")).toContainText("Company registered at the park address");

  // Staff open this quarter's reports from the programme's page (linked from the call).
  await s.goto(`/desk/incubation/calls/${callId}`);
  await s.getByRole("link", { name: "Milestones and reports" }).click();
  await expect(s.getByRole("heading", { name: "Milestones and reports" })).toBeVisible();
  await s.getByRole("link", { name: /^Open the .+ reports…$/ }).click();
  await s.getByRole("dialog").getByRole("button", { name: "Yes, open them" }).click();
  await expect(s.getByText(/1 company asked for its .+ report\./)).toBeVisible();
  const [period] = await query<{ id: string; label: string }>(
    `SELECT p.id, p.label FROM report r JOIN report_period p ON p.id = r.period_id
     WHERE r.company_id = $1`,
    [companyId],
  );
  const label = period!.label;
  const withJs = await browser.newContext();
  await signInContext(withJs, baseURL!, owner.email);
  const p = await withJs.newPage();
  await p.goto(`/applications/${applicationId}`);
  await p.getByTestId("reports").getByRole("link", { name: label }).click();
  await expect(p.getByRole("heading", { level: 1 })).toContainText(label);
  for (const [field, value] of Object.entries({
    "Operating revenue": "800",
    "Total cost": "700",
    "R&D spending": "120",
    "Export revenue": "0",
    "Staff at the end of the period": "9",
    "R&D staff": "6",
    "Staff with a degree": "8",
  }))
    await p.getByLabel(field, { exact: false }).first().fill(value);
  await p.getByRole("button", { name: "Submit to the park" }).click();
  await expect(p.getByText("The report is submitted.")).toBeVisible();

  // The park comments on a figure and returns it; the incubatee reads the comment.
  const statsCtx = await contextFor(browser, baseURL!, STATS);
  const st = await statsCtx.newPage();
  await st.goto(`/desk/statistics/periods/${period!.id}`);
  await st.getByRole("link", { name: companyName }).click();
  await st.getByLabel("Comment on R&D spending").fill("Include the pilot's tooling, please.");
  await st.getByRole("button", { name: "Return the report" }).click();
  await expect(st.getByText("The report is returned to the company.")).toBeVisible();
  await p.reload();
  await expect(p.getByText("Park's comment: Include the pilot's tooling, please.")).toBeVisible();
  await statsCtx.close();

  // At phone width, incubation staff read the report from the incubatee's page and comment
  // on it (ADR 0049); the owner is notified and reads the comment on the application page.
  await s.setViewportSize({ width: 390, height: 844 });
  await s.goto(`/desk/incubation/cohort/${applicationId}`);
  await s.getByTestId("reports").getByRole("link", { name: label }).click();
  await expect(s.getByRole("heading", { level: 1 })).toContainText(label);
  await expect(s.locator("#report-figures")).toContainText("Operating revenue");
  await noSidewaysScroll(s);
  await s.getByLabel("Your comment to the company").fill("Strong quarter: keep the pilot going.");
  await s.getByRole("button", { name: "Send the comment" }).click();
  await expect(s.getByText("Comment sent: the company has been notified.")).toBeVisible();
  await expect(s.getByTestId("report-comments")).toContainText("keep the pilot going");
  await p.goto(`/applications/${applicationId}`);
  await expect(p.getByTestId("report-comments")).toContainText(
    "Strong quarter: keep the pilot going.",
  );
  const told = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'incubation_report_comment'`,
    [owner.id],
  );
  expect(told[0]!.n).toBe(1);

  // At phone width, staff graduate the company behind a confirmation; the cohort shows it.
  await s.goto(`/desk/incubation/cohort/${applicationId}`);
  await expect(s.getByTestId("reports")).toContainText(label);
  await expect(s.getByTestId("reports")).toContainText("1 comment");
  await noSidewaysScroll(s);
  await s.getByRole("link", { name: "Graduate…" }).click();
  const dialog = s.getByRole("dialog", { name: `Graduate ${companyName}?` });
  await dialog.getByLabel("A note for the company (optional)").fill("Well done.");
  await dialog.getByRole("button", { name: "Yes, graduate" }).click();
  await expect(s.getByText("Graduated. The company has been told.")).toBeVisible();
  await s.goto("/desk/incubation/cohort");
  const row = s.getByTestId("cohort-row").filter({ hasText: companyName });
  await expect(row).toContainText("Graduated");
  await noSidewaysScroll(s);
  await c.goto(`/applications/${applicationId}`);
  await expect(c.getByTestId("incubation-ended")).toContainText("Graduated");
  const [after] = await query<{ is_resident: boolean; outcome: string }>(
    `SELECT c.is_resident, o.outcome FROM company c JOIN incubation_offer o ON o.company_id = c.id
     WHERE o.application_id = $1`,
    [applicationId],
  );
  expect(after).toEqual({ is_resident: true, outcome: "graduated" });

  await withJs.close();
  await noJs.close();
  await staffCtx.close();
});

test.describe("a programme's milestones and report plan", () => {
  test.use({ javaScriptEnabled: false });

  test("without JavaScript: add (a mistake keeps what was typed), remove after a confirmation page, the report plan", async ({
    browser,
    baseURL,
  }) => {
    const suffix = crypto.randomBytes(3).toString("hex");
    const [programme] = await query<{ id: string }>(
      `INSERT INTO incubation_programme (slug, name_en, name_zh) VALUES ($1, $2, $3) RETURNING id`,
      [`plan-${suffix}`, `Plan programme ${suffix}`, `计划 ${suffix}`],
    );
    const ctx = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`/desk/incubation/programmes/${programme!.id}`);
    await expect(page.getByText("No milestones yet.")).toBeVisible();

    // Neither days nor a day: refused, with the titles kept.
    await page.getByLabel("Title (English)").fill("Pilot customer signed");
    await page.getByLabel("Title (Chinese)").fill("签约试点客户");
    await page.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.locator(".error-summary")).toContainText(
      "Give either a number of days after the start or a fixed day.",
    );
    await expect(page.getByLabel("Title (English)")).toHaveValue("Pilot customer signed");
    await page.getByLabel("Days after the start").fill("90");
    await page.getByLabel("A document is required as evidence").check();
    await page.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByText("Milestone added.")).toBeVisible();
    const template = page.getByTestId("template");
    await expect(template).toContainText("Pilot customer signed");
    await expect(template).toContainText("90 days after the start");

    // Removing asks first, on a page of its own.
    await template.getByRole("link", { name: "Remove… Pilot customer signed" }).click();
    await expect(page).toHaveURL(/confirm=remove-/);
    await expect(
      page.getByRole("heading", { name: "Remove “Pilot customer signed”?" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByText("Milestone removed.")).toBeVisible();
    await expect(page.getByTestId("template")).toHaveCount(0);

    // The report plan, then opening reports for a programme with no incubatee yet.
    await page.getByLabel("Report form (company statistics)").selectOption({
      label: "Monthly key indicators",
    });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Report plan saved.")).toBeVisible();
    await page.getByRole("link", { name: /^Open the .+ reports…$/ }).click();
    await page.getByRole("button", { name: "Yes, open them" }).click();
    await expect(
      page.getByText("No company is in incubation in this programme yet."),
    ).toBeVisible();
    await ctx.close();
  });
});

test("the programme page and the cohort: no axe violations in English and Chinese, and 390 px wide", async ({
  browser,
  baseURL,
}) => {
  // Eight axe runs: more than the default minute on a loaded two-core machine.
  test.setTimeout(180_000);
  const [programme] = await query<{ id: string }>(
    "SELECT id FROM incubation_programme WHERE slug = 'incubator'",
  );
  for (const lang of ["en", "zh-CN"] as const) {
    const ctx = await contextFor(browser, baseURL!, PERSONAS.staff);
    await ctx.addCookies([{ name: "lang", value: lang, url: baseURL!, sameSite: "Lax" }]);
    const page = await ctx.newPage();
    for (const url of [`/desk/incubation/programmes/${programme!.id}`, "/desk/incubation/cohort"]) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(url);
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .setLegacyMode()
          .analyze();
        expect(results.violations.map((v) => `${url} ${lang} ${width}: ${v.id} ${v.help}`)).toEqual(
          [],
        );
        await noSidewaysScroll(page);
      }
    }
    await ctx.close();
  }
});
