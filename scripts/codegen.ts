/**
 * Regenerates db/schema.ts from the migrations (ADR 0002): migrates a scratch database on the
 * PostgreSQL server at CODEGEN_ADMIN_URL (default: the local server), runs kysely-codegen,
 * drops the scratch database. `--verify` fails when db/schema.ts is out of date.
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import { openDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";

const adminUrl = process.env.CODEGEN_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `portal_codegen_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
try {
  const handle = await openDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  await handle.close();
  execFileSync(
    "npx",
    [
      "kysely-codegen",
      "--dialect=postgres",
      `--url=${url.toString()}`,
      "--out-file=db/schema.ts",
      "--exclude-pattern=kysely_*",
      "--numeric-parser=number",
      "--date-parser=string",
      '--type-mapping={"int8":"number"}',
      ...(process.argv.includes("--verify") ? ["--verify"] : []),
    ],
    { stdio: "inherit" },
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
