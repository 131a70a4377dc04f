/**
 * Every form with free text: a control character (NUL, ESC, a C1 control) or an over-long value
 * is a field error with the input kept — never a 500, never a silent cut (ADR 0023,
 * app/lib/text.ts). Posted without JavaScript (the HTML answer is checked), plus two forms in
 * the browser with and without JavaScript.
 */
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import crypto from "node:crypto";
import { PERSONAS, query, sessionTokenFor } from "../support/e2e";
import { loadIds } from "../support/routes";
import type { Ids } from "./route-matrix.table";

type Who = keyof typeof PERSONAS | "anonymous";
type Fields = Record<string, string>;

interface FormRow {
  form: string;
  who: Who;
  url: (ids: Ids) => string;
  /** A valid form; `field` is then replaced by the hostile value. */
  fields: (ids: Ids) => Promise<Fields> | Fields;
  field: string;
  /** The field's limit in characters. */
  max: number;
}

const version = async (sql: string, arg: string) =>
  String((await query<{ v: number }>(sql, [arg]))[0]?.v ?? 1);

/** Every form whose text a person types (one text field each; the schemas share one helper). */
/** A valid new service request of the demo's policy-subsidy type. */
const newRequestFields = async (): Promise<Fields> => ({
  typeId: (
    await query<{ id: string }>("SELECT id FROM service_type WHERE code = 'policy-subsidy'")
  )[0]!.id,
  idempotencyKey: crypto.randomUUID(),
  subject: "A subject",
  description: "A description long enough.",
});

const FORMS: FormRow[] = [
  {
    form: "contact",
    who: "anonymous",
    url: () => "/contact",
    fields: () => ({
      name: "Ann",
      email: "ann@example.com",
      interest: "space",
      message: "A question about office space.",
    }),
    field: "message",
    max: 5000,
  },
  {
    form: "sign-up",
    who: "anonymous",
    url: () => "/signup",
    fields: () => ({ name: "Ann", email: "ann-text@example.com", password: "long enough pw" }),
    field: "name",
    max: 120,
  },
  {
    form: "account profile",
    who: "memberA",
    url: () => "/account",
    fields: () => ({ intent: "profile", name: "Member", locale: "en" }),
    field: "name",
    max: 120,
  },
  {
    form: "company edit",
    who: "ownerA",
    url: () => "/company/edit",
    fields: async (ids) => ({
      nameEn: "Company A",
      nameZh: "公司甲",
      industry: "other",
      size: "1-9",
      version: await version("SELECT version AS v FROM company WHERE id = $1", ids.companyA),
    }),
    field: "nameEn",
    max: 200,
  },
  {
    form: "new service request (subject)",
    who: "memberA",
    url: () => "/requests/new?type=policy-subsidy",
    fields: newRequestFields,
    field: "subject",
    max: 200,
  },
  {
    form: "new service request (description)",
    who: "memberA",
    url: () => "/requests/new?type=policy-subsidy",
    fields: newRequestFields,
    field: "description",
    max: 10000,
  },
  {
    form: "request reply",
    who: "memberA",
    url: (ids) => `/requests/${ids.requestA}`,
    fields: () => ({ intent: "reply", body: "Thanks" }),
    field: "body",
    max: 10000,
  },
  {
    form: "inquiry reply (desk)",
    who: "staff",
    url: (ids) => `/desk/inquiries/${ids.inquiryDemo}`,
    fields: async (ids) => ({
      intent: "reply",
      body: "Thank you",
      version: await version("SELECT version AS v FROM inquiry WHERE id = $1", ids.inquiryDemo),
    }),
    field: "body",
    max: 10000,
  },
  {
    form: "news article",
    who: "staff",
    url: () => "/desk/news/new",
    fields: () => ({ titleEn: "A title" }),
    field: "titleEn",
    max: 200,
  },
  {
    form: "service team",
    who: "admin",
    url: () => "/admin/services/teams",
    fields: () => ({ intent: "create-team", code: "text-team", nameEn: "Team", nameZh: "团队" }),
    field: "nameEn",
    max: 200,
  },
];

const CONTROL_MESSAGE = "invisible control characters";

async function client(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
  who: Who,
): Promise<APIRequestContext> {
  const cookie =
    who === "anonymous" ? "lang=en" : `session=${await sessionTokenFor(PERSONAS[who])}; lang=en`;
  return playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: cookie, Origin: baseURL },
  });
}

for (const row of FORMS) {
  test(`${row.form}: control characters and over-long text are field errors, input kept`, async ({
    playwright,
    baseURL,
  }) => {
    const ids = await loadIds();
    const api = await client(playwright, baseURL!, row.who);
    try {
      const marker = `kept-${crypto.randomBytes(4).toString("hex")}`;
      for (const bad of [`${marker}\u0000nul`, `${marker}\u001b[31m`, `${marker}\u0085`]) {
        const fields = { ...(await row.fields(ids)), [row.field]: bad };
        const res = await api.post(row.url(ids), { form: fields, maxRedirects: 0 });
        const html = await res.text();
        expect(res.status(), `${row.form} ${JSON.stringify(bad)}`).toBe(400);
        expect(html).toContain(CONTROL_MESSAGE);
        expect(html, "the input is kept").toContain(marker);
      }
      const long = `${marker}${"x".repeat(row.max + 1 - marker.length)}`;
      const fields = { ...(await row.fields(ids)), [row.field]: long };
      const res = await api.post(row.url(ids), { form: fields, maxRedirects: 0 });
      const html = await res.text();
      expect(res.status(), `${row.form} over-long`).toBe(400);
      expect(html, "the over-long input is kept whole").toContain(long);
      expect(html).toContain('aria-invalid="true"');
    } finally {
      await api.dispose();
    }
  });
}

async function contactPage(browser: Browser, javaScriptEnabled: boolean, baseURL: string) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL });
  await context.addCookies([{ name: "lang", value: "en", url: baseURL }]);
  return context;
}

for (const javaScriptEnabled of [true, false]) {
  test(`in the browser (${javaScriptEnabled ? "with" : "without"} JavaScript): a pasted control character in the contact form is a field error, nothing lost`, async ({
    browser,
    baseURL,
  }) => {
    const context = await contactPage(browser, javaScriptEnabled, baseURL!);
    const page = await context.newPage();
    await page.goto("/contact");
    await page.getByLabel("Your name").fill("Ann");
    await page.getByLabel("Email", { exact: true }).fill("ann@example.com");
    await page.getByLabel("You are interested in").selectOption("space");
    const message = "Hello,\u0000 a question about office space.";
    await page.getByLabel("Your message").fill(message);
    await page.getByRole("button", { name: "Send inquiry" }).click();
    await expect(page.getByText(CONTROL_MESSAGE).first()).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue("Ann");
    await expect(page.getByLabel("Your message")).toHaveValue(/a question about office space/);
    await context.close();
  });
}
