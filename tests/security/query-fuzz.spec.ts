/**
 * Issue 11, "no malformed value is a 500": hostile query strings and path params against every
 * route of the built app's manifest (the URLs of the route x role table, demo ids filled in),
 * as an anonymous visitor, a company member, staff and an admin. Every answer must be below 500
 * and come within a hard bound (10x a normal page).
 *
 * The query strings are sampled with fast-check from a fixed seed (the same run every time):
 * bad and forged cursors (base64 garbage, impossible timestamps, wrong JSON types, huge ranks),
 * huge and negative numbers, repeated names (`a=1&a=2`), `a[]=` and `a[0]=`, Unicode, NUL and
 * control characters, broken percent-encoding, 10 KB values and unknown names. Each id in a
 * route's path is also replaced by malformed ones (not a UUID, upper case, NUL, 2 KB, SQL).
 */
import { expect, test, type APIRequest, type APIRequestContext } from "@playwright/test";
import * as fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import { PERSONAS as ACCOUNTS, sessionTokenFor } from "../support/e2e";
import { expected, loadIds, manifestRouteIds, routeUrl } from "../support/routes";
import { ROUTES, type Ids, type Persona } from "./route-matrix.table";

const ROUTES_DIR = path.resolve(
  path.dirname(url.fileURLToPath(import.meta.url)),
  "../../app/routes",
);
const FUZZ_PERSONAS: Persona[] = ["anonymous", "memberA", "staff", "admin"];
/** Query strings per route and persona: more where the persona reaches the loader. */
const RUNS_REACHED = 5;
const RUNS_REFUSED = 1;
/** A hard bound: a normal page takes ~50 ms, and this machine is shared. */
const MAX_MS = 5_000;
const SEED = 20261204;

/** Every query name the app reads somewhere (loaders, area parsers, links). */
const KNOWN_NAMES = [
  "after",
  "cursor",
  "before",
  "q",
  "status",
  "mine",
  "state",
  "sort",
  "type",
  "category",
  "tag",
  "team",
  "assignee",
  "priority",
  "sla",
  "company",
  "from",
  "to",
  "table",
  "lang",
  "interest",
  "redirectTo",
  "token",
  "preview",
  "transfer",
  "remove",
  "leave",
  "space",
  "min",
  "action",
  "actor",
  "role",
  "resident",
  "page",
  "view",
  "step",
  "id",
];

const b64 = (s: string) => Buffer.from(s).toString("base64url");
const SORTS = ["due", "newest", "oldest", "priority"];

/** Routes whose query is read by their area's parser rather than in the route file. */
const AREA_NAMES: Record<string, string[]> = {
  "routes/desk.requests._index": [
    "state",
    "type",
    "category",
    "team",
    "assignee",
    "priority",
    "sla",
    "company",
    "q",
    "sort",
    "after",
  ],
  "routes/admin.users._index": ["q", "role", "status", "cursor"],
  "routes/admin.companies._index": ["q", "resident", "cursor"],
  "routes/admin.audit": ["action", "actor", "before"],
  "routes/desk.reports": ["from", "to"],
  "routes/desk.reports[.]csv": ["from", "to", "table"],
};

