/** `npm run db:migrate | db:seed | db:reset`: the same steps `npm start` runs, one at a time. */
import { openDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { sql } from "kysely";

const command = process.argv[2];
const url = process.env.DATABASE_URL || undefined;
const handle = await openDatabase({ url, dataDir: process.env.PGLITE_DATA_DIR || ".data/pglite" });
const { db } = handle;
try {
  if (command === "reset") {
    await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`.execute(db);
    console.log("Dropped every table.");
  }
  if (command === "migrate" || command === "reset") {
    const results = await migrateToLatest(db);
    for (const r of results) console.log(`migrated ${r.migrationName}`);
    if (results.length === 0) console.log("Database already up to date.");
  }
  if (command === "seed" || command === "reset") {
    const { seedReferenceData } = await import("../db/seed/reference.server");
    const { seedDemoData } = await import("../db/seed/demo.server");
    await seedReferenceData(db);
    const summary = await seedDemoData(db);
    console.log(summary);
  }
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error("usage: tsx scripts/db.ts migrate|seed|reset");
    process.exitCode = 2;
  }
} finally {
  await handle.close();
}
