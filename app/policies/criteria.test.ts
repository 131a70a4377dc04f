import { describe, expect, it } from "vitest";
import {
  describeCriterion,
  evaluate,
  explainCheck,
  shanghaiDay,
  wholeYears,
  windowState,
  type CompanyFacts,
  type Criterion,
} from "./criteria";

const TODAY = "2026-12-05";
const base: CompanyFacts = {
  companyId: "c1",
  industry: "integrated-circuits",
  registeredOn: "2020-06-01",
  headcount: 80,
  revenue: 5000,
  rdIntensity: 2.1,
  designations: [{ kind: "high_tech", expiresOn: "2027-10-31" }],
  isResident: true,
  isIncubatee: false,
  liveClaimPolicyIds: [],
};
const facts = (over: Partial<CompanyFacts> = {}): CompanyFacts => ({ ...base, ...over });
const one = (c: Criterion, f: CompanyFacts = base) => evaluate([c], f, "p1", TODAY);

describe("every criterion kind", () => {
  it("industry in a set; unknown is not eligible", () => {
    expect(one({ kind: "industry", in: ["integrated-circuits", "biomedicine"] }).outcome).toBe(
      "matched",
    );
    const miss = one({ kind: "industry", in: ["biomedicine"] });
    expect(miss.outcome).toBe("not"); // an industry cannot be changed: never a near miss
    expect(explainCheck(miss.missing[0]!, "en")).toBe(
      "Industry is Integrated circuits; needs Biomedicine",
    );
    const unknown = one({ kind: "industry", in: ["biomedicine"] }, facts({ industry: null }));
    expect(unknown.missing[0]!.status).toBe("unknown");
    expect(unknown.outcome).toBe("near");
  });

  it("years since registration, counted in whole years", () => {
    expect(wholeYears("2020-12-06", TODAY)).toBe(5);
    expect(wholeYears("2020-12-05", TODAY)).toBe(6);
    expect(one({ kind: "years", max: 8 }).outcome).toBe("matched");
    const young = one({ kind: "years", max: 5 });
    expect(young.outcome).toBe("near");
    expect(explainCheck(young.missing[0]!, "en")).toBe(
      "Registered 6 years ago, needs at most 5 years",
    );
    expect(one({ kind: "years", min: 1 }, facts({ registeredOn: null })).missing[0]!.status).toBe(
      "unknown",
    );
  });

  it("headcount and revenue ranges", () => {
    expect(one({ kind: "headcount", min: 10, max: 100 }).outcome).toBe("matched");
    const miss = one({ kind: "headcount", min: 100 });
    expect(miss.outcome).toBe("near");
    expect(explainCheck(miss.missing[0]!, "en")).toBe(
      "Headcount 80 staff, needs at least 100 staff",
    );
    expect(explainCheck(miss.missing[0]!, "en", false)).not.toContain("80");
    expect(one({ kind: "revenue", max: 2000 }).outcome).toBe("near");
    const unknown = one({ kind: "revenue", min: 1 }, facts({ revenue: null }));
    expect(unknown.outcome).toBe("near");
    expect(explainCheck(unknown.missing[0]!, "en")).toMatch(/unknown is not eligible/);
    expect(explainCheck(unknown.missing[0]!, "zh-CN")).toMatch(/未知即不符合/);
  });

  it("R&D intensity at least, in both languages", () => {
    const miss = one({ kind: "rd_intensity", min: 3 });
    expect(miss.outcome).toBe("near");
    expect(explainCheck(miss.missing[0]!, "en")).toBe("R&D intensity 2.1%, needs 3%");
    expect(explainCheck(miss.missing[0]!, "zh-CN")).toBe("研发投入强度2.1%，要求不低于3%");
    expect(explainCheck(miss.missing[0]!, "en", false)).toBe("R&D intensity below 3%");
    expect(one({ kind: "rd_intensity", min: 2 }).outcome).toBe("matched");
    expect(
      one({ kind: "rd_intensity", min: 2 }, facts({ rdIntensity: null })).missing[0]!.status,
    ).toBe("unknown");
  });

  it("a designation held and not expired", () => {
    expect(one({ kind: "designation", anyOf: ["high_tech"] }).outcome).toBe("matched");
    const expired = one(
      { kind: "designation", anyOf: ["high_tech"] },
      facts({ designations: [{ kind: "high_tech", expiresOn: "2026-12-04" }] }),
    );
    expect(expired.outcome).toBe("near");
    expect(explainCheck(expired.missing[0]!, "en")).toMatch(/expired on 2026-12-04/);
    // The last day is still valid.
    expect(
      one(
        { kind: "designation", anyOf: ["high_tech"] },
        facts({ designations: [{ kind: "high_tech", expiresOn: TODAY }] }),
      ).outcome,
    ).toBe("matched");
    expect(one({ kind: "designation", anyOf: ["little_giant"] }).outcome).toBe("near");
  });

  it("resident or incubatee", () => {
    expect(one({ kind: "residency", of: "resident" }).outcome).toBe("matched");
    expect(one({ kind: "residency", of: "incubatee" }).outcome).toBe("not");
    expect(
      one({ kind: "residency", of: "either" }, facts({ isResident: false, isIncubatee: true }))
        .outcome,
    ).toBe("matched");
  });

  it("no open claim this year", () => {
    expect(one({ kind: "no_open_claim" }).outcome).toBe("matched");
    const claimed = one({ kind: "no_open_claim" }, facts({ liveClaimPolicyIds: ["p1"] }));
    expect(claimed.outcome).toBe("not");
    expect(explainCheck(claimed.missing[0]!, "zh-CN")).toBe("本年度已申领本政策");
  });
});

