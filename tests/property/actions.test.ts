/**
 * Property-based tests of every route action (fast-check): random and malformed form data,
 * sent as the right persona (or a wrong one), never gives a server error (a 5xx response, a
 * thrown non-Response, or a logged console.error) and never stores anything invalid.
 *
 * Each action is called directly, as Remix would: a real `Request` with an urlencoded or
 * multipart body and a real session cookie for a demo account, against a fresh test database
 * with the demo data. Field names come from the route's own source and its area's Zod schemas,
 * mixed with prototype-pollution keys and random ones; values mix huge strings, Unicode, NUL,
 * numbers out of range, bad dates, wrong enums and real ids. `FUZZ_RUNS` sets the runs per
 * action (default 25).
 */
import * as fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { insertUser } from "../support/factories";
import { createSession } from "~/auth/session.server";
import { setDatabase } from "~/db.server";
import { seedDemoData } from "#db/seed/demo.server";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const APP_DIR = path.resolve(__dirname, "../../app");

const PERSONAS = {
  anonymous: "",
  memberA: "member@demo.zizhupark.example",
  ownerA: "owner@demo.zizhupark.example",
  ownerB: "owner-b@demo.zizhupark.example",
  reviewer: "reviewer@demo.zizhupark.example",
  staff: "staff@demo.zizhupark.example",
  admin: "admin@demo.zizhupark.example",
} as const;
type Persona = keyof typeof PERSONAS;

/** Every route module (`a.b.tsx`, or `a.b/route.tsx` of a route folder) that exports an action. */
const ACTION_ROUTES = fs
  .readdirSync(ROUTES_DIR)
  .map((f) => (fs.existsSync(path.join(ROUTES_DIR, f, "route.tsx")) ? `${f}/route.tsx` : f))
  .filter((f) => /\.tsx?$/.test(f))
  .filter((f) =>
    /export (async function|const|function) action\b/.test(
      fs.readFileSync(path.join(ROUTES_DIR, f), "utf8"),
    ),
  )
  .sort();

/** The persona who may use the action (the interesting, authorized path). */
function primaryPersona(file: string): Persona {
  if (file.startsWith("admin.")) return "admin";
  // The statistics desk: admins hold the statistics permission, desk staff do not (ADR 0033).
  if (file.startsWith("desk.statistics.")) return "admin";
  if (file.startsWith("desk.")) return "staff";
  if (file.startsWith("review.")) return "reviewer";
  if (/^(login|signup|forgot-password|reset-password|contact|language)\b/.test(file))
    return "anonymous";
  return "ownerA";
}

