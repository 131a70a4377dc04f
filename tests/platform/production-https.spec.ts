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
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "../support/e2e";

test.describe.configure({ timeout: 180_000 });

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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
  const name = `portal_secmap_https_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-secmap-logs-"));
  const logFile = path.join(logDir, "server.log");
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `https://127.0.0.1:${port}`,
      DATABASE_URL: dbUrl.toString(),
      SEED_DEMO: "always",
      PRINT_BANNER: "false",
      LOG_LEVEL: "trace",
    },
    stdio: ["ignore", log, log],
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const secrets: Record<string, string> = { "demo password": DEMO_PASSWORD };
  try {
    // Ready?
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(fs.readFileSync(logFile, "utf8"));
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error("server not ready");
      await new Promise((r) => setTimeout(r, 200));
    }
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

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const output = fs.readFileSync(logFile, "utf8");
    // The logs are there, as JSON lines with request ids, covering these requests.
    const lines = output.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.length).toBeGreaterThan(10);
    expect(output).toContain('"path":"/reset-password"');
    expect(lines.some((l) => /"(reqId|requestId|req_id|id)":"[^"]+"/.test(l))).toBe(true);
    const leaked = Object.entries(secrets)
      .filter(([, value]) => output.includes(value))
      .map(([what]) => what);
    expect(leaked, `secrets found in ${logFile}`).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.closeSync(log);
    await db.end().catch(() => {});
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
});
