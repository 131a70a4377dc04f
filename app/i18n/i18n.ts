import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { resources } from "./resources";

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

type Bundle = (typeof resources)["en"];

/** An i18next instance over the given resources (the browser passes its one language's). */
export function createI18nWith(
  lng: Locale,
  bundles: Partial<Record<Locale, Bundle | (typeof resources)["zh-CN"]>>,
  /** Called for a key the bundles lack (the browser reports it: entry.client.tsx). */
  onMissingKey?: (namespaces: readonly string[], key: string) => void,
): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: lng in bundles && !bundles[DEFAULT_LOCALE] ? lng : DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources: bundles,
    defaultNS: "common",
    ns: Object.keys(bundles[lng] ?? bundles[DEFAULT_LOCALE] ?? {}),
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // No promotional console line at start-up.
    showSupportNotice: false,
    ...(onMissingKey
      ? {
          saveMissing: true,
          missingKeyHandler: (
            _lngs: readonly string[],
            ns: string | readonly string[],
            key: string,
          ) => onMissingKey(typeof ns === "string" ? [ns] : ns, key),
        }
      : {}),
  });
  return instance;
}

/** Picks the field of a bilingual record for a locale, falling back to the other language. */
export function pick(
  locale: Locale,
  en: string | null | undefined,
  zh: string | null | undefined,
): string {
  return (locale === "zh-CN" ? zh || en : en || zh) ?? "";
}
