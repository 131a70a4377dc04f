import type { i18n } from "i18next";
import { createI18nWith, type Locale } from "./i18n";
import { resources } from "./resources";

/** One i18next instance over both languages (server: renders, emails). */
export function createI18n(lng: Locale): i18n {
  return createI18nWith(lng, resources);
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
