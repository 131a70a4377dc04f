/**
 * Per-route strings (issue 18, ADR 0057): a visitor's page loads `common` and the namespaces its
 * routes declare in `handle.i18n`. A namespace a page uses but does not declare shows its keys
 * in the browser (and the e2e console checks fail); this finds it earlier, by reading the
 * route's modules: `useTranslation("ns")`, `useKeyText("ns")`, `ns: "ns"` and `"ns:key"`
 * literals, following the route's imports (a `.server` module's own literals count: errors and
 * toasts it returns, not its imports). Type-only imports and i18n modules are not followed.
 * The header's signed-in parts (shell.tsx) need nothing for a visitor: signed in, every
 * namespace loads.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(__dirname, "../../app");
const ROUTES = path.join(APP, "routes");
const NS = fs.readdirSync(path.join(APP, "i18n/en")).map((f) => f.replace(/\.ts$/, ""));
const alt = NS.join("|");
const PATTERNS = [
  new RegExp(`["'\`](${alt}):[A-Za-z]`, "g"),
  new RegExp(`use(?:Translation|KeyText)\\(\\s*["'](${alt})["']`, "g"),
  new RegExp(`\\bns:\\s*["'](${alt})["']`, "g"),
];
const IMPORT = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

const scanned = new Map<string, { names: Set<string>; imports: string[] }>();
function scan(file: string) {
  let found = scanned.get(file);
  if (found) return found;
  const source = fs.readFileSync(file, "utf8");
  const names = new Set<string>();
  for (const re of PATTERNS) for (const m of source.matchAll(re)) names.add(m[1]!);
  const imports: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    if (/^(import|export)\s+type\s/.test(m[0])) continue;
    const spec = m[1] ?? m[2]!;
    if (spec.startsWith("~/i18n/") || spec.endsWith(".css")) continue;
    const target = resolve(file, spec);
    if (target) imports.push(target);
  }
  found = { names, imports };
  scanned.set(file, found);
  return found;
}

/** The namespaces a route module and what it imports name (not `common`, not emails). */
export function usedNamespaces(entry: string): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  const walk = (file: string, depth: number) => {
    if (seen.has(file)) return;
    seen.add(file);
    const { names, imports } = scan(file);
    names.forEach((n) => out.add(n));
    if (/\.server\.tsx?$/.test(file) && depth > 0) return;
    imports.forEach((i) => walk(i, depth + 1));
  };
  walk(entry, 0);
  out.delete("common");
  out.delete("emails");
  return [...out].sort();
}

function declared(file: string): string[] | null {
  const m = /export const handle(?::\s*\w+)?\s*=\s*\{[^}]*?\bi18n:\s*\[([^\]]*)\]/s.exec(
    fs.readFileSync(file, "utf8"),
  );
  if (!m) return null;
  return [...m[1]!.matchAll(/["'](\w+)["']/g)].map((x) => x[1]!).sort();
}

function routeFiles(): string[] {
  return fs.readdirSync(ROUTES, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) {
      const f = path.join(ROUTES, e.name, "route.tsx");
      return fs.existsSync(f) ? [f] : [];
    }
    return /\.tsx?$/.test(e.name) && !e.name.includes(".test.") ? [path.join(ROUTES, e.name)] : [];
  });
}

// The pages a visitor reads: each declares its strings, so it does not load every public one.
const VISITOR_PAGES = [
  "_index.tsx",
  "news._index.tsx",
  "news.$slug.tsx",
  "park._index.tsx",
  "park.industries.tsx",
  "park.invest.tsx",
  "park.policies.tsx",
  "park.policies_.$policyId.tsx",
  "park.rankings.tsx",
  "park.space.tsx",
  "incubation._index.tsx",
  "incubation.calls.$callKey.tsx",
  "services._index.tsx",
  "help._index.tsx",
  "help.$slug.tsx",
  "contact.tsx",
  "contact_.thanks.tsx",
  "login.tsx",
  "signup.tsx",
  "forgot-password.tsx",
  "reset-password.tsx",
  "verify-email.tsx",
  "invite.$token.tsx",
  "keep.tsx",
  "resume.tsx",
  "projects.join.$token.tsx",
  "$.tsx",
];

describe("route strings (handle.i18n)", () => {
  it("every visitor page declares its namespaces", () => {
    const missing = VISITOR_PAGES.filter((f) => declared(path.join(ROUTES, f)) === null);
    expect(missing).toEqual([]);
  });

  it("a route that declares its namespaces declares every one its modules use", () => {
    const wrong = routeFiles().flatMap((file) => {
      const names = declared(file);
      if (names === null) return [];
      const absent = usedNamespaces(file).filter((ns) => !names.includes(ns));
      return absent.length ? [`${path.relative(ROUTES, file)}: ${absent.join(", ")}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it("finds what a route uses through its imports", () => {
    // The incubation call page names `incubation` itself and `accounts` through a component.
    expect(usedNamespaces(path.join(ROUTES, "incubation.calls.$callKey.tsx"))).toEqual(
      expect.arrayContaining(["incubation"]),
    );
    expect(usedNamespaces(path.join(ROUTES, "contact.tsx"))).toContain("inquiries");
  });
});

describe("stringsFor", () => {
  it("a visitor's page: common, its routes' namespaces and its toast's; signed in: all", async () => {
    const { stringsFor, serializeStrings, parseStrings, namespacesOf, PUBLIC_NAMESPACES } =
      await import("~/i18n/client-strings");
    const root = { id: "root" };
    const park = { id: "routes/park._index", handle: { i18n: ["park"] } };
    expect(stringsFor(false, [root, park])).toEqual(["common", "park"]);
    expect(stringsFor(false, [root, park], "accounts:toast.signedOut")).toEqual([
      "common",
      "accounts",
      "park",
    ]);
    expect(stringsFor(false, [root, park], "nonsense:x")).toEqual(["common", "park"]);
    // A route that declares nothing: every public namespace.
    expect(stringsFor(false, [root, park, { id: "routes/x" }])).toBe("public");
    expect(stringsFor(true, [root, park])).toBe("all");
    expect(serializeStrings(["common", "park"])).toBe("common park");
    expect(parseStrings("common park")).toEqual(["common", "park"]);
    expect(parseStrings("park <script>")).toEqual(["common", "park"]);
    expect(parseStrings(undefined)).toBe("public");
    expect(namespacesOf("public")).toBe(PUBLIC_NAMESPACES);
    expect(namespacesOf("all")).toContain("desk");
  });
});
