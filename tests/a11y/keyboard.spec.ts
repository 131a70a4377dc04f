/**
 * Keyboard-only journeys (issue 7): every journey of the e2e suite, done again with the
 * keyboard alone. The page is driven only through `page.keyboard` (Tab, Shift+Tab, Enter,
 * Space, arrow keys and typing); locators serve only to assert and to read where focus is.
 * `tabTo` presses Tab until a control has focus, which proves the control is in the tab order;
 * a file input is opened with Space (its file chooser is answered by Playwright, as a person
 * would answer the system dialog).
 *
 * Every run creates its own data (unique stamps), so the spec runs again and again against the
 * same database.
 */
import type { BrowserContext, Locator, Page } from "@playwright/test";
import {
  createAccount,
  expect,
  insertOpenCall,
  latestEmail,
  linkIn,
  loginAs,
  query,
  signInContext,
  test,
  uniqueEmail,
} from "../support/e2e";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

// ---------------------------------------------------------------------------------------------
// Keyboard helpers
// ---------------------------------------------------------------------------------------------

/** What has focus, for messages: tag, id or name, and its accessible-ish text. */
async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "<body>";
    const tag = el.tagName.toLowerCase();
    const id = el.id ? `#${el.id}` : "";
    const name = el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : "";
    const labels = (el as HTMLInputElement).labels;
    const text = (
      el.getAttribute("aria-label") ??
      (labels && labels[0] ? labels[0].textContent : null) ??
      el.textContent ??
      ""
    )
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 50);
    return `${tag}${id}${name} "${text}"`;
  });
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

interface TabOptions {
  max?: number;
  /** Shift+Tab: the control is before the focus (e.g. a field above the button just used). */
  backwards?: boolean;
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus: proof that it is reachable in the tab
 * order. Fails after `max` presses, listing every element that got focus on the way.
 */
async function tabTo(
  page: Page,
  target: Locator,
  { max = 60, backwards = false }: TabOptions = {},
): Promise<void> {
  await expect(target, `${target.toString()} is on the page`).toBeAttached();
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    seen.push(await focusedDescription(page));
  }
  if (await isFocused(target)) return;
  throw new Error(
    `${target.toString()} did not get focus after ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}; focus went to:\n  ${seen.join("\n  ")}`,
  );
}

/** Tabs to a field and types into it (replacing what it held). */
async function typeInto(
  page: Page,
  field: Locator,
  text: string,
  options: TabOptions = {},
): Promise<void> {
  await tabTo(page, field, options);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // `insertText` for text outside ASCII (as an input method would); `type` presses each key.
  if (/^[\x20-\x7e\n]*$/.test(text)) await page.keyboard.type(text);
  else await page.keyboard.insertText(text);
  await expect(field).toHaveValue(text);
}

/** Tabs to a control and activates it with a key (Enter for links and buttons). */
async function activate(
  page: Page,
  control: Locator,
  key = "Enter",
  options: TabOptions = {},
): Promise<void> {
  await tabTo(page, control, options);
  await page.keyboard.press(key);
}

/**
 * Tabs to a closed <select> and picks `value` from the keyboard: by typing the start of the
 * option's label (`typeahead`), or else by pressing ArrowDown until it is selected.
 */
async function choose(
  page: Page,
  select: Locator,
  value: string,
  { typeahead, max = 30 }: { typeahead?: string; max?: number } = {},
): Promise<void> {
  await tabTo(page, select);
  if (typeahead) await page.keyboard.type(typeahead);
  else
    for (let i = 0; i < max && (await select.inputValue()) !== value; i++)
      await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue(value);
}

/**
 * On a freshly loaded page: the skip link (which must be the first Tab stop), then into main:
 * how a keyboard user passes the header.
 */
async function skipToMain(page: Page): Promise<void> {
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await tabTo(page, skip, { max: 1 });
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
}

/** Opens a file input's chooser from the keyboard (Space) and answers it with a file. */
async function chooseFile(
  page: Page,
  input: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await tabTo(page, input);
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles(file);
  await expect(input).toHaveJSProperty("files.length", 1);
}

/** A confirmed English account, signed in in this browser. */
async function signedInNewPerson(context: BrowserContext, baseURL: string, name: string) {
  const person = await createAccount({ prefix: "kbd", name });
  await signInContext(context, baseURL, person.email);
  return person;
}

