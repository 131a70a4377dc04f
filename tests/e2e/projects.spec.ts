/**
 * The investment-promotion pipeline (issue 13): an inquiry becomes a project in one step; a
 * project made on the desk moves across the board without JavaScript (and with it, through the
 * same forms); the table's filters work at phone width, where rows become cards.
 */
import crypto from "node:crypto";
import { contextFor, expect, query, test } from "../support/e2e";

const PROMOTION = "promotion@demo.zizhupark.example";
const PROMOTION_EN = "promotion2@demo.zizhupark.example";

test("an inquiry becomes a project in one step, linked both ways", async ({ browser, baseURL }) => {
  const org = `Fjordlight Optics ${crypto.randomBytes(3).toString("hex")}`;
  const [inquiry] = await query<{ id: string; reference: string }>(
    `INSERT INTO inquiry (reference, name, organisation, email, phone, country, interest, message, locale)
     VALUES ('INQ-E2E-' || substr(md5(random()::text), 1, 6), 'Sigrid Hansen', $1, 'sigrid@fjordlight.example',
       '+47 22 00 00 00', 'Norway', 'investment', 'We plan an optics R&D centre with 40 engineers.', 'en')
     RETURNING id, reference`,
    [org],
  );
  const context = await contextFor(browser, baseURL!, PROMOTION_EN);
  const page = await context.newPage();
  await page.goto(`/desk/inquiries/${inquiry!.id}`);
  const panel = page.getByTestId("inquiry-project");
  await panel.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(org);
  await expect(page.getByText("Project created from the inquiry.")).toBeVisible();
  // Nothing retyped: country, contact and message came across; the inquiry is linked.
  const details = page.locator("#project-details").locator("..");
  await expect(details).toContainText("Norway");
  await expect(details).toContainText("Sigrid Hansen");
  await expect(details).toContainText("We plan an optics R&D centre with 40 engineers.");
  await expect(details.getByRole("link", { name: `Inquiry ${inquiry!.reference}` })).toBeVisible();
  await expect(page.getByTestId("project-history")).toContainText(
    `Created from inquiry ${inquiry!.reference}`,
  );
  const projectUrl = new URL(page.url()).pathname;
  // The inquiry now shows its project instead of the button.
  await page.goto(`/desk/inquiries/${inquiry!.id}`);
  await expect(panel.getByRole("button", { name: "Create project" })).toHaveCount(0);
  await panel.getByRole("link", { name: /^PRJ-/ }).click();
  await expect(page).toHaveURL(new RegExp(`${projectUrl}$`));
  const [n] = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM project WHERE inquiry_id = $1",
    [inquiry!.id],
  );
  expect(n!.n).toBe(1);
  await context.close();
});

for (const javaScriptEnabled of [false, true]) {
  test(`a project moves across the board (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    const org = `Tidewater Labs ${crypto.randomBytes(3).toString("hex")}`;
    const context = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/desk/projects/new");
    // A form with an error keeps what was typed.
    await page.getByLabel("Investor organisation").fill(org);
    await page.getByLabel("Planned investment (amount)").fill("12.345");
    await page.getByLabel("Currency of the planned investment").selectOption("JPY");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(
      page.getByText("This currency does not have that many decimal places.").first(),
    ).toBeVisible();
    await expect(page.getByLabel("Investor organisation")).toHaveValue(org);
    await page.getByLabel("Planned investment (amount)").fill("1.5亿");
    await page.getByLabel("Country or region").selectOption("JP");
    await page.getByLabel("Source").selectOption("event");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(org);
    await expect(page.locator("#project-details").locator("..")).toContainText("JPY 150,000,000");

    // The whole board scrolls inside itself; the page never scrolls sideways.
    await page.goto("/desk/projects/board");
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);

    await page.goto("/desk/projects/board?owner=me");
    const card = page.getByTestId("board-card").filter({ hasText: org });
    await expect(page.locator(`[data-stage="new"]`).getByRole("link", { name: org })).toBeVisible();
    for (const [to, label] of [
      ["qualified", "Qualified"],
      ["visit_planned", "Visit planned"],
      ["visited", "Visited"],
    ] as const) {
      await card.getByRole("combobox").selectOption(to);
      await card.getByRole("button", { name: "Move" }).click();
      await expect(
        page.locator(`[data-stage="${to}"]`).getByRole("link", { name: org }),
      ).toBeVisible();
      await expect(
        page.locator(`[data-stage="${to}"]`).getByRole("heading", { name: new RegExp(label) }),
      ).toBeVisible();
    }
    // The card shows its planned investment; its column sums them per currency.
    await expect(card).toContainText("JPY 150,000,000");
    await expect(
      page.locator(`[data-stage="visited"]`).getByTestId("column-investment"),
    ).toContainText(/JPY \d/);
    // The board does not offer "lost" (it needs a reason); the project page does, and insists.
    await expect(card.getByRole("option", { name: "Lost" })).toHaveCount(0);
    await card.getByRole("link", { name: org }).click();
    await page.getByLabel("New stage").selectOption("lost");
    await page.getByLabel("Note", { exact: true }).fill("They chose another city.");
    await page.getByRole("button", { name: "Change stage" }).click();
    await expect(page.getByText("Say why the project was lost.").first()).toBeVisible();
    await expect(page.getByLabel("Note", { exact: true })).toHaveValue("They chose another city.");
    await page.getByLabel("Reason it was lost").fill("Land price in another city was lower.");
    await page.getByRole("button", { name: "Change stage" }).click();
    await expect(page.locator(".page-header .badge").first()).toHaveText("Lost");
    // Reopened where it stopped.
    await page.getByLabel("New stage").selectOption({ label: "Reopen at Visited" });
    await page.getByRole("button", { name: "Change stage" }).click();
    await expect(page.locator(".page-header .badge").first()).toHaveText("Visited");
    const history = page.getByTestId("project-history");
    for (const move of ["New → Qualified", "Visited → Lost", "Lost → Visited"])
      await expect(history).toContainText(move);
    await expect(history).toContainText("Land price in another city was lower.");
    await context.close();
  });
}

test("the table's filters work at phone width, rows as cards", async ({ browser, baseURL }) => {
  const context = await contextFor(browser, baseURL!, PROMOTION);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/desk/projects?stage=all");
  await expect(page.getByTestId("project-row").first()).toBeVisible();
  await page.getByLabel("Country or region").selectOption({ label: "Japan" });
  await page.getByLabel("Stage").selectOption("all");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/country=JP/);
  const rows = page.getByTestId("project-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const row of await rows.all()) await expect(row).toContainText("Japan");
  // Cards, not a squeezed table: each row is as wide as the page, nothing scrolls sideways.
  const box = (await rows.first().boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByLabel("Flags").selectOption("any");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/flag=any/);
  for (const row of await rows.all())
    await expect(row.locator(".project-flags .badge").first()).toBeVisible();
  // Size is by jobs planned: the rows are exactly the large Japanese projects.
  await page.getByLabel("Flags").selectOption("");
  await page.getByLabel("Size (jobs planned)").selectOption("large");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/size=large/);
  const [large] = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM project WHERE country = 'JP' AND jobs_planned >= 250",
  );
  if (large!.n === 0)
    await expect(page.getByText("No project matches these filters.")).toBeVisible();
  else await expect(rows).toHaveCount(Math.min(large!.n, 25));
  await context.close();
});
