/**
 * Where each incubatee is, for the cohort page's summary (issue 16, ADR 0055). No server
 * imports: the page's component reads the states too.
 */
export const COHORT_STATES = [
  "onboarding",
  "incubating",
  "extended",
  "graduated",
  "exited",
] as const;
export type CohortState = (typeof COHORT_STATES)[number];

/**
 * Where an incubatee is: ended (graduated or exited); else extended once its end was moved;
 * else onboarding while any onboarding request is still open; else incubating.
 */
export function cohortState(row: {
  outcome: string | null;
  extensions: number;
  onboarding_open: number;
}): CohortState {
  if (row.outcome === "graduated" || row.outcome === "exited") return row.outcome;
  if (row.extensions > 0) return "extended";
  if (row.onboarding_open > 0) return "onboarding";
  return "incubating";
}

/** How many incubatees are in each state (every state listed, zero or not). */
export function cohortSummary(states: readonly CohortState[]): Record<CohortState, number> {
  const out = Object.fromEntries(COHORT_STATES.map((s) => [s, 0])) as Record<CohortState, number>;
  for (const s of states) out[s]++;
  return out;
}
