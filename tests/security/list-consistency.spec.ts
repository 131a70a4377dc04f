/**
 * Lists agree with the single-record permission check (ASVS 8.2.1, 8.2.2; issue 6): for each
 * list page and each persona who can open it,
 * - every record the page links to opens for that persona (200): a list never shows what the
 *   record's own page would refuse;
 * - every record the persona may see (a database query of the rule, written here from the
 *   product's rules, not from the app's code) is listed, following "next page" links;
 * - a few records the persona may NOT see answer 404 (or 403) on their detail page.
 * Plain HTTP with a session cookie (no browser), so the whole file runs in seconds.
 */
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { PERSONAS as ACCOUNTS, query, sessionTokenFor, type Persona } from "../support/e2e";

type SignedIn = Exclude<Persona, "anonymous">;

interface ListCase {
  name: string;
  personas: Persona[];
  list: string;
  /** The detail links of the list: the first capture group is the record's key. */
  link: RegExp;
  /** Turns a key back into the detail URL. */
  detail: (key: string) => string;
  /** Keys of every record this persona may see and the list must show (SQL of the rule). */
  permitted: (p: Persona) => Promise<string[]>;
  /** Keys of records this persona may not open (a sample is tried: 404 or 403 expected). */
  forbidden?: (p: Persona) => Promise<string[]>;
  /** The demo data may leave this list empty for some persona (otherwise an empty list fails). */
  mayBeEmpty?: boolean;
}

async function companyOf(p: Persona): Promise<string | null> {
  if (p === "anonymous") return null;
  const [row] = await query<{ company_id: string }>(
    "SELECT m.company_id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE lower(u.email) = lower($1)",
    [ACCOUNTS[p]],
  );
  return row?.company_id ?? null;
}
async function userId(p: SignedIn): Promise<string> {
  const [row] = await query<{ id: string }>(
    "SELECT id FROM app_user WHERE lower(email) = lower($1)",
    [ACCOUNTS[p]],
  );
  return row!.id;
}
const keys = async (sql: string, values: unknown[] = []) =>
  (await query<{ k: string }>(sql, values)).map((r) => r.k);
const companyPersonas: Persona[] = ["memberA", "ownerA", "memberB"];

