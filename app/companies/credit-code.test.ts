import { describe, expect, it } from "vitest";
import {
  creditCodeCheckChar,
  isValidCreditCode,
  normalizeCreditCode,
  withCheckChar,
} from "./credit-code";
import { companySchema } from "./schema";

// Codes built by hand from GB 32100-2015 weights; each check character computed independently below.
const VALID = [
  withCheckChar("91310112MA1GBX7Q2"),
  withCheckChar("91310000607216813"),
  withCheckChar("12100000400000624"),
];

/** The standard's algorithm written out once more, separately from the module. */
function referenceCheck(first17: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]!) * (3 ** i % 31);
  return alphabet[(31 - (sum % 31)) % 31]!;
}

describe("unified social credit code", () => {
  it("accepts codes whose check character is right (weights 3^i mod 31)", () => {
    for (const code of VALID) {
      expect(code[17]).toBe(referenceCheck(code.slice(0, 17)));
      expect(isValidCreditCode(code)).toBe(true);
    }
    // A published example of the format: 91350100M000100Y43.
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
  });

  it("refuses a code with any one character changed", () => {
    const code = VALID[0]!;
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 0; i < 18; i++) {
      const current = code[i]!;
      const other = alphabet[(alphabet.indexOf(current) + 1) % alphabet.length]!;
      const changed = code.slice(0, i) + other + code.slice(i + 1);
      expect(isValidCreditCode(changed), `position ${i}`).toBe(false);
    }
  });

  it("refuses the letters I, O, Z, S and V, and wrong lengths", () => {
    for (const letter of ["I", "O", "Z", "S", "V"]) {
      const code = `9131011${letter}MA1GBX7Q2`;
      expect(creditCodeCheckChar(code)).toBeNull();
      expect(isValidCreditCode(`${code}0`)).toBe(false);
    }
    expect(isValidCreditCode(VALID[0]!.slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${VALID[0]!}0`)).toBe(false);
    expect(isValidCreditCode("")).toBe(false);
  });

  it("normalizes case, spaces and dashes", () => {
    const code = VALID[0]!;
    expect(normalizeCreditCode(` ${code.slice(0, 6).toLowerCase()}-${code.slice(6)} `)).toBe(code);
  });

  it("the company form normalizes it to upper case and leaves it optional", () => {
    const base = { nameEn: "Acme", nameZh: "示例公司", industry: "other", size: "1-9" };
    const parsed = companySchema.parse({ ...base, creditCode: VALID[0]!.toLowerCase() });
    expect(parsed.creditCode).toBe(VALID[0]);
    expect(companySchema.parse(base).creditCode).toBeUndefined();
    const bad = companySchema.safeParse({
      ...base,
      creditCode: VALID[0]!.slice(0, 17) + (VALID[0]![17] === "0" ? "1" : "0"),
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("company:errors.creditCodeInvalid");
    const short = companySchema.safeParse({ ...base, creditCode: "9131" });
    expect(short.error?.issues[0]?.message).toBe("company:errors.creditCodeLength");
  });

  it("the company form checks the website and the industry", () => {
    const base = { nameEn: "Acme", nameZh: "示例公司", industry: "other", size: "1-9" };
    expect(companySchema.safeParse({ ...base, website: "https://acme.example" }).success).toBe(
      true,
    );
    expect(
      companySchema.safeParse({ ...base, website: "javascript:alert(1)" }).error?.issues[0]
        ?.message,
    ).toBe("company:errors.websiteInvalid");
    expect(companySchema.safeParse({ ...base, website: "acme" }).success).toBe(false);
    expect(companySchema.safeParse({ ...base, industry: "mining" }).error?.issues[0]?.message).toBe(
      "company:errors.industryRequired",
    );
  });
});
