/**
 * Browser-test helpers: direct database access, personas (demo accounts) logged in by
 * inserting a session row and setting its cookie (no clicking through the form), and the
 * development mailbox.
 */
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { hash } from "@node-rs/argon2";
import crypto from "node:crypto";
import pg from "pg";

export const E2E_DATABASE_URL = (() => {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  url.pathname = `/${process.env.E2E_DATABASE ?? "portal_e2e"}`;
  return url.toString();
})();

export const DEMO_PASSWORD = "zizhu-demo-2026";

export const PERSONAS = {
  memberA: "member@demo.zizhupark.example",
  ownerA: "owner@demo.zizhupark.example",
  memberB: "member-b@demo.zizhupark.example",
  ownerB: "owner-b@demo.zizhupark.example",
  reviewer: "reviewer@demo.zizhupark.example",
  staff: "staff@demo.zizhupark.example",
  admin: "admin@demo.zizhupark.example",
  /** Follows one demo project (ADR 0029); no company, no park role. */
  investor: "investor@demo.zizhupark.example",
  /** The mentor role only, assigned to company A's soft-landing incubation (ADR 0049). */
  mentor: "mentor@demo.zizhupark.example",
} as const;
export type Persona = keyof typeof PERSONAS | "anonymous";

let pool: pg.Pool | undefined;
export function sqlPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2 });
  return pool;
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await sqlPool().query<T>(text, values)).rows;
}

/**
 * A session token as the app makes one (32 base32 characters) and the id it is stored under
 * (its SHA-256, ADR 0003): insert `id` into `session`, send `token` as the cookie.
 */
export function newSessionToken(): { token: string; id: string } {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const token = Array.from(crypto.randomBytes(32), (b) => alphabet[b % 32]).join("");
  return { token, id: crypto.createHash("sha256").update(token).digest("hex") };
}

/** A new session for an account, as the app would create at login; returns the cookie value. */
export async function sessionTokenFor(email: string): Promise<string> {
  const [user] = await query<{ id: string }>(
    "SELECT id FROM app_user WHERE lower(email) = lower($1)",
    [email],
  );
  if (!user) throw new Error(`No user ${email}`);
  const { token, id } = newSessionToken();
  await query(
    "INSERT INTO session (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')",
    [id, user.id],
  );
  return token;
}

/**
 * An account made straight in the database, so that journeys which are not about signing up
 * spend no per-IP sign-up limit: English, its email confirmed unless `verified: false`. With
 * `password`, hashed as the app hashes (Argon2id, ADR 0003) so the login form accepts it;
 * without, no password matches. The email is `uniqueEmail(prefix)`.
 */
export async function createAccount(
  opts: { prefix?: string; name?: string; password?: string; verified?: boolean } = {},
): Promise<{ id: string; email: string; name: string }> {
  const email = uniqueEmail(opts.prefix ?? "account");
  const name = opts.name ?? "Journey Tester";
  const passwordHash = opts.password
    ? await hash(opts.password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
    : "not-a-real-hash";
  const [row] = await query<{ id: string }>(
    `INSERT INTO app_user (email, name, password_hash, locale, email_verified_at)
     VALUES ($1, $2, $3, 'en', ${opts.verified === false ? "NULL" : "now()"}) RETURNING id`,
    [email, name, passwordHash],
  );
  return { id: row!.id, email, name };
}

/** Signs `email` in in this browser context (a new session row and its cookie), in English. */
export async function signInContext(
  context: BrowserContext,
  baseURL: string,
  email: string,
): Promise<void> {
  await context.addCookies([
    { name: "lang", value: "en", url: baseURL, sameSite: "Lax" },
    {
      name: "session",
      value: await sessionTokenFor(email),
      url: baseURL,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
}

export async function loginAs(
  context: BrowserContext,
  baseURL: string,
  persona: Persona,
  /** The page language for this browser (a `lang` cookie): demo accounts differ in their own setting. */
  lang: "en" | "zh-CN" = "en",
): Promise<void> {
  await context.addCookies([{ name: "lang", value: lang, url: baseURL, sameSite: "Lax" }]);
  if (persona === "anonymous") return;
  const token = await sessionTokenFor(PERSONAS[persona]);
  await context.addCookies([
    { name: "session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}

/** A new signed-in browser context for any account (by email), in English. */
export async function contextFor(
  browser: Browser,
  baseURL: string,
  email: string,
  opts: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    locale: "en-GB",
  });
  await signInContext(context, baseURL, email);
  return context;
}

/** The newest email to an address from the development mailbox (the outbox table). */
export async function latestEmail(
  to: string,
  template?: string,
): Promise<{ subject: string; text_body: string }> {
  for (let i = 0; i < 50; i++) {
    const rows = await query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM email WHERE lower(to_address) = lower($1) ${template ? "AND template = $2" : ""} ORDER BY created_at DESC LIMIT 1`,
      template ? [to, template] : [to],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No email to ${to}`);
}

export function linkIn(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`No link in: ${text}`);
  return match[0];
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now()}-${crypto.randomBytes(3).toString("hex")}@example.com`;
}

/** Fails the test on any console error or page error (e.g. a CSP violation or hydration failure). */
export async function watchConsole(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("console", (m) => {
    // A form answered 400/409/422/429 is the app working as designed (invalid input, a conflict,
    // a refusal the user can correct (ADR 0025), throttling); Chromium still logs the response
    // as a failed resource load.
    if (
      m.type() === "error" &&
      !/^Failed to load resource: the server responded with a status of (400|409|422|429) /.test(
        m.text(),
      ) &&
      // The development mailbox shows an email's HTML in a frame without allow-scripts; now and
      // then Chromium reports refusing a script there that is not the page's (the email has
      // none: admin.spec.ts checks its srcdoc). That is the sandbox working.
      !/^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/.test(
        m.text(),
      )
    )
      errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors = await watchConsole(page);
    await use(errors);
    expect(errors, "console errors").toEqual([]);
  },
});
export { expect };

/**
 * An open call of the demo incubator inserted directly (for tests that are not about creating
 * calls): two required questions on steps 1 and 2, a required business plan, a one-line rubric;
 * open since yesterday, closing in ten days. Returns its id.
 */
export async function insertOpenCall(slug: string, title = `Test call ${slug}`): Promise<string> {
  const questions = [
    {
      key: "team",
      step: 1,
      labelEn: "Your team",
      labelZh: "团队",
      required: true,
      maxLength: 1000,
    },
    {
      key: "product",
      step: 2,
      labelEn: "Your product",
      labelZh: "产品",
      required: true,
      maxLength: 1000,
    },
  ];
  const documents = [
    { key: "business_plan", labelEn: "Business plan", labelZh: "商业计划书", required: true },
  ];
  const rubric = [{ key: "team", labelEn: "Team", labelZh: "团队", weight: 1, max: 5 }];
  const [row] = await query<{ id: string }>(
    `INSERT INTO incubation_call (programme_id, slug, title_en, title_zh, opens_at, closes_at, places, questions, documents, rubric)
     SELECT id, $1, $2, $2, now() - interval '1 day', now() + interval '10 days', 5, $3, $4, $5
     FROM incubation_programme WHERE slug = 'incubator' RETURNING id`,
    [slug, title, JSON.stringify(questions), JSON.stringify(documents), JSON.stringify(rubric)],
  );
  return row!.id;
}
