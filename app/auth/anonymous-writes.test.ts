/**
 * Anonymous writes are bounded (issue 11): everything a visitor without an account can make
 * the portal write is throttled per client address in PostgreSQL, capped, and expired.
 * (The application stash and kept form input are bounded elsewhere.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser } from "../../tests/support/factories";
import { runResetJobs } from "../../tests/support/jobs";
import {
  RESET_IP_LIMIT,
  RESET_TASK,
  SIGNUP_EMAIL_LIMIT,
  requestPasswordReset,
  signUp,
} from "~/accounts/accounts.server";
import { INQUIRY_ACK_LIMIT, submitInquiry } from "~/inquiries/inquiries.server";
import {
  ensurePruneScheduled,
  pruneAnonymousRows,
  pruneTask,
  PRUNE_TASK,
} from "~/jobs/prune.server";
import {
  COUNTER_RETENTION_SECONDS,
  hitWindowLimit,
  mayMailStranger,
  pruneAttemptCounters,
} from "./throttle.server";

const ORIGIN = "https://portal.example";
const PASSWORD = "anonymous writes password";
let t: TestDatabase;
let n = 0;
const address = () => `anon-${++n}@example.com`;
const ip = () => `198.18.${Math.floor(n / 250)}.${++n % 250}`;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.deleteFrom("attempt_counter").execute();
});

async function count(table: "email" | "inquiry" | "job" | "app_user" | "attempt_counter") {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("mail to addresses nobody has confirmed", () => {
  it("is limited per address and capped for everyone, in PostgreSQL", async () => {
    const policy = { limit: 2, windowSeconds: 3600 };
    const cap = { limit: 3, windowSeconds: 3600 };
    const now = new Date("2026-06-01T10:00:00Z");
    const a = address();
    const b = address();
    const results = [
      await mayMailStranger(t.db, `x:${a}`, policy, now, cap),
      await mayMailStranger(t.db, `x:${a}`, policy, now, cap),
      await mayMailStranger(t.db, `x:${a}`, policy, now, cap), // per address: no
      await mayMailStranger(t.db, `x:${b}`, policy, now, cap),
      await mayMailStranger(t.db, `x:${address()}`, policy, now, cap), // the cap: no
    ];
    expect(results).toEqual([true, true, false, true, false]);
    // The next window opens again.
    const later = new Date(+now + 3601 * 1000);
    expect(await mayMailStranger(t.db, `x:${address()}`, policy, later, cap)).toBe(true);
  });
});

describe("sign-ups", () => {
  it("send at most a few messages an hour to one address, whether or not it has an account", async () => {
    const email = address();
    for (let i = 0; i < SIGNUP_EMAIL_LIMIT.limit + 3; i++)
      await signUp(
        t.db,
        { name: "Bot", email, password: PASSWORD, locale: "en" },
        { origin: ORIGIN, ip: ip() },
      );
    const mails = await t.db
      .selectFrom("email")
      .select("template")
      .where("to_address", "=", email)
      .execute();
    expect(mails.length).toBe(SIGNUP_EMAIL_LIMIT.limit);
    expect(
      await t.db.selectFrom("app_user").select("id").where("email", "=", email).execute(),
    ).toHaveLength(1);
  });
});

describe("password-reset requests", () => {
  it("are refused past the per-IP limit, and queue nothing past the per-address one", async () => {
    const client = ip();
    const jobsBefore = await count("job");
    const email = address();
    for (let i = 0; i < RESET_IP_LIMIT.limit; i++)
      expect(await requestPasswordReset(t.db, email, { origin: ORIGIN, ip: client })).toEqual({
        ok: true,
      });
    expect(await requestPasswordReset(t.db, address(), { origin: ORIGIN, ip: client })).toEqual({
      ok: false,
      error: "throttled",
    });
    // 3 jobs for the one address (its limit), none after.
    expect((await count("job")) - jobsBefore).toBe(3);
    await runResetJobs(t.db);
  });
});

describe("inquiries", () => {
  const input = {
    name: "Park IT security: verify at https://evil.example",
    organisation: "",
    email: "",
    interest: "space" as const,
    message: "Please visit https://evil.example to confirm.",
  };

  it("count a client without a known address as one client", async () => {
    const policy = { limit: 2, windowSeconds: 3600 };
    const meta = { ip: null, locale: "en" as const, origin: ORIGIN };
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push((await submitInquiry(t.db, { ...input, email: address() }, meta, policy)).ok);
    expect(results).toEqual([true, true, false]);
  });

  it("acknowledge one address a few times an hour, with only the park's words and the reference", async () => {
    const email = address();
    const before = await count("inquiry");
    for (let i = 0; i < INQUIRY_ACK_LIMIT.limit + 2; i++) {
      const r = await submitInquiry(
        t.db,
        { ...input, email },
        { ip: ip(), locale: "en", origin: ORIGIN },
      );
      expect(r.ok).toBe(true);
    }
    // Every inquiry is stored for staff; the acknowledgements stop at the limit.
    expect((await count("inquiry")) - before).toBe(INQUIRY_ACK_LIMIT.limit + 2);
    const acks = await t.db
      .selectFrom("email")
      .select(["subject", "text_body", "html_body"])
      .where("to_address", "=", email)
      .execute();
    expect(acks).toHaveLength(INQUIRY_ACK_LIMIT.limit);
    for (const ack of acks) {
      expect(`${ack.subject}\n${ack.text_body}\n${ack.html_body}`).not.toMatch(
        /evil|Park IT|visit/,
      );
      expect(ack.text_body).toMatch(/INQ-\d{4}-\d{5}/);
    }
  });
});

describe("expiry", () => {
  it("prunes counters that hold nothing back, keeps live and blocking ones", async () => {
    const now = new Date();
    const old = new Date(+now - (COUNTER_RETENTION_SECONDS + 60) * 1000);
    await hitWindowLimit(t.db, "stale:1", { limit: 5, windowSeconds: 60 }, old);
    await hitWindowLimit(t.db, "fresh:1", { limit: 5, windowSeconds: 60 }, now);
    await t.db
      .insertInto("attempt_counter")
      .values({
        key: "blocking:1",
        failures: 9,
        window_started_at: old,
        updated_at: old,
        blocked_until: new Date(+now + 60_000),
      })
      .execute();
    expect(await pruneAttemptCounters(t.db, now)).toBe(1);
    const keys = (await t.db.selectFrom("attempt_counter").select("key").execute()).map(
      (r) => r.key,
    );
    expect(keys.sort()).toEqual(["blocking:1", "fresh:1"]);
  });

  it("an hourly job prunes expired tokens and finished reset jobs, then schedules itself once", async () => {
    const user = await insertUser(t.db, { email: address(), name: "Expiry" });
    const longAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await t.db
      .insertInto("user_token")
      .values([
        { id: `expired-${n}`, user_id: user.id, purpose: "reset_password", expires_at: longAgo },
        {
          id: `live-${n}`,
          user_id: user.id,
          purpose: "verify_email",
          expires_at: new Date(Date.now() + 3600_000),
        },
      ])
      .execute();
    await t.db
      .insertInto("job")
      .values({
        task: RESET_TASK,
        payload: JSON.stringify({ email: "x@example.com" }),
        completed_at: longAgo,
      })
      .execute();
    const pruned = await pruneAnonymousRows(t.db);
    expect(pruned.tokens).toBeGreaterThanOrEqual(1);
    expect(pruned.jobs).toBeGreaterThanOrEqual(1);
    expect(
      await t.db.selectFrom("user_token").select("id").where("user_id", "=", user.id).execute(),
    ).toEqual([{ id: `live-${n}` }]);

    await ensurePruneScheduled(t.db);
    await ensurePruneScheduled(t.db);
    await pruneTask(t.db);
    await pruneTask(t.db);
    const scheduled = await t.db
      .selectFrom("job")
      .select("job_key")
      .where("task", "=", PRUNE_TASK)
      .where("completed_at", "is", null)
      .execute();
    // This hour's run and the next hour's, each once however often it is asked for (three
    // when the test straddles the turn of an hour).
    expect(new Set(scheduled.map((j) => j.job_key)).size).toBe(scheduled.length);
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(scheduled.length).toBeLessThanOrEqual(3);
  });
});
