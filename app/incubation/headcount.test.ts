/** "How many people work for the company?" is a choice of ranges (issue 18), not free text. */
import { describe, expect, it } from "vitest";
import { checkAnswers } from "./incubation.server";
import { callSchema, HEADCOUNT_RANGES, headcountSchema, type Question } from "./schema";

const QUESTIONS: Question[] = [
  { key: "team", step: 1, labelEn: "Team", labelZh: "团队", required: true, maxLength: 500 },
  {
    key: "employees",
    step: 1,
    labelEn: "How many people work for the company today?",
    labelZh: "公司目前有多少员工？",
    required: false,
    maxLength: 200,
    kind: "headcount",
  },
];

describe("headcount questions", () => {
  it("the shared schema takes the five ranges and nothing else", () => {
    expect(HEADCOUNT_RANGES).toEqual(["1-9", "10-49", "50-199", "200-999", "1000+"]);
    for (const r of HEADCOUNT_RANGES) expect(headcountSchema.safeParse(r).success).toBe(true);
    for (const bad of ["12", "10 - 49", "1000", "", " 1-9", "<b>1-9</b>"]) {
      const parsed = headcountSchema.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("incubation:errors.headcount");
    }
  });

  it("an answer is a range or nothing yet; free text is refused with a field error", () => {
    expect(checkAnswers(QUESTIONS, { team: "Two founders", employees: "10-49" })).toEqual({
      ok: true,
      answers: { team: "Two founders", employees: "10-49" },
    });
    expect(checkAnswers(QUESTIONS, { team: "Two founders", employees: "" })).toEqual({
      ok: true,
      answers: { team: "Two founders", employees: "" },
    });
    expect(checkAnswers(QUESTIONS, { team: "Two founders", employees: "about twelve" })).toEqual({
      ok: false,
      fieldErrors: { employees: "incubation:errors.headcount" },
    });
    // A text question still takes text.
    expect(checkAnswers(QUESTIONS, { team: "10-49" }).ok).toBe(true);
  });

  it("the call editor keeps a question's kind; an unknown kind is text", () => {
    const base = {
      programmeId: "00000000-0000-4000-8000-000000000001",
      slug: "spring-2027",
      titleEn: "Spring",
      titleZh: "春季",
      opensAt: "2027-03-01T09:00",
      closesAt: "2027-04-01T17:00",
      places: "5",
      rubric: [{ labelEn: "Team", labelZh: "团队", weight: "1", max: "5" }],
    };
    const parsed = callSchema.safeParse({
      ...base,
      questions: [
        { step: "1", labelEn: "People", labelZh: "人数", kind: "headcount" },
        { step: "1", labelEn: "Team", labelZh: "团队", kind: "text" },
        { step: "2", labelEn: "Product", labelZh: "产品", kind: "<script>" },
        { kind: "headcount" },
      ],
    });
    expect(parsed.success).toBe(true);
    const questions = parsed.data!.questions;
    expect(questions).toHaveLength(3);
    expect(questions.map((q) => q.kind)).toEqual(["headcount", undefined, undefined]);
  });
});
