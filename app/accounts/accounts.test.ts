import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { ARGON2_PARAMS, needsRehash } from "~/auth/password.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { ACCOUNT_BACKOFF, IP_LOGIN_LIMIT, hitWindowLimit } from "~/auth/throttle.server";
import { hashToken } from "~/auth/tokens.server";
import {
  RESET_EMAIL_LIMIT,
  RESET_IP_LIMIT,
  RESET_TASK,
  SIGNUP_EMAIL_LIMIT,
  VERIFY_RESEND_LIMIT,
  changePassword,
  endOtherSessions,
  listSessions,
  logIn,
  peekEmailToken,
  peekToken,
  pendingEmailChange,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmailToken,
} from "./accounts.server";
import { signupSchema } from "./schema";
import { signedUpUser } from "../../tests/support/factories";
import { runResetJobs } from "../../tests/support/jobs";

const ORIGIN = "http://portal.test";
const PASSWORD = "correct horse battery staple";
const T0 = new Date("2026-03-01T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

let t: TestDatabase;
let counter = 0;
/** A fresh address and a fresh IP, so tests do not share throttle counters. */
function fresh(prefix = "user") {
  counter++;
  return {
    email: `${prefix}-${counter}@example.com`,
    ip: `10.9.${Math.floor(counter / 250)}.${counter % 250}`,
  };
}

async function newUser(password = PASSWORD, prefix = "user") {
  const { email, ip } = fresh(prefix);
  const { id } = await signedUpUser(t.db, { email, password, ip });
  const { token } = await createSession(t.db, id, { ip });
  return { id, email, ip, token };
}

async function latestEmail(to: string, template: string) {
  return t.db
    .selectFrom("email")
    .select(["text_body", "subject", "to_address", "locale"])
    .where("to_address", "=", to)
    .where("template", "=", template)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

async function emailCount(to: string, template: string): Promise<number> {
  const rows = await t.db
    .selectFrom("email")
    .select("id")
    .where("to_address", "=", to)
    .where("template", "=", template)
    .execute();
  return rows.length;
}

function tokenIn(text: string): string {
  const match = /token=([a-z2-7]+)/.exec(text);
  if (!match) throw new Error(`no token in ${text}`);
  return match[1]!;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("passwords", () => {
  it("are hashed with argon2id at m>=19456 KiB, t>=2, p=1 (read from the stored PHC string)", async () => {
    const user = await newUser();
    const row = await t.db
      .selectFrom("app_user")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    const match =
      /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(
        row.password_hash,
      );
    expect(match, row.password_hash.slice(0, 40)).not.toBeNull();
    const [m, tCost, p] = match!.slice(1).map(Number);
    expect(m).toBeGreaterThanOrEqual(19456);
    expect(tCost).toBeGreaterThanOrEqual(2);
    expect(p).toBe(1);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(needsRehash(row.password_hash)).toBe(false);
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")).toBe(true);
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19456);
  });

  it("keep all 128 Unicode characters; a trailing space makes another password", async () => {
    const alphabet = [..."紫竹🎋 Passwörd ÅßΩ文字"];
    const password = Array.from({ length: 128 }, (_, i) => alphabet[i % alphabet.length]).join("");
    expect([...password]).toHaveLength(128);
    expect(signupSchema.safeParse({ name: "x", email: "long@example.com", password }).success).toBe(
      true,
    );
    const user = await newUser(password);
    expect((await logIn(t.db, { email: user.email, password }, { ip: user.ip })).ok).toBe(true);
    expect(
      await logIn(t.db, { email: user.email, password: password + " " }, { ip: user.ip }),
    ).toEqual({ ok: false, error: "invalidCredentials" });
    // No truncation: the first 127 characters are not enough, nor is the password's start.
    expect(
      await logIn(
        t.db,
        { email: user.email, password: [...password].slice(0, -1).join("") },
        { ip: user.ip },
      ),
    ).toEqual({
      ok: false,
      error: "invalidCredentials",
    });
  });

  it("re-hashes an old, weaker hash at login", async () => {
    const user = await newUser();
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash(PASSWORD, { memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await t.db
      .updateTable("app_user")
      .set({ password_hash: weak })
      .where("id", "=", user.id)
      .execute();
    expect((await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip })).ok).toBe(
      true,
    );
    const row = await t.db
      .selectFrom("app_user")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toBe(weak);
    expect(needsRehash(row.password_hash)).toBe(false);
  });
});

describe("sign-up", () => {
  it("answers a taken address exactly as a new one, and tells the owner instead, whatever its case", async () => {
    const { email, ip } = fresh("Case");
    const mixed = email.replace("case", "CaSe").replace("example.com", "Example.COM");
    const first = await signUp(
      t.db,
      { name: "First", email: mixed, password: PASSWORD, locale: "en" },
      { origin: ORIGIN, ip },
    );
    const second = await signUp(
      t.db,
      {
        name: "Park IT security: verify at https://evil.example",
        email: email.toUpperCase(),
        password: "another long password",
        locale: "zh-CN",
      },
      { origin: ORIGIN, ip },
    );
    expect(second).toEqual(first);
    const rows = await t.db
      .selectFrom("app_user")
      .select(["email", "name", "locale"])
      .where("email", "ilike", email)
      .execute();
    expect(rows).toEqual([{ email: email.toLowerCase(), name: "First", locale: "en" }]);
    // The owner hears of it in their own language; nothing the stranger typed is in it.
    const notice = await latestEmail(email.toLowerCase(), "addressInUse");
    expect(notice?.locale).toBe("en");
    expect(notice?.text_body).toContain(`${ORIGIN}/login`);
    expect(notice?.text_body).toContain(`${ORIGIN}/forgot-password`);
    expect(`${notice?.subject} ${notice?.text_body}`).not.toMatch(/evil|Park IT/);
    // The owner's password still works; the stranger's does not.
    expect((await logIn(t.db, { email, password: PASSWORD }, { ip })).ok).toBe(true);
    expect((await logIn(t.db, { email, password: "another long password" }, { ip })).ok).toBe(
      false,
    );
  });

  it("does the same work for a taken address: one email queued, one audit row, a hash", async () => {
    const owner = await newUser();
    const { email: free } = fresh("free");
    const ip = fresh().ip;
    const work = async (email: string) => {
      const before = {
        emails: await t.db.selectFrom("email").select("id").execute(),
        audits: await t.db.selectFrom("audit_log").select("id").execute(),
      };
      const answer = await signUp(
        t.db,
        { name: "Someone", email, password: "some long password", locale: "en" },
        { origin: ORIGIN, ip },
      );
      const emails = await t.db.selectFrom("email").select(["id", "to_address"]).execute();
      const audits = await t.db.selectFrom("audit_log").select(["id", "action"]).execute();
      return {
        answer,
        emails: emails
          .filter((e) => !before.emails.some((b) => b.id === e.id))
          .map((e) => e.to_address),
        audits: audits.filter((a) => !before.audits.some((b) => b.id === a.id)).length,
      };
    };
    const taken = await work(owner.email);
    const fresh_ = await work(free);
    expect(taken).toEqual({ answer: undefined, emails: [owner.email], audits: 1 });
    expect(fresh_).toEqual({ answer: undefined, emails: [free], audits: 1 });
  });

  it("sends at most a few messages an hour to one address, answering the same", async () => {
    const owner = await newUser();
    for (let i = 0; i < SIGNUP_EMAIL_LIMIT.limit + 2; i++)
      await signUp(
        t.db,
        { name: "Bomber", email: owner.email, password: PASSWORD, locale: "en" },
        { origin: ORIGIN, ip: fresh().ip },
      );
    // The sign-up of `newUser` counted as one.
    expect(await emailCount(owner.email, "addressInUse")).toBe(SIGNUP_EMAIL_LIMIT.limit - 1);
  });

  it("queues a confirmation email in the user's language, and starts unverified", async () => {
    const { email, ip } = fresh("zh");
    await signUp(
      t.db,
      {
        name: "李雷 https://evil.example",
        email,
        password: PASSWORD,
        locale: "zh-CN",
        next: "/invite/abc",
      },
      { origin: ORIGIN, ip },
    );
    const mail = await latestEmail(email, "verifyEmail");
    expect(mail?.locale).toBe("zh-CN");
    expect(mail?.text_body).toContain(`${ORIGIN}/verify-email?token=`);
    expect(mail?.text_body).toContain("&next=%2Finvite%2Fabc");
    // The address is not confirmed: only the park's words, not the name typed.
    expect(`${mail?.subject} ${mail?.text_body}`).not.toMatch(/李雷|evil/);
    // Nobody is signed in by a sign-up.
    const user = await t.db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(
      await t.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute(),
    ).toEqual([]);
    const row = await t.db
      .selectFrom("app_user")
      .select("email_verified_at")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
  });
});

describe("login throttling", () => {
  it("gives the same answer for an unknown email and a wrong password", async () => {
    const user = await newUser();
    const wrong = await logIn(
      t.db,
      { email: user.email, password: "not the password" },
      { ip: user.ip },
    );
    const unknown = await logIn(
      t.db,
      { email: fresh().email, password: "not the password" },
      { ip: user.ip },
    );
    expect(wrong).toEqual({ ok: false, error: "invalidCredentials" });
    expect(unknown).toEqual(wrong);
  });

  it("after 5 wrong passwords refuses even the right one until the backoff ends", async () => {
    const user = await newUser();
    for (let i = 0; i < ACCOUNT_BACKOFF.freeFailures; i++) {
      const r = await logIn(
        t.db,
        { email: user.email, password: `wrong ${i}` },
        { ip: user.ip, now: at(i * 1000) },
      );
      expect(r, `attempt ${i + 1}`).toEqual({ ok: false, error: "invalidCredentials" });
    }
    const refused = await logIn(
      t.db,
      { email: user.email, password: PASSWORD },
      { ip: user.ip, now: at(5000) },
    );
    expect(refused).toMatchObject({ ok: false, error: "throttled" });
    expect(
      refused.ok === false && refused.error === "throttled" && refused.retryAfterSeconds,
    ).toBeGreaterThan(0);
    // The address in another case is the same account.
    expect(
      await logIn(
        t.db,
        { email: user.email.toUpperCase(), password: PASSWORD },
        { ip: user.ip, now: at(6000) },
      ),
    ).toMatchObject({
      error: "throttled",
    });
    // An unknown address is throttled just the same, so throttling tells nothing either.
    const ghost = fresh().email;
    for (let i = 0; i < ACCOUNT_BACKOFF.freeFailures; i++)
      await logIn(t.db, { email: ghost, password: "x" }, { ip: user.ip, now: at(i) });
    expect(
      await logIn(t.db, { email: ghost, password: "x" }, { ip: user.ip, now: at(5000) }),
    ).toMatchObject({ error: "throttled" });
    // Once the backoff is over, the right password works (and resets the count).
    const later = at(4000 + ACCOUNT_BACKOFF.baseSeconds * 1000 + 1000);
    expect(
      (await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip, now: later }))
        .ok,
    ).toBe(true);
    expect(
      (
        await logIn(
          t.db,
          { email: user.email, password: "wrong again" },
          { ip: user.ip, now: later },
        )
      ).ok,
    ).toBe(false);
    expect(
      (await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip, now: later }))
        .ok,
    ).toBe(true);
  });

  it("doubles the backoff with each further failure", async () => {
    const user = await newUser();
    for (let i = 0; i < ACCOUNT_BACKOFF.freeFailures; i++)
      await logIn(t.db, { email: user.email, password: "nope" }, { ip: user.ip, now: T0 });
    const first = await logIn(
      t.db,
      { email: user.email, password: PASSWORD },
      { ip: user.ip, now: T0 },
    );
    expect(first).toMatchObject({
      error: "throttled",
      retryAfterSeconds: ACCOUNT_BACKOFF.baseSeconds,
    });
    const afterFirst = at(ACCOUNT_BACKOFF.baseSeconds * 1000);
    expect(
      await logIn(t.db, { email: user.email, password: "nope" }, { ip: user.ip, now: afterFirst }),
    ).toEqual({ ok: false, error: "invalidCredentials" });
    expect(
      await logIn(
        t.db,
        { email: user.email, password: PASSWORD },
        { ip: user.ip, now: afterFirst },
      ),
    ).toMatchObject({
      error: "throttled",
      retryAfterSeconds: ACCOUNT_BACKOFF.baseSeconds * 2,
    });
  });

  it("limits failures per IP in a window, whatever the account", async () => {
    const user = await newUser();
    const ip = fresh().ip;
    // Fill the window as IP_LOGIN_LIMIT failed logins against other accounts would.
    for (let i = 0; i <= IP_LOGIN_LIMIT.limit; i++)
      await hitWindowLimit(t.db, `login:ip:${ip}`, IP_LOGIN_LIMIT, T0);
    expect(
      await logIn(t.db, { email: user.email, password: PASSWORD }, { ip, now: at(MINUTE) }),
    ).toMatchObject({ ok: false, error: "throttled" });
    // Another IP is not affected; the window ends.
    expect(
      (
        await logIn(
          t.db,
          { email: user.email, password: PASSWORD },
          { ip: fresh().ip, now: at(MINUTE) },
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await logIn(
          t.db,
          { email: user.email, password: PASSWORD },
          { ip, now: at(IP_LOGIN_LIMIT.windowSeconds * 1000 + 1) },
        )
      ).ok,
    ).toBe(true);
  });

  it("counts real failed logins against the IP", async () => {
    const ip = fresh().ip;
    const policy = { limit: 3, windowSeconds: 60 };
    expect(await hitWindowLimit(t.db, `test:${ip}`, policy, T0)).toBe(true);
    expect(await hitWindowLimit(t.db, `test:${ip}`, policy, T0)).toBe(true);
    expect(await hitWindowLimit(t.db, `test:${ip}`, policy, T0)).toBe(true);
    expect(await hitWindowLimit(t.db, `test:${ip}`, policy, at(1000))).toBe(false);
    expect(await hitWindowLimit(t.db, `test:${ip}`, policy, at(61_000))).toBe(true);
    // logIn records each failure under login:ip:<ip>.
    await logIn(t.db, { email: fresh().email, password: "x" }, { ip, now: T0 });
    const row = await t.db
      .selectFrom("attempt_counter")
      .select("failures")
      .where("key", "=", `login:ip:${ip}`)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
  });

  it("is shared by two app processes on the same PostgreSQL database", async (ctx) => {
    // PGlite is one embedded database inside one process: a second process cannot open it
    // (the data folder is locked, ADR 0002), so "two app processes" only exist in postgres mode.
    if (!t.url) return ctx.skip();
    const second = await openDatabase({ url: t.url, poolSize: 2 });
    try {
      const user = await newUser();
      for (let i = 0; i < ACCOUNT_BACKOFF.freeFailures; i++) {
        const handle = i % 2 === 0 ? t.db : second.db;
        await logIn(handle, { email: user.email, password: "wrong" }, { ip: user.ip, now: T0 });
      }
      expect(
        await logIn(
          second.db,
          { email: user.email, password: PASSWORD },
          { ip: user.ip, now: at(1000) },
        ),
      ).toMatchObject({ error: "throttled" });
      expect(
        await logIn(
          t.db,
          { email: user.email, password: PASSWORD },
          { ip: user.ip, now: at(1000) },
        ),
      ).toMatchObject({ error: "throttled" });
    } finally {
      await second.close();
    }
  });

  it("refuses a disabled account with the usual answer", async () => {
    const user = await newUser();
    await t.db
      .updateTable("app_user")
      .set({ disabled_at: new Date() })
      .where("id", "=", user.id)
      .execute();
    expect(await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip })).toEqual({
      ok: false,
      error: "invalidCredentials",
    });
  });
});

