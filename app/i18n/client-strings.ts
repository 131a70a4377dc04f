import type { i18n } from "i18next";
import type { Locale } from "./i18n";
import type { resources } from "./resources";

/**
 * The browser's strings (issue 18: page weight). Each namespace of each language is a chunk of
 * its own, loaded with `import()` before hydration (entry.client.tsx): a visitor's page loads
 * the public namespaces of its language, a signed-in page all of them. The server has every
 * namespace of both languages (i18n.server.ts). Emails are only written on the server.
 *
 * A new namespace goes in both bundle files (the server) and in both maps below (typecheck
 * fails otherwise); it is public only if a page a visitor can open uses it (the console-error
 * check of the e2e suite fails on a missing key).
 */
export type Namespace = keyof (typeof resources)["en"];
type ClientNamespace = Exclude<Namespace, "emails">;
type Loader = () => Promise<{ default: unknown }>;
export type StringsScope = "public" | "all";

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

/** The strings of one language for a scope, by namespace. */
export async function loadStrings(
  lang: Locale,
  scope: StringsScope,
): Promise<Record<string, unknown>> {
  const names =
    scope === "all" ? (Object.keys(LOADERS[lang]) as ClientNamespace[]) : PUBLIC_NAMESPACES;
  const modules = await Promise.all(names.map((name) => LOADERS[lang][name]()));
  return Object.fromEntries(names.map((name, i) => [name, modules[i]!.default]));
}

/** The scope a page needs: everything when someone is signed in. */
export function scopeFor(signedIn: boolean): StringsScope {
  return signedIn ? "all" : "public";
}

/** Where the page's instance comes from, and which strings it holds (the server: all). */
export interface I18nSource {
  instance: (locale: Locale) => i18n;
  scope: StringsScope;
}
