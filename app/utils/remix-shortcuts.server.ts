/**
 * Two shortcuts through Remix's document rendering (issue 7, docs/performance.md), installed
 * once per process by entry.server.tsx unless REMIX_SHORTCUTS=off. Both wrap module exports of
 * pinned library versions that their callers read at call time; remix-shortcuts.server.test.ts
 * checks that Remix still calls them, so an upgrade that changes that fails a test instead of
 * silently losing the shortcut.
 *
 * 1. Route matching done once per route tree and pathname instead of three times per page
 * For each document request Remix builds its React route tree afresh
 * (`createServerRoutes`, then React Router's `createStaticRouter` converts it into data routes)
 * and React Router's `matchRoutes` flattens, ranks and compiles every route (~95) on each call:
 * once in Remix's request handler, once in its static handler and once when rendering. With the
 * page cache off that was ~15 % of a page's server time.
 *
 * The three library functions are module exports that their callers read at call time
 * (`router.matchRoutes(...)`, `routes.createServerRoutes(...)`,
 * `router.UNSAFE_convertRoutesToDataRoutes(...)`), so they are wrapped here, in this process
 * only, without patching the packages:
 *
 * - `createServerRoutes` of one build (its route manifest and route modules) returns the same
 *   tree every time (it is built only from them); the tree is kept per manifest.
 * - `UNSAFE_convertRoutesToDataRoutes` of one tree returns the same data routes; kept per tree
 *   (the caller's id manifest is filled as the original fills it).
 * - `matchRoutes` of one tree (by identity: a new build or tree is a new key) and one pathname
 *   returns the same matches; the last 1,000 pathnames are kept per tree. The kept matches are
 *   frozen, so a caller that tried to change them would fail loudly rather than corrupt the
 *   next request.
 *
 * The static handler's own match (inside `staticHandler.query`) calls the function directly
 * and is not reached.
 */
import { createRequire } from "node:module";

type AnyFn = (...args: never[]) => unknown;
type Routes = readonly object[];

const MAX_PATHS = 1000;
const MAX_PATH_LENGTH = 256;
const INSTALLED = Symbol.for("park-portal.route-memo");
const LAZY_INSTALLED = Symbol.for("park-portal.lazy-handoff");

interface RouterModule {
  matchRoutes: (routes: Routes, location: unknown, basename?: string) => unknown;
  UNSAFE_convertRoutesToDataRoutes: (
    routes: Routes,
    mapRouteProperties: AnyFn,
    parentPath?: string[],
    manifest?: Record<string, unknown>,
  ) => Routes;
}

interface RemixRoutesModule {
  createServerRoutes: (
    manifest: object,
    routeModules: Record<string, unknown>,
    future: unknown,
    isSpaMode: boolean,
    ...rest: unknown[]
  ) => Routes;
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const match of value as { params?: object }[]) {
      if (match.params) Object.freeze(match.params);
      Object.freeze(match);
    }
    Object.freeze(value);
  }
  return value;
}