describe("email verification", () => {
  it("confirms the address once, with a token stored hashed", async () => {
    const user = await newUser();
    const mail = await latestEmail(user.email, "verifyEmail");
    const token = tokenIn(mail!.text_body);
    const row = await t.db
      .selectFrom("user_token")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(hashToken(token));
    expect(JSON.stringify(await t.db.selectFrom("user_token").selectAll().execute())).not.toContain(
      token,
    );
    expect(await peekEmailToken(t.db, token)).toEqual({ purpose: "verify_email", newEmail: null });
    expect(await verifyEmailToken(t.db, token, {})).toEqual({ ok: true, kind: "verified" });
    const verified = await t.db
      .selectFrom("app_user")
      .select("email_verified_at")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(verified.email_verified_at).not.toBeNull();
    expect(await verifyEmailToken(t.db, token, {})).toEqual({ ok: false, error: "invalidToken" });
    expect(await peekEmailToken(t.db, token)).toBeNull();
    expect(await verifyEmailToken(t.db, "nonsense", {})).toEqual({
      ok: false,
      error: "invalidToken",
    });
  });

  it("expires the link after 24 hours", async () => {
    const { email, ip } = fresh();
    await signUp(
      t.db,
      { name: "Late", email, password: PASSWORD, locale: "en" },
      { origin: ORIGIN, ip, now: T0 },
    );
    const token = tokenIn((await latestEmail(email, "verifyEmail"))!.text_body);
    expect(await verifyEmailToken(t.db, token, { now: at(24 * HOUR) })).toEqual({
      ok: false,
      error: "invalidToken",
    });
  });

  it("sends the link again a few times an hour; the old link stops working", async () => {
    const user = await newUser();
    const oldToken = tokenIn((await latestEmail(user.email, "verifyEmail"))!.text_body);
    expect(await resendVerification(t.db, user.id, { origin: ORIGIN, now: T0 })).toBe("sent");
    const newToken = tokenIn((await latestEmail(user.email, "verifyEmail"))!.text_body);
    expect(newToken).not.toBe(oldToken);
    expect(await peekEmailToken(t.db, oldToken)).toBeNull();
    for (let i = 1; i < VERIFY_RESEND_LIMIT.limit; i++)
      expect(await resendVerification(t.db, user.id, { origin: ORIGIN, now: T0 })).toBe("sent");
    expect(await resendVerification(t.db, user.id, { origin: ORIGIN, now: T0 })).toBe("throttled");
    expect(await emailCount(user.email, "verifyEmail")).toBe(1 + VERIFY_RESEND_LIMIT.limit);
    const latest = tokenIn((await latestEmail(user.email, "verifyEmail"))!.text_body);
    expect(await verifyEmailToken(t.db, latest, { now: at(MINUTE) })).toEqual({
      ok: true,
      kind: "verified",
    });
    expect(await resendVerification(t.db, user.id, { origin: ORIGIN })).toBe("alreadyVerified");
  });
});

