/**
 * Deny by default, proven: every route of the built app x every persona, GET and POST,
 * against the committed table in route-matrix.table.ts.
 */
import path from "node:path";
import url from "node:url";
import { expect, test } from "@playwright/test";
import { PERSONAS as ACCOUNTS, query, sessionTokenFor } from "../support/e2e";
import { PERSONAS, ROUTES, type Expect, type Ids, type Persona } from "./route-matrix.table";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../..");

async function manifestRouteIds(): Promise<
  { id: string; hasAction: boolean; hasLoader: boolean }[]
> {
  const build = await import(url.pathToFileURL(path.join(root, "build/index.js")).href);
  return Object.values(
    build.routes as Record<string, { id: string; module: { action?: unknown; loader?: unknown } }>,
  )
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      hasAction: typeof r.module.action === "function",
      hasLoader: typeof r.module.loader === "function",
    }));
}

function expected(e: Expect, persona: Persona): number {
  return typeof e === "number" ? e : (e[persona] ?? e.default);
}

async function loadIds(): Promise<Ids> {
  const [a] = await query<{ id: string }>(
    "SELECT company_id AS id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
    [ACCOUNTS.memberA],
  );
  const [b] = await query<{ id: string }>(
    "SELECT company_id AS id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
    [ACCOUNTS.memberB],
  );
  const [m] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    ACCOUNTS.memberA,
  ]);
  const [s] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    ACCOUNTS.staff,
  ]);
  const [e] = await query<{ id: string }>("SELECT id FROM email ORDER BY created_at LIMIT 1");
  const none = "00000000-0000-0000-0000-000000000000";
  const [call] = await query<{ id: string }>(
    "SELECT id FROM incubation_call WHERE opens_at <= now() AND closes_at > now() ORDER BY created_at LIMIT 1",
  );
  const [appB] = await query<{ id: string }>(
    "SELECT id FROM application WHERE company_id = $1 AND call_id = $2",
    [b!.id, call?.id ?? none],
  );
  const [docB] = await query<{ id: string }>(
    "SELECT id FROM application_document WHERE application_id = $1 LIMIT 1",
    [appB?.id ?? none],
  );
  const [reqA] = await query<{ id: string; ref: string }>(
    "SELECT id, ref FROM service_request WHERE company_id = $1 AND idempotency_key = 'demo-seed-in-progress'",
    [a!.id],
  );
  const [fileA] = await query<{ id: string }>(
    "SELECT id FROM service_request_file WHERE request_id = $1 LIMIT 1",
    [reqA?.id ?? none],
  );
  const [article] = await query<{ id: string }>(
    "SELECT id FROM news_article WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
  );
  const [inquiry] = await query<{ id: string }>(
    "SELECT id FROM inquiry ORDER BY created_at LIMIT 1",
  );
  return {
    articleDemo: article?.id ?? none,
    inquiryDemo: inquiry?.id ?? none,
    companyA: a!.id,
    companyB: b!.id,
    userMemberA: m!.id,
    userStaff: s!.id,
    anyEmail: e?.id ?? none,
    callOpen: call?.id ?? none,
    applicationB: appB?.id ?? none,
    documentB: docB?.id ?? none,
    requestA: reqA?.ref ?? "SR-0000-000000",
    requestFileA: fileA?.id ?? none,
  };
}

test("every route in the manifest has a row in the table", async () => {
  const ids = (await manifestRouteIds()).map((r) => r.id);
  const missing = ids.filter((id) => !(id in ROUTES));
  expect(missing, "routes missing from tests/security/route-matrix.table.ts").toEqual([]);
  const stale = Object.keys(ROUTES).filter((id) => !ids.includes(id));
  expect(stale, "rows for routes that no longer exist").toEqual([]);
});

for (const persona of PERSONAS) {
  test(`route matrix as ${persona}`, async ({ playwright, baseURL }) => {
    const routes = await manifestRouteIds();
    const ids = await loadIds();
    const token = persona === "anonymous" ? undefined : await sessionTokenFor(ACCOUNTS[persona]);
    const host = new URL(baseURL!).hostname;
    const cookies = token
      ? [
          {
            name: "session",
            value: token,
            domain: host,
            path: "/",
            expires: -1,
            httpOnly: true,
            secure: false,
            sameSite: "Lax" as const,
          },
        ]
      : [];
    const api = await playwright.request.newContext({
      baseURL,
      storageState: { cookies, origins: [] },
    });
    const failures: string[] = [];
    const ordered = [...routes].sort(
      (a, b) => Number(!!ROUTES[a.id]?.endsSession) - Number(!!ROUTES[b.id]?.endsSession),
    );
    for (const route of ordered) {
      const spec = ROUTES[route.id];
      if (!spec) continue;
      const target = typeof spec.url === "function" ? spec.url(ids) : spec.url;
      const get = await api.get(target, { maxRedirects: 0 });
      const wantGet = expected(spec.get, persona);
      if (get.status() !== wantGet)
        failures.push(`GET ${target} (${route.id}): ${get.status()}, expected ${wantGet}`);
      const post = await api.post(target, {
        maxRedirects: 0,
        form: {},
        headers: { Origin: baseURL! },
      });
      const wantPost = route.hasAction ? expected(spec.post ?? 405, persona) : 405;
      if (route.hasAction && spec.post === undefined)
        failures.push(`${route.id} has an action but no POST row`);
      if (post.status() !== wantPost)
        failures.push(`POST ${target} (${route.id}): ${post.status()}, expected ${wantPost}`);
    }
    await api.dispose();
    expect(failures).toEqual([]);
  });
}
