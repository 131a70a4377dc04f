/**
 * Dates, times and numbers as people read them, in English and Chinese, in one place. Every
 * time is shown in the park's zone (Asia/Shanghai, UTC+8 all year), whatever the server's or
 * the browser's zone. Formatters are made once per locale and kind: creating an
 * `Intl.DateTimeFormat` costs far more than formatting with it.
 *
 * Two families:
 * - Reader's language (`formatDate`, `formatDateTime`, `formatTime`, `formatRelative`,
 *   `formatNumber`, `formatMoney`, `formatPercent`): Intl in `en-GB` or `zh-CN`.
 * - Fixed ISO-like text (`isoDay`, `isoMinute`, `isoSecond`, `formatUtc`, the datetime-local
 *   value and its parser): assembled from parts, so the server and every browser produce the
 *   same characters (no hydration mismatch across ICU versions), for tables and inputs.
 */

export const PARK_TIME_ZONE = "Asia/Shanghai";
/** The park's offset from UTC: China keeps no daylight saving time. */
const PARK_OFFSET_MS = 8 * 60 * 60 * 1000;

export type Zone = "UTC" | typeof PARK_TIME_ZONE;
type DateInput = Date | string | number;

/** The Intl locale for one of the portal's languages (British English spelling and order). */
function intlLocale(locale: string): string {
  return locale === "zh-CN" ? "zh-CN" : "en-GB";
}

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(key: string, locale: string, options: Intl.DateTimeFormatOptions) {
  const id = `${key}|${locale}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(id, f);
  }
  return f;
}

// ------------------------------------------------------------------ reader's language

/** "28 Nov 2026" / "2026年11月28日" ("long": "28 November 2026"), the park's day. */
export function formatDate(
  value: DateInput,
  locale: string,
  style: "medium" | "long" = "medium",
): string {
  return dateFormat(`date-${style}`, intlLocale(locale), {
    dateStyle: style,
    timeZone: PARK_TIME_ZONE,
  }).format(toDate(value));
}

/** "28 Nov 2026, 14:30" / "2026年11月28日 14:30", park time. */
export function formatDateTime(value: DateInput, locale: string): string {
  return dateFormat("date-time", intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: PARK_TIME_ZONE,
  }).format(toDate(value));
}

/** "14:30", park time. */
export function formatTime(value: DateInput, locale: string): string {
  return dateFormat("time", intlLocale(locale), {
    timeStyle: "short",
    timeZone: PARK_TIME_ZONE,
  }).format(toDate(value));
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** "3 hours ago", "in 2 days", "yesterday" / "3小时前", "2天后", "昨天". */
export function formatRelative(value: DateInput, locale: string, now: Date = new Date()): string {
  const tag = intlLocale(locale);
  let f = relativeFormats.get(tag);
  if (!f) {
    f = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
    relativeFormats.set(tag, f);
  }
  const diff = toDate(value).getTime() - now.getTime();
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return f.format(Math.round(diff / ms), unit);
  }
  return f.format(0, "second");
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, locale: string, options: Intl.NumberFormatOptions) {
  const id = `${key}|${locale}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, f);
  }
  return f;
}

/** "12,345" or with `digits` fixed decimals "1,234.50". */
export function formatNumber(value: number, locale: string, digits?: number): string {
  return numberFormat(`number-${digits ?? "auto"}`, intlLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits ?? 3,
  }).format(value);
}

/** "CN¥12,500.50" / "¥12,500.50": an amount in major units, at most the currency's decimals. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  return numberFormat(`money-${currency}`, intlLocale(locale), {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
  }).format(amount);
}

/** "87.5%" from a share of 0.875 (`digits` decimals at most, 1 unless told). */
export function formatPercent(share: number, locale: string, digits = 1): string {
  return numberFormat(`percent-${digits}`, intlLocale(locale), {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(share);
}

// ---------------------------------------------------------------- fixed ISO-like text

function parts(value: DateInput, zone: Zone): Record<string, string> {
  const f = dateFormat(`parts-${zone}`, "en-US", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(f.formatToParts(toDate(value)).map((p) => [p.type, p.value]));
}

/** "2026-11-28", the day in the park (or in UTC); "" for no date. */
export function isoDay(value: DateInput | null | undefined, zone: Zone = PARK_TIME_ZONE): string {
  if (value === null || value === undefined) return "";
  const p = parts(value, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-28 14:30", park time (or UTC); "" for no date. */
export function isoMinute(
  value: DateInput | null | undefined,
  zone: Zone = PARK_TIME_ZONE,
): string {
  if (value === null || value === undefined) return "";
  const p = parts(value, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2026-11-28 14:30:05", park time (or UTC). */
export function isoSecond(value: DateInput, zone: Zone = PARK_TIME_ZONE): string {
  const p = parts(value, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-11-28 03:04:05 UTC", for a compact cell. */
export function formatUtc(value: DateInput): string {
  return `${isoSecond(value, "UTC")} UTC`;
}

/** The value for an `<input type="datetime-local">` in park time: "2026-11-28T14:30". */
export function toParkLocalInput(value: DateInput): string {
  return new Date(toDate(value).getTime() + PARK_OFFSET_MS).toISOString().slice(0, 16);
}

/** "2026-12-31T17:00" read as a wall-clock time in the park; undefined if malformed. */
export function parseParkLocalInput(value: string): Date | undefined {
  const text = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi) - PARK_OFFSET_MS);
  // Reject 31 February and the like (the date rolled over).
  return toParkLocalInput(date) === text ? date : undefined;
}
