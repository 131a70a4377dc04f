import type { BrowserContext, Page } from "@playwright/test";
import {
  createAccount as newAccount,
  expect,
  latestEmail,
  linkIn,
  test,
  uniqueEmail,
} from "../support/e2e";

const createAccount = async (prefix: string, password: string) =>
  (await newAccount({ prefix, password })).email;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function sessionCookieOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "session");
  if (!cookie) throw new Error("no session cookie");
  return cookie.value;
}

/** A request with only this session cookie: is it still signed in? */
async function isSignedIn(page: Page, token: string): Promise<boolean> {
  const response = await page.request.get("/account", {
    maxRedirects: 0,
    headers: { Cookie: `session=${token}` },
  });
  return response.status() === 200;
}

test("sign up, confirm the email, sign out and sign in again", async ({ page, consoleErrors }) => {
  void consoleErrors;
  const email = uniqueEmail("signup");
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Test Person");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long passphrase 与中文");
  await page.getByRole("button", { name: "Create account" }).click();
  // Nobody is signed in by a sign-up: the answer is the same when the address is taken.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText(`We sent a message to ${email}.`)).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long passphrase 与中文");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);

  // Until the address is confirmed, every page says so and offers to send the link again.
  const first = await latestEmail(email, "verifyEmail");
  await page.goto("/");
  await expect(
    page.getByText(`Please confirm your email address: we sent a link to ${email}.`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText("We sent a new confirmation link.")).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect
    .poll(async () => (await latestEmail(email, "verifyEmail")).text_body)
    .not.toBe(first.text_body);

  // The first link was replaced by the second: it no longer works.
  await page.goto(linkIn(first.text_body).replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByText("This link is invalid or has expired.")).toBeVisible();

  const mail = await latestEmail(email, "verifyEmail");
  await page.goto(linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, ""));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await expect(page.getByText("Please confirm your email address")).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Your account" }).getByText("Confirmed"),
  ).toBeVisible();

  await page.locator(".user-menu > summary").click();
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
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test.describe("account page without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("change the email address: re-authenticate, confirm from the new inbox", async ({
    page,
  }) => {
    const email = await createAccount("move", "moving house password");
    const target = uniqueEmail("moved");
    await signIn(page, email, "moving house password");
    const form = page.getByRole("region", { name: "Email address" });
    await form.getByLabel("New email address").fill(target);
    await form.getByLabel("Current password").fill("not it");
    await form.getByRole("button", { name: "Change email address" }).click();
    await expect(form.getByText("The current password is not right.").first()).toBeVisible();
    await expect(form.getByLabel("New email address")).toHaveValue(target);

    await form.getByLabel("Current password").fill("moving house password");
    await form.getByRole("button", { name: "Change email address" }).click();
    await expect(page.getByText(`We sent a confirmation link to ${target}.`)).toBeVisible();
    await expect(page.getByText(`Waiting for you to confirm ${target}`)).toBeVisible();
    await expect(page.getByText(`Your sign-in address is ${email}.`)).toBeVisible();

    const mail = await latestEmail(target, "changeEmail");
    await page.goto(linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, ""));
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText("Your new email address is confirmed.")).toBeVisible();
    await expect(page.getByText(`Your sign-in address is ${target}.`)).toBeVisible();

    // Profile: name and language (the language also becomes the page's).
    const profile = page.getByRole("region", { name: "Profile" });
    await profile.getByLabel("Full name").fill("");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(profile.getByText("Enter your name.").first()).toBeVisible();
    await profile.getByLabel("Full name").fill("Moved Person");
    await profile.getByLabel("Preferred language").selectOption("zh-CN");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
    await expect(page.getByText("资料已保存。")).toBeVisible();
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

test("forgot password: the emailed link sets a new password and signs out every session", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  const email = await createAccount("reset", "the original password");
  await signIn(page, email, "the original password");
  const oldToken = await sessionCookieOf(page.context());

  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(
    page.getByText(`If an account uses ${email}, a reset link is on its way.`),
  ).toBeVisible();
  // The same answer for an address without an account.
  const nobody = uniqueEmail("nobody");
  await page.getByLabel("Email address").fill(nobody);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(
    page.getByText(`If an account uses ${nobody}, a reset link is on its way.`),
  ).toBeVisible();

  const mail = await latestEmail(email, "resetPassword");
  const link = linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, "");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a fresh new passphrase");
  await page.getByLabel("Repeat the new password").fill("a fresh new passphrase?");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("The two passwords are not the same.").first()).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a fresh new passphrase");
  await page.getByLabel("Repeat the new password").fill("a fresh new passphrase");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Your password is changed. Sign in with the new one.")).toBeVisible();

  // The session from before the reset is anonymous now; the link works only once.
  expect(await isSignedIn(page, oldToken)).toBe(false);
  await page.goto(link);
  await expect(page.getByText("This reset link is invalid, used or expired.")).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("the original password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await signIn(page, email, "a fresh new passphrase");
});

test("change the password on the account page: other sessions end, this one stays", async ({
  page,
  browser,
  consoleErrors,
}) => {
  void consoleErrors;
  const email = await createAccount("change", "my first password");
  const elsewhere = await browser.newContext();
  await signIn(await elsewhere.newPage(), email, "my first password");
  const otherToken = await sessionCookieOf(elsewhere);
  await elsewhere.close();

  await signIn(page, email, "my first password");
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByRole("row")).toHaveCount(3); // header + two sessions
  await expect(sessions.getByText("This browser")).toBeVisible();

  const form = page.getByRole("region", { name: "Password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill("my second password");
  await form.getByLabel("Repeat the new password").fill("my second password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The current password is not right.").first()).toBeVisible();

  await form.getByLabel("Current password").fill("my first password");
  await form.getByLabel("New password", { exact: true }).fill("my second password");
  await form.getByLabel("Repeat the new password").fill("my second password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("Password changed. Your other sessions were signed out."),
  ).toBeVisible();
  await expect(form.getByLabel("Current password")).toHaveValue("");
  await expect(sessions.getByRole("row")).toHaveCount(2);
  expect(await isSignedIn(page, otherToken)).toBe(false);
  expect(await isSignedIn(page, await sessionCookieOf(page.context()))).toBe(true);

  await page.locator(".user-menu > summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out before the next sign-in (else /login sends a live session on to /account).
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await signIn(page, email, "my second password");
});

test("the sixth wrong password in a row is refused with the throttle message", async ({ page }) => {
  const email = await createAccount("throttle", "the right password");
  await page.goto("/login");
  const attempt = async (password: string) => {
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    return (await answered).status();
  };
  for (let i = 1; i <= 5; i++) {
    expect(await attempt(`wrong password ${i}`)).toBe(400);
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  }
  expect(await attempt("wrong password 6")).toBe(429);
  await expect(page.getByText(/Too many failed attempts\. Try again in \d+ seconds/)).toBeVisible();
  // Even the right password, until the backoff ends.
  expect(await attempt("the right password")).toBe(429);
  await expect(page.getByText(/Too many failed attempts/)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
