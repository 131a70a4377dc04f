/**
 * Page titles in the page's language (issue 18). Routes keep writing one bilingual string,
 * "English · 中文 | Zizhu Park Portal"; `pageTitle` keeps the reader's half (read from the root
 * loader's locale) and the site name in that language. A title without " · " is kept whole.
 */
interface MetaMatch {
  id: string;
  data?: unknown;
}

const SITE = { en: "Zizhu Park Portal", "zh-CN": "紫竹园区门户" } as const;

function localeOf(matches: readonly MetaMatch[]): "en" | "zh-CN" {
  const root = matches.find((m) => m.id === "root")?.data;
  const locale =
    root && typeof root === "object" && "locale" in root
      ? (root as { locale?: unknown }).locale
      : "";
  return locale === "zh-CN" ? "zh-CN" : "en";
}

/** One language of a bilingual title "A · B | Site" (or "A · B"). */
export function localTitle(title: string, locale: "en" | "zh-CN"): string {
  const bar = title.lastIndexOf(" | ");
  const page = bar >= 0 ? title.slice(0, bar) : title;
  const site = bar >= 0 ? SITE[locale] : "";
  const dot = page.lastIndexOf(" · ");
  // The Chinese half is the last " · " part; anything before the English name (a reference,
  // "LP-2026-0001 · Projects · 招商项目") belongs to both.
  let mine = page;
  if (dot >= 0) {
    const zh = page.slice(dot + 3);
    const rest = page.slice(0, dot);
    if (/[\u3400-\u9fff]/.test(zh) && !/[\u3400-\u9fff]/.test(rest)) {
      if (locale === "zh-CN") {
        const prefix = rest.lastIndexOf(" · ");
        mine = prefix >= 0 ? `${rest.slice(0, prefix)} · ${zh}` : zh;
      } else mine = rest;
    }
  }
  return site ? `${mine} | ${site}` : mine;
}

/** The title of a route's `meta`, in the language of the page (`matches` from MetaFunction). */
export function pageTitle(matches: readonly MetaMatch[], bilingual: string): string {
  return localTitle(bilingual, localeOf(matches));
}

/** A page's meta description in the language of the page (issue 18; Lighthouse's SEO audit). */
export function pageDescription(
  matches: readonly MetaMatch[],
  en: string,
  zh: string,
): { name: "description"; content: string } {
  return { name: "description", content: localeOf(matches) === "zh-CN" ? zh : en };
}