/** The query names a route reads (its `searchParams.get` calls, `field.` helpers, its area's parser). */
function namesRead(routeId: string): { names: string[]; pages: boolean; sorts: boolean } {
  const file = path.join(ROUTES_DIR, routeId.replace(/^routes\//, ""));
  const source = [".tsx", ".ts", "/route.tsx"].map((e) => file + e).find((f) => fs.existsSync(f));
  // A route folder's colocated modules count as its source.
  const sources = source?.endsWith("/route.tsx")
    ? fs.readdirSync(file).map((f) => path.join(file, f))
    : source
      ? [source]
      : [];
  const text = sources.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const names = new Set<string>(AREA_NAMES[routeId] ?? []);
  for (const m of text.matchAll(/searchParams\.get\("(\w+)"\)|\b(\w+): field\.\w+\(/g))
    names.add((m[1] ?? m[2])!);
  return {
    names: [...names],
    pages: /\b(after|cursor|nextCursor|before)\b/.test(text),
    sorts: /\bsort\b/.test(text),
  };
}

/** Forged keyset cursors: ours are base64url("<timestamp>|<uuid>[|<rank>]"; the queue's were JSON. */
function hostileCursors(ids: Ids): string[] {
  const id = ids.companyA;
  return [
    b64(`9999-99-99T99:99:99.000000Z|${id}`),
    b64(`2026-02-30T10:00:00.000000Z|${id}`),
    b64(`0000-01-01T00:00:00.000000Z|${id}`),
    b64(`not a date|${id}`),
    b64(`2026-01-01T00:00:00.000Z|not-a-uuid`),
    b64(`2026-01-01T00:00:00.000000Z|${id}|99999999`),
    b64(`2026-01-01T00:00:00.000000Z|${id}|-1`),
    b64(`2026-01-01T00:00:00.000000Z|${id.toUpperCase()}|x|y`),
    b64(JSON.stringify({ k: "99999999", id })),
    b64(JSON.stringify({ k: "1", id })),
    b64(JSON.stringify({ k: 5, id })),
    b64(JSON.stringify({ k: "2026-01-01", k2: ["x"], id })),
    b64(JSON.stringify({ k: "12345-01-01", id })),
    b64(JSON.stringify({ k: "2026-13-45", id: 7 })),
    b64(`+275760-09-13T00:00:00.000Z|${id}`),
    b64(`-000001-01-01T00:00:00.000Z|${id}`),
    b64(`2026-01-01T00:00:00.000000Z|${id}`).toUpperCase(),
    b64(JSON.stringify({ k: "2", k2: "2026-01-01T00:00:00.000000+00", id: "x" })),
    b64(JSON.stringify({ k: "2026-01-01 00:00:00+00", id })),
    b64("\u0000\u0001garbage"),
    "%%%garbage%%%",
    "!!!!",
    "x".repeat(300),
  ];
}

/** The sharpest values: every name a route reads gets each of them once (one persona per route). */
const SHARP = [
  "a\u0000b",
  "\u0007\u001b",
  "%ZZ",
  "%ED%A0%80",
  "-1",
  "99999999999999999999999",
  "1e309",
  "2026-02-30",
  "0000-01-01",
  "99999-12-31",
  "' OR 1=1--",
  "------------------------------------",
  "x".repeat(5_000),
  "__proto__",
  "你好",
  "none",
  "me",
];

function hostileValues(ids: Ids): string[] {
  const id = ids.companyA;
  return [
    ...hostileCursors(ids),
    // numbers
    "-1",
    "0",
    "1e309",
    "99999999999999999999999",
    "NaN",
    "Infinity",
    "0x10",
    "1.5",
    " 1 ",
    // dates
    "2026-02-30",
    "0000-01-01",
    "99999-01-01",
    "2026-1-1",
    "2026-01-01T00:00:00Z",
    "1900-01-01",
    // ids and enums
    "00000000-0000-0000-0000-000000000000",
    id.toUpperCase(),
    `{${id}}`,
    id.replace(/-/g, ""),
    // valid enum values, so that the other parameters are read with them
    "priority",
    "due",
    "newest",
    "oldest",
    "open",
    "published",
    "draft",
    "new",
    "volume",
    "zh-CN",
    "' OR 1=1--",
    "none",
    "me",
    "all",
    "__proto__",
    "constructor",
    "true",
    "yes",
    // text
    "你好世界",
    "🏭🏭🏭",
    "\u202eevil",
    "a\u0000b",
    "\u0000",
    "\u0007\u001b[31m",
    "%",
    "%ZZ",
    "\ud800",
    "<script>alert(1)</script>",
    " ",
    "",
  ];
}

interface Pair {
  name: string;
  value: string;
}

/** Percent-encoding that does not throw: a lone surrogate goes out as its (invalid) UTF-8 bytes. */
function encode(s: string): string {
  return s.replace(/[^]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return "%ED%A0%80";
    }
  });
}

/** A query string as a browser would never send it: names and values encoded, or raw. */
function render(pairs: Pair[]): string {
  return pairs
    .map(({ name, value }) => {
      // Raw "%" sequences are kept as they are (broken percent-encoding is part of the corpus).
      const v = value.startsWith("%") ? value : encode(value);
      return `${encode(name).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${v}`;
    })
    .join("&");
}

function queryArbitrary(corpus: string[], own: string[]) {
  const name = fc.oneof(
    { weight: own.length ? 6 : 0, arbitrary: fc.constantFrom(...(own.length ? own : ["q"])) },
    { weight: 3, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom(...KNOWN_NAMES).map((n) => `${n}[]`) },
    { weight: 1, arbitrary: fc.constantFrom(...KNOWN_NAMES).map((n) => `${n}[0]`) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  );
  const value = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...corpus) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
    { weight: 2, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 80 }) },
  );
  const pairs = fc.array(fc.record({ name, value }), { minLength: 1, maxLength: 6 });
  const cursorNames = ["after", "cursor", "before"];
  return fc.oneof(
    { weight: 12, arbitrary: pairs },
    // repeated parameters
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...KNOWN_NAMES),
          fc.constantFrom(...corpus),
          fc.constantFrom(...corpus),
        )
        .map(([n, a, b]) => [
          { name: n, value: a },
          { name: n, value: b },
        ]),
    },
    // a forged cursor under each sort order (a cursor holds the sort's keys)
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...cursorNames),
          fc.constantFrom(...corpus),
          fc.constantFrom(...SORTS),
        )
        .map(([n, v, sort]) => [
          { name: "state", value: "all" },
          { name: "sort", value: sort },
          { name: n, value: v },
        ]),
    },
    // one 10 KB value
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...KNOWN_NAMES)
        .map((n) => [{ name: n, value: "x".repeat(10_240) }]),
    },
  );
}

