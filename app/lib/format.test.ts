import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
  formatUtc,
  isoDay,
  isoMinute,
  isoSecond,
  parseParkLocalInput,
  toParkLocalInput,
} from "./format";

// 22:30 UTC on 27 November is 06:30 on 28 November in the park.
const AT = new Date("2026-11-27T22:30:05Z");

describe("format: the reader's language, park time", () => {
  it("dates, date-times and times in English and Chinese", () => {
    expect(formatDate(AT, "en")).toBe("28 Nov 2026");
    expect(formatDate(AT, "en", "long")).toBe("28 November 2026");
    expect(formatDate(AT, "zh-CN")).toBe("2026年11月28日");
    expect(formatDate(AT.toISOString(), "zh-CN", "long")).toBe("2026年11月28日");
    expect(formatDateTime(AT, "en")).toBe("28 Nov 2026, 06:30");
    expect(formatDateTime(AT, "zh-CN")).toBe("2026年11月28日 06:30");
    expect(formatTime(AT, "en")).toBe("06:30");
  });

  it("relative times", () => {
    const now = new Date("2026-11-28T00:00:00Z");
    expect(formatRelative(new Date(+now - 3 * 3600_000), "en", now)).toBe("3 hours ago");
    expect(formatRelative(new Date(+now + 2 * 86_400_000), "en", now)).toBe("in 2 days");
    expect(formatRelative(new Date(+now - 86_400_000), "zh-CN", now)).toBe("昨天");
    expect(formatRelative(now, "en", now)).toBe("now");
  });

  it("numbers, money and percentages", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(4.25, "zh-CN", 1)).toBe("4.3");
    expect(formatNumber(2, "en", 2)).toBe("2.00");
    expect(formatMoney(12500.5, "CNY", "en")).toBe("CN¥12,500.5");
    expect(formatMoney(12500.5, "CNY", "zh-CN")).toBe("¥12,500.5");
    expect(formatPercent(0.875, "en")).toBe("87.5%");
    expect(formatPercent(0.875, "zh-CN", 0)).toBe("88%");
  });
});

describe("format: fixed text, the same on every machine", () => {
  it("ISO-like days, minutes and seconds in the park or in UTC", () => {
    expect(isoDay(AT)).toBe("2026-11-28");
    expect(isoDay(AT, "UTC")).toBe("2026-11-27");
    expect(isoDay(null)).toBe("");
    expect(isoMinute(AT)).toBe("2026-11-28 06:30");
    expect(isoMinute(undefined)).toBe("");
    expect(isoSecond(AT)).toBe("2026-11-28 06:30:05");
    expect(formatUtc(AT)).toBe("2026-11-27 22:30:05 UTC");
    expect(isoSecond(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28 00:00:00");
  });

  it("reads a datetime-local value as park time, and writes it back", () => {
    expect(parseParkLocalInput("2026-12-31T17:00")?.toISOString()).toBe("2026-12-31T09:00:00.000Z");
    expect(parseParkLocalInput("2027-01-01T00:00")?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(toParkLocalInput(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01T00:00");
    expect(toParkLocalInput(AT)).toBe("2026-11-28T06:30");
  });

  it("refuses malformed and impossible datetime-local values", () => {
    expect(parseParkLocalInput("2026-02-30T10:00")).toBeUndefined();
    expect(parseParkLocalInput("2026-13-01T10:00")).toBeUndefined();
    expect(parseParkLocalInput("2026-12-01T24:00")).toBeUndefined();
    expect(parseParkLocalInput("31/12/2026 17:00")).toBeUndefined();
    expect(parseParkLocalInput("")).toBeUndefined();
  });
});
