/**
 * Figures shown beyond statistics staff are aggregates of at least `MIN_COMPANIES` companies
 * (ADR 0033): below that, nothing (null), so no company's figure can be read back.
 */
export const MIN_COMPANIES = 5;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median of one value per company, or null with fewer than `min` companies. */
export function safeMedian(
  byCompany: ReadonlyMap<string, number>,
  min = MIN_COMPANIES,
): number | null {
  if (byCompany.size < Math.max(min, MIN_COMPANIES)) return null;
  return median([...byCompany.values()]);
}

/** The sum over companies, or null with fewer than `min` companies. */
export function safeSum(
  byCompany: ReadonlyMap<string, number>,
  min = MIN_COMPANIES,
): number | null {
  if (byCompany.size < Math.max(min, MIN_COMPANIES)) return null;
  let total = 0;
  for (const v of byCompany.values()) total += v;
  return total;
}
