import type { i18n } from "i18next";
import { createContext, useContext } from "react";
import type { I18nSource } from "./client-strings";
import type { Locale } from "./i18n";

/**
 * Where the page's i18next instance comes from: on the server, the shared instance of each
 * language (every string of both languages, `i18nFor`); in the browser, the one instance over
 * the page's language and the namespaces its scope needs, built by entry.client.tsx (issue 18:
 * a page does not ship the other language's strings, nor a visitor the staff's).
 */
const I18nSourceContext = createContext<I18nSource | null>(null);
export const I18nSourceProvider = I18nSourceContext.Provider;

export function useI18nSource(): I18nSource {
  const source = useContext(I18nSourceContext);
  if (!source) throw new Error("I18nSourceProvider is missing (entry.server / entry.client)");
  return source;
}

export function useI18nInstance(locale: Locale): i18n {
  return useI18nSource().instance(locale);
}
