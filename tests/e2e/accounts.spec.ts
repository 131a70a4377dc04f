import { expect, latestEmail, linkIn, test, uniqueEmail } from "../support/e2e";

test("sign up, confirm the email, sign out and sign in again", async ({ page, consoleErrors }) => {
  void consoleErrors;
  const email = uniqueEmail("signup");
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Test Person");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long passphrase 与中文");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);

  const mail = await latestEmail(email, "verifyEmail");
  await page.goto(linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, ""));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long passphrase 与中文 ");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);

  await page.getByLabel("Password").fill("a long passphrase 与中文");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign up and log in again, with field errors that keep what was typed", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/signup");
    await page.getByLabel("Full name").fill("No Script");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 8 characters.").first()).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("No Script");
    await expect(page.getByLabel("Email address")).toHaveValue(email);

    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole("button", { name: "Sign out" }).click();

    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test("switch language on any page, remembered across pages", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: /简体中文/ }).click();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "注册账户" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
});
