import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "./resources";

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

/** One i18next instance per render (server) or per language (client); resources are bundled. */
export function createI18n(lng: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources,
    defaultNS: "common",
    ns: Object.keys(resources.en),
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // No promotional console line at start-up.
    showSupportNotice: false,
  });
  return instance;
}

const shared = new Map<Locale, i18n>();

/**
 * One i18next instance per language, made once and shared by every render of the process (the
 * resources are bundled and nothing changes its language): creating one per request cost about
 * a tenth of a page render. Callers must not call `changeLanguage` on it.
 */
export function i18nFor(lng: Locale): i18n {
  let instance = shared.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    shared.set(lng, instance);
  }
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
