/**
 * Open redirects (issue 11): every route that sends the browser to a target the request chose
 * (`redirectTo`, `next`, `back`) is fed the hostile corpus in Chromium, and the browser must
 * end on the portal, on the route's default page, without a single request to another
 * origin. The language switch (the cheapest) takes the whole corpus; the other routes take one
 * target of each kind, to keep the file fast. The whole corpus is unit-tested against
 * `safeRedirect` (app/lib/redirect.test.ts).
 */
import crypto from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import {
  createAccount,
  expect,
  loginAs,
  query,
  sessionTokenFor,
  test,
  uniqueEmail,
} from "../support/e2e";
import { HOSTILE_REDIRECTS, HOSTILE_REDIRECTS_CORE } from "../support/redirect-corpus";

const PASSWORD = "redirect corpus password";

interface Watch {
  page: Page;
  offsite: string[];
}

async function watched(context: BrowserContext, origin: string): Promise<Watch> {
  const page = await context.newPage();
  const offsite: string[] = [];
  context.on("request", (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && new URL(url).origin !== origin) offsite.push(url);
  });
  return { page, offsite };
}

/**
 * Submits a plain HTML form from the portal page the browser is on (contexts here run
 * without JavaScript, so nothing but Chromium handles the answer) and waits for where it
 * lands: the redirect is followed by Chromium itself.
 */
async function postForm(page: Page, action: string, fields: Record<string, string>) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page
      .evaluate(
        ([to, values]) => {
          const form = document.createElement("form");
          form.method = "post";
          form.action = to;
          for (const [name, value] of Object.entries(values)) {
            const input = document.createElement("textarea");
            input.name = name;
            input.value = value;
            form.append(input);
          }
          document.body.append(form);
          form.submit();
        },
        [action, fields] as const,
      )
      // The navigation may end the evaluation's context before it reports back.
      .catch((error: Error) => {
        if (!/context was destroyed|navigat/i.test(error.message)) throw error;
      }),
  ]);
}

/** A browser context without JavaScript, on a portal page, watching for other origins. */
async function plainContext(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const w = await watched(context, new URL(baseURL).origin);
  await w.page.goto("/news");
  return { context, w };
}

function expectHome(w: Watch, origin: string, path: string, target: string) {
  const url = new URL(w.page.url());
  expect(url.origin, JSON.stringify(target)).toBe(origin);
  expect(url.pathname, JSON.stringify(target)).toBe(path);
  expect(w.offsite, JSON.stringify(target)).toEqual([]);
}

const newAccount = (verified: boolean) =>
  createAccount({ prefix: "redirects", name: "Redirect Tester", password: PASSWORD, verified });

test.describe.configure({ timeout: 90_000 });

test.afterAll(async () => {
  // Leave the per-IP limits as other specs expect them (every test browser is 127.0.0.1).
  await query(
    "DELETE FROM attempt_counter WHERE key LIKE 'signup:%' OR key LIKE 'verify-resend:%' OR key LIKE 'login:%'",
  );
});

/** Runs `check` for every target, in a few browser contexts at once (each its own session). */
async function inParallel(
  browser: Browser,
  baseURL: string,
  lanes: number,
  check: (w: Watch, context: BrowserContext, target: string) => Promise<void>,
  targets: readonly string[] = HOSTILE_REDIRECTS,
) {
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const { context, w } = await plainContext(browser, baseURL);
      for (const target of targets.filter((_, i) => i % lanes === lane))
        await check(w, context, target);
      await context.close();
    }),
  );
}

test("sign-in: the browser stays on the portal for every hostile redirectTo", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const { email } = await newAccount(true);
  await inParallel(
    browser,
    baseURL!,
    3,
    async (w, context, target) => {
      await context.clearCookies();
      // The sign-in form's hidden field carries the page's redirectTo, as the browser sends it.
      await postForm(w.page, "/login", { email, password: PASSWORD, redirectTo: target });
      expectHome(w, origin, "/account", target);
    },
    HOSTILE_REDIRECTS_CORE,
  );
  // And once through the page itself, with JavaScript (Remix's client-side redirect).
  const context = await browser.newContext({ baseURL });
  const w = await watched(context, origin);
  await w.page.goto(`/login?redirectTo=${encodeURIComponent("/%09/evil.example")}`);
  await w.page.getByLabel("Email address").fill(email);
  await w.page.getByLabel("Password").fill(PASSWORD);
  await w.page.getByRole("button", { name: "Sign in" }).click();
  await w.page.waitForURL((url) => url.pathname !== "/login", { waitUntil: "load" });
  expectHome(w, origin, "/account", "/%09/evil.example");
  await context.close();
});