describe("password reset", () => {
  it("sends a single-use link, stored hashed, that sets a new password", async () => {
    const user = await newUser();
    await createSession(t.db, user.id);
    expect(
      await requestPasswordReset(t.db, user.email.toUpperCase(), { origin: ORIGIN, ip: user.ip }),
    ).toEqual({ ok: true });
    // The request only queues a job; the worker looks the address up and sends the link.
    expect(await emailCount(user.email, "resetPassword")).toBe(0);
    expect(await runResetJobs(t.db)).toBeGreaterThanOrEqual(1);
    const mail = await latestEmail(user.email, "resetPassword");
    expect(mail?.text_body).toContain(`${ORIGIN}/reset-password?token=`);
    const token = tokenIn(mail!.text_body);
    const stored = await t.db
      .selectFrom("user_token")
      .selectAll()
      .where("purpose", "=", "reset_password")
      .where("user_id", "=", user.id)
      .execute();
    expect(stored.map((r) => r.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await peekToken(t.db, token, "reset_password")).toBe(true);

    expect(
      await resetPassword(t.db, { token, password: "my new long password" }, { origin: ORIGIN }),
    ).toBe(true);
    expect(
      await resetPassword(t.db, { token, password: "and once more" }, { origin: ORIGIN }),
    ).toBe(false);
    expect(await peekToken(t.db, token, "reset_password")).toBe(false);
    expect((await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip })).ok).toBe(
      false,
    );
    expect(
      (await logIn(t.db, { email: user.email, password: "my new long password" }, { ip: user.ip }))
        .ok,
    ).toBe(true);
    expect(await latestEmail(user.email, "passwordChanged")).toBeDefined();
    // The old sign-up session is gone.
    expect(await validateSessionToken(t.db, user.token)).toBeNull();
  });

  it("expires the link after an hour", async () => {
    const user = await newUser();
    await requestPasswordReset(t.db, user.email, { origin: ORIGIN, ip: user.ip, now: T0 });
    await runResetJobs(t.db);
    const token = tokenIn((await latestEmail(user.email, "resetPassword"))!.text_body);
    expect(await peekToken(t.db, token, "reset_password", at(HOUR - 1000))).toBe(true);
    expect(
      await resetPassword(
        t.db,
        { token, password: "too late for this" },
        { origin: ORIGIN, now: at(HOUR) },
      ),
    ).toBe(false);
    expect(
      await resetPassword(
        t.db,
        { token, password: "just in time" },
        { origin: ORIGIN, now: at(HOUR - 1000) },
      ),
    ).toBe(true);
  });

  it("does the same work for an unknown address (one counter each, one job), and sends nothing", async () => {
    const known = await newUser();
    const ghost = fresh("ghost");
    const work = async (email: string, ip: string) => {
      const jobs = await t.db
        .selectFrom("job")
        .select("id")
        .where("task", "=", RESET_TASK)
        .execute();
      const answer = await requestPasswordReset(t.db, email, { origin: ORIGIN, ip });
      const after = await t.db
        .selectFrom("job")
        .select(["id", "payload"])
        .where("task", "=", RESET_TASK)
        .execute();
      const counters = await t.db
        .selectFrom("attempt_counter")
        .select("key")
        .where("key", "in", [`reset:ip:${ip}`, `reset:email:${email.toLowerCase()}`])
        .execute();
      const queued = after.filter((j) => !jobs.some((b) => b.id === j.id));
      return {
        answer,
        counters: counters.length,
        jobs: queued.map((j) => Object.keys(j.payload as object).sort()),
      };
    };
    const forKnown = await work(known.email, fresh().ip);
    const forGhost = await work(ghost.email, ghost.ip);
    expect(forGhost).toEqual(forKnown);
    expect(forKnown).toEqual({
      answer: { ok: true },
      counters: 2,
      jobs: [["email", "origin", "requestedAt"]],
    });
    await runResetJobs(t.db);
    expect(await emailCount(ghost.email, "resetPassword")).toBe(0);
    expect(await emailCount(known.email, "resetPassword")).toBe(1);
  });

  it("limits requests per address (silently) and per IP (refused)", async () => {
    const user = await newUser();
    for (let i = 0; i < RESET_EMAIL_LIMIT.limit + 2; i++) {
      expect(
        await requestPasswordReset(t.db, user.email, { origin: ORIGIN, ip: fresh().ip, now: T0 }),
      ).toEqual({ ok: true });
    }
    await runResetJobs(t.db);
    expect(await emailCount(user.email, "resetPassword")).toBe(RESET_EMAIL_LIMIT.limit);
    const ip = fresh().ip;
    for (let i = 0; i < RESET_IP_LIMIT.limit; i++) {
      expect(
        await requestPasswordReset(t.db, fresh("ghost").email, { origin: ORIGIN, ip, now: T0 }),
      ).toEqual({ ok: true });
    }
    expect(
      await requestPasswordReset(t.db, fresh("ghost").email, { origin: ORIGIN, ip, now: T0 }),
    ).toEqual({ ok: false, error: "throttled" });
  });

  it("unlocks a throttled account", async () => {
    const user = await newUser();
    for (let i = 0; i < ACCOUNT_BACKOFF.freeFailures; i++)
      await logIn(t.db, { email: user.email, password: "wrong" }, { ip: user.ip });
    expect(
      await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip }),
    ).toMatchObject({ error: "throttled" });
    await requestPasswordReset(t.db, user.email, { origin: ORIGIN, ip: user.ip });
    await runResetJobs(t.db);
    const token = tokenIn((await latestEmail(user.email, "resetPassword"))!.text_body);
    expect(
      await resetPassword(t.db, { token, password: "fresh start please" }, { origin: ORIGIN }),
    ).toBe(true);
    expect(
      (await logIn(t.db, { email: user.email, password: "fresh start please" }, { ip: user.ip }))
        .ok,
    ).toBe(true);
  });
});

