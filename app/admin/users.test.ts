import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, type UserOptions } from "../../tests/support/factories";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { adminOverview, listAuditActions } from "./overview.server";
import {
  disableUser,
  enableUser,
  getUserDetail,
  grantRole,
  revokeRole,
  searchUsers,
} from "./users.server";

let t: TestDatabase;
/** A person with a confirmed email unless `verified: false`; returns the id. */
const newUser = async (opts: UserOptions = {}) =>
  (await insertUser(t.db, { verified: true, ...opts })).id;

async function auditRows(action: string, entityId: string) {
  return t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("searchUsers", () => {
  it("finds accounts by a part of the name or of the email, case-insensitively", async () => {
    const a = await newUser({ name: "Xiaoming Qiangwei", email: "qw-one@example.com" });
    const b = await newUser({ name: "Some Body", email: "xiaoming.qiangwei@corp.example" });
    await newUser({ name: "Unrelated", email: "other@example.com" });
    const byName = await searchUsers(t.db, { q: "qiangWEI" });
    expect(byName.items.map((u) => u.id).sort()).toEqual([a, b].sort());
    const byEmail = await searchUsers(t.db, { q: "qw-one@" });
    expect(byEmail.items.map((u) => u.id)).toEqual([a]);
  });

  it("takes % and _ in the search literally", async () => {
    const pct = await newUser({ name: "Hundred % Percent" });
    await newUser({ name: "Hundred X Percent" });
    expect((await searchUsers(t.db, { q: "Hundred % " })).items.map((u) => u.id)).toEqual([pct]);
    expect((await searchUsers(t.db, { q: "d_X" })).items).toEqual([]);
  });

  it("filters by park role (or none) and by status", async () => {
    const reviewer = await newUser({ name: "Filter Reviewer", roles: ["reviewer"] });
    const staff = await newUser({ name: "Filter Staff", roles: ["staff", "admin"] });
    const plain = await newUser({ name: "Filter Plain", verified: false });
    const gone = await newUser({ name: "Filter Gone" });
    await t.db
      .updateTable("app_user")
      .set({ disabled_at: new Date() })
      .where("id", "=", gone)
      .execute();
    const ids = async (opts: Parameters<typeof searchUsers>[1]) =>
      (await searchUsers(t.db, { q: "Filter ", ...opts })).items.map((u) => u.id).sort();
    expect(await ids({ role: "reviewer" })).toEqual([reviewer]);
    expect(await ids({ role: "admin" })).toEqual([staff]);
    expect(await ids({ role: "none" })).toEqual([plain, gone].sort());
    expect(await ids({ status: "disabled" })).toEqual([gone]);
    expect(await ids({ status: "unverified" })).toEqual([plain]);
    expect(await ids({ status: "active" })).toEqual([reviewer, staff, plain].sort());
    const row = (await searchUsers(t.db, { q: "Filter Staff" })).items[0]!;
    expect(row.roles).toEqual(["admin", "staff"]);
  });

  it("pages by (created_at, id) with no duplicates or gaps, even when many rows share a created_at", async () => {
    const ids: string[] = [];
    // 23 rows in the same microsecond, and 6 more a microsecond apart around them.
    for (let i = 0; i < 23; i++)
      ids.push(
        await newUser({ name: `Keyset Same ${i}`, createdAt: "2026-05-01T10:00:00.123456Z" }),
      );
    for (let i = 0; i < 3; i++)
      ids.push(
        await newUser({ name: `Keyset Before ${i}`, createdAt: `2026-05-01T10:00:00.12345${i}Z` }),
      );
    for (let i = 0; i < 3; i++)
      ids.push(
        await newUser({ name: `Keyset After ${i}`, createdAt: `2026-05-01T10:00:00.12346${i}Z` }),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchUsers(t.db, { q: "Keyset ", limit: 4, cursor });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    expect(pages).toBe(Math.ceil(ids.length / 4));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    // Newest first: the three "After" rows lead, the three "Before" rows close.
    const names = (
      await t.db.selectFrom("app_user").select(["id", "name"]).where("id", "in", seen).execute()
    ).reduce((m, r) => m.set(r.id, r.name), new Map<string, string>());
    expect(seen.slice(0, 3).map((id) => names.get(id))).toEqual([
      "Keyset After 2",
      "Keyset After 1",
      "Keyset After 0",
    ]);
    expect(seen.slice(-3).map((id) => names.get(id))).toEqual([
      "Keyset Before 2",
      "Keyset Before 1",
      "Keyset Before 0",
    ]);
  });

  it("ignores a cursor it did not make", async () => {
    expect(decodeCursor("not-a-cursor")).toBeUndefined();
    expect(
      decodeCursor(Buffer.from("2026-01-01|x'; DROP TABLE app_user; --").toString("base64url")),
    ).toBeUndefined();
    const c = { at: "2026-05-01T10:00:00.123456Z", id: "00000000-0000-4000-8000-000000000000" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const page = await searchUsers(t.db, { q: "Keyset ", cursor: "garbage" });
    expect(page.items.length).toBeGreaterThan(0);
  });
});

describe("roles", () => {
  it("grants and revokes a role in a transaction with an audit row naming the actor", async () => {
    const admin = await newUser({ roles: ["admin"] });
    const user = await newUser();
    expect(await grantRole(t.db, admin, user, "reviewer", { ip: "10.9.0.1" })).toEqual({
      ok: true,
      changed: true,
    });
    const roles = await t.db
      .selectFrom("user_role")
      .selectAll()
      .where("user_id", "=", user)
      .execute();
    expect(roles).toMatchObject([{ role: "reviewer", granted_by: admin }]);
    const granted = await auditRows("user.role_granted", user);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      actor_id: admin,
      entity_type: "user",
      ip: "10.9.0.1",
      details: { role: "reviewer" },
    });

    // Granting again changes nothing and records nothing.
    expect(await grantRole(t.db, admin, user, "reviewer")).toEqual({ ok: true, changed: false });
    expect(await auditRows("user.role_granted", user)).toHaveLength(1);

    expect(await revokeRole(t.db, admin, user, "reviewer")).toEqual({ ok: true, changed: true });
    expect(
      await t.db.selectFrom("user_role").selectAll().where("user_id", "=", user).execute(),
    ).toEqual([]);
    const revoked = await auditRows("user.role_revoked", user);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actor_id: admin, details: { role: "reviewer" } });
    expect(await revokeRole(t.db, admin, user, "reviewer")).toEqual({ ok: true, changed: false });
  });

  it("never lets an admin remove their own admin role, so an admin always remains", async () => {
    const admin = await newUser({ roles: ["admin", "staff"] });
    expect(await revokeRole(t.db, admin, admin, "admin")).toEqual({ ok: false, error: "ownAdmin" });
    expect(
      await t.db
        .selectFrom("user_role")
        .select("role")
        .where("user_id", "=", admin)
        .where("role", "=", "admin")
        .executeTakeFirst(),
    ).toBeTruthy();
    // Other roles of one's own are fine.
    expect(await revokeRole(t.db, admin, admin, "staff")).toEqual({ ok: true, changed: true });
  });

  it("refuses a change by someone who is no longer an enabled admin, and unknown users", async () => {
    const a = await newUser({ roles: ["admin"] });
    const b = await newUser({ roles: ["admin"] });
    const target = await newUser();
    expect(await revokeRole(t.db, a, b, "admin")).toEqual({ ok: true, changed: true });
    // b's page was loaded while b was an admin; the change is refused now.
    expect(await grantRole(t.db, b, target, "staff")).toEqual({ ok: false, error: "notAdmin" });
    expect(await revokeRole(t.db, b, a, "admin")).toEqual({ ok: false, error: "notAdmin" });
    expect(await grantRole(t.db, a, "00000000-0000-4000-8000-000000000000", "staff")).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await grantRole(t.db, a, "not-a-uuid", "staff")).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(
      await t.db.selectFrom("user_role").selectAll().where("user_id", "=", target).execute(),
    ).toEqual([]);
  });

  it("two admins demoting each other at once: exactly one succeeds", async () => {
    const a = await newUser({ roles: ["admin"] });
    const b = await newUser({ roles: ["admin"] });
    const results = await Promise.all([
      revokeRole(t.db, a, b, "admin"),
      revokeRole(t.db, b, a, "admin"),
    ]);
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "notAdmin" }]);
    const left = await t.db
      .selectFrom("user_role")
      .select("user_id")
      .where("user_id", "in", [a, b])
      .where("role", "=", "admin")
      .execute();
    expect(left).toHaveLength(1);
  });
});