test("sign-up: the browser stays on the portal for every hostile redirectTo", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  await inParallel(
    browser,
    baseURL!,
    3,
    async (w, context, target) => {
      await context.clearCookies();
      await query("DELETE FROM attempt_counter WHERE key LIKE 'signup:%'");
      await postForm(w.page, "/signup", {
        name: "Redirect Tester",
        email: uniqueEmail("redirect-signup"),
        password: PASSWORD,
        locale: "en",
        redirectTo: target,
      });
      expectHome(w, origin, "/login", target);
      // The target was dropped, not carried on to the sign-in page.
      expect(new URL(w.page.url()).search, JSON.stringify(target)).toBe("");
    },
    HOSTILE_REDIRECTS_CORE,
  );
});

test("the confirmation link's next stays on the portal", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const { id } = await newAccount(false);
  // A fresh link for each target, opened signed out (its button posts to the link's URL).
  await inParallel(
    browser,
    baseURL!,
    3,
    async (w, _context, target) => {
      const token = crypto.randomBytes(20).toString("hex");
      await query(
        `INSERT INTO user_token (id, user_id, purpose, expires_at)
       VALUES ($1, $2, 'verify_email', now() + interval '1 hour')`,
        [crypto.createHash("sha256").update(token).digest("hex"), id],
      );
      await postForm(w.page, `/verify-email?token=${token}&next=${encodeURIComponent(target)}`, {
        token,
      });
      expectHome(w, origin, "/login", target);
      expect(new URL(w.page.url()).search, JSON.stringify(target)).toBe("");
    },
    HOSTILE_REDIRECTS_CORE,
  );
});

test("the language switch stays on the portal", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await inParallel(browser, baseURL!, 3, async (w, _context, target) => {
    await postForm(w.page, "/language", { locale: "en", redirectTo: target });
    expectHome(w, origin, "/", target);
  });
});

test("the verify banner's resend stays on the portal", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const { email } = await newAccount(false);
  const { context, w } = await plainContext(browser, baseURL!);
  const token = await sessionTokenFor(email);
  await context.addCookies([{ name: "session", value: token, url: baseURL!, httpOnly: true }]);
  for (const target of HOSTILE_REDIRECTS_CORE) {
    await postForm(w.page, "/verify-email/resend", { redirectTo: target });
    expectHome(w, origin, "/account", target);
  }
  await context.close();
});

test("company creation's redirectTo stays on the portal", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // An owner who already has a company is sent on from /company/new at once.
  const owner = await browser.newContext({ baseURL });
  await loginAs(owner, baseURL!, "ownerA");
  const w = await watched(owner, origin);
  for (const target of HOSTILE_REDIRECTS_CORE) {
    await w.page.goto(`/company/new?redirectTo=${encodeURIComponent(target)}`);
    expectHome(w, origin, "/company", target);
  }
  await owner.close();
});

test("the desk queue's back stays on the portal", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Staff: the queue's forms come back to the list with the query they were posted from.
  const { context: staff, w: s } = await plainContext(browser, baseURL!);
  await loginAs(staff, baseURL!, "staff");
  for (const target of HOSTILE_REDIRECTS_CORE) {
    await postForm(s.page, "/desk/requests", {
      intent: "delete-view",
      viewId: crypto.randomUUID(),
      back: `?${target}`,
    });
    expectHome(s, origin, "/desk/requests", target);
  }
  await staff.close();
});

test("a form kept across a sign-in (/keep) goes on only to a portal page", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  // Signed in meanwhile: /keep sends the form on to its target, or home when that is hostile.
  const { context, w } = await plainContext(browser, baseURL!);
  await loginAs(context, baseURL!, "ownerA");
  for (const target of HOSTILE_REDIRECTS_CORE) {
    await postForm(w.page, `/keep?to=${encodeURIComponent(target)}`, { subject: "kept" });
    expectHome(w, origin, "/", target);
  }
  await context.close();
});
