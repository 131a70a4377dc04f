/**
 * Saved views of the project table (issue 13, ADR 0047), without JavaScript and at phone
 * width: save the filters in use under a name, shared with the team; a name already used comes
 * back with what was typed; a colleague finds the shared view in the menu; the owner renames
 * it, unshares it and deletes it after a confirmation. The same with JavaScript on.
 */
import crypto from "node:crypto";
import { contextFor, expect, query, test } from "../support/e2e";

const PROMOTION_ZH = "promotion@demo.zizhupark.example";
const PROMOTION_EN = "promotion2@demo.zizhupark.example";

for (const javaScriptEnabled of [false, true]) {
  test(`saved views: save, share, rename, delete (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    // Each run its own filters (the menu marks the view whose filters are in use).
    const source = javaScriptEnabled ? "referral" : "event";
    const sourceLabel = javaScriptEnabled ? "Referral" : "Event";
    const name = `Japan ${source} ${crypto.randomBytes(3).toString("hex")}`;
    const context = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );

    await page.goto(`/desk/projects?country=JP&source=${source}&after=junk`);
    await page.getByText("Save these filters as a view").click();
    await page.getByLabel("Name of the view").fill(name);
    await page.getByLabel("Share with the promotion team").check();
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.getByText("View saved.")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/desk/projects\\?country=JP&source=${source}$`));
    // The menu names the view being looked at.
    await expect(page.locator("#project-views-title")).toContainText(name);
    await wide();

    // The same name again: refused, and the form comes back with what was typed.
    await page.goto(`/desk/projects?country=JP&source=${source}`);
    await page.getByText("Save these filters as a view").click();
    await page.getByLabel("Name of the view").fill(name.toUpperCase());
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.getByText("You already have a view with this name.")).toBeVisible();
    await expect(page.locator("#save-name")).toHaveValue(name.toUpperCase());
    await expect(
      page
        .locator("section", { has: page.locator("#save-name") })
        .getByText(`Country or region: Japan · Source: ${sourceLabel}`),
    ).toBeVisible();

    // A colleague finds the shared view in the menu and opens it.
    const other = await contextFor(browser, baseURL!, PROMOTION_ZH, { javaScriptEnabled });
    const theirs = await other.newPage();
    await theirs.goto("/desk/projects");
    await theirs.locator("#project-views-title").click();
    await theirs.getByRole("link", { name, exact: true }).click();
    await expect(theirs).toHaveURL(new RegExp(`country=JP&source=${source}`));
    await theirs.goto("/desk/projects/views");
    await expect(theirs.getByRole("heading", { name: "Shared by others" })).toBeVisible();
    await expect(theirs.getByRole("button", { name: "Save changes" })).toHaveCount(0);

    // The owner renames it and stops sharing it; then deletes it behind a confirmation.
    await page.goto("/desk/projects/views");
    await wide();
    const [view] = await query<{ id: string }>("SELECT id FROM project_view WHERE name = $1", [
      name,
    ]);
    const renamed = `${name} (mine)`;
    const field = page.locator(`#view-${view!.id}-name`);
    await field.fill(renamed);
    await page
      .locator(`#view-${view!.id}-name`)
      .locator("xpath=ancestor::form")
      .getByLabel("Share with the promotion team")
      .uncheck();
    await page.getByRole("button", { name: `Save changes` }).first().click();
    await expect(page.getByText("View changed.")).toBeVisible();
    await theirs.reload();
    await expect(theirs.getByText(renamed)).toHaveCount(0);

    await page.getByTestId(`confirm-trigger-delete-${view!.id}`).click();
    const dialog = page.getByRole("dialog", { name: `Delete the view “${renamed}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete the view" }).click();
    await expect(page.getByText("View deleted.")).toBeVisible();
    await expect(page.getByText(renamed)).toHaveCount(0);
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'project_view' AND entity_id = $1 ORDER BY id",
      [view!.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      "project_view.saved",
      "project_view.renamed",
      "project_view.deleted",
    ]);
    await other.close();
    await context.close();
  });
}
