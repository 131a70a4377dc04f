/**
 * The built server in production behind HTTPS (PUBLIC_URL=https://..., as behind a TLS proxy),
 * as its own process with its JSON logs captured at trace level:
 * - the session cookie on the login response is `__Host-session`, Secure, HttpOnly,
 *   SameSite=Lax, Path=/ and has no Domain; every response carries HSTS (ASVS 3.3.1-3.3.4, 3.4.1);
 * - journeys that handle secrets (wrong and right logins, a password reset through the emailed
 *   link, a password change, an invitation, logout) leave no password, session token, reset
 *   token or invitation token in any log line (ASVS 16.2.1; ADR 0009).
 * No browser; one server start (~5 s).
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "../support/e2e";
import {
  freePort,
  kill,
  scratchDatabase,
  startReadyServer,
  stopServer,
  type ServerProcess,
} from "../support/server";

test.describe.configure({ timeout: 180_000 });

function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of response.headers.getSetCookie()) out.set(c.split("=")[0]!, c);
  return out;
}

function attributes(cookie: string): Map<string, string> {
  const [, ...attrs] = cookie.split(";").map((p) => p.trim());
  return new Map(
    attrs.map((a) => {
      const [k, ...v] = a.split("=");
      return [k!.toLowerCase(), v.join("=")] as const;
    }),
  );
}

test("behind HTTPS: __Host- Secure session cookie and HSTS; no secret of any journey in the logs", async () => {
  const database = await scratchDatabase("portal_secmap_https");
  const db = new pg.Client({ connectionString: database.url });
  const secrets: Record<string, string> = { "demo password": DEMO_PASSWORD };
  let server: ServerProcess | undefined;
  try {
    const port = await freePort();
    server = await startReadyServer(
      {
        PUBLIC_URL: `https://127.0.0.1:${port}`,
        DATABASE_URL: database.url,
        SEED_DEMO: "always",
        LOG_LEVEL: "trace",
      },
      { port },
    );
    const base = server.base;
    await db.connect();
    const post = (p: string, form: Record<string, string>, cookie?: string) =>
      fetch(`${base}${p}`, {
        method: "POST",
        body: new URLSearchParams(form),
        headers: cookie ? { Cookie: cookie } : {},
        redirect: "manual",
      });
    const get = (p: string, cookie?: string) =>
      fetch(`${base}${p}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });

    // --- Cookie and HSTS.
    const wrong = "Wrong-Password-For-The-Https-Log-Test";
    secrets["wrong password"] = wrong;
    expect(
      (await post("/login", { email: "owner-b@demo.zizhupark.example", password: wrong })).status,
    ).toBe(400);
    const login = await post("/login", {
      email: "owner-b@demo.zizhupark.example",
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(302);
    const cookies = setCookies(login);
    expect(cookies.has("session"), "no unprefixed cookie over https").toBe(false);
    const sessionCookie = cookies.get("__Host-session");
    expect(sessionCookie, [...cookies.keys()].join(",")).toBeTruthy();
    const attrs = attributes(sessionCookie!);
    expect(attrs.has("secure")).toBe(true);
    expect(attrs.has("httponly")).toBe(true);
    expect(attrs.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attrs.get("path")).toBe("/");
    expect(attrs.has("domain")).toBe(false); // required by the __Host- prefix
    const token = /^__Host-session=([a-z2-7]{32})/.exec(sessionCookie!)![1]!;
    secrets["owner session token"] = token;
    const owner = `__Host-session=${token}`;
    for (const p of ["/", "/login", "/healthz", "/no-such-page"]) {
      const hsts = (await get(p)).headers.get("strict-transport-security") ?? "";
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), `HSTS on ${p}`).toBeGreaterThanOrEqual(
        31_536_000,
      );
    }
    // The cookie works under its prefixed name only.
    expect((await get("/account", owner)).status).toBe(200);
    expect((await get("/account", `session=${token}`)).status).toBe(302);

    // --- An invitation (its token travels in a link).
    const invitee = `invitee-${crypto.randomBytes(3).toString("hex")}@example.com`;
    expect((await post("/company", { intent: "invite", email: invitee }, owner)).status).toBe(302);
    const invitation = await db.query<{ text_body: string }>(
      "SELECT text_body FROM email WHERE to_address = $1 AND template = 'invitation'",
      [invitee],
    );
    const inviteToken = /\/invite\/([A-Za-z0-9_-]+)/.exec(invitation.rows[0]!.text_body)![1]!;
    secrets["invitation token"] = inviteToken;
    expect((await get(`/invite/${inviteToken}`)).status).toBe(200);

    // --- A password change on the account page.
    const changed = `Changed password ${crypto.randomBytes(4).toString("hex")}`;
    secrets["changed password"] = changed;
    expect(
      (
        await post(
          "/account",
          {
            intent: "change-password",
            currentPassword: DEMO_PASSWORD,
            password: changed,
            confirm: changed,
          },
          owner,
        )
      ).status,
    ).toBe(302);

    // --- Forgot password, the emailed link, a new password.
    const resetEmail = "owner-b@demo.zizhupark.example";
    expect((await post("/forgot-password", { email: resetEmail })).status).toBe(302);
    // The link is written by the password-reset job (the answer is the same for every address).
    let resetBody = "";
    await expect
      .poll(
        async () => {
          const mail = await db.query<{ text_body: string }>(
            "SELECT text_body FROM email WHERE to_address = $1 AND template = 'resetPassword' ORDER BY created_at DESC LIMIT 1",
            [resetEmail],
          );
          resetBody = mail.rows[0]?.text_body ?? "";
          return resetBody;
        },
        { timeout: 20_000 },
      )
      .toContain("token=");
    const resetToken = /token=([a-z2-7]+)/.exec(resetBody)![1]!;
    secrets["reset token"] = resetToken;
    expect((await get(`/reset-password?token=${resetToken}`)).status).toBe(200);
    const fresh = `Reset password ${crypto.randomBytes(4).toString("hex")}`;
    secrets["reset password"] = fresh;
    expect(
      (await post("/reset-password", { token: resetToken, password: fresh, confirm: fresh }))
        .status,
    ).toBe(302);
    // The reset ended the owner's session.
    expect((await get("/account", owner)).status).toBe(302);

    // --- Sign in with the new password, then sign out.
    const again = await post("/login", { email: resetEmail, password: fresh });
    expect(again.status).toBe(302);
    const second = /^__Host-session=([a-z2-7]{32})/.exec(
      setCookies(again).get("__Host-session") ?? "",
    )?.[1];
    expect(second).toBeTruthy();
    secrets["second session token"] = second!;
    expect((await post("/logout", {}, `__Host-session=${second}`)).status).toBe(302);

    expect(await stopServer(server)).toBe(0);
    const output = server.output();
    // The logs are there, as JSON lines with request ids, covering these requests.
    const lines = output.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.length).toBeGreaterThan(10);
    expect(output).toContain('"path":"/reset-password"');
    expect(lines.some((l) => /"(reqId|requestId|req_id|id)":"[^"]+"/.test(l))).toBe(true);
    const leaked = Object.entries(secrets)
      .filter(([, value]) => output.includes(value))
      .map(([what]) => what);
    expect(leaked, "secrets found in the server's log").toEqual([]);
  } finally {
    kill(server);
    await db.end().catch(() => {});
    await database.drop();
  }
});
