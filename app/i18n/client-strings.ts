import type { i18n } from "i18next";
import type { Locale } from "./i18n";
import type { resources } from "./resources";

/**
 * The browser's strings (issue 18: page weight). Each namespace of each language is a chunk of
 * its own, loaded with `import()` before hydration (entry.client.tsx): a visitor's page loads
 * the namespaces its routes declare (`handle.i18n`, ADR 0057) in its language, a signed-in
 * page all of them. The server has every
 * namespace of both languages (i18n.server.ts). Emails are only written on the server.
 *
 * A new namespace goes in both bundle files (the server) and in both maps below (typecheck
 * fails otherwise); it is public only if a page a visitor can open uses it (the console-error
 * check of the e2e suite fails on a missing key).
 */
export type Namespace = keyof (typeof resources)["en"];
export type ClientNamespace = Exclude<Namespace, "emails">;
type Loader = () => Promise<{ default: unknown }>;

const LOADERS: Record<Locale, Record<ClientNamespace, Loader>> = {
  en: {
    common: () => import("./en/common"),
    admin: () => import("./en/admin"),
    accounts: () => import("./en/accounts"),
    company: () => import("./en/company"),
    desk: () => import("./en/desk"),
    services: () => import("./en/services"),
    incubation: () => import("./en/incubation"),
    news: () => import("./en/news"),
    park: () => import("./en/park"),
    inquiries: () => import("./en/inquiries"),
    kept: () => import("./en/kept"),
    projects: () => import("./en/projects"),
    companyFile: () => import("./en/companyFile"),
    kb: () => import("./en/kb"),
    investor: () => import("./en/investor"),
    notifications: () => import("./en/notifications"),
    statistics: () => import("./en/statistics"),
    inbound: () => import("./en/inbound"),
    snippets: () => import("./en/snippets"),
    rules: () => import("./en/rules"),
    space: () => import("./en/space"),
    policies: () => import("./en/policies"),
    claims: () => import("./en/claims"),
  },
  "zh-CN": {
    common: () => import("./zh-CN/common"),
    admin: () => import("./zh-CN/admin"),
    accounts: () => import("./zh-CN/accounts"),
    company: () => import("./zh-CN/company"),
    desk: () => import("./zh-CN/desk"),
    services: () => import("./zh-CN/services"),
    incubation: () => import("./zh-CN/incubation"),
    news: () => import("./zh-CN/news"),
    park: () => import("./zh-CN/park"),
    inquiries: () => import("./zh-CN/inquiries"),
    kept: () => import("./zh-CN/kept"),
    projects: () => import("./zh-CN/projects"),
    companyFile: () => import("./zh-CN/companyFile"),
    kb: () => import("./zh-CN/kb"),
    investor: () => import("./zh-CN/investor"),
    notifications: () => import("./zh-CN/notifications"),
    statistics: () => import("./zh-CN/statistics"),
    inbound: () => import("./zh-CN/inbound"),
    snippets: () => import("./zh-CN/snippets"),
    rules: () => import("./zh-CN/rules"),
    space: () => import("./zh-CN/space"),
    policies: () => import("./zh-CN/policies"),
    claims: () => import("./zh-CN/claims"),
  },
};

/** What the pages a visitor can open use (with the header, footer and error pages). */
export const PUBLIC_NAMESPACES: readonly ClientNamespace[] = [
  "common",
  "accounts",
  "company",
  "incubation",
  "inquiries",
  "investor",
  "kb",
  "kept",
  "news",
  "notifications",
  "park",
  "policies",
  "services",
];

/**
 * A route's `handle.i18n` (issue 18, ADR 0057): the namespaces its page uses besides `common`
 * (the header, footer, forms and error pages). A visitor's page loads only those of its
 * routes; a route without the declaration loads every public namespace. Signed-in pages load
 * everything. `tests/unit/route-namespaces.test.ts` checks each declaration against the
 * namespaces the route's modules name.
 */
export interface RouteHandle {
  i18n?: readonly ClientNamespace[];
  hydrate?: boolean;
}

/** The strings a page needs: every namespace, the public ones, or a list. */
export type StringsSpec = "all" | "public" | readonly ClientNamespace[];

const CLIENT_NAMESPACES = Object.keys(LOADERS.en) as ClientNamespace[];

function isClientNamespace(value: string): value is ClientNamespace {
  return (CLIENT_NAMESPACES as string[]).includes(value);
}

/**
 * What a page needs, from its matched routes (the root excluded) and the toast it shows (a key
 * "ns:…" of any namespace).
 */
export function stringsFor(
  signedIn: boolean,
  matches: readonly { id: string; handle?: unknown }[],
  toastKey?: string | null,
): StringsSpec {
  if (signedIn) return "all";
  const names = new Set<ClientNamespace>(["common"]);
  for (const m of matches) {
    if (m.id === "root") continue;
    const declared = (m.handle as RouteHandle | undefined)?.i18n;
    if (!declared) return "public";
    declared.forEach((ns) => names.add(ns));
  }
  const toastNs = toastKey?.split(":")[0];
  if (toastNs && isClientNamespace(toastNs)) names.add(toastNs);
  return CLIENT_NAMESPACES.filter((ns) => names.has(ns));
}

/** The `data-strings` attribute of the document, and back (entry.client.tsx). */
export function serializeStrings(spec: StringsSpec): string {
  return typeof spec === "string" ? spec : spec.join(" ");
}
export function parseStrings(attribute: string | undefined): StringsSpec {
  if (attribute === "all") return "all";
  if (!attribute || attribute === "public") return "public";
  const names = attribute.split(" ").filter(isClientNamespace);
  return names.includes("common") ? names : ["common", ...names];
}

export function namespacesOf(spec: StringsSpec): readonly ClientNamespace[] {
  return spec === "all" ? CLIENT_NAMESPACES : spec === "public" ? PUBLIC_NAMESPACES : spec;
}

/** The strings of one language, by namespace. */
export async function loadStrings(
  lang: Locale,
  names: readonly ClientNamespace[],
): Promise<Record<string, unknown>> {
  const modules = await Promise.all(names.map((name) => LOADERS[lang][name]()));
  return Object.fromEntries(names.map((name, i) => [name, modules[i]!.default]));
}

/**
 * Where the page's instance comes from. `ensure` (the browser): null when the instance holds
 * these namespaces, else the promise that loads them into it (a page reached by a client-side
 * navigation suspends on it: the previous page stays until they arrive).
 */
export interface I18nSource {
  instance: (locale: Locale) => i18n;
  ensure?: (names: readonly ClientNamespace[]) => Promise<void> | null;
}
