import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import { accountManagerChoices, setAccountManager } from "./account-manager.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("account manager", () => {
  it("staff set and clear a company's manager, audited; only staff may be one", async () => {
    const desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    const other = await insertUser(t.db, { roles: ["admin"] });
    const stranger = await insertUser(t.db);
    const c = await insertCompany(t.db);
    expect(await setAccountManager(t.db, desk, c.id, other.id)).toMatchObject({
      ok: true,
      changed: true,
    });
    expect((await accountManagerChoices(t.db, c.id)).managerId).toBe(other.id);
    expect(await setAccountManager(t.db, desk, c.id, other.id)).toMatchObject({ changed: false });
    expect(await setAccountManager(t.db, desk, c.id, stranger.id)).toMatchObject({
      error: "notStaff",
    });
    expect(await setAccountManager(t.db, desk, c.id, null)).toMatchObject({ changed: true });
    expect((await accountManagerChoices(t.db, c.id)).managerId).toBeNull();
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", c.id)
      .orderBy("id")
      .execute();
    expect(audits.map((a) => a.details)).toEqual([
      { from: null, to: other.id },
      { from: other.id, to: null },
    ]);
    // A company member may not.
    await expect(setAccountManager(t.db, sessionUserOf(stranger), c.id, desk.id)).rejects.toThrow();
  });
});
