/**
 * Deny by default, proven: every route of the built app x every persona, GET and POST,
 * against the committed table in route-matrix.table.ts (and each row's further URLs, `more`).
 */
import { expect, test } from "@playwright/test";
import { PERSONAS as ACCOUNTS, sessionTokenFor } from "../support/e2e";
import { expected, loadIds, manifestRouteIds, routeUrl } from "../support/routes";
import { PERSONAS, ROUTES } from "./route-matrix.table";

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
      for (const one of [spec, ...(spec.more ?? [])]) {
        const target = routeUrl(one, ids);
        const get = await api.get(target, { maxRedirects: 0 });
        const wantGet = expected(one.get, persona);
        if (get.status() !== wantGet)
          failures.push(`GET ${target} (${route.id}): ${get.status()}, expected ${wantGet}`);
        const post = await api.post(target, {
          maxRedirects: 0,
          form: {},
          headers: { Origin: baseURL! },
        });
        const wantPost = route.hasAction ? expected(one.post ?? 405, persona) : 405;
        if (route.hasAction && one.post === undefined)
          failures.push(`${route.id} has an action but no POST row for ${target}`);
        if (post.status() !== wantPost)
          failures.push(`POST ${target} (${route.id}): ${post.status()}, expected ${wantPost}`);
      }
    }
    await api.dispose();
    expect(failures).toEqual([]);
  });
}
