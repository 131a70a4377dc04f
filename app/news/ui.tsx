import type { Locale } from "~/i18n/i18n";

export function pickLang<T extends { title_en: string | null; title_zh: string | null }>(
  row: T,
  locale: Locale,
) {
  const has = locale === "zh-CN" ? !!row.title_zh : !!row.title_en;
  return { has, lang: (has ? locale : locale === "zh-CN" ? "en" : "zh-CN") as Locale };
}

/**
 * An article's 640x360 thumbnail (ADR 0051) for the news list and the home page, or nothing
 * when it has none. Lazy below the fold; the width and height keep the layout from jumping.
 */
export function NewsThumb({
  article,
  locale,
  eager = false,
}: {
  article: {
    cover_thumb_file_id: string | null;
    cover_alt_en: string | null;
    cover_alt_zh: string | null;
  };
  locale: Locale;
  eager?: boolean;
}) {
  if (!article.cover_thumb_file_id) return null;
  const alt =
    (locale === "zh-CN" ? article.cover_alt_zh : article.cover_alt_en) ||
    article.cover_alt_en ||
    article.cover_alt_zh ||
    "";
  return (
    <img
      className="news-thumb"
      src={`/news/media/${article.cover_thumb_file_id}`}
      alt={alt}
      width={640}
      height={360}
      loading={eager ? undefined : "lazy"}
      decoding="async"
    />
  );
}
