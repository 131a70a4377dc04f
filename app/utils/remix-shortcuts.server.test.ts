import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installLazyHandoff, installRouteMemo } from "./remix-shortcuts.server";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as {
  matchRoutes: (routes: object[], location: string) => unknown;
};
const singleFetch = require("@remix-run/server-runtime/dist/single-fetch.js") as {
  encodeViaTurboStream: (...args: unknown[]) => ReadableStream<Uint8Array>;
};

function source(path: string): string {
  return fs.readFileSync(require.resolve(path), "utf8");
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("Remix shortcuts", () => {
  it("Remix and React Router still call the wrapped functions through their module objects", () => {
    // If an upgrade inlines these calls, the shortcuts silently stop working: fail instead.
    expect(source("@remix-run/server-runtime/dist/server.js")).toContain(
      "singleFetch.encodeViaTurboStream(",
    );
    expect(source("@remix-run/server-runtime/dist/routeMatching.js")).toContain(
      "router.matchRoutes(",
    );
    expect(source("@remix-run/react/dist/server.js")).toContain("routes.createServerRoutes(");
    expect(source("react-router-dom/server.js")).toContain(
      "router.UNSAFE_convertRoutesToDataRoutes(",
    );
  });

  it("the wrapped packages are the copies their callers load (no nested duplicates)", () => {
    const from = (pkg: string) => createRequire(require.resolve(pkg));
    const router = require.resolve("@remix-run/router");
    expect(from("@remix-run/server-runtime").resolve("@remix-run/router")).toBe(router);
    expect(from("react-router-dom").resolve("@remix-run/router")).toBe(router);
    expect(from("@remix-run/react").resolve("@remix-run/router")).toBe(router);
    expect(from("@remix-run/node").resolve("@remix-run/server-runtime")).toBe(
      require.resolve("@remix-run/server-runtime"),
    );
  });

  it("the loader data stream is encoded only when read, and reads the same bytes", async () => {
    const original = singleFetch.encodeViaTurboStream;
    const data = { loaderData: { root: { user: null, when: new Date(0) } }, errors: null };
    const expected = await text(original(data, new AbortController().signal, 100, "production"));

    const stats = installLazyHandoff();
    const before = { ...stats };
    const unread = singleFetch.encodeViaTurboStream(
      data,
      new AbortController().signal,
      100,
      "production",
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stats.created).toBe(before.created + 1);
    expect(stats.started, "never read, never encoded").toBe(before.started);
    await unread.cancel();

    const read = singleFetch.encodeViaTurboStream(
      data,
      new AbortController().signal,
      100,
      "production",
    );
    expect(await text(read)).toBe(expected);
    expect(stats.started).toBe(before.started + 1);
  });

  it("a remembered route match is the same as a fresh one, per route tree and path", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "news", path: "news" },
          { id: "article", path: "news/:slug" },
        ],
      },
    ];
    const fresh = (path: string) => JSON.stringify(router.matchRoutes(routes, path));
    const expected = ["/news/a", "/news/b", "/news", "/nope"].map(fresh);
    const stats = installRouteMemo();
    const hits = stats.matchHits;
    const once = ["/news/a", "/news/b", "/news", "/nope"].map(fresh);
    const twice = ["/news/a", "/news/b", "/news", "/nope"].map(fresh);
    expect(once).toEqual(expected);
    expect(twice).toEqual(expected);
    expect(stats.matchHits).toBeGreaterThanOrEqual(hits + 4);
    // Another tree with the same paths is matched on its own.
    // A very long path is matched afresh, not kept.
    const long = `/news/${"a".repeat(300)}`;
    const misses = stats.matchMisses;
    const longMatch = router.matchRoutes(routes, long) as { params: Record<string, string> }[];
    expect(longMatch.at(-1)!.params.slug).toBe("a".repeat(300));
    expect(stats.matchMisses).toBe(misses);
    const other = [{ id: "solo", path: "/news/:id" }];
    expect((router.matchRoutes(other, "/news/a") as { route: { id: string } }[])[0]!.route.id).toBe(
      "solo",
    );
  });
});
