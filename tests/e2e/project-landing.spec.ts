/**
 * Landing (issue 13, ADR 0029): a signed project is registered in the park; staff create its
 * company from the project; the investor who followed it becomes the owner of a resident
 * company and files its first service request (a residents-only type). Without JavaScript.
 */
import crypto from "node:crypto";
import { contextFor, createAccount, expect, latestEmail, query, test } from "../support/e2e";

const PROMOTION_EN = "promotion2@demo.zizhupark.example";

test("a registered project lands: the company is created, the investor owns it and files a request", async ({
  browser,
  baseURL,
}) => {
  const org = `Sakura Coatings ${crypto.randomBytes(3).toString("hex")}`;
  const investor = await createAccount({ prefix: "landing-investor", name: "Sato Emi" });
  const [owner] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    PROMOTION_EN,
  ]);
  const [p] = await query<{ id: string }>(
    `INSERT INTO project (reference, organisation, country, source, owner_id, stage,
       investment_minor, investment_currency, jobs_planned, space_type, area_min_m2, area_max_m2)
     VALUES ('PRJ-E2E-' || substr(md5(random()::text), 1, 8), $1, 'JP', 'referral', $2, 'signed',
       2000000000, 'JPY', 90, 'industrial', 4000, 6000)
     RETURNING id`,
    [org, owner!.id],
  );
  await query(
    `INSERT INTO project_investor (project_id, email, user_id, linked_at) VALUES ($1, $2, $3, now())`,
    [p!.id, investor.email, investor.id],
  );

  const staff = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled: false });
  const desk = await staff.newPage();
  await desk.goto(`/desk/projects/${p!.id}/landing`);
  await expect(desk.getByText("A project lands once it is registered in the park.")).toBeVisible();
  await desk.goto(`/desk/projects/${p!.id}`);
  await desk.getByLabel("New stage").selectOption("registered");
  await desk.getByRole("button", { name: "Change stage" }).click();
  await expect(desk.locator(".page-header .badge").first()).toHaveText("Registered in the park");
  await desk.getByRole("link", { name: "Landing" }).click();

  // The form starts from the project; the owner is the investor who follows it.
  await expect(desk.getByLabel("Company name (English)")).toHaveValue(org);
  await expect(desk.getByLabel("Owner's email address")).toHaveValue(investor.email);
  await desk.getByLabel("Company name (Chinese)").fill("樱花涂层（上海）有限公司");
  await desk.getByLabel("Industry").selectOption("new-materials");
  await desk.getByLabel("Number of employees").selectOption("50-249");
  await desk.getByRole("button", { name: "Create the company and land the project" }).click();
  await expect(desk.getByText("Tick the box to confirm.").first()).toBeVisible();
  await expect(desk.getByLabel("Company name (Chinese)")).toHaveValue("樱花涂层（上海）有限公司");
  await desk.getByLabel("I checked the company's details").check();
  await desk.getByRole("button", { name: "Create the company and land the project" }).click();
  await expect(desk.getByText("the investor's account now owns the company")).toBeVisible();
  await expect(desk.getByTestId("landing-done")).toContainText("Resident");
  const welcome = await latestEmail(investor.email, "projectLandedOwner");
  expect(welcome.subject).toContain("resident");

  // The admin's company page shows what came from the pipeline.
  const [company] = await query<{ company_id: string }>(
    "SELECT company_id FROM project_landing WHERE project_id = $1",
    [p!.id],
  );
  const admin = await contextFor(browser, baseURL!, "admin@demo.zizhupark.example");
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/companies/${company!.company_id}`);
  await expect(adminPage.getByTestId("landed-figures")).toContainText("JPY 2,000,000,000");
  await expect(adminPage.getByTestId("landed-figures")).toContainText("4000–6000 m²");
  await admin.close();

  // The new owner files the company's first request, of a type only residents may use.
  const context = await contextFor(browser, baseURL!, investor.email, {
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto("/requests/new?type=property-maintenance");
  await page.getByLabel("Subject").fill("Air conditioning in the new office");
  await page
    .getByLabel("Describe what you need")
    .fill("The air conditioning in our new office does not start.");
  await page.getByLabel("Building and room").fill("Building 3, room 402");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  await expect(
    page.getByRole("heading", { name: "Air conditioning in the new office" }),
  ).toBeVisible();
  await context.close();
  await staff.close();
});
