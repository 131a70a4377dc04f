/** Report helpers shared by the server and the report page (no database access). */

/** Requests filed in one month (Shanghai time) of one type, in one (current) state. */
export interface VolumeRow {
  month: string;
  type: string;
  state: string;
  count: number;
}

/** Sums volume rows by the given keys (e.g. month and state), in first-seen order. */
export function sumBy<K extends keyof VolumeRow>(
  rows: readonly VolumeRow[],
  ...keys: K[]
): (Pick<VolumeRow, K> & { count: number })[] {
  const out = new Map<string, Pick<VolumeRow, K> & { count: number }>();
  for (const row of rows) {
    const id = keys.map((k) => row[k]).join("\u0000");
    const found = out.get(id);
    if (found) found.count += row.count;
    else {
      const entry = { count: row.count } as Pick<VolumeRow, K> & { count: number };
      for (const k of keys) entry[k] = row[k];
      out.set(id, entry);
    }
  }
  return [...out.values()];
}

/** A day in Shanghai time as YYYY-MM-DD. */
export const day = (d: Date) => new Date(+d + 8 * 3600_000).toISOString().slice(0, 10);

function parseDay(value: string | null, fallback: Date): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fallback;
  const d = new Date(`${value}T00:00:00+08:00`);
  return Number.isNaN(+d) ? fallback : d;
}

/** The period of a report from `?from=` and `?to=` (Shanghai days); default the last 365 days. */
export function reportRange(url: URL, now = new Date()): { from: Date; to: Date } {
  return {
    from: parseDay(url.searchParams.get("from"), new Date(+now - 365 * 24 * 3600_000)),
    to: parseDay(url.searchParams.get("to"), new Date(+now + 24 * 3600_000)),
  };
}
