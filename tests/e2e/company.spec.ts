import type { Browser, Page } from "@playwright/test";
import { withCheckChar } from "../../app/companies/credit-code";
import {
  createAccount as newAccount,
  expect,
  latestEmail,
  linkIn,
  query,
  sessionTokenFor,
  test,
  uniqueEmail,
  watchConsole,
} from "../support/e2e";

const PASSWORD = "a long passphrase for tests";

const createAccount = async (prefix: string, name: string) =>
  (await newAccount({ prefix, name, password: PASSWORD })).email;

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // A sign-up signs nobody in (issue 11): the sign-in page comes next, keeping where to go.
  await expect(page).toHaveURL(/\/login(\?redirectTo=.*)?$/);
  await expect(page.getByText(`We sent a message to ${email}.`)).toBeVisible();
  await signIn(page, email);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A fresh valid credit code, and the same code with its check character changed. */
function creditCodes(): { valid: string; invalid: string } {
  const digits = String(Date.now() % 1e9).padStart(9, "0");
  const valid = withCheckChar(`91310112${digits}`);
  const last = valid[17] === "0" ? "1" : "0";
  return { valid, invalid: valid.slice(0, 17) + last };
}

async function createCompany(page: Page, nameEn: string): Promise<void> {
  const codes = creditCodes();
  await page.goto("/company");
  await expect(
    page.getByRole("heading", { name: "You do not belong to a company yet" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Create a company profile" }).click();
  await expect(page).toHaveURL(/\/company\/new$/);
  await page.getByLabel("Company name (English)").fill(nameEn);
  await page.getByLabel("Company name (Chinese)").fill("测试光电科技有限公司");
  await page.getByLabel("Unified social credit code").fill(codes.invalid.toLowerCase());
  await page.getByLabel("Industry").selectOption("integrated-circuits");
  await page.getByLabel("Number of employees").selectOption("10-49");
  await page.getByLabel("Website").fill("https://photonics.example");
  await page.getByRole("button", { name: "Create company" }).click();
  // The field error, next to the field and in the summary, with everything typed kept.
  await expect(
    page.locator(".field-errors").getByText("This is not a valid unified social credit code"),
  ).toBeVisible();
  await expect(page.getByLabel("Company name (English)")).toHaveValue(nameEn);
  await expect(page.getByLabel("Company name (Chinese)")).toHaveValue("测试光电科技有限公司");
  await expect(page.getByLabel("Industry")).toHaveValue("integrated-circuits");
  await page.getByLabel("Unified social credit code").fill(codes.valid.toLowerCase());
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page).toHaveURL(/\/company$/);
  await expect(page.getByText("Your company profile is created. You are its owner.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
  await expect(page.getByText(codes.valid)).toBeVisible();
}

async function invite(page: Page, email: string): Promise<string> {
  await page.getByLabel("Colleague's email address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Pending invitations" })
      .getByRole("cell", { name: email, exact: true }),
  ).toBeVisible();
  const mail = await latestEmail(email, "invitation");
  // The address is nobody's yet: the park's words only, no name anyone typed.
  expect(mail.subject).toBe("An invitation to the Zizhu Park Portal");
  expect(mail.text_body).not.toContain("Olivia Owner");
  return linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, "");
}

async function transfer(page: Page, nameEn: string, colleague: string): Promise<void> {
  await page.goto("/company");
  const row = page.getByRole("row").filter({ hasText: colleague });
  await expect(row.getByText("Member", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: `Make owner: ${colleague}` }).click();
  await expect(page.getByRole("heading", { name: `Make ${colleague} the owner?` })).toBeVisible();
  await page.getByRole("button", { name: `Yes, make ${colleague} the owner` }).click();
  await expect(page.getByText(`${colleague} is now the owner.`)).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: colleague }).getByText("Owner", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit details" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
  const owners = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM company_member m JOIN company c ON c.id = m.company_id WHERE c.name_en = $1 AND m.role = 'owner'",
    [nameEn],
  );
  expect(owners[0]!.n).toBe(1);
}

async function newPage(browser: Browser, javaScriptEnabled: boolean, baseURL: string) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL });
  const page = await context.newPage();
  return { context, page, errors: await watchConsole(page) };
}