describe("disable and enable", () => {
  it("disabling ends every session of the user at once and is audited; enabling lets them sign in again", async () => {
    const admin = await newUser({ roles: ["admin"] });
    const user = await newUser();
    const first = await createSession(t.db, user, { ip: "10.0.0.1" });
    const second = await createSession(t.db, user, { ip: "10.0.0.2" });
    const adminSession = await createSession(t.db, admin);
    expect(await validateSessionToken(t.db, first.token)).not.toBeNull();

    expect(
      await disableUser(t.db, admin, user, { ip: "10.9.9.9", reason: "Left the company" }),
    ).toEqual({ ok: true, changed: true });
    expect(await validateSessionToken(t.db, first.token)).toBeNull();
    expect(await validateSessionToken(t.db, second.token)).toBeNull();
    expect(
      await t.db.selectFrom("session").select("id").where("user_id", "=", user).execute(),
    ).toEqual([]);
    expect(await validateSessionToken(t.db, adminSession.token)).not.toBeNull();
    const row = await t.db
      .selectFrom("app_user")
      .select("disabled_at")
      .where("id", "=", user)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeInstanceOf(Date);
    const audited = await auditRows("user.disabled", user);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actor_id: admin,
      ip: "10.9.9.9",
      details: { reason: "Left the company", sessionsEnded: 2 },
    });

    // A session made later (e.g. a stale login in flight) is refused while disabled.
    const late = await createSession(t.db, user);
    expect(await validateSessionToken(t.db, late.token)).toBeNull();

    expect(await disableUser(t.db, admin, user)).toEqual({ ok: true, changed: false });
    expect(await enableUser(t.db, admin, user)).toEqual({ ok: true, changed: true });
    expect(
      (
        await t.db
          .selectFrom("app_user")
          .select("disabled_at")
          .where("id", "=", user)
          .executeTakeFirstOrThrow()
      ).disabled_at,
    ).toBeNull();
    expect(await auditRows("user.enabled", user)).toHaveLength(1);
    const fresh = await createSession(t.db, user);
    expect(await validateSessionToken(t.db, fresh.token)).not.toBeNull();
  });

  it("an admin cannot disable themself", async () => {
    const admin = await newUser({ roles: ["admin"] });
    const session = await createSession(t.db, admin);
    expect(await disableUser(t.db, admin, admin)).toEqual({ ok: false, error: "self" });
    expect(await validateSessionToken(t.db, session.token)).not.toBeNull();
    expect(await auditRows("user.disabled", admin)).toEqual([]);
  });
});

