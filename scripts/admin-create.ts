/**
 * `npm run admin:create -- --email you@example.com --name "Your Name"`
 *
 * Creates the first administrator (verified, with the admin and staff roles), or grants admin
 * to an existing account. The password comes from ADMIN_PASSWORD or, on a terminal, a prompt
 * (not echoed); it is never printed. Runs migrations and the reference seed first, in either
 * database mode: DATABASE_URL (PostgreSQL) or PGLITE_DATA_DIR (embedded, default .data/pglite).
 * With PGlite, stop the server first: the data folder can be open in one process only.
 */
import readline from "node:readline";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { DataDirLockedError, openDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { seedReferenceData } from "../db/seed/reference.server";
import { email as emailSchema, name as nameSchema, newPassword } from "../app/accounts/schema";
import { audit } from "../app/audit/audit.server";
import { hashPassword } from "../app/auth/password.server";

const USAGE = `usage: npm run admin:create -- --email <email> --name <full name> [--locale en|zh-CN]
  The password is read from ADMIN_PASSWORD, or asked for when run in a terminal.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        locale: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const email = emailSchema.safeParse(values.email ?? "");
    if (!email.success) fail(`A valid --email is required.\n${USAGE}`, 2);
    const locale = values.locale ?? "en";
    if (locale !== "en" && locale !== "zh-CN") fail(`--locale must be en or zh-CN.\n${USAGE}`, 2);
    return { email: email.data, name: values.name, locale };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: true,
    });
    const out = rl as unknown as {
      _writeToOutput: (s: string) => void;
      output: NodeJS.WriteStream;
    };
    let muted = false;
    out._writeToOutput = (s: string) => {
      if (!muted || s.includes("\n")) out.output.write(muted ? "\n" : s);
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  let password: string;
  if (fromEnv) password = fromEnv;
  else if (process.stdin.isTTY) {
    password = await promptHidden("Password for the new administrator: ");
    const again = await promptHidden("Type it again: ");
    if (again !== password) fail("The two passwords differ; nothing was changed.");
  } else fail("Set ADMIN_PASSWORD, or run this in a terminal to be asked for the password.", 2);
  const checked = newPassword.safeParse(password);
  if (!checked.success)
    fail("The password must be 8 to 1000 characters long; nothing was changed.", 2);
  return checked.data;
}

const args = parse();
const url = process.env.DATABASE_URL || undefined;
let handle;
try {
  handle = await openDatabase({ url, dataDir: process.env.PGLITE_DATA_DIR || ".data/pglite" });
} catch (error) {
  if (error instanceof DataDirLockedError) fail(error.message);
  throw error;
}
const { db } = handle;
try {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const existing = await db
    .selectFrom("app_user")
    .select(["id", "name", "disabled_at"])
    .where(sql`lower(email)`, "=", args.email.toLowerCase())
    .executeTakeFirst();

  if (existing) {
    const granted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("user_role")
        .values({ user_id: existing.id, role: "admin" })
        .onConflict((oc) => oc.doNothing())
        .returning("role")
        .executeTakeFirst();
      if (row) {
        await audit(trx, {
          actorId: null,
          action: "user.admin_created",
          entityType: "user",
          entityId: existing.id,
          details: { via: "cli", existingAccount: true, roles: ["admin"] },
        });
      }
      return !!row;
    });
    console.log(
      granted
        ? `${args.email} (${existing.name}) is now an administrator.`
        : `${args.email} (${existing.name}) is already an administrator.`,
    );
    if (existing.disabled_at)
      console.log(
        "Note: this account is disabled; another administrator must enable it before it can sign in.",
      );
  } else {
    const name = nameSchema.safeParse(args.name ?? "");
    if (!name.success) fail(`--name is required to create a new account.\n${USAGE}`, 2);
    const passwordHash = await hashPassword(await readPassword());
    const id = await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto("app_user")
        .values({
          email: args.email,
          name: name.data,
          locale: args.locale,
          password_hash: passwordHash,
          email_verified_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const role of ["admin", "staff"])
        await trx.insertInto("user_role").values({ user_id: user.id, role }).execute();
      await audit(trx, {
        actorId: null,
        action: "user.admin_created",
        entityType: "user",
        entityId: user.id,
        details: { via: "cli", existingAccount: false, roles: ["admin", "staff"] },
      });
      return user.id;
    });
    console.log(`Created administrator ${args.email} (${name.data}), id ${id}. Sign in at /login.`);
  }
} finally {
  await handle.close();
}