test("an owner signs up, creates a company and invites a colleague who signs up, joins, and receives ownership", async ({
  page,
  browser,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const ownerEmail = uniqueEmail("owner");
  const nameEn = `Test Photonics ${Date.now()}`;
  await page.goto("/signup");
  await signUp(page, "Olivia Owner", ownerEmail);
  await expect(page).toHaveURL(/\/account$/);
  await createCompany(page, nameEn);

  const colleagueEmail = uniqueEmail("colleague");
  const path = await invite(page, colleagueEmail);

  // The colleague, in a browser of their own, follows the emailed link.
  const colleague = await newPage(browser, true, baseURL!);
  await colleague.page.goto(path);
  await expect(
    colleague.page.getByRole("heading", { name: `Invitation to join ${nameEn}` }),
  ).toBeVisible();
  await expect(colleague.page.getByText("Olivia Owner invites you to join")).toBeVisible();
  await colleague.page.getByRole("link", { name: "Create an account" }).click();
  await expect(colleague.page).toHaveURL(/\/signup\?redirectTo=/);
  await signUp(colleague.page, "Colin Colleague", colleagueEmail);
  await expect(colleague.page).toHaveURL(new RegExp(`${path}$`));
  await colleague.page.getByRole("button", { name: `Accept and join ${nameEn}` }).click();
  await expect(colleague.page).toHaveURL(/\/company$/);
  await expect(colleague.page.getByText(`Welcome to ${nameEn}.`)).toBeVisible();
  await expect(colleague.page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
  // A member may not edit or invite.
  await expect(colleague.page.getByRole("link", { name: "Edit details" })).toHaveCount(0);
  await expect(colleague.page.getByLabel("Colleague's email address")).toHaveCount(0);
  const edit = await colleague.page.request.get("/company/edit", { maxRedirects: 0 });
  expect(edit.status()).toBe(403);
  // The link works once.
  await colleague.page.goto(path);
  await expect(
    colleague.page.getByRole("heading", { name: "This invitation was already accepted" }),
  ).toBeVisible();
  // The used link answers 410 Gone, which Chromium logs as a failed load.
  expect(colleague.errors.filter((e) => !e.includes("status of 410"))).toEqual([]);
  await colleague.context.close();

  // The owner sees the new member, and hands over ownership.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Colin Colleague" })).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Pending invitations" })
      .getByRole("cell", { name: colleagueEmail, exact: true }),
  ).toHaveCount(0);
  await transfer(page, nameEn, "Colin Colleague");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("create a company (invalid code first), invite, the colleague signs in and accepts, ownership moves", async ({
    page,
    browser,
    baseURL,
  }) => {
    const ownerEmail = await createAccount("nojs-owner", "Nora Owner");
    await page.goto("/login");
    await signIn(page, ownerEmail);
    await expect(page).toHaveURL(/\/account$/);
    const nameEn = `No-Script Materials ${Date.now()}`;
    await createCompany(page, nameEn);

    // An invalid address is refused next to the field, keeping what was typed.
    await page.getByLabel("Colleague's email address").fill("not-an-address");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(
      page.locator(".field-errors").getByText("Enter a valid email address"),
    ).toBeVisible();
    await expect(page.getByLabel("Colleague's email address")).toHaveValue("not-an-address");

    const colleagueEmail = await createAccount("nojs-colleague", "Ned Colleague");
    const path = await invite(page, colleagueEmail);

    // Someone else signed in cannot accept it.
    const stranger = await newPage(browser, false, baseURL!);
    await stranger.page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
    await signIn(stranger.page, await createAccount("nojs-stranger", "Stan Stranger"));
    await expect(stranger.page).toHaveURL(new RegExp(`${path}$`));
    await expect(stranger.page.getByText("but the invitation was sent to")).toBeVisible();
    await expect(stranger.page.getByRole("button", { name: /Accept and join/ })).toHaveCount(0);
    await stranger.context.close();

    const colleague = await newPage(browser, false, baseURL!);
    await colleague.page.goto(path);
    await colleague.page.getByRole("link", { name: "Sign in" }).last().click();
    await signIn(colleague.page, colleagueEmail);
    await expect(colleague.page).toHaveURL(new RegExp(`${path}$`));
    await colleague.page.getByRole("button", { name: `Accept and join ${nameEn}` }).click();
    await expect(colleague.page).toHaveURL(/\/company$/);
    await expect(colleague.page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();
    await colleague.context.close();

    await transfer(page, nameEn, "Ned Colleague");
  });
});

test("an edit that crossed someone else's save answers 409, keeps the input and shows what changed", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const email = await createAccount("editor", "Edith Editor");
  const [company] = await query<{ id: string }>(
    "INSERT INTO company (name_en, name_zh, industry, size) VALUES ($1, '旧名称科技有限公司', 'software-services', '1-9') RETURNING id",
    [`Conflict Test ${Date.now()}`],
  );
  await query(
    "INSERT INTO company_member (company_id, user_id, role) SELECT $1, id, 'owner' FROM app_user WHERE email = $2",
    [company!.id, email],
  );
  await context.addCookies([
    {
      name: "session",
      value: await sessionTokenFor(email),
      url: baseURL!,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);

  await page.goto("/company/edit");
  await page.getByLabel("Company name (English)").fill("Mine Software Ltd.");
  // Meanwhile a colleague saves.
  await query(
    "UPDATE company SET name_zh = '新名称科技有限公司', version = version + 1 WHERE id = $1",
    [company!.id],
  );
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText("Someone else saved these details while you were editing"),
  ).toBeVisible();
  await expect(page.getByText("Company name (Chinese): now “新名称科技有限公司”")).toBeVisible();
  await expect(page.getByLabel("Company name (English)")).toHaveValue("Mine Software Ltd.");
  // Saving again, knowingly, replaces the saved values with the form's.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The company details are saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Mine Software Ltd." })).toBeVisible();
  const [row] = await query<{ name_zh: string; version: number }>(
    "SELECT name_zh, version FROM company WHERE id = $1",
    [company!.id],
  );
  expect(row).toEqual({ name_zh: "旧名称科技有限公司", version: 3 });
});
