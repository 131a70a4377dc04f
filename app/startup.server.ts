/**
 * Start-up and shut-down of one app process, called by server.js through the server build:
 * validate the environment, decide local demo or shared (ADR 0018), open the database, migrate,
 * seed, start the job worker.
 */
import { openDatabase, type DB } from "#db/client.server";
import { migrateToLatest } from "#db/migrate.server";
import { seedReferenceData } from "#db/seed/reference.server";
import { databaseHandle, setDatabase } from "~/db.server";
import { deploymentMode, env, type DeploymentMode, type TrustProxy } from "~/env.server";
import { ensurePruneScheduled } from "~/jobs/prune.server";
import { startWorker } from "~/jobs/queue.server";
import { scheduleRecurring, taskHandlers } from "~/jobs/tasks.server";
import { logger } from "~/observability/logger.server";
import { startInboundSmtp } from "~/service-requests/inbound-smtp.server";

let worker: { stop(): Promise<void> } | undefined;
let inboundSmtp: { close(): Promise<void> } | undefined;

export interface StartupInfo {
  kind: string;
  /** Lines for the start-up banner: demo logins (local), or one-time passwords (shared). */
  demoLogins: string[];
  deployment: DeploymentMode;
  /** What server.js needs of the validated environment (it reads no variable itself). */
  server: {
    port: number;
    host: string;
    publicUrl: string;
    trustProxy: TrustProxy;
    maxBody: number;
    maxUpload: number;
    production: boolean;
  };
}

export async function startup(): Promise<StartupInfo> {
  const config = env();
  const deployment = deploymentMode();
  logger.info({ mode: deployment.mode, reason: deployment.reason }, "deployment mode");
  if (deployment.mode === "shared" && !config.SMTP_URL) {
    logger.warn(
      "SMTP_URL is not set: emails stay in the development mailbox at /dev/mailbox (admins only)",
    );
  }
  let handle = databaseHandle();
  if (!handle) {
    handle = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.PGLITE_DATA_DIR,
      poolSize: config.DB_POOL_SIZE,
      onPoolError: (error) => logger.warn({ err: error }, "database connection lost"),
    });
    setDatabase(handle);
  }
  const results = await migrateToLatest(handle.db);
  for (const r of results) logger.info({ migration: r.migrationName }, "migrated");
  await seedReferenceData(handle.db);
  const demoLogins = await seedDemo(handle.db, config.SEED_DEMO, deployment);
  if (config.WORKER === "on" && !worker) {
    worker = startWorker(handle.db, {
      handlers: taskHandlers,
      schedule: scheduleRecurring,
      // Failures carry the job id, task, attempt and the error (pino keeps `err`'s stack).
      log: (level, msg, extra) => logger[level](extra ?? {}, msg),
    });
    await ensurePruneScheduled(handle.db);
  }
  if (config.INBOUND_SMTP_PORT && !inboundSmtp) {
    // Email both ways (ADR 0034): the listener only stores messages; any worker processes them.
    inboundSmtp = await startInboundSmtp(handle.db, {
      port: config.INBOUND_SMTP_PORT,
      host: config.INBOUND_SMTP_HOST,
      domain: config.REPLY_TO_DOMAIN,
      maxBytes: config.INBOUND_MAX_BYTES,
      log: (level, msg, extra) => logger[level](extra ?? {}, msg),
    });
  }
  return {
    kind: handle.kind,
    demoLogins,
    deployment,
    server: {
      port: config.PORT,
      host: config.HOST,
      publicUrl: config.PUBLIC_URL,
      trustProxy: config.TRUST_PROXY,
      maxBody: config.MAX_BODY_BYTES,
      maxUpload: config.MAX_UPLOAD_BYTES,
      production: config.NODE_ENV !== "development",
    },
  };
}

/**
 * Demo data (ADR 0018). Local: SEED_DEMO=auto loads it into an empty database, with the
 * password the README publishes. Shared: only SEED_DEMO=always loads it, and on every shared
 * start each demo account that still accepts the published password gets a random one, printed
 * once in the banner (never logged).
 */
async function seedDemo(
  db: DB,
  seed: "auto" | "always" | "never",
  deployment: DeploymentMode,
): Promise<string[]> {
  const demo = await import("#db/seed/demo.server");
  const shared = deployment.mode === "shared";
  const load = seed === "always" || (seed === "auto" && !shared && !(await demo.hasAnyUser(db)));
  if (load) {
    await demo.seedDemoData(db);
    logger.info("demo data loaded");
  } else if (seed === "auto" && shared) {
    logger.info("shared start: no demo data is loaded (SEED_DEMO=always loads it)");
  }
  if (!shared) return seed === "never" ? [] : demo.DEMO_LOGINS;
  const retired = await demo.retireDemoPassword(db);
  if (!retired) return [];
  logger.warn(
    { accounts: retired.emails.length },
    "shared start: demo accounts had the published password; each now has a one-time random password (printed once on stderr)",
  );
  return [
    `Shared start: the published demo password no longer works. One-time password for`,
    `${retired.emails.length} demo account(s) (shown only now): ${retired.password}`,
    ...retired.emails.map((e) => `  ${e}`),
    "Sign in and change it, or create your own admin with `npm run admin:create`.",
  ];
}

export async function shutdown(): Promise<void> {
  await inboundSmtp?.close();
  inboundSmtp = undefined;
  await worker?.stop();
  worker = undefined;
  const handle = databaseHandle();
  setDatabase(undefined);
  await handle?.close();
}