function stamp(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

// ---------------------------------------------------------------------------------------------
// Skip link and visible focus
// ---------------------------------------------------------------------------------------------

test("the first Tab stop is the skip link: it shows, and Enter moves focus to main", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  // After hydration: a fragment link followed while React is still hydrating the document can
  // make React log "Root did not complete" (#345; the page keeps working). Noted in ADR 0057.
  await page.goto("/", { waitUntil: "networkidle" });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport({ ratio: 1 });
  const box = (await skip.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.height).toBeGreaterThan(10);

  await page.keyboard.press("Enter");
  const main = page.locator("main#main");
  await expect(main).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
  // The skip link hides again, and the next Tab stop is the first control inside main.
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press("Tab");
  expect(
    await main.evaluate(
      (el) => el.contains(document.activeElement) && el !== document.activeElement,
    ),
    `the Tab after the skip link lands in main, not on ${await focusedDescription(page)}`,
  ).toBe(true);
});

test("on a narrow screen the menu opens from the keyboard and its links are reachable", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  const menu = page.locator("summary", { hasText: "Menu" });
  const news = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "News" });
  await expect(news).toBeHidden();
  await tabTo(page, menu, { max: 3 });
  await page.keyboard.press("Enter");
  await expect(news).toBeVisible();
  await tabTo(page, news, { max: 1 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/news$/);
  await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
  // The page changed in the browser (no full load): focus starts on the new page's content,
  // and the next Tab goes into it rather than back to the menu.
  await expect(page.locator("main#main")).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});

test("focus is visible on links, buttons, inputs and selects", async ({ page, consoleErrors }) => {
  void consoleErrors;
  const indicator = (locator: Locator) =>
    locator.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
        shadow: s.boxShadow !== "none",
        matches: el.matches(":focus-visible"),
      };
    });
  const checks: [string, Locator][] = [
    ["skip link", page.getByRole("link", { name: "Skip to main content" })],
    ["brand link", page.locator("a.brand")],
    [
      "navigation link",
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "News" }),
    ],
    ["language button", page.getByRole("button", { name: /Language/ })],
    ["email input", page.getByLabel("Email address")],
    ["password input", page.getByLabel("Password")],
    ["submit button", page.getByRole("button", { name: "Sign in" })],
  ];
  await page.goto("/login");
  for (const [what, locator] of checks) {
    await tabTo(page, locator);
    const style = await indicator(locator);
    expect(style.matches, `${what} matches :focus-visible`).toBe(true);
    expect(style.outline || style.shadow, `${what} shows a focus outline or shadow`).toBe(true);
  }
  // A select (on the sign-up page).
  await page.goto("/signup");
  const select = page.getByLabel("Preferred language");
  await tabTo(page, select);
  const style = await indicator(select);
  expect(style.outline || style.shadow, "select shows a focus outline or shadow").toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

