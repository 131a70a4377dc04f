/**
 * Rubric arithmetic (pure; shared with the browser).
 *
 * - A review's score is the weighted mean of its criteria, each first scaled to 0..100:
 *   score = Σ wᵢ · 100 · sᵢ / maxᵢ  /  Σ wᵢ.
 * - An application's weighted mean is the plain mean of its submitted reviews' scores.
 * - Normalisation per reviewer (z-score): within one call, each reviewer's scores are turned
 *   into (score − that reviewer's mean) / that reviewer's standard deviation (population).
 *   A reviewer with one review, or with all scores equal, contributes 0 (they say nothing
 *   about relative merit). An application's normalised score is the mean of its reviews'
 *   z-scores, so a harsh and a generous reviewer count the same.
 */
export interface Criterion {
  key: string;
  labelEn: string;
  labelZh: string;
  weight: number;
  max: number;
}

export type Scores = Record<string, { score: number; comment: string }>;

export function reviewScore(rubric: readonly Criterion[], scores: Scores): number | null {
  let total = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.key];
    if (!s || !Number.isFinite(s.score)) return null;
    total += c.weight * ((100 * s.score) / c.max);
    weights += c.weight;
  }
  if (weights === 0) return null;
  // Unrounded: totals are computed from exact values and rounded once, for display.
  return total / weights;
}

export interface ReviewResult {
  applicationId: string;
  reviewerId: string;
  score: number;
}

export interface ApplicationTotals {
  weightedMean: number | null;
  normalised: number | null;
  reviews: number;
}

export function zScoresByReviewer(reviews: readonly ReviewResult[]): Map<ReviewResult, number> {
  const byReviewer = new Map<string, ReviewResult[]>();
  for (const r of reviews)
    byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r]);
  const out = new Map<ReviewResult, number>();
  for (const list of byReviewer.values()) {
    const mean = list.reduce((a, r) => a + r.score, 0) / list.length;
    const sd = Math.sqrt(list.reduce((a, r) => a + (r.score - mean) ** 2, 0) / list.length);
    for (const r of list) out.set(r, sd > 1e-9 ? (r.score - mean) / sd : 0);
  }
  return out;
}

export function applicationTotals(
  reviews: readonly ReviewResult[],
): Map<string, ApplicationTotals> {
  const z = zScoresByReviewer(reviews);
  const grouped = new Map<string, ReviewResult[]>();
  for (const r of reviews)
    grouped.set(r.applicationId, [...(grouped.get(r.applicationId) ?? []), r]);
  const out = new Map<string, ApplicationTotals>();
  for (const [id, list] of grouped) {
    out.set(id, {
      weightedMean: round(list.reduce((a, r) => a + r.score, 0) / list.length),
      normalised: round(list.reduce((a, r) => a + (z.get(r) ?? 0), 0) / list.length),
      reviews: list.length,
    });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
