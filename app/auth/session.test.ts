import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { signedUpUser } from "../../tests/support/factories";
import { runResetJobs } from "../../tests/support/jobs";
import {
  changePassword,
  logIn,
  requestPasswordReset,
  resetPassword,
} from "~/accounts/accounts.server";
import {
  ABSOLUTE_LIFETIME_MS,
  IDLE_TIMEOUT_MS,
  createSession,
  invalidateSession,
  readSessionToken,
  validateSessionToken,
} from "./session.server";
import { clearSessionCookie, sessionCookie } from "~/lib/cookies.server";
import { hashToken } from "./tokens.server";

const ORIGIN = "http://portal.test";
const PASSWORD = "correct horse battery staple";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-01T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let t: TestDatabase;
let counter = 0;

/** A person signed up through the form's function, each from its own address. */
const newUser = () => signedUpUser(t.db, { password: PASSWORD, ip: `10.1.0.${++counter}` });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("session tokens", () => {
  it("stores only the SHA-256 of the token, never the token", async () => {
    const user = await newUser();
    const { token } = await createSession(
      t.db,
      user.id,
      { ip: "10.0.0.1", userAgent: "Vitest" },
      T0,
    );
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 bits from the CSPRNG
    const rows = await t.db
      .selectFrom("session")
      .selectAll()
      .where("user_id", "=", user.id)
      .execute();
    const row = rows.find((r) => r.created_at.getTime() === T0.getTime());
    expect(row?.id).toBe(hashToken(token));
    expect(row?.id).toMatch(/^[0-9a-f]{64}$/);
    const everySession = await t.db.selectFrom("session").selectAll().execute();
    expect(JSON.stringify(everySession)).not.toContain(token);
  });

  it("creates a new session, with a new token, on every login", async () => {
    const user = await newUser();
    const first = await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: "10.2.0.1" });
    const second = await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: "10.2.0.1" });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.token).not.toBe(second.token);
    expect(await validateSessionToken(t.db, first.token)).not.toBeNull();
    expect(await validateSessionToken(t.db, second.token)).not.toBeNull();
  });

  it("rejects an unknown token and a malformed cookie", async () => {
    expect(await validateSessionToken(t.db, "a".repeat(32))).toBeNull();
    expect(
      readSessionToken(new Request("http://x/", { headers: { Cookie: "session=not-a-token" } })),
    ).toBeNull();
    expect(
      readSessionToken(
        new Request("http://x/", { headers: { Cookie: `other=1; session=${"b".repeat(32)}` } }),
      ),
    ).toBe("b".repeat(32));
  });

  it("sets the cookie HttpOnly, SameSite=Lax, Path=/ (Secure only over HTTPS)", () => {
    const cookie = sessionCookie("c".repeat(32), at(ABSOLUTE_LIFETIME_MS));
    expect(cookie).toMatch(/^session=c{32}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Expires=${at(ABSOLUTE_LIFETIME_MS).toUTCString()}`);
    expect(cookie).not.toContain("Secure"); // PUBLIC_URL is http:// in tests
    expect(clearSessionCookie()).toContain("Max-Age=0");
  });
});

describe("session lifetime (injected clock)", () => {
  it("expires after 10 idle days", async () => {
    const user = await newUser();
    const { token } = await createSession(t.db, user.id, {}, T0);
    expect(await validateSessionToken(t.db, token, at(IDLE_TIMEOUT_MS))).toBeNull();
    // Gone for good: the row was deleted.
    expect(
      await t.db
        .selectFrom("session")
        .select("id")
        .where("id", "=", hashToken(token))
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(await validateSessionToken(t.db, token, at(HOUR))).toBeNull();
  });

  it("is valid just before the idle limit", async () => {
    const user = await newUser();
    const { token } = await createSession(t.db, user.id, {}, T0);
    expect(await validateSessionToken(t.db, token, at(IDLE_TIMEOUT_MS - 1000))).not.toBeNull();
  });

  it("slides the idle expiry forward on use, at most once an hour", async () => {
    const user = await newUser();
    const { token, expiresAt } = await createSession(t.db, user.id, {}, T0);
    expect(expiresAt).toEqual(at(IDLE_TIMEOUT_MS));
    // Within the hour: no write.
    const early = await validateSessionToken(t.db, token, at(30 * 60 * 1000));
    expect(early?.expiresAt).toEqual(at(IDLE_TIMEOUT_MS));
    // Used on day 9: extended to day 19.
    const used = await validateSessionToken(t.db, token, at(9 * DAY));
    expect(used?.expiresAt).toEqual(at(9 * DAY + IDLE_TIMEOUT_MS));
    const row = await t.db
      .selectFrom("session")
      .select("expires_at")
      .where("id", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(row.expires_at).toEqual(at(9 * DAY + IDLE_TIMEOUT_MS));
    // Day 15 is past the first idle limit, but the session was used on day 9.
    expect(await validateSessionToken(t.db, token, at(15 * DAY))).not.toBeNull();
  });

  it("ends after 30 days however often it is used", async () => {
    const user = await newUser();
    const { token } = await createSession(t.db, user.id, {}, T0);
    for (let day = 5; day < 30; day += 5) {
      const s = await validateSessionToken(t.db, token, at(day * DAY));
      expect(s, `day ${day}`).not.toBeNull();
      // The sliding extension never passes the absolute end.
      expect(s!.expiresAt.getTime()).toBeLessThanOrEqual(at(ABSOLUTE_LIFETIME_MS).getTime());
    }
    expect(await validateSessionToken(t.db, token, at(ABSOLUTE_LIFETIME_MS - 1000))).not.toBeNull();
    expect(await validateSessionToken(t.db, token, at(ABSOLUTE_LIFETIME_MS))).toBeNull();
  });
});

describe("events that end sessions (the old token replayed is anonymous)", () => {
  it("logout ends that session only", async () => {
    const user = await newUser();
    const a = await createSession(t.db, user.id);
    const b = await createSession(t.db, user.id);
    const session = await validateSessionToken(t.db, a.token);
    await invalidateSession(t.db, session!.sessionId);
    expect(await validateSessionToken(t.db, a.token)).toBeNull();
    expect(await validateSessionToken(t.db, b.token)).not.toBeNull();
  });

  it("a password change ends every other session and keeps the one that changed it", async () => {
    const user = await newUser();
    const here = await createSession(t.db, user.id);
    const elsewhere = await createSession(t.db, user.id);
    const current = await validateSessionToken(t.db, here.token);
    const result = await changePassword(
      t.db,
      {
        userId: user.id,
        sessionId: current!.sessionId,
        currentPassword: PASSWORD,
        password: "a brand new passphrase",
      },
      { origin: ORIGIN },
    );
    expect(result).toEqual({ ok: true });
    expect(await validateSessionToken(t.db, elsewhere.token)).toBeNull();
    expect(await validateSessionToken(t.db, here.token)).not.toBeNull();
  });

  it("a password reset ends every session", async () => {
    const user = await newUser();
    const a = await createSession(t.db, user.id);
    const b = await createSession(t.db, user.id);
    await requestPasswordReset(t.db, user.email, { origin: ORIGIN, ip: "10.3.0.1" });
    await runResetJobs(t.db);
    const mail = await t.db
      .selectFrom("email")
      .select("text_body")
      .where("to_address", "=", user.email)
      .where("template", "=", "resetPassword")
      .executeTakeFirstOrThrow();
    const token = /token=([a-z2-7]+)/.exec(mail.text_body)![1]!;
    expect(
      await resetPassword(t.db, { token, password: "reset to something new" }, { origin: ORIGIN }),
    ).toBe(true);
    expect(await validateSessionToken(t.db, a.token)).toBeNull();
    expect(await validateSessionToken(t.db, b.token)).toBeNull();
  });

  it("disabling the user ends the sessions", async () => {
    const user = await newUser();
    const { token } = await createSession(t.db, user.id);
    expect(await validateSessionToken(t.db, token)).not.toBeNull();
    await t.db
      .updateTable("app_user")
      .set({ disabled_at: new Date() })
      .where("id", "=", user.id)
      .execute();
    expect(await validateSessionToken(t.db, token)).toBeNull();
    expect(
      await t.db
        .selectFrom("session")
        .select("id")
        .where("id", "=", hashToken(token))
        .executeTakeFirst(),
    ).toBeUndefined();
    // Enabled again, the old token stays dead.
    await t.db
      .updateTable("app_user")
      .set({ disabled_at: null })
      .where("id", "=", user.id)
      .execute();
    expect(await validateSessionToken(t.db, token)).toBeNull();
  });
});
