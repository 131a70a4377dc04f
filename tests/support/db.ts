/**
 * `createTestDatabase()`: a fresh, migrated database for one test file, in the mode of the
 * running Vitest project (postgres or pglite). Call it in `beforeAll`, close it in `afterAll`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.server";

export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase extends DatabaseHandle {
  /** A URL for the postgres mode (undefined for pglite). */
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB_MODE === "pglite") {
    const dump = fs.readFileSync(inject("pgliteTemplate"));
    const handle = await openDatabase({ loadDataDir: new Blob([dump]) });
    return handle;
  }
  const template = inject("postgresTemplate");
  const name = `portal_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 20 });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