test("accounts: sign up, confirm the email, sign out and sign in again, by keyboard", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  const email = uniqueEmail("kbd-signup");
  const password = "a keyboard only passphrase";
  await page.goto("/signup");
  await skipToMain(page);
  await typeInto(page, page.getByLabel("Full name"), "Kim Keyboard");
  await typeInto(page, page.getByLabel("Email address"), email);
  await typeInto(page, page.getByLabel("Password"), password);
  await choose(page, page.getByLabel("Preferred language"), "en");
  await activate(page, page.getByRole("button", { name: "Create account" }));
  // Nobody is signed in by a sign-up (the answer is the same for a taken address).
  await expect(page).toHaveURL(/\/login$/);

  // The emailed link, then its button.
  const mail = await latestEmail(email, "verifyEmail");
  await page.goto(linkIn(mail.text_body).replace(/^https?:\/\/[^/]+/, ""));
  await activate(page, page.getByRole("button", { name: "Confirm my email" }), "Space");
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  const [row] = await query<{ verified: boolean }>(
    "SELECT email_verified_at IS NOT NULL AS verified FROM app_user WHERE email = $1",
    [email],
  );
  expect(row?.verified).toBe(true);
  await expect(page).toHaveURL(/\/login$/);
  await typeInto(page, page.getByLabel("Email address"), email);
  await typeInto(page, page.getByLabel("Password"), password);
  await activate(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page).toHaveURL(/\/account$/);

  // Sign out from the header's user menu (a <details>: Enter opens it).
  await page.goto("/account");
  await activate(page, page.locator(".user-menu > summary"));
  await expect(page.locator(".user-menu")).toHaveAttribute("open", "");
  await activate(page, page.getByRole("button", { name: "Sign out" }));
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // Sign in from the header's link; a wrong password first.
  await page.goto("/");
  await activate(page, page.getByRole("link", { name: "Sign in" }));
  await expect(page).toHaveURL(/\/login$/);
  await typeInto(page, page.getByLabel("Email address"), email);
  await typeInto(page, page.getByLabel("Password"), "not my password");
  await page.keyboard.press("Enter");
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await typeInto(page, page.getByLabel("Password"), password);
  await activate(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator(".user-menu > summary")).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// Company
// ---------------------------------------------------------------------------------------------

test("company: create a company profile and edit it, by keyboard", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const person = await signedInNewPerson(context, baseURL!, "Kai Keyboard");
  const s = stamp();
  const nameEn = `Keyboard Optics ${s}`;
  await page.goto("/company");
  await skipToMain(page);
  await activate(page, page.getByRole("link", { name: "Create a company profile" }));
  await expect(page).toHaveURL(/\/company\/new$/);
  await typeInto(page, page.getByLabel("Company name (English)"), nameEn);
  await typeInto(page, page.getByLabel("Company name (Chinese)"), `键盘光电有限公司 ${s}`);
  await choose(page, page.getByLabel("Industry"), "integrated-circuits", {
    typeahead: "Integ",
  });
  await choose(page, page.getByLabel("Number of employees"), "10-49");
  await typeInto(page, page.getByLabel("Website"), "https://keyboard.example");
  await activate(page, page.getByRole("button", { name: "Create company" }));
  await expect(page).toHaveURL(/\/company$/);
  await expect(page.getByRole("heading", { level: 1, name: nameEn })).toBeVisible();

  await activate(page, page.getByRole("link", { name: "Edit details" }));
  await expect(page).toHaveURL(/\/company\/edit$/);
  await typeInto(page, page.getByLabel("Company name (English)"), `${nameEn} Ltd.`);
  await choose(page, page.getByLabel("Number of employees"), "50-249");
  await activate(page, page.getByRole("button", { name: "Save changes" }));
  await expect(page.getByText("The company details are saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${nameEn} Ltd.` })).toBeVisible();
  const [row] = await query<{ name_en: string; size: string; industry: string; role: string }>(
    "SELECT c.name_en, c.size, c.industry, m.role FROM company c JOIN company_member m ON m.company_id = c.id WHERE m.user_id = $1",
    [person.id],
  );
  expect(row).toEqual({
    name_en: `${nameEn} Ltd.`,
    size: "50-249",
    industry: "integrated-circuits",
    role: "owner",
  });
});

// ---------------------------------------------------------------------------------------------
// Inquiry
// ---------------------------------------------------------------------------------------------

test("inquiry: a visitor sends an investment inquiry and staff reply, by keyboard", async ({
  page,
  browser,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  await query("DELETE FROM attempt_counter WHERE key LIKE 'inquiry:ip:%'");
  const email = uniqueEmail("kbd-investor");
  await page.goto("/contact");
  await skipToMain(page);
  await typeInto(page, page.getByLabel("Your name"), "Ines Investor");
  await typeInto(page, page.getByLabel("Organisation"), "Keyboard Capital");
  await typeInto(page, page.getByLabel("Email"), email);
  await choose(page, page.getByLabel("You are interested in"), "investment", {
    typeahead: "Inv",
  });
  await typeInto(
    page,
    page.getByLabel("Your message"),
    "We would like to invest in photonics companies of the park.",
  );
  await activate(page, page.getByRole("button", { name: "Send inquiry" }));
  await expect(
    page.getByRole("heading", { name: "Thank you: we have your inquiry" }),
  ).toBeVisible();
  const reference = (await page.locator(".inquiry-reference").textContent())!.trim();
  expect(reference).toMatch(/^INQ-\d{4}-\d{5}$/);

  const staffContext = await browser.newContext({ baseURL });
  await loginAs(staffContext, baseURL!, "staff");
  const staff = await staffContext.newPage();
  await staff.goto("/desk/inquiries?status=new");
  await skipToMain(staff);
  await activate(staff, staff.getByRole("link", { name: reference }));
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(reference);
  await typeInto(
    staff,
    staff.getByRole("textbox", { name: "Reply by email" }),
    "Dear Ines, our investment team will call you this week.",
  );
  await activate(staff, staff.getByRole("button", { name: "Send reply" }));
  await expect(staff.locator(".inquiry-event-reply")).toContainText("call you this week");
  await expect(staff.locator(".page-header .badge")).toHaveText("Answered");
  const reply = await latestEmail(email, "inquiryReply");
  expect(reply.text_body).toContain("call you this week");
  const [row] = await query<{ interest: string; status: string }>(
    "SELECT interest, status FROM inquiry WHERE reference = $1",
    [reference],
  );
  expect(row).toEqual({ interest: "investment", status: "answered" });
  await staffContext.close();
});

// ---------------------------------------------------------------------------------------------
// News
// ---------------------------------------------------------------------------------------------

test("news: staff write an article in the news desk and publish it, by keyboard", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  await loginAs(context, baseURL!, "staff");
  const s = stamp();
  const titleEn = `Keyboard open day ${s}`;
  await page.goto("/desk/news");
  await skipToMain(page);
  await activate(page, page.getByRole("link", { name: /New article/ }));
  await expect(page).toHaveURL(/\/desk\/news\/new$/);
  await typeInto(page, page.getByLabel("Title (English)"), titleEn);
  await typeInto(page, page.getByLabel("Body (English, Markdown)"), "Come and **visit** our labs.");
  await typeInto(page, page.getByLabel("Title (Chinese)"), `键盘开放日 ${s}`);
  await activate(page, page.getByRole("button", { name: "Save draft" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleEn);
  await activate(page, page.getByRole("button", { name: "Publish now" }));
  await expect(page.locator(".badge", { hasText: "Published" })).toBeVisible();
  const [row] = await query<{ status: string; slug: string }>(
    "SELECT status, slug FROM news_article WHERE title_en = $1",
    [titleEn],
  );
  expect(row?.status).toBe("published");

  // A reader finds it from the news list, by keyboard too.
  await page.goto("/news");
  await skipToMain(page);
  await activate(page, page.getByRole("link", { name: titleEn }));
  await expect(page).toHaveURL(new RegExp(`/news/${row!.slug}$`));
  await expect(page.locator("article strong")).toHaveText("visit");
});

// ---------------------------------------------------------------------------------------------
// Incubation
// ---------------------------------------------------------------------------------------------

test("incubation: an applicant answers every step, uploads the plan and submits, by keyboard", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const slug = `kbd-${stamp()}`;
  await insertOpenCall(slug, `Keyboard call ${slug}`);
  await loginAs(context, baseURL!, "memberB");
  await page.goto(`/incubation/calls/${slug}`);
  await skipToMain(page);
  await activate(page, page.getByRole("button", { name: "Start an application" }));
  await expect(page).toHaveURL(/\/step\/1$/);
  const applicationId = /\/applications\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await typeInto(page, page.getByLabel("Your team"), "Zhao Lei and Emma Schneider");
  await activate(page, page.getByRole("button", { name: "Save and continue" }));
  await expect(page).toHaveURL(/\/step\/2$/);
  await expect(page.getByTestId("last-saved")).toContainText("Last saved");
  const [draft] = await query<{ answers: Record<string, string> }>(
    "SELECT answers FROM application WHERE id = $1",
    [applicationId],
  );
  expect(draft?.answers.team).toBe("Zhao Lei and Emma Schneider");

  // Focus stays on the button just used: the step's field is above it.
  const product = "Visual inspection for electronics lines.";
  await typeInto(page, page.getByLabel("Your product"), product, { backwards: true });
  await activate(page, page.getByRole("button", { name: "Save and continue" }));
  await expect(page).toHaveURL(/\/step\/3$/);
  for (const next of [4, 5]) {
    await activate(page, page.getByRole("button", { name: "Save and continue" }));
    await expect(page).toHaveURL(new RegExp(`/step/${next}$`));
  }

  // Step 5: the document, through the file input's chooser opened with Space.
  await choose(page, page.getByLabel("Document"), "business_plan");
  await chooseFile(page, page.getByLabel("File"), {
    name: "business-plan.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await activate(page, page.getByRole("button", { name: "Upload", exact: true }));
  await expect(page.getByText("Document uploaded.")).toBeVisible();
  await expect(page.getByRole("link", { name: "business-plan.pdf" })).toBeVisible();
  await activate(page, page.getByRole("button", { name: "Continue to review" }));
  await expect(page.getByText("Everything required is there.")).toBeVisible();
  await activate(page, page.getByRole("button", { name: "Submit application" }));
  await expect(page.getByText("Your application is submitted.")).toBeVisible();
  const [row] = await query<{ status: string; docs: number }>(
    "SELECT a.status, (SELECT count(*)::int FROM application_document d WHERE d.application_id = a.id) AS docs FROM application a WHERE a.id = $1",
    [applicationId],
  );
  expect(row).toEqual({ status: "submitted", docs: 1 });
});

// ---------------------------------------------------------------------------------------------
// Service requests
// ---------------------------------------------------------------------------------------------

test("service requests: a member files a request; staff open it from the queue and reply, by keyboard", async ({
  page,
  context,
  browser,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const subject = `Keyboard PCT filing ${stamp()}`;
  await loginAs(context, baseURL!, "memberA");
  await page.goto("/requests/new");
  await skipToMain(page);
  await activate(page, page.getByRole("link", { name: "Intellectual property" }));
  await expect(page).toHaveURL(/type=/);
  await typeInto(page, page.getByLabel("Subject"), subject);
  await typeInto(
    page,
    page.getByLabel("Describe what you need"),
    "Advice on filing our photonic coupler patent abroad.",
  );
  await choose(page, page.getByLabel("Kind of IP"), "patent", { typeahead: "Pat" });
  await chooseFile(page, page.locator("#request-files"), {
    name: "draft-claims.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await activate(page, page.getByRole("button", { name: "Submit request" }));
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  const ref = /\/requests\/(SR-\d{4}-\d+)/.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByRole("link", { name: "draft-claims.pdf" })).toBeVisible();

  // Staff: from the queue (searched by keyboard) to the request; a public reply that waits on
  // the requester.
  const staffContext = await browser.newContext({ baseURL });
  await loginAs(staffContext, baseURL!, "staff");
  const staff = await staffContext.newPage();
  await staff.goto("/desk/requests?state=all");
  await skipToMain(staff);
  await typeInto(staff, staff.getByLabel("Search subject or reference"), ref);
  await staff.keyboard.press("Enter");
  await expect(staff).toHaveURL(new RegExp(`q=${ref}`));
  await activate(staff, staff.getByRole("link", { name: ref }));
  await expect(staff).toHaveURL(new RegExp(`/desk/requests/${ref}$`));

  const composer = staff.locator("form#composer");
  const internal = composer.getByLabel("Internal note (park staff only)");
  const visibility = composer.getByLabel("Public reply", { exact: true });
  await tabTo(staff, internal);
  await expect(internal).toBeChecked();
  await staff.keyboard.press("ArrowDown");
  await expect(visibility).toBeChecked();
  await expect(visibility).toBeFocused();
  await typeInto(
    staff,
    composer.locator("textarea[name=body]"),
    "Which countries do you want to cover?",
  );
  await choose(staff, composer.locator("select[name=thenState]"), "waiting_on_requester");
  await activate(staff, composer.getByRole("button", { name: "Post" }));
  await expect(staff.locator("header [data-state=waiting_on_requester]")).toBeVisible();

  const [row] = await query<{ state: string }>("SELECT state FROM service_request WHERE ref = $1", [
    ref,
  ]);
  expect(row?.state).toBe("waiting_on_requester");
  await page.reload();
  await expect(page.getByText("Which countries do you want to cover?")).toBeVisible();
  await staffContext.close();
});

// ---------------------------------------------------------------------------------------------
// Admin
// ---------------------------------------------------------------------------------------------

test("admin: find a person and grant the reviewer role, by keyboard", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  void consoleErrors;
  const name = `Keyboard Target ${stamp()}`;
  const person = await createAccount({ prefix: "kbd-admin", name });
  const email = person.email;
  await loginAs(context, baseURL!, "admin");
  await page.goto("/admin");
  await skipToMain(page);
  await activate(
    page,
    page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", {
      name: "Users",
    }),
  );
  await expect(page).toHaveURL(/\/admin\/users$/);
  await typeInto(page, page.getByLabel("Name or email"), email);
  await activate(page, page.getByRole("button", { name: "Search" }));
  await expect(page).toHaveURL(/\/admin\/users\?q=/);
  await activate(page, page.getByRole("table").getByRole("link", { name }));
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await activate(page, page.getByRole("button", { name: "Grant Reviewer" }));
  await expect(
    page.getByRole("status").filter({ hasText: `${name} now has the role Reviewer.` }),
  ).toBeVisible();
  const roles = await query<{ role: string }>("SELECT role FROM user_role WHERE user_id = $1", [
    person!.id,
  ]);
  expect(roles.map((r) => r.role)).toEqual(["reviewer"]);
});
