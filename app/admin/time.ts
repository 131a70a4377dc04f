/**
 * Times on admin pages: always in UTC and in Shanghai time, formatted from parts so the
 * server and the browser produce the same text (no hydration mismatch across ICU versions).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export type Zone = "UTC" | "Asia/Shanghai";

export function formatInZone(value: Date | string, timeZone: Zone): string {
  const date = typeof value === "string" ? new Date(value) : value;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "2026-11-28 03:04:05 UTC", for a compact cell. */
export function formatUtc(value: Date | string): string {
  return `${formatInZone(value, "UTC")} UTC`;
}
