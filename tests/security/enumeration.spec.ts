/**
 * No account enumeration (issue 11): sign-up and password reset answer a taken (or known)
 * address exactly as a new (or unknown) one, and do the same work; the address's owner is
 * told by email instead.
 */
import type { APIResponse } from "@playwright/test";
import { createAccount, expect, latestEmail, query, test, uniqueEmail } from "../support/e2e";

const PASSWORD = "enumeration test password";

const owner = async () =>
  (await createAccount({ prefix: "owner", name: "Real Owner", password: PASSWORD })).email;

/** What a client can see of an answer, with the address it sent replaced by a marker. */
async function seen(response: APIResponse, email: string) {
  const cookies = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => {
      const [pair = "", ...attrs] = h.value.split(";");
      const [name = "", value = ""] = pair.split("=");
      // A Remix cookie: URI-encoded base64 of JSON (app/lib/cookies.server.ts).
      const decoded =
        name === "toast" ? Buffer.from(decodeURIComponent(value), "base64").toString() : value;
      return [name, decoded, ...attrs.map((a) => a.trim())].join(";");
    });
  return JSON.stringify({
    status: response.status(),
    location: response.headers()["location"] ?? null,
    cookies,
    // The page, less its per-response CSP nonce.
    body: (await response.text()).replace(/nonce="[^"]*"/g, 'nonce=""'),
  }).replaceAll(email, "<email>");
}

test.beforeAll(async () => {
  await query("DELETE FROM attempt_counter WHERE key LIKE 'signup:%' OR key LIKE 'reset:%'");
});
test.afterAll(async () => {
  await query("DELETE FROM attempt_counter WHERE key LIKE 'signup:%' OR key LIKE 'reset:%'");
});

test("sign-up with a taken address answers exactly as with a new one; the owner is told", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const taken = await owner();
  const free = uniqueEmail("free");
  const post = (email: string) =>
    request.post("/signup?redirectTo=%2Fnews", {
      headers: { Origin: origin },
      maxRedirects: 0,
      form: {
        name: "Park IT security: verify at https://evil.example",
        email,
        password: "a stranger's password",
        locale: "en",
        redirectTo: "/news",
      },
    });
  const forTaken = await seen(await post(taken), taken);
  const forFree = await seen(await post(free), free);
  expect(forTaken).toBe(forFree);
  expect(JSON.parse(forFree)).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fnews" });
  // Nobody was signed in, in either case.
  expect(forFree).not.toContain("session=");

  // The owner hears of it; the new address gets its confirmation link; neither carries the
  // name the stranger typed.
  const notice = await latestEmail(taken, "addressInUse");
  expect(notice.text_body).toContain(`${origin}/forgot-password`);
  const confirm = await latestEmail(free, "verifyEmail");
  expect(confirm.text_body).toContain("next=%2Fnews");
  for (const mail of [notice, confirm])
    expect(`${mail.subject}\n${mail.text_body}`).not.toMatch(/evil|Park IT/);
  // The owner's account is untouched: the stranger's password does not open it.
  const [row] = await query<{ name: string }>("SELECT name FROM app_user WHERE email = $1", [
    taken,
  ]);
  expect(row?.name).toBe("Real Owner");
});

test("a reset for an unknown address answers the same and queues the same job; only a real account gets a link", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const known = await owner();
  const unknown = uniqueEmail("nobody");
  const post = (email: string) =>
    request.post("/forgot-password", {
      headers: { Origin: origin },
      maxRedirects: 0,
      form: { email },
    });
  expect(await seen(await post(unknown), unknown)).toBe(await seen(await post(known), known));
  const jobs = await query<{ email: string; keys: string[] }>(
    `SELECT payload->>'email' AS email, ARRAY(SELECT jsonb_object_keys(payload) ORDER BY 1) AS keys
     FROM job WHERE task = 'password-reset' AND payload->>'email' IN ($1, $2)`,
    [known, unknown],
  );
  expect(jobs.map((j) => j.keys)).toEqual([
    ["email", "origin", "requestedAt"],
    ["email", "origin", "requestedAt"],
  ]);
  // The worker decides: a link to the account, nothing to the unknown address.
  await latestEmail(known, "resetPassword");
  await expect
    .poll(
      async () =>
        (
          await query<{ n: number }>(
            "SELECT count(*)::int AS n FROM job WHERE task = 'password-reset' AND completed_at IS NOT NULL AND payload->>'email' = $1",
            [unknown],
          )
        )[0]?.n,
    )
    .toBe(1);
  expect(await query("SELECT 1 FROM email WHERE to_address = $1", [unknown])).toEqual([]);
});
