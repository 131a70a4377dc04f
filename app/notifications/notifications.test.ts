import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "#db/executor";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertUser } from "../../tests/support/factories";
import {
  countUnread,
  listNotifications,
  markNotificationsRead,
  notify,
} from "./notifications.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("notifications", () => {
  it("are written in the caller's transaction and go with it", async () => {
    const user = await insertUser(t.db);
    await expect(
      inTransaction(t.db, async (trx) => {
        await notify(trx, user.id, "assigned", "/desk/requests/SR-1", { ref: "SR-1" });
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await listNotifications(t.db, user.id)).toEqual([]);
  });

  it("are listed newest first, for their person only, with their values; read once marked", async () => {
    const [me, other] = [await insertUser(t.db), await insertUser(t.db)];
    await notify(t.db, me.id, "filed", "/desk/requests/SR-2", { ref: "SR-2", subject: "Water" });
    await notify(t.db, me.id, "rated", "/desk/requests/SR-2", { ref: "SR-2", rating: "5" });
    await notify(t.db, other.id, "filed", "/desk/requests/SR-3", { ref: "SR-3" });
    const mine = await listNotifications(t.db, me.id);
    expect(mine.map((n) => n.kind).sort()).toEqual(["filed", "rated"]);
    expect(mine.find((n) => n.kind === "filed")?.values).toEqual({ ref: "SR-2", subject: "Water" });
    expect(mine.every((n) => n.read_at === null)).toBe(true);
    expect(await listNotifications(t.db, me.id, 1)).toHaveLength(1);

    const at = new Date("2026-11-28T06:00:00Z");
    await markNotificationsRead(t.db, me.id, at);
    expect((await listNotifications(t.db, me.id)).every((n) => +n.read_at! === +at)).toBe(true);
    expect((await listNotifications(t.db, other.id))[0]?.read_at).toBeNull();
  });

  it("counts a person's unread ones for the header badge, up to a cap", async () => {
    const [me, other] = [await insertUser(t.db), await insertUser(t.db)];
    for (let i = 0; i < 3; i++)
      await notify(t.db, me.id, "filed", `/desk/requests/SR-${i}`, { ref: `SR-${i}` });
    await notify(t.db, other.id, "filed", "/desk/requests/SR-9", { ref: "SR-9" });
    expect(await countUnread(t.db, me.id)).toBe(3);
    expect(await countUnread(t.db, me.id, 2)).toBe(2);
    await markNotificationsRead(t.db, me.id);
    expect(await countUnread(t.db, me.id)).toBe(0);
    expect(await countUnread(t.db, other.id)).toBe(1);
  });
});