describe("getUserDetail", () => {
  it("returns roles with who granted them, the company and recent audit entries", async () => {
    const admin = await newUser({ name: "Detail Admin", roles: ["admin"] });
    const user = await newUser({ name: "Detail User" });
    const company = await insertCompany(t.db, {
      nameEn: "Detail Co",
      nameZh: "细节公司",
      members: [user],
    });
    await grantRole(t.db, admin, user, "staff");
    await createSession(t.db, user);
    const detail = await getUserDetail(t.db, user);
    expect(detail).toMatchObject({
      name: "Detail User",
      roles: [{ role: "staff", grantedBy: { id: admin, name: "Detail Admin" } }],
      company: { id: company.id, nameEn: "Detail Co", role: "member" },
      activeSessions: 1,
    });
    expect(detail!.activity.map((a) => a.action)).toEqual(["user.role_granted"]);
    expect(detail!.activity[0]).toMatchObject({ actor_id: admin, actor_name: "Detail Admin" });
    expect(await getUserDetail(t.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await getUserDetail(t.db, "../etc")).toBeUndefined();
  });
});

describe("audit log", () => {
  it("cannot be updated or deleted, not even the rows admins write", async () => {
    const admin = await newUser({ roles: ["admin"] });
    const user = await newUser();
    await grantRole(t.db, admin, user, "reviewer");
    const [row] = await auditRows("user.role_granted", user);
    await expect(
      t.db.updateTable("audit_log").set({ actor_id: null }).where("id", "=", row!.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").where("id", "=", row!.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await auditRows("user.role_granted", user)).toHaveLength(1);
  });

  it("lists the distinct actions, and the overview counts", async () => {
    const actions = await listAuditActions(t.db);
    expect(actions).toEqual([...new Set(actions)].sort());
    expect(actions).toEqual(
      expect.arrayContaining([
        "user.disabled",
        "user.enabled",
        "user.role_granted",
        "user.role_revoked",
      ]),
    );
    const overview = await adminOverview(t.db);
    const users = await t.db
      .selectFrom("app_user")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(overview.users).toBe(users.n);
    expect(overview.admins).toBeGreaterThan(0);
    expect(overview.companies).toBeGreaterThan(0);
  });
});
