/**
 * The desk's toolkit (issue 17, ADR 0038): staff merge a duplicate into another request (asked
 * first) and link a related one, at phone width without JavaScript and at desk width with it;
 * the requester sees the duplicate merged and is told; a routing rule sends a new request to
 * its team (a desk admin writes the rule without JavaScript at phone width).
 */
import type { Page } from "@playwright/test";
import { contextFor, expect, PERSONAS, query, test } from "../support/e2e";

async function noSidewaysScroll(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

async function fileSubsidyRequest(page: Page, subject: string, description: string) {
  await page.goto("/requests/new?type=policy-subsidy");
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Describe what you need").fill(description);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

for (const js of [false, true]) {
  test(`staff merge a duplicate and link a related request; the requester sees the merge (${js ? "with" : "without"} JavaScript)`, async ({
    browser,
    baseURL,
  }) => {
    const marker = `${Date.now()}${js ? "j" : "n"}`;
    const member = await contextFor(browser, baseURL!, PERSONAS.memberA);
    const requester = await member.newPage();
    const target = await fileSubsidyRequest(
      requester,
      `Hiring subsidy ${marker}`,
      "Which hiring subsidies apply to us this year?",
    );
    const duplicate = await fileSubsidyRequest(
      requester,
      `Hiring subsidy again ${marker}`,
      `Asking again about hiring subsidies: we hired 8 engineers. ${marker}`,
    );
    await requester
      .locator("form#reply textarea[name=body]")
      .fill(`Our payroll list is attached ${marker}`);
    await requester.getByRole("button", { name: "Send reply" }).click();
    await expect(requester.getByText(`Our payroll list is attached ${marker}`)).toBeVisible();
    const related = await fileSubsidyRequest(
      requester,
      `Rent subsidy ${marker}`,
      "And is there a rent subsidy for our new office?",
    );

    const desk = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: js });
    const page = await desk.newPage();
    await page.setViewportSize(js ? { width: 1280, height: 900 } : { width: 390, height: 844 });
    await page.goto(`/desk/requests/${duplicate}`);

    // Link a related request, typed in lower case.
    await page.locator("#link-other").fill(related.toLowerCase());
    await page.getByRole("button", { name: "Link as related" }).click();
    await expect(
      page.getByTestId("related-list").getByRole("link", { name: related }),
    ).toBeVisible();
    await expect(page.getByText(`Linked to ${related} as related`)).toBeVisible();
    await noSidewaysScroll(page);

    // A wrong reference is refused on the form, keeping what was typed.
    await page.locator("#merge-target").fill("SR-1999-000001");
    await page.getByRole("button", { name: "Merge into…" }).click();
    await expect(page.getByText("No request has that reference.")).toBeVisible();
    await expect(page.locator("#merge-target")).toHaveValue("SR-1999-000001");

    // Merge, asked first.
    await page.locator("#merge-target").fill(target);
    await page.getByRole("button", { name: "Merge into…" }).click();
    const dialog = page.locator("#confirm-merge");
    await expect(dialog).toBeVisible();
    await expect(
      dialog.getByRole("heading", { name: `Merge ${duplicate} into ${target}?` }),
    ).toBeVisible();
    await noSidewaysScroll(page);
    await dialog.getByRole("button", { name: `Merge into ${target}` }).click();
    await expect(page).toHaveURL(new RegExp(`/desk/requests/${target}$`));
    await expect(
      page.getByTestId("merged-from-list").getByRole("link", { name: duplicate }),
    ).toBeVisible();
    // The duplicate's messages are read through on the target; both histories record it.
    await expect(page.getByText(`Our payroll list is attached ${marker}`)).toBeVisible();
    await expect(page.getByText(`From ${duplicate}`)).toBeVisible();
    await expect(page.getByText(`${duplicate} was merged into this request`)).toBeVisible();
    await page.goto(`/desk/requests/${duplicate}`);
    await expect(page.getByTestId("merged-into")).toContainText(target);
    await expect(page.getByText(`Merged into ${target} as a duplicate`)).toBeVisible();
    // The link stays, on both requests.
    await page.goto(`/desk/requests/${related}`);
    await expect(
      page.getByTestId("related-list").getByRole("link", { name: duplicate }),
    ).toBeVisible();

    // The requester sees the duplicate merged, with no reply form, and was told.
    await requester.goto(`/requests/${duplicate}`);
    await expect(requester.getByTestId("merged-into")).toContainText(target);
    await expect(requester.locator("form#reply")).toHaveCount(0);
    await requester.getByRole("link", { name: `Go to ${target}` }).click();
    await expect(requester).toHaveURL(new RegExp(`/requests/${target}$`));
    await requester.goto("/notifications");
    await expect(
      requester.getByText(
        `Your request ${duplicate} (Hiring subsidy again ${marker}) was merged into ${target}`,
      ),
    ).toBeVisible();
    const mails = await query<{ subject: string }>(
      `SELECT subject FROM email WHERE template = 'serviceRequestMerged' AND subject LIKE $1`,
      [`${duplicate}%`],
    );
    expect(mails).toHaveLength(1);
    await desk.close();
    await member.close();
  });
}

