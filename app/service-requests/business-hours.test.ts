import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  EMPTY_CALENDAR,
  isWorkingDay,
  pausesFromHistory,
  slaClock,
  type BusinessCalendar,
} from "./business-hours";
import { PAUSED_STATES } from "./workflow";

// Shanghai local time (UTC+8) written as ISO with offset. 2026-11-30 is a Monday.
const at = (local: string) => new Date(`${local}+08:00`);
// A test calendar (fixture, not a claim about any year's official schedule):
// Wednesday 2026-12-02 a holiday, Saturday 2026-12-05 a make-up working day.
const CAL: BusinessCalendar = new Map([
  ["2026-12-02", "holiday"],
  ["2026-12-05", "workday"],
]);

describe("working days", () => {
  it("knows weekdays, weekends, holidays and make-up days", () => {
    expect(isWorkingDay("2026-11-30", EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay("2026-11-28", EMPTY_CALENDAR)).toBe(false);
    expect(isWorkingDay("2026-12-02", CAL)).toBe(false);
    expect(isWorkingDay("2026-12-05", CAL)).toBe(true);
    expect(isWorkingDay("2026-12-06", CAL)).toBe(false);
  });
});

describe("business minutes between two instants", () => {
  it("counts only working windows within a day, skipping lunch", () => {
    expect(
      businessMinutesBetween(at("2026-11-30T09:00:00"), at("2026-11-30T18:00:00"), EMPTY_CALENDAR),
    ).toBe(480);
    expect(
      businessMinutesBetween(at("2026-11-30T11:30:00"), at("2026-11-30T13:30:00"), EMPTY_CALENDAR),
    ).toBe(60);
    expect(
      businessMinutesBetween(at("2026-11-30T12:10:00"), at("2026-11-30T12:50:00"), EMPTY_CALENDAR),
    ).toBe(0);
  });
  it("skips nights", () => {
    expect(
      businessMinutesBetween(at("2026-11-30T17:00:00"), at("2026-12-01T10:00:00"), EMPTY_CALENDAR),
    ).toBe(120);
    expect(
      businessMinutesBetween(at("2026-11-30T20:00:00"), at("2026-12-01T08:00:00"), EMPTY_CALENDAR),
    ).toBe(0);
  });
  it("skips weekends", () => {
    // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
    expect(
      businessMinutesBetween(at("2026-11-27T17:00:00"), at("2026-11-30T10:00:00"), EMPTY_CALENDAR),
    ).toBe(120);
  });
  it("skips a holiday and counts a make-up working day", () => {
    // Tuesday 17:00 -> Thursday 10:00 with Wednesday a holiday: 2 h.
    expect(businessMinutesBetween(at("2026-12-01T17:00:00"), at("2026-12-03T10:00:00"), CAL)).toBe(
      120,
    );
    expect(
      businessMinutesBetween(at("2026-12-01T17:00:00"), at("2026-12-03T10:00:00"), EMPTY_CALENDAR),
    ).toBe(120 + 480);
    // Friday 17:00 -> Monday 10:00 with Saturday a make-up working day: 1 + 8 + 1 h.
    expect(businessMinutesBetween(at("2026-12-04T17:00:00"), at("2026-12-07T10:00:00"), CAL)).toBe(
      600,
    );
  });
  it("is zero for an empty or reversed interval", () => {
    expect(
      businessMinutesBetween(at("2026-11-30T10:00:00"), at("2026-11-30T09:00:00"), EMPTY_CALENDAR),
    ).toBe(0);
  });
});

describe("adding business minutes", () => {
  it("starts at the next working window when filed at night or at the weekend", () => {
    expect(addBusinessMinutes(at("2026-11-28T22:00:00"), 60, EMPTY_CALENDAR)).toEqual(
      at("2026-11-30T10:00:00"),
    );
    expect(addBusinessMinutes(at("2026-11-30T07:00:00"), 0, EMPTY_CALENDAR)).toEqual(
      at("2026-11-30T09:00:00"),
    );
  });
  it("jumps the lunch hour and the night", () => {
    expect(addBusinessMinutes(at("2026-11-30T11:30:00"), 60, EMPTY_CALENDAR)).toEqual(
      at("2026-11-30T13:30:00"),
    );
    expect(addBusinessMinutes(at("2026-11-30T17:00:00"), 120, EMPTY_CALENDAR)).toEqual(
      at("2026-12-01T10:00:00"),
    );
  });
  it("jumps a holiday and uses a make-up day", () => {
    expect(addBusinessMinutes(at("2026-12-01T17:00:00"), 120, CAL)).toEqual(
      at("2026-12-03T10:00:00"),
    );
    expect(addBusinessMinutes(at("2026-12-04T17:00:00"), 120, CAL)).toEqual(
      at("2026-12-05T10:00:00"),
    );
    expect(addBusinessMinutes(at("2026-12-04T17:00:00"), 120, EMPTY_CALENDAR)).toEqual(
      at("2026-12-07T10:00:00"),
    );
  });
  it("is the inverse of counting", () => {
    const start = at("2026-11-27T15:17:00");
    for (const minutes of [1, 59, 180, 480, 1000, 4321]) {
      const due = addBusinessMinutes(start, minutes, CAL);
      expect(businessMinutesBetween(start, due, CAL)).toBe(minutes);
    }
  });
});

describe("SLA clock with pauses", () => {
  const start = at("2026-11-30T09:00:00");
  it("runs while working and shows the due time and time left", () => {
    const c = slaClock({
      start,
      targetMinutes: 480,
      pauses: [],
      now: at("2026-11-30T14:00:00"),
      calendar: EMPTY_CALENDAR,
    });
    expect(c.dueAt).toEqual(at("2026-11-30T18:00:00"));
    expect(c.remainingMs).toBe(240 * 60_000);
    expect(c.breached).toBe(false);
    expect(c.paused).toBe(false);
  });
  it("stops during a pause and moves the due time by the paused business time", () => {
    const pauses = [{ start: at("2026-11-30T10:00:00"), end: at("2026-11-30T15:00:00") }]; // 4 business hours
    const c = slaClock({
      start,
      targetMinutes: 480,
      pauses,
      now: at("2026-11-30T16:00:00"),
      calendar: EMPTY_CALENDAR,
    });
    // Used: 09-10 and 15-16 = 2 h of 8; due 6 business hours after 16:00.
    expect(c.remainingMs).toBe(360 * 60_000);
    expect(c.dueAt).toEqual(at("2026-12-01T14:00:00"));
  });
  it("shows no due time while paused, and keeps what was left", () => {
    const pauses = [{ start: at("2026-11-30T11:00:00"), end: null }];
    const c = slaClock({
      start,
      targetMinutes: 480,
      pauses,
      now: at("2026-12-03T11:00:00"),
      calendar: EMPTY_CALENDAR,
    });
    expect(c.paused).toBe(true);
    expect(c.dueAt).toBeNull();
    expect(c.remainingMs).toBe(360 * 60_000);
    expect(c.breached).toBe(false);
  });
  it("detects a breach across a night, a weekend and a holiday", () => {
    // Filed Friday 17:00, target 2 h: due Monday 10:00.
    const friday = at("2026-11-27T17:00:00");
    expect(
      slaClock({
        start: friday,
        targetMinutes: 120,
        pauses: [],
        now: at("2026-11-30T09:59:00"),
        calendar: EMPTY_CALENDAR,
      }).breached,
    ).toBe(false);
    const late = slaClock({
      start: friday,
      targetMinutes: 120,
      pauses: [],
      now: at("2026-11-30T10:30:00"),
      calendar: EMPTY_CALENDAR,
    });
    expect(late.breached).toBe(true);
    expect(late.remainingMs).toBe(-30 * 60_000);
    expect(late.dueAt).toEqual(at("2026-11-30T10:00:00"));
    // With Wednesday a holiday, Tuesday 17:00 + 2 h is Thursday 10:00: not breached on Wednesday.
    expect(
      slaClock({
        start: at("2026-12-01T17:00:00"),
        targetMinutes: 120,
        pauses: [],
        now: at("2026-12-02T17:00:00"),
        calendar: CAL,
      }).breached,
    ).toBe(false);
  });
  it("judges a stopped clock at its stop (first response or resolution)", () => {
    const c = slaClock({
      start,
      targetMinutes: 60,
      pauses: [],
      stoppedAt: at("2026-11-30T09:30:00"),
      now: at("2026-12-10T09:00:00"),
      calendar: EMPTY_CALENDAR,
    });
    expect(c.breached).toBe(false);
    expect(c.paused).toBe(true);
    const late = slaClock({
      start,
      targetMinutes: 60,
      pauses: [],
      stoppedAt: at("2026-11-30T11:30:00"),
      now: at("2026-12-10T09:00:00"),
      calendar: EMPTY_CALENDAR,
    });
    expect(late.breached).toBe(true);
  });
  it("derives pauses from the state history", () => {
    const history = [
      { at: at("2026-11-30T09:00:00"), to: "new" },
      { at: at("2026-11-30T10:00:00"), to: "waiting_on_requester" },
      { at: at("2026-11-30T11:00:00"), to: "waiting_on_third_party" },
      { at: at("2026-11-30T15:00:00"), to: "in_progress" },
      { at: at("2026-11-30T16:00:00"), to: "resolved" },
    ];
    expect(pausesFromHistory(history, PAUSED_STATES)).toEqual([
      { start: at("2026-11-30T10:00:00"), end: at("2026-11-30T15:00:00") },
      { start: at("2026-11-30T16:00:00"), end: null },
    ]);
  });
});
