/**
 * The park's business-hours clock, as pure functions (no server imports, no clock reads).
 *
 * Working hours: Monday to Friday, 09:00-12:00 and 13:00-18:00 Asia/Shanghai (8 working hours a
 * day; the lunch hour does not count). Shanghai keeps UTC+8 all year (no daylight saving), so
 * local time is UTC shifted by eight hours. A calendar of exceptions turns a weekday into a
 * public holiday or a weekend day into a make-up working day (调休), as China's State Council
 * publishes each year; admins maintain it (business_calendar_day).
 *
 * SLA clocks count business minutes from the filing, skipping pauses (intervals in a waiting
 * state, or after resolution), which the server derives from the request's history.
 */

export type DayKind = "holiday" | "workday";
/** Exceptions by local date "YYYY-MM-DD". */
export type BusinessCalendar = ReadonlyMap<string, DayKind>;

export const EMPTY_CALENDAR: BusinessCalendar = new Map();

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;
/** Working windows of a working day, in minutes after local midnight. */
export const WINDOWS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60, 18 * 60],
];
export const WORKING_MINUTES_PER_DAY = WINDOWS.reduce((s, [a, b]) => s + b - a, 0);

export interface Pause {
  start: Date;
  /** null: still paused. */
  end: Date | null;
}

/** The local (Shanghai) date of an instant, as "YYYY-MM-DD". */
export function localDate(at: Date | number): string {
  return new Date(+at + OFFSET_MS).toISOString().slice(0, 10);
}

/** UTC milliseconds of local midnight starting the local day that contains `ms`. */
function localMidnight(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

export function isWorkingDay(day: string, calendar: BusinessCalendar): boolean {
  const exception = calendar.get(day);
  if (exception) return exception === "workday";
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** The working windows of the local day starting at `midnight`, as UTC ms intervals. */
function windowsOf(midnight: number, calendar: BusinessCalendar): [number, number][] {
  if (!isWorkingDay(localDate(midnight), calendar)) return [];
  return WINDOWS.map(([a, b]) => [midnight + a * MINUTE_MS, midnight + b * MINUTE_MS]);
}

/** Business milliseconds between two instants (0 if end <= start). */
export function businessMsBetween(
  start: Date | number,
  end: Date | number,
  calendar: BusinessCalendar,
): number {
  const a = +start;
  const b = +end;
  if (!(b > a)) return 0;
  let total = 0;
  for (let day = localMidnight(a); day < b; day += DAY_MS) {
    for (const [ws, we] of windowsOf(day, calendar)) {
      const s = Math.max(ws, a);
      const e = Math.min(we, b);
      if (e > s) total += e - s;
    }
  }
  return total;
}

/**
 * The instant at which `ms` business milliseconds have passed after `start`. Starting outside
 * working hours, the clock begins at the next working window. Gives up after ten years of
 * holidays (a broken calendar) rather than loop forever.
 */
export function addBusinessMs(start: Date | number, ms: number, calendar: BusinessCalendar): Date {
  let remaining = Math.max(0, ms);
  const a = +start;
  for (let day = localMidnight(a), n = 0; n < 3660; day += DAY_MS, n++) {
    for (const [ws, we] of windowsOf(day, calendar)) {
      const s = Math.max(ws, a);
      if (we <= s) continue;
      if (remaining <= we - s) return new Date(s + remaining);
      remaining -= we - s;
    }
  }
  throw new Error("business calendar has no working time in ten years");
}

export function businessMinutesBetween(
  start: Date | number,
  end: Date | number,
  calendar: BusinessCalendar,
): number {
  return Math.floor(businessMsBetween(start, end, calendar) / MINUTE_MS);
}

export function addBusinessMinutes(
  start: Date | number,
  minutes: number,
  calendar: BusinessCalendar,
): Date {
  return addBusinessMs(start, minutes * MINUTE_MS, calendar);
}

/** Business time elapsed between start and end, less the business time inside the pauses. */
export function elapsedBusinessMs(
  start: Date,
  end: Date,
  pauses: readonly Pause[],
  calendar: BusinessCalendar,
): number {
  let total = businessMsBetween(start, end, calendar);
  for (const p of pauses) {
    const ps = Math.max(+p.start, +start);
    const pe = Math.min(+(p.end ?? end), +end);
    if (pe > ps) total -= businessMsBetween(ps, pe, calendar);
  }
  return Math.max(0, total);
}

export interface SlaClock {
  /** When the target falls due; null while the clock is paused. */
  dueAt: Date | null;
  /** Business milliseconds left (negative once overdue), as of `now` (or of the pause). */
  remainingMs: number;
  breached: boolean;
  paused: boolean;
}

/**
 * One SLA clock: `targetMinutes` business minutes from `start`, not counting `pauses`
 * (sorted, not overlapping; at most the last one open). `stoppedAt` ends the clock (the first
 * response, or the resolution); a stopped clock is judged at that instant.
 */
export function slaClock(input: {
  start: Date;
  targetMinutes: number;
  pauses: readonly Pause[];
  now: Date;
  stoppedAt?: Date | null;
  calendar: BusinessCalendar;
}): SlaClock {
  const { start, calendar } = input;
  const target = input.targetMinutes * MINUTE_MS;
  const pauses = [...input.pauses].sort((x, y) => +x.start - +y.start);
  if (input.stoppedAt) pauses.push({ start: input.stoppedAt, end: null });
  const openPause = pauses.find((p) => p.end === null && +p.start <= +input.now);
  const judgedAt = openPause ? openPause.start : input.now;
  const used = elapsedBusinessMs(
    start,
    judgedAt,
    pauses.filter((p) => p !== openPause),
    calendar,
  );
  const remainingMs = target - used;
  const breached = remainingMs < 0;
  if (openPause) return { dueAt: null, remainingMs, breached, paused: true };
  // Running: the due time is `remaining` business time after now (or before it, if overdue).
  const dueAt =
    remainingMs >= 0
      ? addBusinessMs(input.now, remainingMs, calendar)
      : subtractBusinessMs(input.now, -remainingMs, calendar);
  return { dueAt, remainingMs, breached, paused: false };
}

/** The instant `ms` business milliseconds before `end` (for an overdue clock's due time). */
export function subtractBusinessMs(
  end: Date | number,
  ms: number,
  calendar: BusinessCalendar,
): Date {
  let remaining = Math.max(0, ms);
  const b = +end;
  for (let day = localMidnight(b), n = 0; n < 3660; day -= DAY_MS, n++) {
    const windows = windowsOf(day, calendar).reverse();
    for (const [ws, we] of windows) {
      const e = Math.min(we, b);
      if (e <= ws) continue;
      if (remaining <= e - ws) return new Date(e - remaining);
      remaining -= e - ws;
    }
  }
  throw new Error("business calendar has no working time in ten years");
}

/** Pauses from a state history: every interval spent in one of `pausedStates`. */
export function pausesFromHistory(
  history: readonly { at: Date; to: string }[],
  pausedStates: readonly string[],
): Pause[] {
  const pauses: Pause[] = [];
  let open: Date | null = null;
  for (const h of [...history].sort((x, y) => +x.at - +y.at)) {
    const paused = pausedStates.includes(h.to);
    if (paused && !open) open = h.at;
    else if (!paused && open) {
      pauses.push({ start: open, end: h.at });
      open = null;
    }
  }
  if (open) pauses.push({ start: open, end: null });
  return pauses;
}

/** "3 h 20 min" style parts of a business duration, for display. */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(minutes / WORKING_MINUTES_PER_DAY);
  const rest = minutes % WORKING_MINUTES_PER_DAY;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
