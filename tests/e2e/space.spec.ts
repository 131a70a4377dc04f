/**
 * Space (issue 13, ADR 0028): staff add a unit through the form; on a project page the unit is
 * matched, offered and held; a second project trying to hold it is told who holds it (409); the
 * hold is released after a confirmation. Without JavaScript and with it; the catalogue and the
 * project page at phone width, with no sideways scroll.
 */
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { contextFor, expect, query, test } from "../support/e2e";

const PROMOTION = "promotion@demo.zizhupark.example";
const PROMOTION_EN = "promotion2@demo.zizhupark.example";

async function newProject(org: string, owner: string) {
  const [row] = await query<{ id: string; reference: string }>(
    `INSERT INTO project (reference, organisation, source, owner_id, space_type, area_min_m2,
       area_max_m2, move_in_on, stage)
     SELECT 'PRJ-E2E-' || substr(md5(random()::text), 1, 8), $1, 'staff', id, 'lab', 5000, 5400,
       current_date + 60, 'qualified'
     FROM app_user WHERE email = $2 RETURNING id, reference`,
    [org, owner],
  );
  return row!;
}

async function addUnit(page: Page, building: string) {
  await page.goto("/desk/space/new");
  await page.getByLabel("Building", { exact: true }).fill(building);
  await page.getByLabel("Floor", { exact: true }).fill("1");
  await page.getByLabel("Unit number").fill("101");
  await page.getByLabel("Type").selectOption("lab");
  await page.getByLabel("Area (m²)").fill("5200");
  // A form error keeps what was typed.
  await page.getByLabel("Rent (CNY per m² per day)").fill("4.555");
  await page.getByLabel("Clean room").check();
  await page.getByRole("button", { name: "Add unit" }).click();
  await expect(page.getByText("Enter the rent in yuan per m² per day").first()).toBeVisible();
  await expect(page.getByLabel("Building", { exact: true })).toHaveValue(building);
  await expect(page.getByLabel("Clean room")).toBeChecked();
  await page.getByLabel("Rent (CNY per m² per day)").fill("5.20");
  await page.getByLabel("Power capacity (kVA)").fill("1250");
  await page.getByRole("button", { name: "Add unit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Building ${building}, unit 101`,
  );
  await expect(page.getByText("Unit added.")).toBeVisible();
  await expect(page.locator("main, body").first()).toContainText("¥5.20/m²/day");
}

for (const javaScriptEnabled of [false, true]) {
  test(`a unit is offered and held; a second hold is refused (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    // Two people, two projects, a dozen page loads: longer than the default on a busy machine.
    test.setTimeout(150_000);
    const tag = crypto.randomBytes(3).toString("hex");
    const building = `Z${tag}`;
    const context = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled });
    const page = await context.newPage();
    await addUnit(page, building);
    const unitName = `Building ${building}, unit 101`;

    const a = await newProject(`Quasar Labs ${tag}`, PROMOTION_EN);
    const b = await newProject(`Nebula Devices ${tag}`, PROMOTION_EN);
    await page.goto(`/desk/projects/${a.id}`);
    const space = page.getByTestId("project-space");
    const match = space.getByTestId("match").filter({ hasText: unitName });
    await expect(match).toContainText("right type");
    await expect(match).toContainText("area in range");
    await match.getByRole("button", { name: `Offer ${unitName}` }).click();
    await expect(page.getByText("Unit offered.")).toBeVisible();
    const offered = space.getByTestId("offered-units").locator("li").filter({ hasText: unitName });
    await expect(offered).toContainText("Available");
    // A second person has project B open, with the unit among its matches.
    const other = await contextFor(browser, baseURL!, PROMOTION, { javaScriptEnabled });
    const page2 = await other.newPage();
    await page2.goto(`/desk/projects/${b.id}`);
    const match2 = page2.getByTestId("match").filter({ hasText: unitName });
    await expect(match2).toBeVisible();

    const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await offered.getByLabel("Hold until").fill(until);
    await offered.getByRole("button", { name: `Hold ${unitName}` }).click();
    await expect(page.getByText("Unit held.")).toBeVisible();
    await expect(offered).toContainText(`Held for this project until ${until}`);
    await expect(page.getByTestId("project-history")).toContainText(
      `Held ${unitName} until ${until}`,
    );

    // The second person holds it too, a moment later: refused, told who holds it (409).
    await match2.getByLabel("Hold until").fill(until);
    const [response] = await Promise.all([
      page2.waitForResponse((r) => r.request().method() === "POST"),
      match2.getByRole("button", { name: `Hold ${unitName}` }).click(),
    ]);
    expect(response.status()).toBe(409);
    await expect(
      page2.getByText(`Someone else holds this unit: for ${a.reference} until ${until}.`),
    ).toBeVisible();
    // Reloaded, project B no longer lists the unit.
    await page2.goto(`/desk/projects/${b.id}`);
    await expect(page2.getByTestId("match").filter({ hasText: unitName })).toHaveCount(0);
    await other.close();

    // Releasing asks first.
    await page.goto(`/desk/projects/${a.id}`);
    await offered.getByText("Release hold").click();
    await expect(offered.getByText("Another project may then hold it.")).toBeVisible();
    await offered.getByRole("button", { name: "Release the hold" }).click();
    await expect(page.getByText("Hold released.")).toBeVisible();
    await expect(offered).toContainText("Available");
    const [audit] = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action LIKE 'project.unit_%'",
      [a.id],
    );
    expect(audit!.n).toBe(3);
    await context.close();
  });
}

test("the catalogue filters at phone width, rows as cards, no sideways scroll", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PROMOTION);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/desk/space");
  await expect(page.getByTestId("unit-row").first()).toBeVisible();
  await page.getByLabel("Type").selectOption("lab");
  await page.getByLabel("Feature").selectOption("clean_room");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=lab/);
  const rows = page.getByTestId("unit-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  for (const row of await rows.all()) {
    await expect(row).toContainText("Laboratory");
    await expect(row).toContainText("Clean room");
  }
  expect((await rows.first().boundingBox())!.width).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // A held demo unit says for which project.
  await page.goto("/desk/space?state=held");
  await expect(rows.first()).toContainText("Held");
  await expect(rows.first()).toContainText(/for PRJ-/);
  // The project page with its space section fits the phone too.
  const [p] = await query<{ id: string }>(
    "SELECT id FROM project WHERE organisation = 'Pacific Crest Semiconductors Inc.'",
  );
  await page.goto(`/desk/projects/${p!.id}`);
  await expect(page.getByTestId("offered-units")).toContainText("Held for this project");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
