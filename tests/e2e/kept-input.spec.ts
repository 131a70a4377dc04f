/**
 * Nothing typed is lost to an ended session (ADR 0018): for every kind of form that needs a
 * session, a post made after the session ended (its row deleted, the cookie still sent) leads
 * to the login page; after signing in, /resume shows what was typed, and one click sends it to
 * the original action, which saves it exactly once. Files are named as not kept. One run with
 * JavaScript off.
 */
import crypto from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  PERSONAS,
  contextFor,
  expect,
  insertOpenCall,
  query,
  test,
} from "../support/e2e";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");
const REVIEWER2 = "reviewer2@demo.zizhupark.example";

async function count(sql: string, values: unknown[]): Promise<number> {
  const [row] = await query<Record<string, string>>(sql, values);
  return Number(Object.values(row!)[0]);
}

async function requestA(): Promise<string> {
  const [row] = await query<{ ref: string }>(
    "SELECT ref FROM service_request WHERE idempotency_key = 'demo-seed-in-progress'",
  );
  return row!.ref;
}

interface Form {
  name: string;
  email: string;
  /** Opens the form as the signed-in person (setting up what it needs). */
  open: (page: Page) => Promise<void>;
  /** Fills the form; `text` goes into the field named `field`. */
  fill: (page: Page, text: string) => Promise<void>;
  field: string;
  /** The field is a textarea (the text gets a second line). */
  multiline?: boolean;
  submit: string;
  /** Records holding `text`: 0 before, exactly 1 after sending. */
  saved: (text: string) => Promise<number>;
  files?: string[];
}

const FORMS: Form[] = [
  {
    name: "new service request (with a file)",
    email: PERSONAS.memberA,
    open: async (page) => {
      await page.goto("/requests/new");
      await page.getByRole("link", { name: "Intellectual property" }).click();
    },
    fill: async (page, text) => {
      await page.getByLabel("Subject").fill(text);
      await page.getByLabel("Describe what you need").fill(`Details for ${text}, typed at length.`);
      await page.getByLabel("Kind of IP").selectOption("patent");
      await page
        .locator("#request-files")
        .setInputFiles({ name: "draft-claims.pdf", mimeType: "application/pdf", buffer: PDF });
    },
    field: "subject",
    submit: "Submit request",
    saved: (text) => count("SELECT count(*) FROM service_request WHERE subject = $1", [text]),
    files: ["draft-claims.pdf"],
  },
  {
    name: "requester reply",
    email: PERSONAS.memberA,
    open: async (page) => {
      await page.goto(`/requests/${await requestA()}`);
    },
    fill: (page, text) => page.locator("form#reply textarea[name=body]").fill(text),
    field: "body",
    multiline: true,
    submit: "Send reply",
    saved: (text) =>
      count("SELECT count(*) FROM service_request_message WHERE replace(body, chr(13), '') = $1", [
        text,
      ]),
  },
  {
    name: "staff note",
    email: PERSONAS.staff,
    open: async (page) => {
      await page.goto(`/desk/requests/${await requestA()}`);
    },
    fill: (page, text) => page.locator("form#composer textarea[name=body]").fill(text),
    field: "body",
    multiline: true,
    submit: "Post",
    saved: (text) =>
      count("SELECT count(*) FROM service_request_message WHERE replace(body, chr(13), '') = $1", [
        text,
      ]),
  },
  {
    name: "application step",
    email: PERSONAS.ownerA,
    open: async (page) => {
      const slug = `kept-${crypto.randomBytes(4).toString("hex")}`;
      await insertOpenCall(slug);
      await page.goto(`/incubation/calls/${slug}`);
      await page.getByRole("button", { name: "Start an application" }).click();
      await expect(page).toHaveURL(/\/step\/1$/);
    },
    fill: (page, text) => page.getByLabel("Your team").fill(text),
    field: "team",
    multiline: true,
    submit: "Save and continue",
    saved: (text) =>
      count("SELECT count(*) FROM application WHERE replace(answers->>'team', chr(13), '') = $1", [
        text,
      ]),
  },
  {
    name: "company details",
    email: PERSONAS.ownerA,
    open: async (page) => {
      await page.goto("/company/edit");
    },
    fill: (page, text) => page.getByLabel("Website").fill(text),
    field: "website",
    submit: "Save changes",
    saved: (text) => count("SELECT count(*) FROM company WHERE website = $1", [text]),
  },
  {
    name: "invitation (a form on an index route)",
    email: PERSONAS.ownerA,
    open: async (page) => {
      await page.goto("/company");
    },
    fill: (page, text) => page.getByLabel("Colleague's email address").fill(text),
    field: "email",
    submit: "Send invitation",
    saved: (text) => count("SELECT count(*) FROM company_invitation WHERE email = $1", [text]),
  },
  {
    name: "news article edit",
    email: PERSONAS.staff,
    open: async (page) => {
      await page.goto("/desk/news/new");
      await page.getByLabel("Title (English)").fill(`Kept draft ${Date.now()}`);
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
    },
    fill: (page, text) => page.getByLabel("Body (English, Markdown)").fill(text),
    field: "bodyEn",
    multiline: true,
    submit: "Save changes",
    saved: (text) =>
      count("SELECT count(*) FROM news_article WHERE replace(body_en, chr(13), '') = $1", [text]),
  },
  {
    name: "review scores",
    email: REVIEWER2,
    open: async (page) => {
      const callId = await insertOpenCall(`kept-review-${crypto.randomBytes(4).toString("hex")}`);
      const [app] = await query<{ id: string }>(
        `INSERT INTO application (call_id, company_id, status, answers, submitted_at)
         SELECT $1, company_id, 'in_review', '{"team":"A team","product":"A product"}', now()
         FROM company_member WHERE user_id = (SELECT id FROM app_user WHERE email = $2)
         RETURNING id`,
        [callId, PERSONAS.ownerA],
      );
      await query(
        `INSERT INTO review_assignment (application_id, reviewer_id)
         SELECT $1, id FROM app_user WHERE email = $2`,
        [app!.id, REVIEWER2],
      );
      await page.goto(`/review/${app!.id}`);
    },
    fill: async (page, text) => {
      await page.locator("select").first().selectOption("4");
      await page.locator('textarea[name="overall"]').fill(text);
    },
    field: "overall",
    multiline: true,
    submit: "Submit scores",
    saved: (text) =>
      count(
        "SELECT count(*) FROM review_assignment WHERE replace(overall_comment, chr(13), '') = $1 AND submitted_at IS NOT NULL",
        [text],
      ),
  },
  {
    name: "inquiry note",
    email: PERSONAS.staff,
    open: async (page) => {
      const [inquiry] = await query<{ id: string }>(
        "SELECT id FROM inquiry ORDER BY created_at LIMIT 1",
      );
      await page.goto(`/desk/inquiries/${inquiry!.id}`);
    },
    fill: (page, text) => page.getByRole("textbox", { name: "Internal note" }).fill(text),
    field: "body",
    multiline: true,
    submit: "Add note",
    saved: (text) =>
      count("SELECT count(*) FROM inquiry_event WHERE replace(body, chr(13), '') = $1", [text]),
  },
];

