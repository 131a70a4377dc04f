/**
 * Page weight (issue 7): the JavaScript a page makes the browser load, gzip-compressed. Starts
 * from the page's HTML (inline scripts, `<script src>`, `<link rel="modulepreload">` and the
 * `import("...")` of the inline module script) and follows the static imports of every module
 * it fetches (`import ... from "./x.js"`, `import "./x.js"`); dynamic `import()` inside
 * modules (other routes, loaded on navigation) is not counted: the strings the entry loads
 * before hydrating are, by `pageWeightInBrowser` (what a browser actually fetches). Shared by bench/page-weight.ts
 * and tests/platform/page-weight.spec.ts.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";

export interface ScriptWeight {
  url: string;
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  path: string;
  htmlBytes: number;
  htmlGzip: number;
  scripts: ScriptWeight[];
  /** The sum of the gzip sizes of every script, inline ones included. */
  jsGzip: number;
  jsBytes: number;
  html: string;
}

const gz = (text: string) => gzipSync(Buffer.from(text), { level: 6 }).length;

function staticImports(code: string): string[] {
  const found = new Set<string>();
  // `import{a}from"./x.js"`, `export*from"./y.js"`, `import"./z.js"` (minified or not);
  // never `import("./w.js")`.
  for (const m of code.matchAll(/\b(?:from|import)\s*["']([^"']+\.js)["']/g)) found.add(m[1]!);
  return [...found];
}

export async function pageWeight(
  base: string,
  path: string,
  fetchText: (url: string) => Promise<string> = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  },
): Promise<PageWeight> {
  const pageUrl = new URL(path, base).toString();
  const html = await fetchText(pageUrl);
  const scripts: ScriptWeight[] = [];
  const queue: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) queue.push(new URL(src, pageUrl).toString());
    const body = m[2]!;
    if (body.trim()) {
      scripts.push({ url: "(inline)", bytes: Buffer.byteLength(body), gzip: gz(body) });
      for (const i of body.matchAll(/import\(["']([^"']+)["']\)/g))
        queue.push(new URL(i[1]!, pageUrl).toString());
      for (const i of staticImports(body)) queue.push(new URL(i, pageUrl).toString());
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href) queue.push(new URL(href, pageUrl).toString());
  }
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await fetchText(url);
    scripts.push({ url: new URL(url).pathname, bytes: Buffer.byteLength(code), gzip: gz(code) });
    for (const i of staticImports(code)) queue.push(new URL(i, url).toString());
  }
  return {
    path,
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gz(html),
    scripts,
    jsGzip: scripts.reduce((a, s) => a + s.gzip, 0),
    jsBytes: scripts.reduce((a, s) => a + s.bytes, 0),
    html,
  };
}

/** Text of the HTML without tags or scripts: what a reader without JavaScript sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, " ")
    .replace(/<style\b[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The JavaScript a browser fetches to show and hydrate a page, gzip level 6 like
 * `pageWeight`: every script response until the network is idle (the page's language strings
 * loaded by `import()` before hydration included), plus inline scripts.
 */
export async function pageWeightInBrowser(
  browser: Browser,
  base: string,
  path: string,
  options: { locale?: "en" | "zh-CN" } = {},
): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL: base });
  if (options.locale)
    await context.addCookies([{ name: "lang", value: options.locale, url: base, sameSite: "Lax" }]);
  const page = await context.newPage();
  const urls = new Set<string>();
  page.on("request", (request) => {
    if (request.resourceType() === "script") urls.add(request.url());
  });
  const response = await page.goto(path, { waitUntil: "networkidle" });
  const html = (await response?.text()) ?? "";
  await context.close();
  // Each script the browser asked for, fetched again here (a response body read from the
  // browser can be gone by the time it is read).
  const scripts: ScriptWeight[] = await Promise.all(
    [...urls].map(async (url) => {
      const code = await (await fetch(url)).text();
      return { url: new URL(url).pathname, bytes: Buffer.byteLength(code), gzip: gz(code) };
    }),
  );
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
    if (m[1]!.trim())
      scripts.push({ url: "(inline)", bytes: Buffer.byteLength(m[1]!), gzip: gz(m[1]!) });
  return {
    path,
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gz(html),
    scripts,
    jsGzip: scripts.reduce((a, s) => a + s.gzip, 0),
    jsBytes: scripts.reduce((a, s) => a + s.bytes, 0),
    html,
  };
}
