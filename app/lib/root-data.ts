import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "~/i18n/i18n";
// A type-only import: the root route's loader shapes this data, and no runtime edge leads
// back to `~/root` (the lint rule in eslint.config.js forbids value imports of the root).
import type { loader } from "~/root";

/** What the root loader gives every page: the reader's locale, user, toast and mailbox link. */
export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

export function useLocale(): Locale {
  return useRootData()?.locale ?? "en";
}
