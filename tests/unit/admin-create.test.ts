/**
 * `npm run admin:create` (scripts/admin-create.ts), run as a child process the way an operator
 * runs it: on a new PostgreSQL database (postgres project) or a new PGlite folder (pglite
 * project), including the refusal while another process holds the PGlite folder.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir, openDatabase, type DatabaseHandle } from "../../db/client.server";
import { verifyPassword } from "../../app/auth/password.server";
import { ADMIN_URL } from "../support/db";
import { insertUser } from "../support/factories";

const ROOT = path.resolve(__dirname, "../..");
const MODE = process.env.TEST_DB_MODE === "pglite" ? "pglite" : "postgres";
const PASSWORD = "cli-admin-password-9";

let dbUrl: string | undefined;
let dbName: string | undefined;
let dataDir: string | undefined;

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : { PGLITE_DATA_DIR: dataDir! }),
    ...env,
  };
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "scripts/admin-create.ts", ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: childEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the script's database from this process (after the script has exited). */
async function inspect<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(dbUrl ? { url: dbUrl } : { dataDir });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  if (MODE === "postgres") {
    dbName = `portal_admin_cli_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-admin-cli-"));
  }
});

afterAll(async () => {
  if (dbName) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`npm run admin:create (${MODE})`, () => {
  it("migrates an empty database and creates a verified admin with admin and staff roles, never printing the password", async () => {
    const result = await run(["--email", "First.Admin@Example.com", "--name", "First Admin"], {
      ADMIN_PASSWORD: PASSWORD,
    });
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Created administrator first.admin@example.com");
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);

    await inspect(async ({ db }) => {
      const user = await db
        .selectFrom("app_user")
        .selectAll()
        .where("email", "=", "first.admin@example.com")
        .executeTakeFirstOrThrow();
      expect(user.name).toBe("First Admin");
      expect(user.email_verified_at).toBeInstanceOf(Date);
      expect(user.disabled_at).toBeNull();
      expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const roles = await db
        .selectFrom("user_role")
        .select("role")
        .where("user_id", "=", user.id)
        .orderBy("role")
        .execute();
      expect(roles.map((r) => r.role)).toEqual(["admin", "staff"]);
      const entries = await db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "user.admin_created")
        .execute();
      expect(entries).toMatchObject([
        {
          actor_id: null,
          entity_type: "user",
          entity_id: user.id,
          details: { via: "cli", existingAccount: false },
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    });
  }, 120_000);

  it("grants admin to an existing account (and only once), without needing a password", async () => {
    const id = await inspect(
      async ({ db }) =>
        (await insertUser(db, { email: "colleague@example.com", name: "Colleague" })).id,
    );
    const first = await run(["--email", "colleague@example.com"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("is now an administrator");
    const again = await run(["--email", "colleague@example.com"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("already an administrator");
    await inspect(async ({ db }) => {
      const roles = await db
        .selectFrom("user_role")
        .select("role")
        .where("user_id", "=", id)
        .execute();
      expect(roles.map((r) => r.role)).toEqual(["admin"]);
      const entries = await db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "user.admin_created")
        .where("entity_id", "=", id)
        .execute();
      expect(entries).toHaveLength(1);
    });
  }, 120_000);

  it("refuses bad input with a usage message and changes nothing", async () => {
    const noEmail = await run(["--name", "Nobody"], { ADMIN_PASSWORD: PASSWORD });
    expect(noEmail.code, noEmail.stderr).toBe(2);
    expect(noEmail.stderr).toContain("usage:");
    const noPassword = await run(["--email", "nopass@example.com", "--name", "No Pass"]);
    expect(noPassword.code, noPassword.stderr).toBe(2);
    expect(noPassword.stderr).toContain("ADMIN_PASSWORD");
    const short = await run(["--email", "short@example.com", "--name", "Short"], {
      ADMIN_PASSWORD: "short",
    });
    expect(short.code, short.stderr).toBe(2);
    await inspect(async ({ db }) => {
      const rows = await db
        .selectFrom("app_user")
        .select("email")
        .where("email", "in", ["nopass@example.com", "short@example.com"])
        .execute();
      expect(rows).toEqual([]);
    });
  }, 120_000);

  it.runIf(MODE === "pglite")(
    "fails with the clear data-folder message while another process holds the PGlite folder",
    async () => {
      const release = lockDataDir(dataDir!);
      try {
        const result = await run(["--email", "locked@example.com", "--name", "Locked"], {
          ADMIN_PASSWORD: PASSWORD,
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain("is in use by another process");
        expect(result.stderr).toContain(`pid ${process.pid}`);
      } finally {
        release();
      }
    },
    120_000,
  );
});