describe("change password", () => {
  it("needs the current password, and is throttled against guessing", async () => {
    const user = await newUser();
    const session = await validateSessionToken(t.db, user.token);
    const input = { userId: user.id, sessionId: session!.sessionId, password: "a different one" };
    expect(
      await changePassword(
        t.db,
        { ...input, currentPassword: "guess" },
        { origin: ORIGIN, now: T0 },
      ),
    ).toEqual({ ok: false, error: "wrongPassword" });
    for (let i = 1; i < ACCOUNT_BACKOFF.freeFailures; i++)
      await changePassword(
        t.db,
        { ...input, currentPassword: `guess ${i}` },
        { origin: ORIGIN, now: T0 },
      );
    expect(
      await changePassword(
        t.db,
        { ...input, currentPassword: PASSWORD },
        { origin: ORIGIN, now: T0 },
      ),
    ).toEqual({ ok: false, error: "throttled" });
    expect(
      await changePassword(
        t.db,
        { ...input, currentPassword: PASSWORD },
        { origin: ORIGIN, now: at(HOUR) },
      ),
    ).toEqual({ ok: true });
    expect(
      (await logIn(t.db, { email: user.email, password: "a different one" }, { ip: user.ip })).ok,
    ).toBe(true);
    expect(await latestEmail(user.email, "passwordChanged")).toBeDefined();
  });

  it("cancels a reset link asked for before", async () => {
    const user = await newUser();
    await requestPasswordReset(t.db, user.email, { origin: ORIGIN, ip: user.ip });
    await runResetJobs(t.db);
    const token = tokenIn((await latestEmail(user.email, "resetPassword"))!.text_body);
    const session = await validateSessionToken(t.db, user.token);
    await changePassword(
      t.db,
      {
        userId: user.id,
        sessionId: session!.sessionId,
        currentPassword: PASSWORD,
        password: "changed on purpose",
      },
      { origin: ORIGIN },
    );
    expect(
      await resetPassword(t.db, { token, password: "an attacker's choice" }, { origin: ORIGIN }),
    ).toBe(false);
  });
});