describe("outcome", () => {
  it("two misses are not a near miss; no criteria match everyone", () => {
    const r = evaluate(
      [
        { kind: "rd_intensity", min: 3 },
        { kind: "headcount", min: 100 },
      ],
      base,
      "p1",
      TODAY,
    );
    expect(r.outcome).toBe("not");
    expect(r.missing).toHaveLength(2);
    expect(evaluate([], base, "p1", TODAY).outcome).toBe("matched");
  });

  it("describes every kind in both languages", () => {
    const all: Criterion[] = [
      { kind: "industry", in: ["biomedicine"] },
      { kind: "years", min: 1, max: 5 },
      { kind: "headcount", max: 300 },
      { kind: "revenue", min: 100 },
      { kind: "rd_intensity", min: 3 },
      { kind: "designation", anyOf: ["high_tech", "tech_sme"] },
      { kind: "residency", of: "either" },
      { kind: "no_open_claim" },
    ];
    for (const c of all) {
      expect(describeCriterion(c, "en")).toMatch(/[A-Za-z]/);
      expect(describeCriterion(c, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(describeCriterion(all[1]!, "en")).toBe("Registered for 1 years to 5 years");
  });
});

describe("the window in Asia/Shanghai", () => {
  it("both ends inclusive, by the park's day", () => {
    expect(windowState("2026-12-01", "2026-12-31", "2026-11-30")).toBe("upcoming");
    expect(windowState("2026-12-01", "2026-12-31", "2026-12-01")).toBe("open");
    expect(windowState("2026-12-01", "2026-12-31", "2026-12-31")).toBe("open");
    expect(windowState("2026-12-01", "2026-12-31", "2027-01-01")).toBe("closed");
    expect(windowState(null, null, TODAY)).toBe("open");
  });

  it("the park's day turns at 16:00 UTC", () => {
    expect(shanghaiDay(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(shanghaiDay(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
    // 23:59 on the deadline day in Shanghai is still open; a minute later it is closed.
    expect(windowState(null, "2026-12-31", shanghaiDay(new Date("2026-12-31T15:59:00Z")))).toBe(
      "open",
    );
    expect(windowState(null, "2026-12-31", shanghaiDay(new Date("2026-12-31T16:01:00Z")))).toBe(
      "closed",
    );
  });
});