const CASES: ListCase[] = [
  {
    name: "company: service requests",
    personas: companyPersonas,
    list: "/requests",
    link: /^\/requests\/(SR-[0-9]{4}-[0-9]+)$/,
    detail: (k) => `/requests/${k}`,
    permitted: async (p) =>
      keys("SELECT ref AS k FROM service_request WHERE company_id = $1", [await companyOf(p)]),
    forbidden: async (p) =>
      keys(
        "SELECT ref AS k FROM service_request WHERE company_id <> $1 ORDER BY created_at DESC LIMIT 3",
        [await companyOf(p)],
      ),
  },
  {
    name: "company: applications",
    personas: companyPersonas,
    list: "/applications",
    link: /^\/applications\/([0-9a-f-]{36})$/,
    detail: (k) => `/applications/${k}`,
    permitted: async (p) =>
      keys("SELECT id::text AS k FROM application WHERE company_id = $1", [await companyOf(p)]),
    forbidden: async (p) =>
      keys(
        "SELECT id::text AS k FROM application WHERE company_id <> $1 ORDER BY created_at DESC LIMIT 3",
        [await companyOf(p)],
      ),
  },
  {
    name: "reviewer: assigned applications",
    personas: ["reviewer"],
    list: "/review",
    link: /^\/review\/([0-9a-f-]{36})$/,
    detail: (k) => `/review/${k}`,
    permitted: async (p) =>
      keys(
        "SELECT application_id::text AS k FROM review_assignment WHERE reviewer_id = $1 AND conflict_declared_at IS NULL",
        [await userId(p as SignedIn)],
      ),
    forbidden: async (p) =>
      keys(
        `SELECT a.id::text AS k FROM application a WHERE a.status <> 'draft' AND NOT EXISTS (
           SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.reviewer_id = $1
             AND r.conflict_declared_at IS NULL) ORDER BY a.created_at DESC LIMIT 3`,
        [await userId(p as SignedIn)],
      ),
  },
  {
    name: "staff: service request queue (every request)",
    personas: ["staff", "admin"],
    list: "/desk/requests?state=all&sort=newest",
    link: /^\/desk\/requests\/(SR-[0-9]{4}-[0-9]+)$/,
    detail: (k) => `/desk/requests/${k}`,
    permitted: () => keys("SELECT ref AS k FROM service_request"),
  },
  {
    name: "staff: incubation calls",
    personas: ["staff", "admin"],
    list: "/desk/incubation",
    link: /^\/desk\/incubation\/calls\/([0-9a-f-]{36})$/,
    detail: (k) => `/desk/incubation/calls/${k}`,
    permitted: () => keys("SELECT id::text AS k FROM incubation_call"),
  },
  {
    name: "staff: news desk (every article)",
    personas: ["staff"],
    list: "/desk/news",
    link: /^\/desk\/news\/([0-9a-f-]{36})$/,
    detail: (k) => `/desk/news/${k}`,
    permitted: () => keys("SELECT id::text AS k FROM news_article"),
  },
  {
    name: "staff: inquiries inbox",
    personas: ["staff"],
    list: "/desk/inquiries",
    link: /^\/desk\/inquiries\/([0-9a-f-]{36})$/,
    detail: (k) => `/desk/inquiries/${k}`,
    permitted: () => keys("SELECT id::text AS k FROM inquiry"),
  },
  {
    name: "admin: users",
    personas: ["admin"],
    list: "/admin/users",
    link: /^\/admin\/users\/([0-9a-f-]{36})$/,
    detail: (k) => `/admin/users/${k}`,
    permitted: () => keys("SELECT id::text AS k FROM app_user"),
  },
  {
    name: "admin: companies",
    personas: ["admin"],
    list: "/admin/companies",
    link: /^\/admin\/companies\/([0-9a-f-]{36})$/,
    detail: (k) => `/admin/companies/${k}`,
    permitted: () => keys("SELECT id::text AS k FROM company"),
  },
  {
    name: "public: news (published only)",
    personas: ["anonymous", "memberB"],
    list: "/news",
    link: /^\/news\/([a-z0-9-]+)$/,
    detail: (k) => `/news/${k}`,
    permitted: () =>
      keys(
        "SELECT slug AS k FROM news_article WHERE status = 'published' AND published_at <= now()",
      ),
    forbidden: () =>
      keys(
        "SELECT slug AS k FROM news_article WHERE slug IS NOT NULL AND (status <> 'published' OR published_at > now()) LIMIT 3",
      ),
  },
  {
    name: "notifications (own only)",
    personas: ["memberA", "staff"],
    list: "/notifications",
    // A notification links to the record it is about; the record must open for its reader.
    link: /^(\/(?:requests|desk\/requests|applications|review|desk\/incubation\/applications)\/[^?#]+)$/,
    detail: (k) => k,
    permitted: async (p) =>
      keys(
        `SELECT link AS k FROM (SELECT link, created_at FROM notification WHERE user_id = $1
           ORDER BY created_at DESC LIMIT 50) n
         WHERE link ~ '^/(requests|desk/requests|applications|review|desk/incubation/applications)/'`,
        [await userId(p as SignedIn)],
      ),
  },
];

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) =>
    m[1]!.replaceAll("&amp;", "&").replaceAll("&#x27;", "'"),
  );
}

/** The list page and every next page (links carrying `after=` or `cursor=`), de-duplicated. */
async function collect(api: APIRequestContext, start: string, link: RegExp): Promise<string[]> {
  const found = new Set<string>();
  const seen = new Set<string>();
  let url: string | undefined = start;
  for (let page = 0; url && page < 50; page++) {
    seen.add(url);
    const response = await api.get(url, { maxRedirects: 0 });
    expect(response.status(), `GET ${url}`).toBe(200);
    const links = hrefs(await response.text());
    for (const h of links) {
      const m = link.exec(h);
      if (m) found.add(m[1]!);
    }
    url = links.find((h) => /[?&](after|cursor)=/.test(h) && !seen.has(h) && h.startsWith("/"));
  }
  return [...found];
}