describe("change email", () => {
  it("re-authenticates, confirms through the new address, then switches", async () => {
    const user = await newUser();
    const target = fresh("new").email;
    const meta = { origin: ORIGIN };
    expect(
      await requestEmailChange(
        t.db,
        { userId: user.id, currentPassword: "wrong", newEmail: target },
        meta,
      ),
    ).toEqual({ ok: false, error: "wrongPassword" });
    expect(
      await requestEmailChange(
        t.db,
        { userId: user.id, currentPassword: PASSWORD, newEmail: user.email.toUpperCase() },
        meta,
      ),
    ).toEqual({
      ok: false,
      error: "sameEmail",
    });
    // Another account's address: the same answer and pending change (no enumeration), but the
    // owner gets a notice, not a link, and nothing changes.
    const other = await newUser();
    expect(
      await requestEmailChange(
        t.db,
        { userId: user.id, currentPassword: PASSWORD, newEmail: other.email.toUpperCase() },
        meta,
      ),
    ).toEqual({ ok: true });
    expect(await pendingEmailChange(t.db, user.id)).toBe(other.email);
    expect(await emailCount(other.email, "changeEmail")).toBe(0);
    expect(await emailCount(other.email, "addressInUse")).toBe(1);
    expect(
      await requestEmailChange(
        t.db,
        { userId: user.id, currentPassword: PASSWORD, newEmail: target },
        meta,
      ),
    ).toEqual({ ok: true });
    expect(await pendingEmailChange(t.db, user.id)).toBe(target);
    // Nothing changes until the link is opened.
    const before = await t.db
      .selectFrom("app_user")
      .select("email")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(before.email).toBe(user.email);
    const mail = await latestEmail(target, "changeEmail");
    expect(mail?.text_body).toContain(`${ORIGIN}/verify-email?token=`);
    const token = tokenIn(mail!.text_body);
    expect(await peekEmailToken(t.db, token)).toEqual({
      purpose: "change_email",
      newEmail: target,
    });
    expect(await verifyEmailToken(t.db, token, {})).toEqual({ ok: true, kind: "emailChanged" });
    const after = await t.db
      .selectFrom("app_user")
      .select(["email", "email_verified_at"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(after.email).toBe(target);
    expect(after.email_verified_at).not.toBeNull();
    expect(await verifyEmailToken(t.db, token, {})).toEqual({ ok: false, error: "invalidToken" });
    expect(await pendingEmailChange(t.db, user.id)).toBeNull();
    expect((await logIn(t.db, { email: target, password: PASSWORD }, { ip: user.ip })).ok).toBe(
      true,
    );
    expect((await logIn(t.db, { email: user.email, password: PASSWORD }, { ip: user.ip })).ok).toBe(
      false,
    );
  });

  it("does not take an address someone signed up with in the meantime", async () => {
    const user = await newUser();
    const target = fresh("race").email;
    await requestEmailChange(
      t.db,
      { userId: user.id, currentPassword: PASSWORD, newEmail: target },
      { origin: ORIGIN },
    );
    const token = tokenIn((await latestEmail(target, "changeEmail"))!.text_body);
    await signUp(
      t.db,
      { name: "Quick", email: target.toUpperCase(), password: PASSWORD, locale: "en" },
      { origin: ORIGIN, ip: fresh().ip },
    );
    expect(await verifyEmailToken(t.db, token, {})).toEqual({ ok: false, error: "emailTaken" });
    const row = await t.db
      .selectFrom("app_user")
      .select("email")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(user.email);
  });
});

describe("sessions on the account page", () => {
  it("lists the live sessions, marks the current one, and signs the others out", async () => {
    const user = await newUser();
    const current = await validateSessionToken(t.db, user.token);
    const other = await createSession(t.db, user.id, {
      userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0",
      ip: "10.0.0.9",
    });
    await createSession(t.db, user.id, {}, new Date(Date.now() - 40 * 24 * HOUR)); // long expired
    const sessions = await listSessions(t.db, user.id, current!.sessionId);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(current!.sessionId);
    await endOtherSessions(t.db, user.id, current!.sessionId, {});
    expect(await validateSessionToken(t.db, other.token)).toBeNull();
    expect(await validateSessionToken(t.db, user.token)).not.toBeNull();
    expect(await listSessions(t.db, user.id, current!.sessionId)).toHaveLength(1);
  });
});
