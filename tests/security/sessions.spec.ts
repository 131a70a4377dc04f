/**
 * Sessions over HTTP (ASVS 7.2.3, 7.2.4, 7.4.1): a session cookie planted before login is never
 * adopted (a new token on every login), the session table holds only SHA-256 hashes, and a
 * logged-out cookie replayed is anonymous. Password change, reset and an admin's disable are
 * replayed in tests/e2e/accounts.spec.ts and tests/e2e/admin.spec.ts.
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, query } from "../support/e2e";

const EMAIL = "reviewer2@demo.zizhupark.example";
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

function sessionFrom(setCookies: string[]): string {
  const cookie = setCookies.find((v) => /^session=/.test(v));
  expect(cookie, "a session Set-Cookie").toBeTruthy();
  return /^session=([^;]*)/.exec(cookie!)![1]!;
}

/** Plain fetch (no cookie jar): only the cookie given is sent. */
async function logIn(baseURL: string, cookie?: string): Promise<string> {
  const response = await fetch(new URL("/login", baseURL), {
    method: "POST",
    body: new URLSearchParams({ email: EMAIL, password: DEMO_PASSWORD, redirectTo: "" }),
    headers: { Origin: new URL(baseURL).origin, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return sessionFrom(response.headers.getSetCookie());
}

/** 200 for a signed-in cookie, 302 (to /login) for an anonymous one. */
async function accountStatus(baseURL: string, token: string): Promise<number> {
  const response = await fetch(new URL("/account", baseURL), {
    headers: { Cookie: `session=${token}` },
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

test("a cookie planted before login is replaced by a new session; every login gets a new token", async ({
  baseURL,
}) => {
  // A well-formed token an attacker chose (and so knows).
  const plantedToken = Array.from(
    crypto.randomBytes(32),
    (b) => "abcdefghijklmnopqrstuvwxyz234567"[b % 32],
  ).join("");
  const first = await logIn(baseURL!, `session=${plantedToken}`);
  expect(first).toMatch(/^[a-z2-7]{32}$/);
  expect(first).not.toBe(plantedToken);
  expect(await accountStatus(baseURL!, plantedToken)).toBe(302);
  expect(await accountStatus(baseURL!, first)).toBe(200);
  // Another login: another new token; the first stays its own session.
  const second = await logIn(baseURL!);
  expect(second).not.toBe(first);
  expect(await accountStatus(baseURL!, first)).toBe(200);
  expect(await accountStatus(baseURL!, second)).toBe(200);
});

test("the session table holds only SHA-256 hashes of tokens, never a token", async ({
  baseURL,
}) => {
  const token = await logIn(baseURL!);
  const rows = await query<{ id: string; row: string }>(
    "SELECT id, row_to_json(s)::text AS row FROM session s",
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((r) => r.id === sha256(token))).toBe(true);
  expect(rows.filter((r) => r.row.includes(token))).toEqual([]);
  for (const r of rows) expect(r.id).toMatch(/^[0-9a-f]{64}$/);
});

test("after logout the old cookie replayed is anonymous", async ({ baseURL }) => {
  const token = await logIn(baseURL!);
  expect(await accountStatus(baseURL!, token)).toBe(200);
  const logout = await fetch(new URL("/logout", baseURL), {
    method: "POST",
    headers: { Origin: new URL(baseURL!).origin, Cookie: `session=${token}` },
    redirect: "manual",
  });
  expect(logout.status).toBe(302);
  expect(sessionFrom(logout.headers.getSetCookie())).toBe(""); // the cookie is cleared
  expect(await accountStatus(baseURL!, token)).toBe(302);
  expect(await query("SELECT 1 FROM session WHERE id = $1", [sha256(token)])).toEqual([]);
});
