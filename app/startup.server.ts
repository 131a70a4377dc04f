/**
 * Start-up and shut-down of one app process, called by server.js through the server build:
 * validate the environment, open the database, migrate, seed, start the job worker.
 */
import { openDatabase } from "#db/client.server";
import { migrateToLatest } from "#db/migrate.server";
import { seedReferenceData } from "#db/seed/reference.server";
import { databaseHandle, setDatabase } from "~/db.server";
import { env } from "~/env.server";
import { startWorker } from "~/jobs/queue.server";
import { taskHandlers } from "~/jobs/tasks.server";
import { logger } from "~/observability/logger.server";

let worker: { stop(): Promise<void> } | undefined;

export async function startup(): Promise<{ kind: string; demoLogins: string[] }> {
  const config = env();
  if (config.NODE_ENV === "production" && !config.SMTP_URL) {
    logger.warn("SMTP_URL is not set: emails stay in the development mailbox at /dev/mailbox");
  }
  let handle = databaseHandle();
  if (!handle) {
    handle = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.PGLITE_DATA_DIR,
      poolSize: config.DB_POOL_SIZE,
      onPoolError: (error) => logger.warn({ err: error.message }, "database connection lost"),
    });
    setDatabase(handle);
  }
  const results = await migrateToLatest(handle.db);
  for (const r of results) logger.info({ migration: r.migrationName }, "migrated");
  await seedReferenceData(handle.db);
  let demoLogins: string[] = [];
  if (config.SEED_DEMO !== "never") {
    const { hasAnyUser, seedDemoData, DEMO_LOGINS } = await import("#db/seed/demo.server");
    if (config.SEED_DEMO === "always" || !(await hasAnyUser(handle.db))) {
      await seedDemoData(handle.db);
      logger.info("demo data loaded");
    }
    demoLogins = DEMO_LOGINS;
  }
  if (config.WORKER === "on" && !worker) {
    worker = startWorker(handle.db, {
      handlers: taskHandlers,
      log: (level, msg, extra) => logger[level](extra ?? {}, msg),
    });
  }
  return { kind: handle.kind, demoLogins };
}

export async function shutdown(): Promise<void> {
  await worker?.stop();
  worker = undefined;
  const handle = databaseHandle();
  setDatabase(undefined);
  await handle?.close();
}
