/** Small pieces shared by the company pages. */
import type { Locale } from "~/i18n/i18n";

export function formatDay(date: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-GB", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
  }).format(new Date(date));
}
