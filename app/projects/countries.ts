/**
 * Countries and regions investors come from, as ISO 3166-1 alpha-2 codes, named per language
 * by Intl.DisplayNames. Shared with the browser.
 */
// prettier-ignore
export const COUNTRIES = [
  "CN", "HK", "MO", "TW", "JP", "KR", "SG", "MY", "TH", "VN", "ID", "PH", "IN", "AE", "SA", "IL",
  "TR", "US", "CA", "MX", "BR", "AU", "NZ", "GB", "IE", "DE", "FR", "NL", "BE", "LU", "CH", "AT",
  "IT", "ES", "PT", "SE", "DK", "NO", "FI", "PL", "CZ", "HU", "RU", "ZA",
] as const;
export type Country = (typeof COUNTRIES)[number];

export function isCountry(value: unknown): value is Country {
  return typeof value === "string" && (COUNTRIES as readonly string[]).includes(value);
}

const names = new Map<string, Intl.DisplayNames>();

export function countryName(code: string | null | undefined, locale: string): string {
  if (!code) return "";
  let dn = names.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([locale], { type: "region" });
    names.set(locale, dn);
  }
  return dn.of(code) ?? code;
}

/** Common ways people write a country that Intl does not name that way. */
const ALIASES: Record<string, Country> = {
  usa: "US",
  "united states of america": "US",
  america: "US",
  uk: "GB",
  england: "GB",
  britain: "GB",
  "great britain": "GB",
  prc: "CN",
  "mainland china": "CN",
  中国大陆: "CN",
  美國: "US",
  德國: "DE",
  日本國: "JP",
  korea: "KR",
  "south korea": "KR",
  holland: "NL",
};

/** The code of a country written as text (an inquiry's free field), or null when unknown. */
export function matchCountry(text: string): Country | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (!value) return null;
  if (ALIASES[value]) return ALIASES[value];
  for (const code of COUNTRIES) {
    if (value === code.toLowerCase()) return code;
    for (const locale of ["en", "zh-CN", "zh-TW", "de", "fr", "ja"])
      if (countryName(code, locale).toLowerCase() === value) return code;
  }
  return null;
}
