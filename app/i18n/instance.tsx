import type { i18n } from "i18next";
import { createContext, useContext } from "react";
import type { Locale } from "./i18n";

/**
 * Where the page's i18next instance comes from: on the server, the shared instance of each
 * language (both languages' strings, `i18nFor`); in the browser, the one instance over the
 * page's own language that entry.client.tsx built from that language's bundle only (issue 18:
 * a page does not ship the other language's strings). Set by entry.server and entry.client.
 */
const I18nSourceContext = createContext<((locale: Locale) => i18n) | null>(null);
export const I18nSourceProvider = I18nSourceContext.Provider;

export function useI18nInstance(locale: Locale): i18n {
  const source = useContext(I18nSourceContext);
  if (!source) throw new Error("I18nSourceProvider is missing (entry.server / entry.client)");
  return source(locale);
}