test("a desk admin writes a rule without JavaScript at phone width; it routes a new request, on its history; then turned off and deleted", async ({
  browser,
  baseURL,
}) => {
  const marker = `${Date.now()}`;
  const name = `Rent questions to talent ${marker}`;
  const adminContext = await contextFor(browser, baseURL!, PERSONAS.admin, {
    javaScriptEnabled: false,
  });
  const admin = await adminContext.newPage();
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.goto("/desk");
  await admin.getByRole("link", { name: "Rules" }).click();
  await expect(admin).toHaveURL(/\/desk\/rules$/);
  await admin.getByRole("link", { name: "New rule" }).click();

  // An incomplete rule is refused with what was typed kept.
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByRole("button", { name: "Save rule" }).click();
  await expect(admin.getByText("Choose at least one action.").first()).toBeVisible();
  await expect(admin.getByLabel("Name", { exact: true })).toHaveValue(name);

  await admin.getByLabel("When").selectOption({ label: "A request is filed" });
  await admin
    .getByLabel("Type", { exact: true })
    .selectOption({ label: "Policy and subsidy consulting" });
  await admin.getByLabel("Field key").fill("topic");
  await admin.getByLabel("Field value").fill("Rent");
  await admin.getByLabel("State", { exact: true }).selectOption({ label: "New" });
  await admin.getByLabel("Subject contains").fill("RENT Support");
  await admin.getByLabel("Send to team").selectOption({ label: "Talent services" });
  await admin.getByLabel("Set priority").selectOption({ label: "High" });
  await admin.getByLabel("Add a tag").fill(`rent${marker}`);
  await noSidewaysScroll(admin);
  await admin.getByRole("button", { name: "Save rule" }).click();
  await expect(admin).toHaveURL(/\/desk\/rules$/);
  await expect(admin.getByText("Rule saved")).toBeVisible();
  const card = admin.getByTestId("rule").filter({ hasText: name });
  await expect(card).toContainText("type is Policy and subsidy consulting");
  await expect(card).toContainText("send to Talent services");
  await expect(card).toContainText("state is New; subject contains “RENT Support”");
  await noSidewaysScroll(admin);

  // A company files a matching request; the job queue runs the rule.
  const member = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const requester = await member.newPage();
  await requester.goto("/requests/new?type=policy-subsidy");
  await requester.getByLabel("Subject").fill(`Office rent support ${marker}`);
  await requester.getByLabel("Describe what you need").fill("Is there a rent subsidy for us?");
  await requester.getByLabel("Policy or subsidy you are asking about").fill("rent");
  await requester.getByRole("button", { name: "Submit request" }).click();
  await expect(requester).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  const ref = new URL(requester.url()).pathname.split("/").pop()!;

  await expect
    .poll(
      async () =>
        (
          await query<{ n: string }>(
            `SELECT count(*)::text AS n FROM service_request_event e JOIN service_request r
             ON r.id = e.request_id WHERE r.ref = $1 AND e.kind = 'rule'`,
            [ref],
          )
        )[0]?.n,
      { timeout: 20_000 },
    )
    .toBe("1");
  await admin.goto(`/desk/requests/${ref}`);
  await expect(admin.getByText(`Rule “${name}” ran`)).toBeVisible();
  await expect(admin.getByTestId("request-tag")).toHaveText(`#rent${marker}`);
  await expect(admin.locator("select[name=teamId] option:checked")).toHaveText("Talent services");
  await expect(admin.locator("select[name=priority] option:checked")).toHaveText("High");
  // The company sees neither the rule nor the tag.
  await requester.reload();
  await expect(requester.getByText(`Rule “${name}” ran`)).toHaveCount(0);
  await expect(requester.getByText(`#rent${marker}`)).toHaveCount(0);

  // Turned off, then deleted (asked first).
  await admin.goto("/desk/rules");
  await admin.getByRole("button", { name: `Turn off “${name}”` }).click();
  await expect(admin.getByText("Rule turned off")).toBeVisible();
  await expect(admin.getByTestId("rule").filter({ hasText: name })).toContainText("Off");
  await admin.getByRole("link", { name }).click();
  await admin.getByRole("link", { name: "Delete rule" }).click();
  await expect(admin.getByRole("heading", { name: `Delete the rule “${name}”?` })).toBeVisible();
  await admin.getByRole("button", { name: "Delete rule" }).click();
  await expect(admin.getByText("Rule deleted")).toBeVisible();
  await expect(admin.getByTestId("rule").filter({ hasText: name })).toHaveCount(0);
  await adminContext.close();
  await member.close();
});
