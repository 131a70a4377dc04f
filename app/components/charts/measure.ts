/**
 * Text measurement for server-drawn charts. The server cannot measure text, so each
 * character is given a width (in ems) that is at least what the fonts of the stack draw
 * (DejaVu Sans, the widest common fallback, measured; Inter and the system fonts are
 * narrower). CJK and full-width characters are one em. Layouts place and truncate text
 * with these estimates, and the unit tests check every text box against the viewBox.
 */

const NARROW = new Set("iljtfrI!|.,:;'`()[]{}/\\ ");
const WIDE_LATIN = new Set("mwMW@%&");

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** Width of one character in ems (upper bound for the font stack). */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (isWide(code)) return 1;
  if (ch === " ") return 0.34;
  if (NARROW.has(ch)) return 0.42;
  if (WIDE_LATIN.has(ch)) return 1;
  if (/[A-Z]/.test(ch)) return 0.78;
  if (/[0-9]/.test(ch)) return 0.66;
  if (/[a-z]/.test(ch)) return 0.64;
  if (ch === "…" || ch === "—") return 1;
  return 0.7;
}

/** Estimated width of `text` at `fontSize` (bold text is drawn about 8% wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) ems += charWidth(ch);
  return ems * fontSize * (bold ? 1.08 : 1);
}

/** `text`, cut with an ellipsis so that it fits in `maxWidth` (whole if it fits). One pass over
 * the characters: a label of any length (100 KB planted by the XSS sweep) costs what it reads. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const scale = fontSize * (bold ? 1.08 : 1);
  const room = maxWidth / scale - charWidth("…");
  // The longest prefix whose text without trailing spaces fits beside the ellipsis.
  let ems = 0;
  let kept = 0;
  let length = 0;
  for (const ch of text) {
    ems += charWidth(ch);
    if (/\s/.test(ch)) {
      length += ch.length;
      continue;
    }
    if (ems > room) break;
    length += ch.length;
    kept = length;
  }
  return kept ? `${text.slice(0, kept)}…` : "";
}

/** Splits `text` into at most `maxLines` lines of at most `maxWidth` (the last one cut). */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  maxLines = 2,
  bold = false,
): string[] {
  // Latin breaks at spaces; CJK may break between any two characters.
  const tokens =
    text.match(
      /[\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffe6]|[^\s\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffe6]+|\s+/g,
    ) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const next = line + token;
    if (textWidth(next.trimEnd(), fontSize, bold) <= maxWidth || line.trim() === "") {
      line = next;
      continue;
    }
    lines.push(line.trim());
    line = token.trimStart();
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines.map((l) => fitText(l, maxWidth, fontSize, bold));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitText(
    `${kept[maxLines - 1]} ${lines.slice(maxLines).join(" ")}`,
    maxWidth,
    fontSize,
    bold,
  );
  return kept.map((l) => fitText(l, maxWidth, fontSize, bold));
}

/** The box a text item covers, from its baseline `y` and anchor. */
export function textBox(t: {
  x: number;
  y: number;
  text: string;
  size: number;
  anchor?: "start" | "middle" | "end";
  bold?: boolean;
}): { x0: number; x1: number; y0: number; y1: number } {
  const w = textWidth(t.text, t.size, t.bold);
  const x0 = t.anchor === "end" ? t.x - w : t.anchor === "middle" ? t.x - w / 2 : t.x;
  // Ascenders reach about 0.95 em above the baseline (CJK ideographs included), descenders 0.25.
  return { x0, x1: x0 + w, y0: t.y - 0.95 * t.size, y1: t.y + 0.25 * t.size };
}
