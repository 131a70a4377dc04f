import type { Locale } from "~/i18n/i18n";

export function pickLang<T extends { title_en: string | null; title_zh: string | null }>(
  row: T,
  locale: Locale,
) {
  const has = locale === "zh-CN" ? !!row.title_zh : !!row.title_en;
  return { has, lang: (has ? locale : locale === "zh-CN" ? "en" : "zh-CN") as Locale };
}
