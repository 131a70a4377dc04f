/**
 * China's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V); the last is a check character over the first 17.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

export function normalizeCreditCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

export function isValidCreditCode(code: string): boolean {
  const c = normalizeCreditCode(code);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return false;
  return creditCodeCheckChar(c.slice(0, 17)) === c[17];
}

/** Completes 17 characters into a valid code (for demo data and tests). */
export function withCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`Not a credit code prefix: ${first17}`);
  return first17 + check;
}
