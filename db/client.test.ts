import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../tests/support/db";
import { DataDirLockedError, isConnectionError, lockDataDir } from "./client.server";
import { migrations } from "./migrations/index";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await sql`CREATE TABLE tx_probe (id serial PRIMARY KEY, batch int NOT NULL, n int NOT NULL)`.execute(
    t.db,
  );
});
afterAll(() => t.close());

describe("database", () => {
  it("keeps concurrent transactions apart: committed rows all land, rolled-back rows none", async () => {
    const batches = Array.from({ length: 40 }, (_, i) => i);
    const results = await Promise.allSettled(
      batches.map((batch) =>
        t.db.transaction().execute(async (trx) => {
          for (let n = 0; n < 5; n++) {
            await trx
              .insertInto("tx_probe" as never)
              .values({ batch, n } as never)
              .execute();
            await new Promise((r) => setTimeout(r, Math.random() * 3));
          }
          if (batch % 4 === 0) throw new Error("roll back");
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    const rows = await sql<{
      batch: number;
      count: number;
    }>`SELECT batch, count(*)::int AS count FROM tx_probe GROUP BY batch ORDER BY batch`.execute(
      t.db,
    );
    expect(rows.rows).toHaveLength(30);
    for (const row of rows.rows) {
      expect(row.batch % 4).not.toBe(0);
      expect(row.count).toBe(5);
    }
  });

  it("lists every migration file in the migration index", () => {
    const files = fs
      .readdirSync(path.join(__dirname, "migrations"))
      .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it("makes the audit log append-only", async () => {
    await t.db.insertInto("audit_log").values({ action: "test", entity_type: "test" }).execute();
    await expect(
      t.db.updateTable("audit_log").set({ action: "changed" }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });
});

describe("PGlite data folder lock", () => {
  it("refuses a second holder with a clear message and takes over a stale lock", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-lock-"));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    // A lock left by a process that no longer exists.
    fs.writeFileSync(path.join(dir, ".portal.lock"), "999999");
    const again = lockDataDir(dir);
    again();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("isConnectionError", () => {
  it("recognises a terminated backend and a refused connection, not a constraint error", () => {
    expect(
      isConnectionError(Object.assign(new Error("terminating connection"), { code: "57P01" })),
    ).toBe(true);
    expect(
      isConnectionError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(
      false,
    );
  });
});
