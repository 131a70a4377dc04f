/**
 * SQL is always bound (ASVS 1.2.4):
 * - no code splices text into SQL: `sql.raw`, `sql.lit`, `sql.id`, `sql.ref`, `sql.table`,
 *   `CompiledQuery.raw` and `pg` queries built from template literals are found by a scan of
 *   app/, db/, scripts/ and server.js, and each one must be on the allow-list below with a reason;
 * - naughty strings (SQL metacharacters, quotes, placeholders, comments, Unicode edge cases) go
 *   through a public form's domain function into the database and come back unchanged, and are
 *   harmless as search terms.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertStaff } from "../support/factories";
import { searchUsers } from "~/admin/users.server";
import { getInquiry, submitInquiry } from "~/inquiries/inquiries.server";
import { listPublished } from "~/news/news.server";

const root = path.resolve(__dirname, "../..");

/** file:line-text fragments allowed to build SQL text, with the reason they are safe. */
const ALLOWED: { file: string; contains: string; why: string }[] = [
  {
    file: "scripts/codegen.ts",
    contains: "CREATE DATABASE ${name}",
    why: "a database name the script generates itself (no input)",
  },
  {
    file: "scripts/codegen.ts",
    contains: "DROP DATABASE IF EXISTS ${name}",
    why: "the same generated name",
  },
  ...["CREATE TRIGGER ${sql.id(", "ON ${sql.table(table)}"].map((contains) => ({
    file: "db/migrations/2026-11-28T1547_content_version.ts",
    contains,
    why: "trigger and table names from the migration's own constant list of tables (no input)",
  })),
  {
    file: "app/lib/cursor.server.ts",
    contains: "${sql.ref(column)} AT TIME ZONE 'UTC'",
    why: "a column name that the calling query names in code (every caller passes a literal)",
  },
  {
    file: "app/lib/cursor.server.ts",
    contains: "(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) <",
    why: "the keyset columns of the calling list, named in code (every caller passes literals)",
  },
  {
    file: "app/projects/projects.server.ts",
    contains: "to_char(${sql.ref(column)}, 'YYYY-MM-DD')",
    why: "a date column of the projects area, named in code (every caller passes a literal)",
  },
];

const SPLICERS = [
  /\bsql\s*\.\s*(raw|lit|id|ref|table)\s*\(/,
  /\bCompiledQuery\s*\.\s*raw\s*\(/,
  /\.(query|exec)\s*\(\s*`[^`]*\$\{/,
  /\.unsafe\s*\(/,
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...sourceFiles(full));
    } else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

describe("SQL text is never built from input", () => {
  it("finds no sql.raw / sql.lit / identifier splicing / template-literal pg query outside the allow-list", () => {
    const files = [
      ...sourceFiles(path.join(root, "app")),
      ...sourceFiles(path.join(root, "db")),
      ...sourceFiles(path.join(root, "scripts")),
      path.join(root, "server.js"),
    ];
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      const rel = path.relative(root, file);
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (!SPLICERS.some((re) => re.test(line))) return;
        const allowed = ALLOWED.some((a) => a.file === rel && line.includes(a.contains));
        if (!allowed) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found, "add a reason to ALLOWED only when no input can reach the text").toEqual([]);
  });

  it("the scan would see a splice (self-check of the patterns)", () => {
    const samples = [
      "sql.raw(`ORDER BY ${column}`)",
      "sql.lit(value)",
      "sql.ref(userColumn)",
      "sql.id(schema, table)",
      "sql.table(name)",
      "CompiledQuery.raw(text)",
      "await client.query(`SELECT * FROM t WHERE a = '${x}'`)",
    ];
    for (const s of samples)
      expect(
        SPLICERS.some((re) => re.test(s)),
        s,
      ).toBe(true);
    for (const s of ["sql`SELECT ${value}`", "sql.val(bigrams)", "client.query('SELECT $1', [x])"])
      expect(
        SPLICERS.some((re) => re.test(s)),
        s,
      ).toBe(false);
  });
});

// A few lines of the Big List of Naughty Strings (SQL and Unicode sections) and our own.
const NAUGHTY = [
  "'; DROP TABLE app_user; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; SELECT pg_sleep(5); --",
  "') OR 1=1 --",
  "$1 $2 ?",
  ":name @p0 %s %d {0}",
  "\\",
  "\\'",
  "E'\\x41'",
  "$$ dollar $$ $tag$ quoted $tag$",
  "/* comment */ -- line comment",
  "100%_done LIKE '%'",
  "'::text || current_user || '",
  "\u202Eright-to-left override",
  "ＡＢＣ full width ＇ｑｕｏｔｅ＇",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒g̲͚ͥo̯",
  "𝕿𝖍𝖊 🐍 emoji 紫竹 ｢ｺﾝﾆﾁﾊ｣",
  "line\r\nbreak\ttab",
  "null",
  "undefined",
  "NaN",
  "-1e308",
  "<script>alert(1)</script>",
  "x".repeat(4000),
];

describe("naughty strings round-trip", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it("are stored and read back unchanged through a public form (the contact inquiry)", async () => {
    const actor = await insertStaff(t.db);
    const users = await t.db.selectFrom("app_user").select("id").execute();
    for (const [i, s] of NAUGHTY.entries()) {
      const result = await submitInquiry(
        t.db,
        {
          name: s.slice(0, 100),
          organisation: s.slice(0, 200),
          email: `naughty${i}@example.com`,
          interest: "space",
          message: s,
        },
        { ip: `198.51.100.${i}`, locale: "en", origin: "https://portal.example" },
      );
      expect(result.ok, s.slice(0, 40)).toBe(true);
      if (!result.ok) continue;
      const back = await getInquiry(t.db, actor, result.id);
      expect(back?.inquiry.message, s.slice(0, 40)).toBe(s);
      expect(back?.inquiry.name).toBe(s.slice(0, 100));
      expect(back?.inquiry.organisation).toBe(s.slice(0, 200));
    }
    // Nothing was dropped or widened.
    expect(await t.db.selectFrom("app_user").select("id").execute()).toEqual(users);
  });

  it("are plain search terms: no error, and no match where nothing matches", async () => {
    for (const s of NAUGHTY) {
      const q = s.slice(0, 100);
      const found = await searchUsers(t.db, { q });
      expect(found.items, q.slice(0, 40)).toEqual([]);
      const news = await listPublished(t.db, { q, limit: 10 });
      expect(news.items, q.slice(0, 40)).toEqual([]);
    }
  });
});
