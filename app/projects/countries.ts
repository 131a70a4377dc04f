/**
 * Countries and regions investors come from, as ISO 3166-1 alpha-2 codes, named per language
 * by Intl.DisplayNames. Shared with the browser.
 */
/**
 * Names in both languages, written out: Intl.DisplayNames differs between Node's and the
 * browser's ICU data ("Hong Kong" or "Hong Kong SAR China"), and a name that differs between
 * the server's render and the browser's makes React throw the page away on hydration.
 */
const NAMES = {
  CN: ["China (mainland)", "中国大陆"],
  HK: ["Hong Kong, China", "中国香港"],
  MO: ["Macao, China", "中国澳门"],
  TW: ["Taiwan, China", "中国台湾"],
  JP: ["Japan", "日本"],
  KR: ["South Korea", "韩国"],
  SG: ["Singapore", "新加坡"],
  MY: ["Malaysia", "马来西亚"],
  TH: ["Thailand", "泰国"],
  VN: ["Vietnam", "越南"],
  ID: ["Indonesia", "印度尼西亚"],
  PH: ["Philippines", "菲律宾"],
  IN: ["India", "印度"],
  AE: ["United Arab Emirates", "阿联酋"],
  SA: ["Saudi Arabia", "沙特阿拉伯"],
  IL: ["Israel", "以色列"],
  TR: ["Türkiye", "土耳其"],
  US: ["United States", "美国"],
  CA: ["Canada", "加拿大"],
  MX: ["Mexico", "墨西哥"],
  BR: ["Brazil", "巴西"],
  AU: ["Australia", "澳大利亚"],
  NZ: ["New Zealand", "新西兰"],
  GB: ["United Kingdom", "英国"],
  IE: ["Ireland", "爱尔兰"],
  DE: ["Germany", "德国"],
  FR: ["France", "法国"],
  NL: ["Netherlands", "荷兰"],
  BE: ["Belgium", "比利时"],
  LU: ["Luxembourg", "卢森堡"],
  CH: ["Switzerland", "瑞士"],
  AT: ["Austria", "奥地利"],
  IT: ["Italy", "意大利"],
  ES: ["Spain", "西班牙"],
  PT: ["Portugal", "葡萄牙"],
  SE: ["Sweden", "瑞典"],
  DK: ["Denmark", "丹麦"],
  NO: ["Norway", "挪威"],
  FI: ["Finland", "芬兰"],
  PL: ["Poland", "波兰"],
  CZ: ["Czechia", "捷克"],
  HU: ["Hungary", "匈牙利"],
  RU: ["Russia", "俄罗斯"],
  ZA: ["South Africa", "南非"],
} as const satisfies Record<string, readonly [string, string]>;

export type Country = keyof typeof NAMES;
export const COUNTRIES = Object.keys(NAMES) as [Country, ...Country[]];

export function isCountry(value: unknown): value is Country {
  return typeof value === "string" && Object.hasOwn(NAMES, value);
}

export function countryName(code: string | null | undefined, locale: string): string {
  if (!code) return "";
  if (!isCountry(code)) return code;
  return NAMES[code][locale === "zh-CN" ? 1 : 0];
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
    if (NAMES[code].some((n) => n.toLowerCase() === value)) return code;
    for (const locale of ["en", "zh-CN", "zh-TW", "de", "fr", "ja"])
      if (new Intl.DisplayNames([locale], { type: "region" }).of(code)?.toLowerCase() === value)
        return code;
  }
  return null;
}
