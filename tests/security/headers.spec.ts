/**
 * Security headers on every kind of response (ADR 0008): CSP with a fresh nonce per request,
 * nosniff, Referrer-Policy; the nonce is on the page's scripts and never in loader data; the
 * session cookie's attributes on the login response.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/e2e";

function cspDirectives(response: APIResponse): Map<string, string> {
  const csp = response.headers()["content-security-policy"];
  expect(csp, `CSP on ${response.url()}`).toBeTruthy();
  return new Map(
    csp!
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(" ")] as const;
      }),
  );
}

function nonceOf(response: APIResponse): string {
  const match = /'nonce-([A-Za-z0-9+/=]+)'/.exec(cspDirectives(response).get("script-src") ?? "");
  expect(match, "script-src carries a nonce").toBeTruthy();
  return match![1]!;
}

function expectBaseline(response: APIResponse) {
  const csp = cspDirectives(response);
  expect(csp.get("object-src")).toBe("'none'");
  expect(csp.get("base-uri")).toBe("'none'");
  expect(csp.get("frame-ancestors")).toBe("'none'");
  expect(csp.get("default-src")).toBe("'self'");
  expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  nonceOf(response);
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toBeTruthy();
  expect(headers["x-powered-by"]).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ request }) => {
  const cases: [string, number][] = [
    ["/", 200],
    ["/login", 200],
    ["/login.data", 200],
    ["/_root.data", 200],
    ["/healthz", 200],
    ["/no-such-page-anywhere", 404],
    ["/favicon.svg", 200],
  ];
  for (const [path, status] of cases) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
    expectBaseline(response);
  }
  // A refused cross-site POST still carries them.
  const refused = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "x" },
  });
  expect(refused.status()).toBe(403);
  expectBaseline(refused);
});

test("the nonce is new on every response, is on the page's scripts, and never inside loader data", async ({
  request,
}) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const nonce = nonceOf(first);
  expect(nonceOf(second)).not.toBe(nonce);
  expect(nonce.length).toBeGreaterThanOrEqual(16);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) {
    // Every script, inline or not, carries this response's nonce (strict-dynamic needs it).
    expect(tag).toContain(`nonce="${nonce}"`);
  }
  // The loader data (window.__remixContext, streamed into the page) never holds the nonce:
  // every occurrence of it is a nonce attribute.
  expect(html).toContain("window.__remixContext");
  const occurrences = html.split(nonce).length - 1;
  const asAttribute = html.split(`nonce="${nonce}"`).length - 1;
  expect(occurrences).toBe(asAttribute);
  // Nor does the data endpoint.
  const data = await request.get("/_root.data");
  expect(await data.text()).not.toContain(nonceOf(data));
});

test("the login response sets the session cookie HttpOnly, SameSite=Lax, Path=/ (not Secure on http)", async ({
  request,
}) => {
  const response = await request.post("/login", {
    form: { email: "reviewer2@demo.zizhupark.example", password: DEMO_PASSWORD, redirectTo: "" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const cookies = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
  const session = cookies.find((c) => /^(__Host-)?session=/.test(c));
  expect(session, `a session cookie among ${cookies.length} Set-Cookie headers`).toBeTruthy();
  const [pair, ...attrs] = session!.split(";").map((p) => p.trim());
  const attributes = new Map(
    attrs.map((a) => {
      const [k, ...v] = a.split("=");
      return [k!.toLowerCase(), v.join("=")] as const;
    }),
  );
  expect(pair).toMatch(/^session=[a-z2-7]{32}$/);
  expect(attributes.has("httponly")).toBe(true);
  expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
  expect(attributes.get("path")).toBe("/");
  expect(attributes.has("domain")).toBe(false);
  expect(attributes.has("secure")).toBe(false);
});
