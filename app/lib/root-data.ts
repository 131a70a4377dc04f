import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";
import type { Locale } from "~/i18n/i18n";
// A type-only import: the root route's loader shapes this data, and no runtime edge leads
// back to `~/root` (the lint rule in eslint.config.js forbids value imports of the root).
import type { loader } from "~/root";

/** What the root loader gives every page: the reader's locale, user, toast and mailbox link. */
export type RootData = Awaited<ReturnType<typeof loader>>["data"];

/**
 * The reader's language as the request says it (cookie, Accept-Language), set by
 * entry.server.tsx and, in the browser, read back from `<html lang>`. It is what a page uses
 * when the root loader did not run: a form refused by an action (400/413) renders the root
 * error boundary, and React Router runs no loader at or below the boundary.
 */
const RequestLocaleContext = createContext<Locale>("en");
export const RequestLocaleProvider = RequestLocaleContext.Provider;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

export function useLocale(): Locale {
  const fallback = useContext(RequestLocaleContext);
  return useRootData()?.locale ?? fallback;
}
