/**
 * Canned replies and macros (issue 17, ADR 0039): staff write a shared bilingual macro without
 * JavaScript at phone width, find it from a request's composer, and send it: the reply is in
 * the requester's language with the variables filled in, and the macro's state and priority
 * change in the same post. With JavaScript the same picker fills the composer.
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

async function openRequestOf(email: string) {
  const [r] = await query<{ ref: string; id: string; requester_id: string; name: string }>(
    `SELECT r.ref, r.id, r.requester_id, u.name FROM service_request r
       JOIN app_user u ON u.id = r.requester_id
      WHERE lower(u.email) = lower($1)
        AND r.state IN ('new', 'triaged', 'in_progress', 'waiting_on_requester')
        -- Not a breached one: service-requests.spec finds the demo breach in the queue, and a
        -- macro that waits on the requester would take it out. The test runs twice: the second
        -- run may answer the request the first one left waiting.
        AND NOT r.sla_breached
      ORDER BY r.created_at DESC LIMIT 1`,
    [email],
  );
  expect(r).toBeTruthy();
  return r!;
}

for (const js of [false, true]) {
  test(`a macro answers in the requester's language and sets state and priority (${js ? "with" : "without"} JavaScript)`, async ({
    browser,
    baseURL,
  }) => {
    const marker = `m${Date.now()}${js ? "j" : "n"}`;
    const staff = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: js });
    const page = await staff.newPage();
    await page.setViewportSize(js ? { width: 1280, height: 900 } : { width: 390, height: 844 });

    // Write a shared macro; an unknown variable is refused first, nothing typed is lost.
    // After hydration (network idle): a click on Save while React is still hydrating the
    // page can be lost (ADR 0042, fifth look).
    await page.goto("/desk/snippets/new", { waitUntil: "networkidle" });
    await page.getByLabel("Name").fill(`Visit ${marker}`);
    await page.getByLabel("Reply in English").fill(`Dear {{requester}}, {{nmae}} ${marker}`);
    await page
      .getByLabel("Reply in Chinese")
      .fill(`{{requester}}您好：关于{{reference}}，请确认考察时间。${marker}`);
    await page.getByLabel("Everyone on the desk").check();
    await page.getByLabel("Priority").selectOption("high");
    await page.getByLabel("State").selectOption("waiting_on_requester");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Unknown variable").first()).toBeVisible();
    await expect(page.getByLabel("Reply in Chinese")).toHaveValue(/请确认考察时间/);
    await page
      .getByLabel("Reply in English")
      .fill(`Dear {{requester}}, about {{reference}}: ${marker}`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/\/desk\/snippets$/);
    await expect(page.getByRole("link", { name: `Visit ${marker}` })).toBeVisible();
    await noSidewaysScroll(page);

    // The requester reads Chinese.
    const r = await openRequestOf(PERSONAS.ownerA);
    const [before] = await query<{ locale: string }>("SELECT locale FROM app_user WHERE id = $1", [
      r.requester_id,
    ]);
    await query("UPDATE app_user SET locale = 'zh-CN' WHERE id = $1", [r.requester_id]);
    try {
      await page.goto(`/desk/requests/${r.ref}`);
      const picker = page.locator("details.sr-snippets");
      if (!(await picker.getAttribute("open"))) await picker.locator("summary").click();
      await page.getByLabel("Find a canned reply").fill(marker);
      await page.getByRole("button", { name: "Find", exact: true }).click();
      await page.getByRole("link", { name: `Use: Visit ${marker}` }).click();
      const body = page.locator(".sr-composer textarea[name=body]");
      await expect(body).toHaveValue(`${r.name}您好：关于${r.ref}，请确认考察时间。${marker}`);
      await expect(page.locator(".sr-using")).toContainText("Chinese");
      await expect(page.locator(".sr-using")).toContainText("High");
      await expect(page.getByLabel("Public reply")).toBeChecked();
      await noSidewaysScroll(page);
      await page.locator(".sr-composer button[name=intent][value=message]").click();
      await expect(page).toHaveURL(new RegExp(`/desk/requests/${r.ref}$`));
      await expect(
        page.locator(".sr-messages").getByText(`请确认考察时间。${marker}`),
      ).toBeVisible();
      const [after] = await query<{ state: string; priority: string }>(
        "SELECT state, priority FROM service_request WHERE id = $1",
        [r.id],
      );
      expect(after).toEqual({ state: "waiting_on_requester", priority: "high" });
      const [mail] = await query<{ locale: string }>(
        `SELECT locale FROM email WHERE request_id = $1 AND template = 'serviceRequestReply'
          ORDER BY created_at DESC LIMIT 1`,
        [r.id],
      );
      expect(mail!.locale).toBe("zh-CN");
    } finally {
      await query("UPDATE app_user SET locale = $1 WHERE id = $2", [
        before!.locale,
        r.requester_id,
      ]);
    }
    await staff.close();
  });
}

test("deleting a canned reply asks first, then it is gone", async ({ browser, baseURL }) => {
  const marker = `d${Date.now()}`;
  const staff = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.goto("/desk/snippets/new");
  await page.getByLabel("Name").fill(`Old ${marker}`);
  await page.getByLabel("Reply in English").fill("Thanks, {{requester}}.");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("link", { name: `Old ${marker}` }).click();
  await page.getByRole("link", { name: "Delete…" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Old ${marker}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/desk\/snippets$/);
  await expect(page.getByRole("link", { name: `Old ${marker}` })).toHaveCount(0);
  await staff.close();
});