/** Wraps the exports once per process; returns counters (for tests). */
export function installRouteMemo() {
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as RouterModule;
  const remixRoutes = require("@remix-run/react/dist/routes.js") as RemixRoutesModule;
  const stats = { matchHits: 0, matchMisses: 0, treeHits: 0, dataRouteHits: 0 };
  const holder = globalThis as { [INSTALLED]?: typeof stats };
  if (holder[INSTALLED]) return holder[INSTALLED];
  holder[INSTALLED] = stats;

  // matchRoutes: per tree, per pathname and basename (least recently used dropped first).
  const matchRoutes = router.matchRoutes;
  const matched = new WeakMap<Routes, Map<string, unknown>>();
  router.matchRoutes = (routes, location, basename) => {
    const pathname =
      typeof location === "string"
        ? location
        : ((location as { pathname?: unknown } | null)?.pathname ?? null);
    // Long paths (only odd or hostile requests have them) are matched afresh: the memo keeps at
    // most 1,000 short paths per tree, a few MB at most.
    if (typeof pathname !== "string" || pathname.length > MAX_PATH_LENGTH || !Array.isArray(routes))
      return matchRoutes(routes, location, basename);
    const key = `${basename ?? "/"}\n${pathname}`;
    let byPath = matched.get(routes);
    if (!byPath) matched.set(routes, (byPath = new Map()));
    if (byPath.has(key)) {
      const hit = byPath.get(key);
      byPath.delete(key);
      byPath.set(key, hit);
      stats.matchHits++;
      return hit;
    }
    stats.matchMisses++;
    const result = deepFreeze(matchRoutes(routes, location, basename));
    byPath.set(key, result);
    if (byPath.size > MAX_PATHS) byPath.delete(byPath.keys().next().value!);
    return result;
  };

  // createServerRoutes: per route manifest, checked against the route modules it was made from.
  const createServerRoutes = remixRoutes.createServerRoutes;
  const trees = new WeakMap<
    object,
    { routeModules: Record<string, unknown>; future: unknown; isSpaMode: boolean; tree: Routes }
  >();
  const sameModules = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    if (a === b) return true;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => a[k] === b[k]);
  };
  remixRoutes.createServerRoutes = (manifest, routeModules, future, isSpaMode, ...rest) => {
    if (rest.length > 0)
      return createServerRoutes(manifest, routeModules, future, isSpaMode, ...rest);
    const kept = trees.get(manifest);
    if (
      kept &&
      kept.future === future &&
      kept.isSpaMode === isSpaMode &&
      sameModules(kept.routeModules, routeModules)
    ) {
      stats.treeHits++;
      return kept.tree;
    }
    const tree = createServerRoutes(manifest, routeModules, future, isSpaMode);
    trees.set(manifest, { routeModules: { ...routeModules }, future, isSpaMode, tree });
    return tree;
  };

  // UNSAFE_convertRoutesToDataRoutes: per tree and route-property mapper, top level only.
  const convert = router.UNSAFE_convertRoutesToDataRoutes;
  const converted = new WeakMap<
    Routes,
    { map: AnyFn; dataRoutes: Routes; ids: Record<string, unknown> }
  >();
  router.UNSAFE_convertRoutesToDataRoutes = (routes, mapRouteProperties, parentPath, manifest) => {
    if (parentPath !== undefined || !manifest || Object.keys(manifest).length > 0)
      return convert(routes, mapRouteProperties, parentPath, manifest);
    const kept = converted.get(routes);
    if (kept && kept.map === mapRouteProperties) {
      stats.dataRouteHits++;
      Object.assign(manifest, kept.ids);
      return kept.dataRoutes;
    }
    const ids: Record<string, unknown> = {};
    const dataRoutes = convert(routes, mapRouteProperties, undefined, ids);
    converted.set(routes, { map: mapRouteProperties, dataRoutes, ids });
    Object.assign(manifest, ids);
    return dataRoutes;
  };
  return stats;
}

interface SingleFetchModule {
  encodeViaTurboStream: (...args: unknown[]) => ReadableStream<Uint8Array>;
}

/**
 * The loader data of a document, encoded for the browser only if the page reads it.
 *
 * For every document request Remix encodes the loader data with turbo-stream into a stream
 * (`serverHandoffStream`) that `<Scripts>` writes into the page for hydration, and starts a
 * 4.95 s timer that keeps the data alive. Reading pages sent without scripts (the article,
 * `handle.hydrate = false`) never read that stream, yet paid for the encoding, the stream and
 * the timer: ~8 % of an uncached article render. Here the stream handed to the render is lazy:
 * the encoding (and its timer) starts at the first read, so pages with `<Scripts>` get exactly
 * the same bytes and pages without never start it.
 */
export function installLazyHandoff() {
  const require = createRequire(import.meta.url);
  const singleFetch =
    require("@remix-run/server-runtime/dist/single-fetch.js") as SingleFetchModule;
  const stats = { created: 0, started: 0 };
  const holder = globalThis as { [LAZY_INSTALLED]?: typeof stats };
  if (holder[LAZY_INSTALLED]) return holder[LAZY_INSTALLED];
  holder[LAZY_INSTALLED] = stats;
  const encode = singleFetch.encodeViaTurboStream;
  singleFetch.encodeViaTurboStream = (...args) => {
    stats.created++;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!reader) {
            stats.started++;
            reader = encode(...args).getReader();
          }
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel(reason) {
          return reader?.cancel(reason);
        },
      },
      // No read ahead: with the default high-water mark of 1 the stream pulls at once.
      { highWaterMark: 0 },
    );
  };
  return stats;
}
