/**
 * Nothing doubled (issue 11, ADR 0020): every create and reply form, posted twice at once with
 * one idempotency key and again after the redirect, makes one record and the emails of one
 * post; every answer is the same redirect. A control post with a new key then makes one more
 * record with as many emails. Also: each form's page renders the key; the bulk queue change
 * leaves a request a colleague changed meanwhile alone and names it.
 */
import crypto from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { loadIds } from "../support/routes";
import {
  createAccount,
  expect,
  insertOpenCall,
  loginAs,
  PERSONAS,
  query,
  sessionTokenFor,
  test,
} from "../support/e2e";

type Body = Record<string, string>;
interface FormCase {
  name: string;
  persona: keyof typeof PERSONAS | "anonymous" | "newUser";
  /** The page with the form (checked for a rendered key) and the action posted to. */
  page: () => Promise<string>;
  action?: () => Promise<string>;
  multipart?: boolean;
  body: (marker: string) => Promise<Body>;
  /** Counts the records one post makes ($1 = the marker). */
  count: string;
  /** False when a second record cannot exist (one company per person, one application per call). */
  control?: boolean;
}

const one = async (sql: string, values: unknown[] = []) =>
  (await query<{ v: string }>(sql, values))[0]!.v;
const requestA = () =>
  one("SELECT ref AS v FROM service_request WHERE idempotency_key = 'demo-seed-in-progress'");
const requestVersion = async () =>
  one("SELECT version::text AS v FROM service_request WHERE ref = $1", [await requestA()]);
const inquiry = () => one("SELECT id::text AS v FROM inquiry ORDER BY created_at LIMIT 1");
const inquiryVersion = async () =>
  one("SELECT version::text AS v FROM inquiry WHERE id = $1", [await inquiry()]);
const applicationB = async () => (await loadIds()).applicationB;
let callSlug = "";

