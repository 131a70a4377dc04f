/**
 * The audit trail for sign-ins and account secrets (ASVS 16.2.1, 16.3.x): a login and a failed
 * login are recorded with who, when (timestamptz, compared in UTC) and from where; password
 * changes and resets are recorded; no audit row ever holds a password, a session token or a
 * reset token; rows cannot be changed. Role changes, publishing, status changes and decisions
 * are checked in their own areas' tests (see docs/security.md).
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runResetJobs } from "../support/jobs";
import { createTestDatabase, type TestDatabase } from "../support/db";
import {
  changePassword,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
} from "~/accounts/accounts.server";
import { validateSessionToken } from "~/auth/session.server";

const ORIGIN = "http://portal.test";
const PASSWORD = "audit trail passphrase 1";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function rows(userId: string) {
  return t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity_id", "=", userId)
    .orderBy("id")
    .execute();
}

describe("audit trail of sign-ins and secrets", () => {
  it("records logins, failures, password changes and resets with who, when and where, and no secret", async () => {
    const email = "audit-trail@example.com";
    await signUp(
      t.db,
      { name: "Audit Trail", email, password: PASSWORD, locale: "en" },
      { origin: ORIGIN, ip: "192.0.2.10" },
    );
    const { id: userId } = await t.db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const secrets: string[] = [PASSWORD];

    const before = Date.now();
    expect(
      await logIn(t.db, { email, password: "not it at all" }, { ip: "192.0.2.11" }),
    ).toMatchObject({ ok: false });
    secrets.push("not it at all");
    const ok = await logIn(t.db, { email, password: PASSWORD }, { ip: "192.0.2.12" });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    secrets.push(ok.token);

    const changed = "audit trail passphrase 2";
    secrets.push(changed);
    const session = await validateSessionToken(t.db, ok.token);
    expect(
      await changePassword(
        t.db,
        { userId, sessionId: session!.sessionId, currentPassword: PASSWORD, password: changed },
        { origin: ORIGIN },
      ),
    ).toEqual({ ok: true });

    await requestPasswordReset(t.db, email, { origin: ORIGIN, ip: "192.0.2.13" });
    await runResetJobs(t.db);
    const mail = await t.db
      .selectFrom("email")
      .select("text_body")
      .where("to_address", "=", email)
      .where("template", "=", "resetPassword")
      .executeTakeFirstOrThrow();
    const resetToken = /token=([a-z2-7]+)/.exec(mail.text_body)![1]!;
    secrets.push(resetToken);
    const reset = "audit trail passphrase 3";
    secrets.push(reset);
    expect(
      await resetPassword(t.db, { token: resetToken, password: reset }, { origin: ORIGIN }),
    ).toBe(true);

    const trail = await rows(userId);
    const actions = trail.map((r) => r.action);
    for (const action of [
      "user.signup",
      "user.login_failed",
      "user.login",
      "user.password_changed",
      "user.password_reset",
    ])
      expect(actions, action).toContain(action);
    const login = trail.find((r) => r.action === "user.login")!;
    expect(login.actor_id).toBe(userId);
    expect(login.ip).toBe("192.0.2.12");
    const failed = trail.find((r) => r.action === "user.login_failed")!;
    expect(failed.ip).toBe("192.0.2.11");
    // When: stored as timestamptz, i.e. an absolute instant (UTC), at the time of the event.
    for (const r of trail) {
      expect(r.at).toBeInstanceOf(Date);
      expect(r.at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
      expect(r.at.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    }
    const column = await sql<{ data_type: string }>`
      SELECT data_type FROM information_schema.columns
      WHERE table_name = 'audit_log' AND column_name = 'at'`.execute(t.db);
    expect(column.rows).toEqual([{ data_type: "timestamp with time zone" }]);

    // No secret in any audit row (all columns, all rows).
    const everything = JSON.stringify(await t.db.selectFrom("audit_log").selectAll().execute());
    for (const s of secrets) expect(everything.includes(s), "a secret in audit_log").toBe(false);
  });
});