async function as(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  persona: Persona,
): Promise<APIRequestContext> {
  const headers: Record<string, string> = { Cookie: "lang=en" };
  if (persona !== "anonymous")
    headers.Cookie += `; session=${await sessionTokenFor(ACCOUNTS[persona])}`;
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
}

for (const c of CASES) {
  test(`list agrees with the record check: ${c.name}`, async ({ playwright, baseURL }) => {
    for (const persona of c.personas) {
      const api = await as(playwright, baseURL!, persona);
      try {
        const listed = await collect(api, c.list, c.link);
        const permitted = await c.permitted(persona);
        if (!c.mayBeEmpty)
          expect(permitted.length, `${persona}: demo records for ${c.list}`).toBeGreaterThan(0);
        // Each listed record opens for the same persona.
        const refused: string[] = [];
        for (const key of listed) {
          const status = (await api.get(c.detail(key), { maxRedirects: 0 })).status();
          if (status !== 200) refused.push(`${c.detail(key)}: ${status}`);
        }
        expect(refused, `${persona}: listed on ${c.list} but refused`).toEqual([]);
        // Everything the rule allows is listed, and nothing else.
        expect(
          permitted.filter((k) => !listed.includes(k)),
          `${persona}: allowed but missing from ${c.list}`,
        ).toEqual([]);
        expect(
          listed.filter((k) => !permitted.includes(k)),
          `${persona}: listed on ${c.list} but not allowed by the rule`,
        ).toEqual([]);
        // Records of others stay closed.
        for (const key of (await c.forbidden?.(persona)) ?? []) {
          const status = (await api.get(c.detail(key), { maxRedirects: 0 })).status();
          expect([403, 404], `${persona}: ${c.detail(key)}`).toContain(status);
        }
      } finally {
        await api.dispose();
      }
    }
  });
}

test("list agrees with the record check: desk applications of each call", async ({
  playwright,
  baseURL,
}) => {
  const api = await as(playwright, baseURL!, "staff");
  try {
    const calls = await keys("SELECT id::text AS k FROM incubation_call");
    for (const call of calls) {
      const listed = await collect(
        api,
        `/desk/incubation/calls/${call}`,
        /^\/desk\/incubation\/applications\/([0-9a-f-]{36})$/,
      );
      // Submitted applications of the call (drafts stay with their company).
      const permitted = await keys(
        "SELECT id::text AS k FROM application WHERE call_id = $1 AND status <> 'draft'",
        [call],
      );
      expect(listed.sort(), `call ${call}`).toEqual(permitted.sort());
      for (const key of listed)
        expect(
          (await api.get(`/desk/incubation/applications/${key}`, { maxRedirects: 0 })).status(),
        ).toBe(200);
    }
  } finally {
    await api.dispose();
  }
});

test("list agrees with the record check: company members and public calls", async ({
  playwright,
  baseURL,
}) => {
  // Company members: the page names exactly the members of the persona's own company.
  for (const persona of ["memberA", "memberB"] as const) {
    const api = await as(playwright, baseURL!, persona);
    try {
      const html = await (await api.get("/company")).text();
      const mine = await keys(
        "SELECT u.email AS k FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE m.company_id = $1",
        [await companyOf(persona)],
      );
      const others = await keys(
        "SELECT u.email AS k FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE m.company_id <> $1",
        [await companyOf(persona)],
      );
      expect(mine.length).toBeGreaterThan(0);
      for (const email of mine) expect(html, `${persona} sees ${email}`).toContain(email);
      for (const email of others)
        expect(html, `${persona} must not see ${email}`).not.toContain(email);
    } finally {
      await api.dispose();
    }
  }
  // Public incubation page: each linked call opens anonymously.
  const anon = await as(playwright, baseURL!, "anonymous");
  try {
    const listed = await collect(anon, "/incubation", /^\/incubation\/calls\/([a-z0-9-]+)$/);
    expect(listed.length).toBeGreaterThan(0);
    for (const slug of listed)
      expect((await anon.get(`/incubation/calls/${slug}`)).status(), slug).toBe(200);
  } finally {
    await anon.dispose();
  }
});