/** The route's path template from its manifest id: `routes/a.$b[.]csv` -> ["a", "$b.csv"]. */
function templateSegments(routeId: string): string[] {
  return routeId
    .replace(/^routes\//, "")
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index" && s !== "")
    .map((s) => s.replace(/\u0001/g, "."));
}

const BAD_SEGMENTS = [
  "-".repeat(36),
  "f".repeat(36),
  "00000000-0000-0000-0000-00000000000g",
  "a%00b",
  "x".repeat(2_000),
  "'%20OR%201=1--",
  "%E4%BD%A0%E5%A5%BD",
  "%ED%A0%80",
  "SR-9999-99999999999999999999999",
];

/** URLs with each path param of the route replaced by malformed ones. */
function malformedPaths(routeId: string, target: string): string[] {
  const template = templateSegments(routeId);
  const url = new URL(target, "http://x");
  const segments = url.pathname.split("/").filter(Boolean);
  if (template.some((s) => s.startsWith("$") && s.length === 1)) return []; // the splat route
  if (segments.length !== template.length) return [];
  const out: string[] = [];
  template.forEach((s, i) => {
    if (!s.startsWith("$")) return;
    for (const bad of BAD_SEGMENTS) {
      const next = [...segments];
      next[i] = bad;
      out.push(`/${next.join("/")}`);
    }
    const upper = [...segments];
    upper[i] = segments[i]!.toUpperCase();
    out.push(`/${upper.join("/")}`);
  });
  return out;
}

async function contextFor(
  request: APIRequest,
  baseURL: string,
  persona: Persona,
): Promise<APIRequestContext> {
  const token = persona === "anonymous" ? undefined : await sessionTokenFor(ACCOUNTS[persona]);
  const cookies = token
    ? [
        {
          name: "session",
          value: token,
          domain: new URL(baseURL).hostname,
          path: "/",
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: "Lax" as const,
        },
      ]
    : [];
  return request.newContext({ baseURL, storageState: { cookies, origins: [] } });
}

for (const persona of FUZZ_PERSONAS) {
  test(`hostile query strings and path params as ${persona}: no 5xx, fast`, async ({
    playwright,
    baseURL,
  }) => {
    // Each request is bounded (MAX_MS); the whole sweep grows with the routes and shares the
    // two cores with the other test group (ADR 0042), so its budget is generous.
    test.setTimeout(600_000);
    const routes = (await manifestRouteIds()).filter((r) => r.hasLoader);
    const ids = await loadIds();
    const corpus = hostileValues(ids);
    const cursors = hostileCursors(ids);
    const api = await contextFor(playwright.request, baseURL!, persona);
    const failures: string[] = [];
    let seed = SEED + FUZZ_PERSONAS.indexOf(persona) * 1000;
    const targets: string[] = [];
    for (const route of routes) {
      const spec = ROUTES[route.id];
      if (!spec || spec.endsSession || route.id === "routes/language") continue;
      const base = routeUrl(spec, ids);
      const reached = expected(spec.get, persona) === 200;
      const own = namesRead(route.id);
      const samples = fc.sample(queryArbitrary(corpus, own.names), {
        seed: seed++,
        numRuns: reached ? RUNS_REACHED : RUNS_REFUSED,
      });
      const [pathname, fixed] = base.split("?") as [string, string | undefined];
      // The generated pairs come first: a repeated name counts as its first value.
      const withFixed = (q: string) => `${pathname}?${q}${fixed ? `&${fixed}` : ""}`;
      for (const pairs of samples) targets.push(withFixed(render(pairs)));
      // Lists that page: every forged cursor, under every sort order if the list has several.
      // The persona that first reaches the route (in FUZZ_PERSONAS order) runs the sweeps.
      const first = FUZZ_PERSONAS.find((p) => expected(spec.get, p) === 200);
      if (own.pages && first === persona)
        for (const c of cursors)
          for (const sort of own.sorts ? SORTS : [undefined]) {
            const pairs = ["after", "cursor", "before"].map((n) => ({ name: n, value: c }));
            if (sort) pairs.unshift({ name: "sort", value: sort });
            targets.push(withFixed(render(pairs)));
          }
      // Each name the route reads, with each sharp value.
      if (first === persona)
        for (const name of own.names)
          for (const value of SHARP) targets.push(withFixed(render([{ name, value }])));
      if (first === persona || (persona === "anonymous" && !first))
        targets.push(...malformedPaths(route.id, base));
    }
    // A few at a time: the server answers concurrent requests as it would in production.
    const queue = [...targets];
    const worker = async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        const started = Date.now();
        const res = await api.get(t, { maxRedirects: 0, failOnStatusCode: false });
        const ms = Date.now() - started;
        if (res.status() >= 500) failures.push(`${res.status()} GET ${t.slice(0, 300)}`);
        else if (ms > MAX_MS) failures.push(`${ms} ms GET ${t.slice(0, 300)}`);
        await res.dispose();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await api.dispose();
    console.log(`${persona}: ${targets.length} requests`);
    expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
  });
}