const CASES: FormCase[] = [
  {
    name: "contact form (inquiry)",
    persona: "anonymous",
    page: async () => "/contact",
    body: async (m) => ({
      name: "Idem Visitor",
      email: `${m}@example.com`,
      interest: "space",
      message: `Inquiry ${m} about laboratory space.`,
    }),
    count: "SELECT count(*)::int AS n FROM inquiry WHERE email = $1 || '@example.com'",
  },
  {
    name: "requester reply",
    persona: "memberA",
    page: async () => `/requests/${await requestA()}`,
    multipart: true,
    body: async (m) => ({ intent: "reply", body: `Reply ${m}` }),
    count: "SELECT count(*)::int AS n FROM service_request_message WHERE body = 'Reply ' || $1",
  },
  {
    name: "staff public reply",
    persona: "staff",
    page: async () => `/desk/requests/${await requestA()}`,
    multipart: true,
    body: async (m) => ({
      intent: "message",
      version: await requestVersion(),
      visibility: "public",
      body: `Answer ${m}`,
    }),
    count: "SELECT count(*)::int AS n FROM service_request_message WHERE body = 'Answer ' || $1",
  },
  {
    name: "staff internal note on a request",
    persona: "staff",
    page: async () => `/desk/requests/${await requestA()}`,
    multipart: true,
    body: async (m) => ({
      intent: "message",
      version: await requestVersion(),
      visibility: "internal",
      body: `Note ${m}`,
    }),
    count: "SELECT count(*)::int AS n FROM service_request_message WHERE body = 'Note ' || $1",
  },
  {
    name: "new service request",
    persona: "memberA",
    page: async () => "/requests/new?type=policy-subsidy",
    action: async () => "/requests/new",
    multipart: true,
    body: async (m) => ({
      typeId: await one("SELECT id::text AS v FROM service_type WHERE code = 'policy-subsidy'"),
      subject: `Request ${m}`,
      description: "Which subsidies apply to us?",
    }),
    count: "SELECT count(*)::int AS n FROM service_request WHERE subject = 'Request ' || $1",
  },
  {
    name: "inquiry reply by email",
    persona: "staff",
    page: async () => `/desk/inquiries/${await inquiry()}`,
    body: async (m) => ({
      intent: "reply",
      body: `Inquiry reply ${m}`,
      version: await inquiryVersion(),
    }),
    count: "SELECT count(*)::int AS n FROM inquiry_event WHERE body = 'Inquiry reply ' || $1",
  },
  {
    name: "inquiry internal note",
    persona: "staff",
    page: async () => `/desk/inquiries/${await inquiry()}`,
    body: async (m) => ({
      intent: "note",
      body: `Inquiry note ${m}`,
      version: await inquiryVersion(),
    }),
    count: "SELECT count(*)::int AS n FROM inquiry_event WHERE body = 'Inquiry note ' || $1",
  },
  {
    name: "invitation",
    persona: "ownerA",
    page: async () => "/company",
    action: async () => "/company?index",
    body: async (m) => ({ intent: "invite", email: `${m}@example.com` }),
    count:
      "SELECT count(*)::int AS n FROM company_invitation WHERE email = $1 || '@example.com' AND revoked_at IS NULL",
  },
  {
    name: "company creation",
    persona: "newUser",
    page: async () => "/company/new",
    body: async (m) => ({
      nameEn: `Idem ${m}`,
      nameZh: "幂等公司",
      industry: "biomedicine",
      size: "1-9",
    }),
    count: "SELECT count(*)::int AS n FROM company WHERE name_en = 'Idem ' || $1",
    control: false,
  },
  {
    name: "news article",
    persona: "staff",
    page: async () => "/desk/news/new",
    body: async (m) => ({ intent: "save", titleEn: `News ${m}` }),
    count: "SELECT count(*)::int AS n FROM news_article WHERE title_en = 'News ' || $1",
  },
  {
    name: "incubation programme",
    persona: "staff",
    page: async () => "/desk/incubation",
    action: async () => "/desk/incubation?index",
    body: async (m) => ({ intent: "programme", slug: m, nameEn: `Programme ${m}`, nameZh: "项目" }),
    count: "SELECT count(*)::int AS n FROM incubation_programme WHERE slug = $1",
  },
  {
    name: "application start",
    persona: "ownerA",
    page: async () => `/incubation/calls/${callSlug}`,
    body: async () => ({ intent: "apply" }),
    count:
      "SELECT count(*)::int AS n FROM application a JOIN incubation_call c ON c.id = a.call_id WHERE c.slug = $1",
    control: false,
  },
  {
    name: "staff comment on an application",
    persona: "staff",
    page: async () => `/desk/incubation/applications/${await applicationB()}`,
    body: async (m) => ({ intent: "comment", body: `Comment ${m}` }),
    count: "SELECT count(*)::int AS n FROM application_comment WHERE body = 'Comment ' || $1",
  },
  {
    name: "shared queue view",
    persona: "staff",
    page: async () => "/desk/requests",
    action: async () => "/desk/requests?index",
    body: async (m) => ({ intent: "save-view", name: `View ${m}`, query: "state=open" }),
    count: "SELECT count(*)::int AS n FROM service_queue_view WHERE name = 'View ' || $1",
  },
  {
    name: "investment project (staff-made)",
    persona: "admin",
    page: async () => "/desk/projects/new",
    body: async (m) => ({ intent: "create", organisation: `Idem ${m}`, source: "event" }),
    count: "SELECT count(*)::int AS n FROM project WHERE organisation = 'Idem ' || $1",
  },
  {
    name: "investment project from an inquiry",
    persona: "admin",
    page: async () => `/desk/inquiries/${await inquiry()}`,
    action: async () => "/desk/projects/new",
    body: async (m) => {
      const id = await one(
        "INSERT INTO inquiry (reference, name, organisation, email, country, interest, message, locale) VALUES ($1, 'Idem Investor', $1, $1 || '@example.com', 'Japan', 'investment', 'A plant near Shanghai.', 'en') RETURNING id::text AS v",
        [m],
      );
      return { intent: "from-inquiry", inquiryId: id };
    },
    count: "SELECT count(*)::int AS n FROM project WHERE organisation = $1",
  },
  {
    name: "capital tranche",
    persona: "admin",
    page: async () => `/desk/projects/${(await loadIds()).projectDemo}`,
    body: async (m) => ({
      intent: "tranche-add",
      amount: "1000000",
      currency: "CNY",
      arrivedOn: "2026-11-02",
      note: `Tranche ${m}`,
    }),
    count: "SELECT count(*)::int AS n FROM project_tranche WHERE note = 'Tranche ' || $1",
  },
  {
    name: "service team (admin)",
    persona: "admin",
    page: async () => "/admin/services/teams",
    body: async (m) => ({ intent: "create-team", code: m, nameEn: `Team ${m}`, nameZh: "团队" }),
    count: "SELECT count(*)::int AS n FROM service_team WHERE code = $1",
  },
];

