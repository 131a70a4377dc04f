/** Readable, stable slugs: ASCII words from the English title, or a short id-based one. */
export const RESERVED_SLUGS = new Set(["media", "new", "rss", "feed", "page"]);

export function slugify(title: string | null | undefined, maxLength = 80): string {
  if (!title) return "";
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, "");
}

/** A slug for an article: from the English title, else `news-<8 hex of the id>`. */
export function articleSlug(titleEn: string | null | undefined, id: string): string {
  const base = slugify(titleEn);
  const short = id.replace(/-/g, "").slice(0, 8);
  if (!base || RESERVED_SLUGS.has(base)) return `news-${short}`;
  return base;
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) && slug.length <= 100 && !RESERVED_SLUGS.has(slug);
}
