import { readLocaleCookie } from "~/lib/cookies.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";

/** The reader's language: the cookie, then the account's setting, then Accept-Language. */
export function detectLocale(request: Request, userLocale?: Locale | null): Locale {
  const fromCookie = readLocaleCookie(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (userLocale) return userLocale;
  const accept = request.headers.get("Accept-Language") ?? "";
  for (const part of accept.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}
