/**
 * Admin journeys: find a person, grant a role and see it in the audit log; a staff member is
 * refused; disabling a person ends the session they already have; the development mailbox.
 */
import type { BrowserContext } from "@playwright/test";
import {
  createAccount,
  expect,
  loginAs,
  query,
  sessionTokenFor,
  test,
  uniqueEmail,
} from "../support/e2e";

/** The demo admin reads Chinese; these tests read the English pages. */
async function asAdmin(context: BrowserContext, baseURL: string) {
  await loginAs(context, baseURL, "admin");
  await context.addCookies([{ name: "lang", value: "en", url: baseURL }]);
}

/** A fresh account, so these tests change no demo persona. */
const newPerson = (name: string) => createAccount({ prefix: "admin-e2e", name });

test("an admin finds a person, grants the reviewer role and sees it in the audit log", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const person = await newPerson(`Grant Target ${Date.now()}`);
  await asAdmin(context, baseURL!);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Administration sections" })
    .getByRole("link", { name: "Users" })
    .click();
  await page.getByLabel("Name or email").fill(person.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=/);
  const results = page.getByRole("table");
  await expect(results.getByRole("row")).toHaveCount(2); // header + one person
  await results.getByRole("link", { name: person.name }).click();
  await expect(page.getByRole("heading", { name: person.name })).toBeVisible();

  await page.getByRole("button", { name: "Grant Reviewer" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `${person.name} now has the role Reviewer.` }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Reviewer" })).toBeVisible();
  const roles = await query<{ role: string }>("SELECT role FROM user_role WHERE user_id = $1", [
    person.id,
  ]);
  expect(roles.map((r) => r.role)).toEqual(["reviewer"]);

  await page
    .getByRole("navigation", { name: "Administration sections" })
    .getByRole("link", { name: "Audit log" })
    .click();
  await page.getByLabel("Action").selectOption("user.role_granted");
  await page.getByRole("button", { name: "Filter" }).click();
  const entry = page.getByRole("row").filter({ hasText: person.email });
  await expect(entry).toContainText("Granted a park role");
  await expect(entry).toContainText("reviewer");
  await expect(entry).toContainText("Wang Min (admin)");
  await expect(entry).toContainText("UTC");
  await expect(entry).toContainText("Shanghai");
});

test("a staff member gets 403 on /admin, and an anonymous visitor is sent to sign in", async ({
  page,
  context,
  baseURL,
}) => {
  const anonymous = await page.goto("/admin/users");
  expect(anonymous?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);

  await loginAs(context, baseURL!, "staff");
  for (const url of ["/admin", "/admin/users", "/admin/audit", "/admin/companies"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
  }
  await expect(page.locator(".error-code")).toHaveText("403");
});

test("disabling a person ends the session they already have", async ({
  browser,
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const person = await newPerson(`Disable Target ${Date.now()}`);
  // The person is signed in, in a browser of their own.
  const theirs = await browser.newContext({ baseURL });
  await theirs.addCookies([
    {
      name: "session",
      value: await sessionTokenFor(person.email),
      url: baseURL!,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/account");
  await expect(theirPage).toHaveURL(/\/account$/);

  await asAdmin(context, baseURL!);
  await page.goto(`/admin/users/${person.id}`);
  await page.getByLabel(/Reason/).fill("Left the park");
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "account is disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable account" })).toBeVisible();

  await theirPage.goto("/account");
  await expect(theirPage).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await expect(theirPage.getByRole("link", { name: "Sign in" })).toBeVisible();
  const sessions = await query("SELECT id FROM session WHERE user_id = $1", [person.id]);
  expect(sessions).toEqual([]);
  const [entry] = await query<{ details: { reason?: string } }>(
    "SELECT details FROM audit_log WHERE action = 'user.disabled' AND entity_id = $1",
    [person.id],
  );
  expect(entry?.details.reason).toBe("Left the park");
  await theirs.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin revokes a role, and cannot remove their own admin role", async ({
    page,
    context,
    baseURL,
  }) => {
    const person = await newPerson(`NoJS Target ${Date.now()}`);
    await query("INSERT INTO user_role (user_id, role) VALUES ($1, 'staff')", [person.id]);
    await asAdmin(context, baseURL!);
    await page.goto(`/admin/users/${person.id}`);
    await page.getByRole("button", { name: "Remove Park staff" }).click();
    await expect(page.getByText(`${person.name} no longer has the role Park staff.`)).toBeVisible();
    expect(await query("SELECT role FROM user_role WHERE user_id = $1", [person.id])).toEqual([]);

    const [me] = await query<{ id: string }>(
      "SELECT id FROM app_user WHERE email = 'admin@demo.zizhupark.example'",
    );
    await page.goto(`/admin/users/${me!.id}`);
    await expect(page.getByText("You cannot remove your own administrator role")).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove Administrator" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Disable account" })).toHaveCount(0);
  });
});

test("the development mailbox lists an email and shows it with working links", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  const email = uniqueEmail("mailbox");
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Mailbox Reader");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("mailbox reader password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/dev/mailbox");
  await expect(page.getByText("Development mailbox: no email leaves this portal.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("verifyEmail");
  await row.getByRole("link").click();
  await expect(page.getByRole("definition").filter({ hasText: email })).toBeVisible();
  // The HTML version sits in a sandboxed frame (no scripts, opaque origin), links opening in a new tab.
  const frame = page.locator("iframe.mail-frame");
  await expect(frame).toHaveAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
  const srcdoc = (await frame.getAttribute("srcdoc")) ?? "";
  expect(srcdoc).toContain('<a target="_blank" rel="noopener noreferrer" href="http');
  expect(srcdoc, "no script in the email's HTML").not.toMatch(/<script|\son\w+=|javascript:/i);
  const link = page.locator(".mail-body a").first();
  await expect(link).toHaveAttribute("href", /\/verify-email\?token=/);
  await link.click();
  await expect(page).toHaveURL(/\/verify-email\?token=/);
  await expect(page.getByRole("button", { name: "Confirm my email" })).toBeVisible();
});