/** Ends the browser's session on the server, as an expiry would: the cookie stays. */
async function endSession(context: BrowserContext): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === "session");
  const hash = crypto.createHash("sha256").update(cookie!.value).digest("hex");
  await query("DELETE FROM session WHERE id = $1", [hash]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fresume$/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/resume$/);
}

async function journey(
  form: Form,
  { browser, baseURL }: { browser: Browser; baseURL: string },
  javaScriptEnabled: boolean,
) {
  const context = await contextFor(browser, baseURL, form.email, { javaScriptEnabled });
  const page = await context.newPage();
  await form.open(page);
  const text =
    form.field === "email"
      ? `kept-${crypto.randomBytes(4).toString("hex")}@example.com`
      : form.field === "website"
        ? `https://kept-${crypto.randomBytes(4).toString("hex")}.example`
        : `Kept ${form.name} ${crypto.randomBytes(4).toString("hex")}: 紫竹${form.multiline ? "\nsecond line" : ""}`;
  await form.fill(page, text);
  await endSession(context);
  await page.getByRole("button", { name: form.submit }).first().click();

  await expect(page.getByText("What you typed is kept: sign in to send it.")).toBeVisible();
  await signIn(page, form.email);
  const card = page.locator("section.card").first();
  await expect(card.locator(`textarea[name="${form.field}"]`)).toHaveValue(text);
  for (const file of form.files ?? [])
    await expect(
      card.getByText(new RegExp(`Attach these again after sending: ${file}`)),
    ).toBeVisible();
  expect(await form.saved(text)).toBe(0);

  const sendUrl = await card.locator("form").first().getAttribute("action");
  expect(sendUrl).toMatch(/^\/resume\?send=/);
  await card.getByRole("button", { name: "Send it now" }).click();
  await expect(page).not.toHaveURL(/\/(resume|login)/);
  await expect.poll(() => form.saved(text)).toBe(1);

  // Single use: the post-back cannot be made again, and nothing is left to send.
  const again = await page.request.post(sendUrl!, {
    form: { [form.field]: text },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(303);
  expect(again.headers()["location"]).toBe("/resume");
  await page.goto("/resume");
  await expect(page.getByText("Nothing is waiting to be sent from this browser")).toBeVisible();
  expect(await form.saved(text)).toBe(1);
  await context.close();
}

for (const form of FORMS) {
  test(`a ${form.name} posted after the session ended comes back after signing in, and is sent once`, async ({
    browser,
    baseURL,
  }) => {
    await journey(form, { browser, baseURL: baseURL! }, true);
  });
}

// Without JavaScript the first post is the browser's own (a native 307 to /keep); the one
// with a file and a multipart body is the hardest case.
test("without JavaScript: a new service request with a file is kept and sent once", async ({
  browser,
  baseURL,
}) => {
  await journey(FORMS[0]!, { browser, baseURL: baseURL! }, false);
});

test("a kept form is shown only to a signed-in user of the browser that typed it; discard works", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const page = await context.newPage();
  await page.goto(`/requests/${await requestA()}`);
  const text = `Private words ${crypto.randomBytes(4).toString("hex")}`;
  await page.locator("form#reply textarea[name=body]").fill(text);
  await endSession(context);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fresume$/);
  // Signed out, /resume is the login page; another signed-in browser sees nothing.
  const anonymous = await page.request.get("/resume", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
  const other = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const otherPage = await other.newPage();
  await otherPage.goto("/resume");
  await expect(otherPage.getByText("Nothing is waiting")).toBeVisible();
  expect(await otherPage.content()).not.toContain(text);
  await other.close();
  // The browser that typed it signs in, and discards it.
  await signIn(page, PERSONAS.memberA);
  await expect(page.locator('textarea[name="body"]')).toHaveValue(text);
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByText("Nothing is waiting")).toBeVisible();
  expect(
    await count(
      "SELECT count(*) FROM service_request_message WHERE replace(body, chr(13), '') = $1",
      [text],
    ),
  ).toBe(0);
  await context.close();
});
