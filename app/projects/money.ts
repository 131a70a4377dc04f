/**
 * Money of the pipeline (ADR 0026): an amount is an integer count of the currency's minor
 * units (fen, cents; yen and won have none) with its ISO 4217 code. Parsed from what a person
 * typed without floating point, formatted per language with Intl. Shared with the browser.
 */
export const CURRENCIES = ["CNY", "USD", "EUR", "JPY", "HKD", "GBP", "KRW", "SGD", "CHF"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Digits after the decimal point (ISO 4217). */
export const MINOR_DIGITS: Record<Currency, number> = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  JPY: 0,
  HKD: 2,
  GBP: 2,
  KRW: 0,
  SGD: 2,
  CHF: 2,
};

/** The largest amount we store: a whole number JavaScript and `bigint` both hold exactly. */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

export type ParsedAmount =
  | { ok: true; minor: number }
  | { ok: false; error: "format" | "precision" | "tooLarge" | "notPositive" };

/**
 * "12,500,000.50", "12 500 000", "1250万" are read as amounts; separators (comma, space,
 * apostrophe, full-width comma) are ignored; 万 (10^4) and 亿 (10^8) multiply. No floats: the
 * digits are joined as text.
 */
export function parseAmount(input: string, currency: Currency): ParsedAmount {
  let value = input.trim().replace(/[,\s'\u00a0\uff0c]/g, "");
  let scale = 0;
  if (/[万萬]$/.test(value)) {
    scale = 4;
    value = value.slice(0, -1);
  } else if (/亿$/.test(value)) {
    scale = 8;
    value = value.slice(0, -1);
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, error: "format" };
  const digits = MINOR_DIGITS[currency];
  let whole = match[1]!;
  let fraction = match[2] ?? "";
  // Shift the decimal point right by the 万/亿 scale.
  const shift = Math.min(scale, fraction.length);
  whole += fraction.slice(0, shift) + "0".repeat(scale - shift);
  fraction = fraction.slice(shift);
  if (fraction.replace(/0+$/, "").length > digits) return { ok: false, error: "precision" };
  const minorText = (whole + fraction.padEnd(digits, "0").slice(0, digits)).replace(
    /^0+(?=\d)/,
    "",
  );
  if (minorText.length > 16 || Number(minorText) > MAX_MINOR)
    return { ok: false, error: "tooLarge" };
  const minor = Number(minorText);
  return { ok: true, minor };
}

/** The amount as a plain decimal (for a form's input): 1250000050 CNY -> "12500000.5". */
export function minorToInput(minor: number, currency: Currency): string {
  const digits = MINOR_DIGITS[currency];
  if (!digits) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * "CNY 12,500,000.50", the same in both languages: the code says which currency without a
 * symbol that several share (¥), and nothing depends on the ICU data of the server or the
 * browser (they differ, and a difference breaks hydration).
 */
export function formatMoney(minor: number, currency: string, _locale?: string): string {
  const code = isCurrency(currency) ? currency : "CNY";
  const text = minorToInput(Math.abs(minor), code);
  const [whole, fraction] = text.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const digits = MINOR_DIGITS[code];
  const cents = fraction ? `.${fraction.padEnd(digits, "0")}` : "";
  return `${minor < 0 ? "-" : ""}${code} ${grouped}${cents}`;
}
