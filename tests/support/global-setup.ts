/**
 * Prepares one migrated template per database mode, once per run, so each test file can get
 * a fresh database in milliseconds:
 * - postgres: a template database on the server; each file gets `CREATE DATABASE ... TEMPLATE`;
 * - pglite: a dump of a migrated data folder; each file loads it into a new in-memory PGlite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate.server";
import { seedReferenceData } from "../../db/seed/reference.server";

export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject) {
  const mode = project.config.env?.TEST_DB_MODE ?? "postgres";
  if (mode === "pglite") {
    const handle = await openDatabase({});
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    const blob = await handle.pglite!.dumpDataDir("gzip");
    await handle.close();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pglite-tpl-"));
    const dump = path.join(dir, "template.tar.gz");
    fs.writeFileSync(dump, Buffer.from(await blob.arrayBuffer()));
    project.provide("pgliteTemplate", dump);
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const name = `portal_test_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  await handle.close();
  project.provide("postgresTemplate", name);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