/** Field names, intents and enum-like values a route knows: from its source and its schemas. */
function vocabulary(file: string): { names: string[]; words: string[] } {
  // A route folder's colocated modules (its forms, its server helpers) count as its source.
  const files = file.endsWith("/route.tsx")
    ? fs
        .readdirSync(path.join(ROUTES_DIR, path.dirname(file)))
        .map((f) => path.join(path.dirname(file), f))
    : [file];
  const sources = files.map((f) => fs.readFileSync(path.join(ROUTES_DIR, f), "utf8"));
  const route = sources.join("\n");
  for (const m of route.matchAll(/from "~\/([\w-]+)\/(schema|[\w-]+-schema)"/g)) {
    const p = path.join(APP_DIR, m[1]!, `${m[2]}.ts`);
    if (fs.existsSync(p)) sources.push(fs.readFileSync(p, "utf8"));
  }
  const names = new Set<string>(["intent", "redirectTo", "version", "id"]);
  const words = new Set<string>();
  for (const s of sources) {
    for (const m of s.matchAll(/name="([\w.[\]-]+)"/g)) names.add(m[1]!);
    for (const m of s.matchAll(/name=\{?`([\w.-]+)/g)) names.add(m[1]!);
    for (const m of s.matchAll(/fields\.(\w+)/g)) names.add(m[1]!);
    for (const m of s.matchAll(/formData\.get(?:All)?\("([^"]+)"\)/g)) names.add(m[1]!);
    for (const m of s.matchAll(/^\s+(\w+): z\b/gm)) names.add(m[1]!);
    for (const m of s.matchAll(/(?:value|case|intent ===) ?=? ?"([\w-]{1,40})"/g)) words.add(m[1]!);
    for (const m of s.matchAll(/z\.literal\("([\w-]{1,40})"\)/g)) words.add(m[1]!);
    for (const m of s.matchAll(/z\.enum\(\[([^\]]+)\]/g))
      for (const w of m[1]!.matchAll(/"([^"]+)"/g)) words.add(w[1]!);
  }
  return { names: [...names], words: [...words] };
}

let t: TestDatabase;
const ids: Record<string, string[]> = {};
const userIds = new Map<Persona, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  setDatabase(t);
  await seedDemoData(t.db);
  for (const [persona, email] of Object.entries(PERSONAS) as [Persona, string][]) {
    if (!email) continue;
    const row = await t.db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    userIds.set(persona, row.id);
  }
  // A throwaway account for the admin's user page, so the personas keep their roles.
  const victim = await insertUser(t.db, { email: "fuzz-target@test.example", name: "Fuzz Target" });
  const pick = async (q: Promise<{ v: string | null }[]>) =>
    (await q).map((r) => r.v).filter((v): v is string => !!v);
  ids.applicationId = await pick(
    t.db.selectFrom("application").select("id as v").limit(5).execute(),
  );
  ids.ref = await pick(t.db.selectFrom("service_request").select("ref as v").limit(5).execute());
  ids.callId = await pick(t.db.selectFrom("incubation_call").select("id as v").limit(3).execute());
  ids.callKey = await pick(
    t.db.selectFrom("incubation_call").select("slug as v").limit(3).execute(),
  );
  ids.articleId = await pick(t.db.selectFrom("news_article").select("id as v").limit(3).execute());
  ids.inquiryId = await pick(t.db.selectFrom("inquiry").select("id as v").limit(3).execute());
  ids.code = await pick(t.db.selectFrom("service_type").select("code as v").limit(3).execute());
  ids.formId = [
    "new",
    ...(await pick(t.db.selectFrom("report_form").select("id as v").limit(2).execute())),
  ];
  ids.reportId = await pick(t.db.selectFrom("report").select("id as v").limit(5).execute());
  ids.userId = [victim.id];
  ids.step = ["1", "2", "3", "4", "5"];
  ids.token = ["abcdefghijklmnopqrstuvwxyz234567"];
}, 120_000);

afterAll(async () => {
  setDatabase(undefined);
  await t?.close();
});

const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "0",
  "-1",
  "-0",
  "1.5",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "99999999999999999999999999",
  "2147483648",
  "-2147483649",
  "true",
  "false",
  "on",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"polluted":1}}',
  "__proto__",
  "constructor",
  "[object Object]",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31T23:59:59Z",
  "-271821-04-20",
  "not-a-date",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "'; DROP TABLE app_user; --",
  "<script>alert(1)</script>",
  "\uD800",
  "\uFFFF",
  "👨‍👩‍👧‍👦",
  "紫竹高新区",
  "\u202Eevil",
  "../../etc/passwd",
  "/\\evil.example",
  "//evil.example",
  "javascript:alert(1)",
  "x".repeat(10_001),
  "长".repeat(5_000),
];

const KEYS_EXTRA = [
  "__proto__",
  "constructor",
  "prototype",
  "__proto__.polluted",
  "constructor.prototype.polluted",
  "__proto__[polluted]",
  "status",
  "state",
  "score",
  "assignee_id",
  "company_id",
  "role",
  "roles",
  "a[0]",
  "a[999999]",
  "a..b",
  "",
];

function valueArb(words: string[], realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 3, arbitrary: words.length ? fc.constantFrom(...words) : fc.constant("x") },
    { weight: 2, arbitrary: realIds.length ? fc.constantFrom(...realIds) : fc.constant("1") },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    {
      weight: 1,
      arbitrary: fc.date({ noInvalidDate: false }).map((d) => {
        try {
          return d.toISOString();
        } catch {
          return "Invalid Date";
        }
      }),
    },
    { weight: 1, arbitrary: fc.lorem({ maxCount: 30 }) },
  );
}

function formArb(file: string) {
  const { names, words } = vocabulary(file);
  const realIds = Object.values(ids).flat();
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...KEYS_EXTRA) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const entry = fc.tuple(key, valueArb(words, realIds));
  const paramNames = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
  const param = (name: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(ids[name]?.length ? ids[name] : ["x"])) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "not-a-uuid",
          "00000000-0000-0000-0000-000000000000",
          "0",
          "-1",
          "%00",
          "SR-0000-00000",
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
  const params = fc.record(Object.fromEntries(paramNames.map((n) => [n, param(n)])));
  const persona = fc.oneof(
    { weight: 4, arbitrary: fc.constant(primaryPersona(file)) },
    { weight: 1, arbitrary: fc.constantFrom(...(Object.keys(PERSONAS) as Persona[])) },
  );
  return fc.record({
    persona,
    params,
    entries: fc.array(entry, { maxLength: 14 }),
    intent: fc.option(
      fc.oneof(fc.constantFrom(...(words.length ? words : ["x"])), fc.string({ maxLength: 10 })),
      { nil: undefined },
    ),
    multipart: fc.boolean(),
    file: fc.option(
      fc.record({
        name: fc.constantFrom("cover", "file", "files", "document", "attachment", "photo"),
        filename: fc.constantFrom("a.pdf", "../../x.html", "", "a\u0000.png", "长.png"),
        bytes: fc.uint8Array({ maxLength: 64 }),
      }),
      { nil: undefined },
    ),
  });
}

type ActionFn = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => unknown;

/** The HTTP status the action answered with, as Remix would send it. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit"
  ) {
    const init = (result as { init?: { status?: number } | null }).init;
    return init?.status ?? 200;
  }
  return 200;
}

async function cookieFor(persona: Persona): Promise<string | undefined> {
  const userId = userIds.get(persona);
  if (!userId) return undefined;
  const { token } = await createSession(t.db, userId);
  return `session=${token}; lang=en`;
}

describe("route actions under random and malformed form data", () => {
  it("finds the actions to fuzz", () => {
    expect(ACTION_ROUTES.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of ACTION_ROUTES) {
    it(`${file}: never a server error`, async () => {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { action: ActionFn };
      await fc.assert(
        fc.asyncProperty(formArb(file), async (input) => {
          const body = new FormData();
          if (input.intent !== undefined) body.append("intent", input.intent);
          for (const [k, v] of input.entries) body.append(k, v);
          if (input.file)
            body.append(
              input.file.name,
              new Blob([input.file.bytes], { type: "application/octet-stream" }),
              input.file.filename,
            );
          const headers = new Headers({ Origin: "http://localhost:3000" });
          const cookie = await cookieFor(input.persona);
          if (cookie) headers.set("Cookie", cookie);
          let requestBody: BodyInit = body;
          if (!input.multipart && !input.file) {
            const params = new URLSearchParams();
            for (const [k, v] of body.entries()) if (typeof v === "string") params.append(k, v);
            requestBody = params;
          }
          const url = `http://localhost:3000/${file.replace(/(\/route)?\.tsx?$/, "")}`;
          const request = new Request(url, { method: "POST", headers, body: requestBody });
          let status: number;
          try {
            status = statusOf(
              await mod.action({
                request,
                params: input.params as Record<string, string>,
                context: { ip: "127.0.0.1", nonce: "fuzz", requestId: "fuzz" },
              }),
            );
          } catch (thrown) {
            if (!(thrown instanceof Response)) throw thrown;
            status = thrown.status;
          }
          expect(status, JSON.stringify(input).slice(0, 2000)).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }

  it("stored nothing invalid", async () => {
    const blank = async (table: string, columns: string[]) => {
      const where = columns.map((c) => `btrim(${c}) = ''`).join(" OR ");
      const r = await sql<{
        n: string;
      }>`SELECT count(*)::text AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(t.db);
      return Number(r.rows[0]!.n);
    };
    const required: Array<[string, string[]]> = [
      ["app_user", ["name", "email"]],
      ["company", ["name_en", "name_zh"]],
      ["news_category", ["name_en", "name_zh", "slug"]],
      ["news_tag", ["name_en", "name_zh", "slug"]],
      ["news_article", ["slug"]],
      ["incubation_programme", ["name_en", "name_zh", "slug"]],
      ["incubation_call", ["title_en", "title_zh", "slug"]],
      ["inquiry", ["name", "email", "message"]],
      ["service_request", ["subject", "description"]],
      ["service_request_message", ["body"]],
      ["application_comment", ["body"]],
      ["service_team", ["name_en", "name_zh", "code"]],
      ["service_type", ["name_en", "name_zh", "code"]],
      ["service_type_field", ["label_en", "label_zh", "key"]],
      ["business_calendar_day", ["name_en", "name_zh"]],
      ["service_queue_view", ["name"]],
      ["park_policy", ["title_en", "title_zh"]],
      ["park_industry", ["name_en", "name_zh"]],
      ["park_space", ["name_en", "name_zh"]],
      ["park_invest_step", ["title_en", "title_zh"]],
    ];
    const bad: string[] = [];
    for (const [table, columns] of required) {
      const n = await blank(table, columns);
      if (n) bad.push(`${table}: ${n} rows with a blank ${columns.join("/")}`);
    }
    // Published news must have a title in at least one language and a publication time.
    const news = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM news_article
      WHERE status = 'published' AND (published_at IS NULL
        OR (coalesce(btrim(title_en), '') = '' AND coalesce(btrim(title_zh), '') = ''))`.execute(
      t.db,
    );
    if (Number(news.rows[0]!.n))
      bad.push(`news_article: ${news.rows[0]!.n} published without title/date`);
    // Strings from the fuzzer that must never be stored as a value of a known field.
    const emails = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM app_user WHERE email NOT LIKE '%_@_%'`.execute(t.db);
    if (Number(emails.rows[0]!.n)) bad.push(`app_user: ${emails.rows[0]!.n} invalid emails`);
    const personaRoles = await t.db
      .selectFrom("user_role")
      .select("role")
      .where("user_id", "=", userIds.get("admin")!)
      .execute();
    if (!personaRoles.some((r) => r.role === "admin")) bad.push("the admin lost the admin role");
    expect(bad).toEqual([]);
  });
});
