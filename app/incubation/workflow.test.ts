import { describe, expect, it } from "vitest";
import { parseParkLocalInput } from "~/lib/format";
import { applicationTotals, reviewScore, zScoresByReviewer, type Criterion } from "./scoring";
import {
  ACTIONS,
  availableActions,
  callPhase,
  canTransition,
  findTransition,
  isEditable,
  STATUSES,
  type Actor,
  type ApplicationStatus,
  type TransitionAction,
} from "./workflow";

// The expected machine, written out independently of TRANSITIONS: [action, by, from[], to].
const EXPECTED: [TransitionAction, Actor, ApplicationStatus[], ApplicationStatus | "previous"][] = [
  ["submit", "applicant", ["draft"], "submitted"],
  ["resubmit", "applicant", ["info_requested"], "resubmitted"],
  [
    "withdraw",
    "applicant",
    ["draft", "submitted", "screening", "info_requested", "resubmitted", "in_review"],
    "withdrawn",
  ],
  ["undo_withdraw", "applicant", ["withdrawn"], "previous"],
  ["start_screening", "staff", ["submitted"], "screening"],
  ["request_info", "staff", ["submitted", "screening", "resubmitted"], "info_requested"],
  ["send_to_review", "staff", ["screening", "resubmitted"], "in_review"],
  ["accept", "staff", ["in_review"], "accepted"],
  ["accept_with_conditions", "staff", ["in_review"], "accepted_with_conditions"],
  ["reject", "staff", ["submitted", "screening", "resubmitted", "in_review"], "rejected"],
];

describe("the application state machine", () => {
  for (const action of ACTIONS) {
    for (const by of ["applicant", "staff"] as const) {
      for (const from of STATUSES) {
        const row = EXPECTED.find(([a, b, f]) => a === action && b === by && f.includes(from));
        it(`${by} ${action} from ${from}: ${row ? `allowed, to ${row[3]}` : "refused"}`, () => {
          expect(canTransition(action, from, by)).toBe(!!row);
          if (row) expect(findTransition(action, from, by)?.to).toBe(row[3]);
        });
      }
    }
  }

  it("ends in the decided states (nothing leaves them); a withdrawal can only be undone", () => {
    for (const s of ["accepted", "accepted_with_conditions", "rejected"] as const) {
      expect(availableActions(s, "staff")).toEqual([]);
      expect(availableActions(s, "applicant")).toEqual([]);
    }
    expect(availableActions("withdrawn", "staff")).toEqual([]);
    expect(availableActions("withdrawn", "applicant")).toEqual(["undo_withdraw"]);
  });

  it("lets the applicant edit only a draft or after a request for information", () => {
    expect(STATUSES.filter(isEditable)).toEqual(["draft", "info_requested"]);
  });

  it("never lets staff submit for an applicant, nor applicants decide", () => {
    for (const s of STATUSES) {
      expect(canTransition("submit", s, "staff")).toBe(false);
      expect(canTransition("accept", s, "applicant")).toBe(false);
      expect(canTransition("request_info", s, "applicant")).toBe(false);
    }
  });
});

describe("deadlines in Asia/Shanghai", () => {
  it("closes a call at its close time to the second, in Shanghai time", () => {
    const call = {
      opens_at: parseParkLocalInput("2026-11-01T09:00")!,
      closes_at: parseParkLocalInput("2026-12-31T17:00")!,
    };
    expect(callPhase(call, new Date("2026-11-01T00:59:59Z"))).toBe("upcoming");
    expect(callPhase(call, new Date("2026-11-01T01:00:00Z"))).toBe("open");
    // 16:59:59 in Shanghai is 08:59:59 UTC: still open; 17:00 is closed.
    expect(callPhase(call, new Date("2026-12-31T08:59:59Z"))).toBe("open");
    expect(callPhase(call, new Date("2026-12-31T09:00:00Z"))).toBe("closed");
  });
});

describe("rubric arithmetic", () => {
  const rubric: Criterion[] = [
    { key: "team", labelEn: "Team", labelZh: "团队", weight: 3, max: 5 },
    { key: "market", labelEn: "Market", labelZh: "市场", weight: 1, max: 10 },
  ];
  const s = (team: number, market: number) => ({
    team: { score: team, comment: "" },
    market: { score: market, comment: "" },
  });

  it("weights each criterion after scaling it to 0..100", () => {
    // team 4/5 = 80 (weight 3), market 5/10 = 50 (weight 1) -> (240 + 50) / 4 = 72.5
    expect(reviewScore(rubric, s(4, 5))).toBe(72.5);
    expect(reviewScore(rubric, s(5, 10))).toBe(100);
  });

  it("rounds once, after averaging (93.33… and 60 average to 76.67, not 76.66)", () => {
    const a = reviewScore(rubric, s(5, 10 * (2 / 3)))!;
    expect(a).toBeCloseTo(91.667, 2);
    const totals = applicationTotals([
      { applicationId: "A", reviewerId: "r1", score: 280 / 3 },
      { applicationId: "A", reviewerId: "r2", score: 60 },
    ]);
    expect(totals.get("A")?.weightedMean).toBe(76.67);
  });

  it("has no score while a criterion is missing", () => {
    expect(reviewScore(rubric, { team: { score: 4, comment: "" } })).toBeNull();
  });

  it("normalises per reviewer so a harsh and a generous reviewer count the same", () => {
    // The harsh reviewer scores A 40, B 20; the generous one A 90, B 100.
    const reviews = [
      { applicationId: "A", reviewerId: "harsh", score: 40 },
      { applicationId: "B", reviewerId: "harsh", score: 20 },
      { applicationId: "A", reviewerId: "generous", score: 90 },
      { applicationId: "B", reviewerId: "generous", score: 100 },
    ];
    const z = zScoresByReviewer(reviews);
    expect(z.get(reviews[0]!)).toBe(1);
    expect(z.get(reviews[1]!)).toBe(-1);
    expect(z.get(reviews[2]!)).toBe(-1);
    const totals = applicationTotals(reviews);
    expect(totals.get("A")).toEqual({ weightedMean: 65, normalised: 0, reviews: 2 });
    expect(totals.get("B")).toEqual({ weightedMean: 60, normalised: 0, reviews: 2 });
  });

  it("gives a reviewer with one review (or all equal) a z-score of 0", () => {
    const totals = applicationTotals([
      { applicationId: "A", reviewerId: "r1", score: 70 },
      { applicationId: "B", reviewerId: "r2", score: 50 },
      { applicationId: "C", reviewerId: "r2", score: 50 },
    ]);
    expect(totals.get("A")?.normalised).toBe(0);
    expect(totals.get("B")?.normalised).toBe(0);
  });
});