async function apiFor(
  persona: FormCase["persona"],
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
): Promise<APIRequestContext> {
  let cookie = "lang=en";
  if (persona === "newUser") {
    const { email } = await createAccount({ prefix: "idem", name: "Idem Founder" });
    cookie = `session=${await sessionTokenFor(email)}; lang=en`;
  } else if (persona !== "anonymous") {
    cookie = `session=${await sessionTokenFor(PERSONAS[persona])}; lang=en`;
  }
  return playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: cookie, Origin: baseURL },
  });
}

const emailsSince = async (since: Date) =>
  Number(await one("SELECT count(*)::text AS v FROM email WHERE created_at >= $1", [since]));

test.beforeAll(async () => {
  callSlug = `idem-${crypto.randomBytes(3).toString("hex")}`;
  await insertOpenCall(callSlug);
});

test.beforeEach(async () => {
  await query("DELETE FROM attempt_counter WHERE key LIKE 'inquiry:%'");
});

for (const c of CASES) {
  test(`${c.name}: two posts at once and one after the redirect make one record`, async ({
    playwright,
    baseURL,
  }) => {
    const api = await apiFor(c.persona, playwright, baseURL!);
    try {
      const pageUrl = await c.page();
      const html = await (await api.get(pageUrl)).text();
      expect(html, "the form renders a key").toMatch(/name="idempotencyKey" value="[\w-]{16,}"/);
      const action = c.action ? await c.action() : pageUrl;
      const post = (key: string, body: Body) =>
        api.post(action, {
          maxRedirects: 0,
          ...(c.multipart
            ? { multipart: { idempotencyKey: key, ...body } }
            : { form: { idempotencyKey: key, ...body } }),
        });
      const marker = `idem-${crypto.randomBytes(5).toString("hex")}`;
      const countOf = async (m: string) =>
        (await query<{ n: number }>(c.count, [c.name === "application start" ? callSlug : m]))[0]!
          .n;
      const key = crypto.randomBytes(16).toString("base64url");
      const body = await c.body(marker);
      const t0 = new Date();
      const before = await countOf(marker);
      const [a, b] = await Promise.all([post(key, body), post(key, body)]);
      const again = await post(key, body);
      for (const r of [a, b, again]) expect(r.status(), await r.text()).toBe(302);
      const location = a.headers()["location"];
      expect(b.headers()["location"]).toBe(location);
      expect(again.headers()["location"]).toBe(location);
      expect(await countOf(marker)).toBe(before + 1);
      const emails = await emailsSince(t0);
      if (c.control === false) return;
      // One post with a new key: one more record, and as many emails as the three posts made.
      const marker2 = `idem-${crypto.randomBytes(5).toString("hex")}`;
      const t1 = new Date();
      const control = await post(
        crypto.randomBytes(16).toString("base64url"),
        await c.body(marker2),
      );
      expect(control.status()).toBe(302);
      expect(await countOf(marker2)).toBe(1);
      expect(await emailsSince(t1)).toBe(emails);
    } finally {
      await api.dispose();
    }
  });
}

test("bulk change: a request a colleague changed after it was listed is left alone and named", async ({
  page,
  context,
  baseURL,
}) => {
  await loginAs(context, baseURL!, "staff");
  const refs = (
    await query<{ ref: string }>(
      "SELECT ref FROM service_request WHERE idempotency_key IN ('demo-seed-new', 'demo-seed-triaged') ORDER BY ref",
    )
  ).map((r) => r.ref);
  await page.goto("/desk/requests?state=all");
  for (const ref of refs) await page.getByLabel(`Select ${ref}`).check();
  // A colleague changes the first one while this page is open.
  await query(
    "UPDATE service_request SET priority = 'urgent', version = version + 1 WHERE ref = $1",
    [refs[0]],
  );
  await page.locator("#bulk-priority").selectOption("low");
  await page.getByRole("button", { name: "Review bulk change" }).click();
  await page.getByRole("button", { name: /Apply to 2 requests/ }).click();
  await expect(page.getByText(`left alone: ${refs[0]}`)).toBeVisible();
  const rows = await query<{ ref: string; priority: string }>(
    "SELECT ref, priority FROM service_request WHERE ref = ANY($1) ORDER BY ref",
    [refs],
  );
  expect(rows).toEqual([
    { ref: refs[0], priority: "urgent" },
    { ref: refs[1], priority: "low" },
  ]);
});
