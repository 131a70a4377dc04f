import { describe, expect, it } from "vitest";
import { HOSTILE_REDIRECTS, SAFE_REDIRECTS } from "../../tests/support/redirect-corpus";
import { safeRedirect } from "./redirect";

/** What a browser does with `Location: <value>` on the portal: the URL it goes to. */
function followed(location: string): URL {
  return new URL(location, "https://portal.zizhupark.example/login");
}

describe("safeRedirect", () => {
  it.each(HOSTILE_REDIRECTS.map((t) => [JSON.stringify(t), t]))(
    "falls back for %s",
    (_label, target) => {
      expect(safeRedirect(target, "/account")).toBe("/account");
    },
  );

  it.each(SAFE_REDIRECTS)("keeps the same-origin path %s", (target, expected) => {
    const result = safeRedirect(target, "/account");
    expect(result).toBe(expected);
    expect(followed(result).origin).toBe("https://portal.zizhupark.example");
  });

  it("falls back for what is not a non-empty string of reasonable length", () => {
    for (const value of [null, undefined, "", 42, ["/news"], "/" + "a".repeat(2000)])
      expect(safeRedirect(value)).toBe("/");
  });

  it("never returns a value a browser would resolve to another origin or with a control character", () => {
    // Every corpus entry, and each with a prefix and suffix, checked against a browser's parser.
    const variants = HOSTILE_REDIRECTS.flatMap((t) => [t, `/x${t}`, `${t}/x`, `/${t}`]);
    for (const target of variants) {
      const result = safeRedirect(target, "/account");
      expect(followed(result).origin, JSON.stringify(target)).toBe(
        "https://portal.zizhupark.example",
      );
       
      expect(result, JSON.stringify(target)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
      expect(result.startsWith("//"), JSON.stringify(target)).toBe(false);
    }
  });
});
