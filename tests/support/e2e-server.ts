/**
 * Starts the built portal for the browser tests on a new database on the PostgreSQL server
 * (E2E_DATABASE_URL, default portal_e2e on the local server), with demo data.
 */
import { spawn } from "node:child_process";
import pg from "pg";

const port = process.env.E2E_PORT ?? "3210";
const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = process.env.E2E_DATABASE ?? "portal_e2e";
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await client.query(`CREATE DATABASE ${name}`);
await client.end();
const url = new URL(admin);
url.pathname = `/${name}`;

const child = spawn("node", ["server.js"], {
  stdio: ["ignore", process.env.E2E_SERVER_LOG ? "inherit" : "ignore", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: url.toString(),
    SEED_DEMO: "always",
    PRINT_BANNER: "false",
    // Email both ways (ADR 0034): replies go to request+<ref>.<token>@reply.portal.test, which
    // the tests deliver to the SMTP listener (E2E_PORT + 20000) or to the webhook.
    REPLY_TO_DOMAIN: "reply.portal.test",
    INBOUND_SMTP_PORT: process.env.E2E_SMTP_PORT ?? String(Number(port) + 20000),
    INBOUND_MAIL_SECRET: "e2e-inbound-secret-0123456789abcdef",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => process.exit(code ?? 0));
