import type { Locale } from "~/i18n/i18n";

// Made once: creating an Intl.DateTimeFormat costs far more than formatting with it.
const DAY = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const MINUTE = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "2026-11-28" in Shanghai time (built from parts: identical on server and browser). */
export function formatDay(value: Date | string | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  const parts = Object.fromEntries(DAY.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "2026-11-28 14:30" in Shanghai time. */
export function formatMinute(value: Date | string | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  const parts = Object.fromEntries(MINUTE.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The value for an <input type="datetime-local"> in Shanghai time. */
export function toShanghaiLocalInput(value: Date | string | null | undefined): string {
  return formatMinute(value).replace(" ", "T");
}

/** Parses "2026-11-28T14:30" typed as Shanghai time (UTC+8, no daylight saving). */
export function parseShanghaiLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]) - 8,
    Number(m[5]),
  );
  const d = new Date(utc);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function pickLang<T extends { title_en: string | null; title_zh: string | null }>(
  row: T,
  locale: Locale,
) {
  const has = locale === "zh-CN" ? !!row.title_zh : !!row.title_en;
  return { has, lang: (has ? locale : locale === "zh-CN" ? "en" : "zh-CN") as Locale };
}
