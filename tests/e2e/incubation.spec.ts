import type { Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expect,
  PERSONAS,
  contextFor,
  insertOpenCall,
  query,
  test,
} from "../support/e2e";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const HTML_AS_PDF = Buffer.from(
  "<!doctype html><html><body><script>alert(1)</script></body></html>",
);

function local(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 16);
}

async function applicationIdFrom(page: Page): Promise<string> {
  const m = /\/applications\/([0-9a-f-]{36})/.exec(page.url());
  if (!m) throw new Error(`No application id in ${page.url()}`);
  return m[1]!;
}

test("the incubation journey: call, two-session draft, PDF, more information, two reviewers, released acceptance", async ({
  browser,
  baseURL,
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(180_000);
  const slug = `e2e-${Date.now()}`;

  // Staff create a call with questions, a required document and a rubric.
  const staff = await contextFor(browser, baseURL!, PERSONAS.staff);
  const s = await staff.newPage();
  await s.goto("/desk/incubation");
  await s.getByRole("link", { name: "New call", exact: true }).click();
  await s.getByLabel("Title (English)").fill(`Spring cohort ${slug}`);
  await s.getByLabel("Title (Chinese)").fill(`春季批次 ${slug}`);
  await s.getByLabel("Short name for the address").fill(slug);
  await s.getByLabel("Opens (Shanghai time)").fill(local(-1));
  await s.getByLabel("Closes (Shanghai time)").fill(local(14));
  await s.getByLabel("Places").fill("6");
  await s.locator('input[name="questions[0].step"]').fill("1");
  await s.locator('input[name="questions[0].labelEn"]').fill("Who is on your team?");
  await s.locator('input[name="questions[0].labelZh"]').fill("您的团队有哪些成员？");
  await s.locator('input[name="questions[0].required"]').check();
  await s.locator('input[name="questions[1].step"]').fill("2");
  await s.locator('input[name="questions[1].labelEn"]').fill("What does your product do?");
  await s.locator('input[name="questions[1].labelZh"]').fill("您的产品能做什么？");
  await s.locator('input[name="questions[1].required"]').check();
  await s.locator('input[name="documents[0].labelEn"]').fill("Business plan");
  await s.locator('input[name="documents[0].labelZh"]').fill("商业计划书");
  await s.locator('input[name="documents[0].required"]').check();
  await s.locator('input[name="rubric[0].labelEn"]').fill("Team");
  await s.locator('input[name="rubric[0].labelZh"]').fill("团队");
  await s.locator('input[name="rubric[0].weight"]').fill("2");
  await s.locator('input[name="rubric[0].max"]').fill("5");
  await s.locator('input[name="rubric[1].labelEn"]').fill("Market");
  await s.locator('input[name="rubric[1].labelZh"]').fill("市场");
  await s.locator('input[name="rubric[1].weight"]').fill("1");
  await s.locator('input[name="rubric[1].max"]').fill("5");
  await s.getByRole("button", { name: "Save call" }).click();
  await expect(s.getByRole("heading", { name: `Spring cohort ${slug}` })).toBeVisible();

  // The public page lists it with its deadline.
  await page.goto("/incubation");
  await expect(page.getByRole("link", { name: `Spring cohort ${slug}` })).toBeVisible();

  // Session one: the applicant (company B) starts and answers step 1, then signs out.
  const b1 = await contextFor(browser, baseURL!, PERSONAS.ownerB);
  const a = await b1.newPage();
  await a.goto(`/incubation/calls/${slug}`);
  await a.getByRole("button", { name: "Start an application" }).click();
  await expect(a).toHaveURL(/\/step\/1$/);
  const applicationId = await applicationIdFrom(a);
  await a
    .getByLabel("Who is on your team?")
    .fill("Emma (CEO) and Zhao Lei (CTO), both from computer vision.");
  await a.getByRole("button", { name: "Save and continue" }).click();
  await expect(a).toHaveURL(/\/step\/2$/);
  await expect(a.getByTestId("last-saved")).toContainText("Last saved");
  await a.locator(".user-menu > summary").click();
  await a.getByRole("button", { name: "Sign out" }).click();
  await expect(a.getByRole("link", { name: "Sign in" })).toBeVisible();
  await b1.close();

  // Session two: sign in again through the form; the draft is there.
  await page.goto("/login?redirectTo=/applications");
  await page.getByLabel("Email address").fill(PERSONAS.ownerB);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await page.locator(`a[href="/applications/${applicationId}/step/1"]`).click();
  await expect(page.getByLabel("Who is on your team?")).toHaveValue(/Emma \(CEO\)/);

  // Submitting with gaps shows them all at once.
  await page.goto(`/applications/${applicationId}/step/6`);
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("Answer “What does your product do?” (step 2)")).toBeVisible();
  await expect(page.getByText("Upload “Business plan” (step 5)")).toBeVisible();

  await page.goto(`/applications/${applicationId}/step/2`);
  await page
    .getByLabel("What does your product do?")
    .fill("Visual inspection for electronics lines.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/step\/3$/);
  await page.goto(`/applications/${applicationId}/step/5`);
  await page
    .getByLabel("File")
    .setInputFiles({ name: "business-plan.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: "business-plan.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Continue to review" }).click();
  await expect(page.getByText("Everything required is there.")).toBeVisible();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("Your application is submitted.")).toBeVisible();
  await expect(page.getByText("Submitted", { exact: true }).first()).toBeVisible();

  // Staff screen and ask for more information.
  await s.goto(`/desk/incubation/applications/${applicationId}`);
  await s.getByRole("button", { name: "Start screening" }).click();
  await s
    .getByLabel("Message to the applicant")
    .fill("Please tell us about your first paying customers.");
  await s.getByRole("button", { name: "Send and reopen" }).click();
  await expect(s.getByText("More information requested").first()).toBeVisible();

  // The applicant reads the question and resubmits.
  await page.goto("/applications");
  await page.getByRole("link", { name: `Spring cohort ${slug}` }).click();
  await expect(
    page.getByText("Please tell us about your first paying customers.").first(),
  ).toBeVisible();
  await page.goto(`/applications/${applicationId}/step/1`);
  await page
    .getByLabel("Who is on your team?")
    .fill("Emma (CEO) and Zhao Lei (CTO). First customer: a Suzhou PCB maker.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/step\/2$/);
  await page.goto(`/applications/${applicationId}/step/6`);
  await page.getByRole("button", { name: "Resubmit application" }).click();
  await expect(page.getByText("Resubmitted", { exact: true }).first()).toBeVisible();

  // Staff send it to review and assign both reviewers at once.
  await s.goto(`/desk/incubation/applications/${applicationId}`);
  await s.getByRole("button", { name: "Send to reviewers" }).click();
  await s.getByLabel("Dr. Li Hua").check();
  await s.getByLabel("Prof. Zhou Lan").check();
  await s.getByRole("button", { name: "Assign selected" }).click();
  await expect(s.getByText("Reviewers assigned.")).toBeVisible();

  // Two reviewers score; the first cannot see the other's scores until after submitting.
  for (const [email, team, market] of [
    [PERSONAS.reviewer, "5", "4"],
    ["reviewer2@demo.zizhupark.example", "3", "3"],
  ] as const) {
    const rc = await contextFor(browser, baseURL!, email);
    const r = await rc.newPage();
    await r.goto("/review");
    await r.locator(`a[href="/review/${applicationId}"]`).click();
    await expect(
      r.getByText("The other reviewers' scores appear here after you submit yours."),
    ).toBeVisible();
    const selects = r.locator("select");
    await selects.nth(0).selectOption(team);
    await selects.nth(1).selectOption(market);
    await r.locator('textarea[name="overall"]').fill("Clear market, credible team.");
    await r.getByRole("button", { name: "Submit scores" }).click();
    await expect(r.getByText(/^Your total/)).toBeVisible();
    if (email !== PERSONAS.reviewer) await expect(r.getByText("Dr. Li Hua")).toBeVisible();
    await rc.close();
  }

  // Staff see the totals, draft an acceptance from the template and release it.
  await s.goto(`/desk/incubation/applications/${applicationId}`);
  await expect(s.getByText(/Weighted mean 76\.67/)).toBeVisible();
  await s.getByLabel("Outcome", { exact: true }).selectOption("accepted");
  await s.getByRole("button", { name: "Fill in the template" }).click();
  await expect(s.getByLabel("Letter", { exact: true })).toHaveValue(/Northlight AI/);
  await s.getByRole("button", { name: "Save draft decision" }).click();
  await expect(s.getByText("Draft decision saved.")).toBeVisible();
  await s.goto(
    `/desk/incubation/calls/${(await query<{ call_id: string }>("SELECT call_id FROM application WHERE id = $1", [applicationId]))[0]!.call_id}`,
  );
  // Releasing asks first, listing who will be told what (issue 16).
  await s.getByRole("link", { name: "Release 1 decision…" }).click();
  await expect(s.getByTestId("release-list")).toContainText("Northlight AI");
  await s.getByRole("dialog").getByRole("button", { name: "Release 1 decision" }).click();
  await expect(s.getByText("1 decision released.")).toBeVisible();

  // The applicant is notified and reads the letter; the acceptance is an offer (issue 16), so
  // the company is not a resident until the agreement is signed (incubation-care.spec.ts).
  const [mail] = await query<{ subject: string }>(
    "SELECT subject FROM email WHERE template = 'incubationDecision' AND lower(to_address) = $1 ORDER BY created_at DESC LIMIT 1",
    [PERSONAS.ownerB],
  );
  expect(mail?.subject).toContain(`Spring cohort ${slug}`);
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByRole("heading", { name: "Decision letter" })).toBeVisible();
  await expect(page.getByText("Accepted", { exact: true }).first()).toBeVisible();
  const [company] = await query<{ is_resident: boolean }>(
    "SELECT c.is_resident FROM company c JOIN application a ON a.company_id = c.id WHERE a.id = $1",
    [applicationId],
  );
  expect(company?.is_resident).toBe(false);
  await expect(page.getByTestId("offer")).toContainText("Awaiting your reply");

  // The CSV export has the application with its score; company A cannot see B's application.
  const csv = await s.request.get(
    `/desk/incubation/calls/${(await query<{ call_id: string }>("SELECT call_id FROM application WHERE id = $1", [applicationId]))[0]!.call_id}/export.csv`,
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(applicationId);
  const other = await contextFor(browser, baseURL!, PERSONAS.ownerA);
  const o = await other.newPage();
  const res = await o.goto(`/applications/${applicationId}`);
  expect(res?.status()).toBe(404);
  const [doc] = await query<{ id: string }>(
    "SELECT id FROM application_document WHERE application_id = $1",
    [applicationId],
  );
  const dl = await o.request.get(`/applications/${applicationId}/documents/${doc!.id}`);
  expect(dl.status()).toBe(404);
  await other.close();
  await staff.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an applicant fills, uploads (refused HTML, accepted PDF), keeps input on a conflict, and submits", async ({
    browser,
    baseURL,
  }) => {
    const slug = `nojs-${Date.now()}`;
    await insertOpenCall(slug);
    const ctx = await contextFor(browser, baseURL!, PERSONAS.memberB, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`/incubation/calls/${slug}`);
    await page.getByRole("button", { name: "Start an application" }).click();
    const applicationId = await applicationIdFrom(page);
    await page.getByLabel("Your team").fill("Zhao Lei and Emma Schneider");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/step\/2$/);

    // Two tabs: the other tab saves first; this one is told and keeps what was typed.
    const tab = await ctx.newPage();
    await tab.goto(`/applications/${applicationId}/step/2`);
    await page.getByLabel("Your product").fill("Typed in tab one");
    await tab.getByLabel("Your product").fill("Typed in tab two");
    await tab.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText("Someone changed this application")).toBeVisible();
    await expect(page.getByLabel("Your product")).toHaveValue("Typed in tab one");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/step\/3$/);
    await tab.close();

    // The session ends while typing: nothing is lost; signing in again offers the input back
    // (the portal-wide mechanism of ADR 0018, tests/e2e/kept-input.spec.ts).
    await page.goto(`/applications/${applicationId}/step/1`);
    await page.getByLabel("Your team").fill("Typed after the session ended");
    await query("DELETE FROM session WHERE user_id = (SELECT id FROM app_user WHERE email = $1)", [
      PERSONAS.memberB,
    ]);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fresume$/);
    await page.getByLabel("Email address").fill(PERSONAS.memberB);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/resume$/);
    await expect(page.getByRole("heading", { name: "What you typed is kept" })).toBeVisible();
    await expect(page.getByLabel("team")).toHaveValue("Typed after the session ended");
    await page.getByRole("button", { name: "Send it now" }).click();
    await expect(page).toHaveURL(/\/step\/2$/);

    await page.goto(`/applications/${applicationId}/step/5`);
    await page
      .getByLabel("File")
      .setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: HTML_AS_PDF });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("This file is not a PDF.")).toBeVisible();
    await page
      .getByLabel("File")
      .setInputFiles({ name: "../../etc/plan.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("Document uploaded.")).toBeVisible();
    const [doc] = await query<{ filename: string }>(
      "SELECT filename FROM application_document WHERE application_id = $1",
      [applicationId],
    );
    expect(doc?.filename).not.toContain("/");
    await page.getByRole("button", { name: "Continue to review" }).click();
    await page.getByRole("button", { name: "Submit application" }).click();
    await expect(page.getByText("Your application is submitted.")).toBeVisible();
    await page.goto("/applications");
    await expect(page.getByRole("link", { name: `Test call ${slug}` })).toBeVisible();
    await ctx.close();
  });
});
