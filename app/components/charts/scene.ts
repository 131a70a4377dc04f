/**
 * Chart layouts as plain data (a "scene": a viewBox and the shapes and texts in it), drawn
 * by `render.tsx` as SVG on the server. Each layout runs twice, for a wide viewBox (720 units,
 * shown at up to 720 px) and a phone viewBox (340 units, shown at a phone's width, so one unit
 * is about one pixel): the chart re-lays itself instead of shrinking its text. Every text is
 * placed and cut with the width estimates of `measure.ts`, so none leaves the viewBox (the
 * unit tests check every text box of every layout).
 */
import { fitText, textWidth, wrapText } from "./measure";

export type ChartSize = "wide" | "narrow";

export const SIZES: Record<ChartSize, { width: number; font: number; small: number }> = {
  wide: { width: 720, font: 15, small: 14 },
  narrow: { width: 340, font: 14, small: 13 },
};

export type TextItem = {
  kind: "text";
  x: number;
  y: number;
  text: string;
  size: number;
  anchor?: "start" | "middle" | "end";
  bold?: boolean;
  tone?: string;
};
export type Item =
  | { kind: "rect"; x: number; y: number; w: number; h: number; tone: string; rx?: number }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; tone: string }
  | { kind: "path"; d: string; tone: string }
  | { kind: "dot"; cx: number; cy: number; r: number; tone: string }
  | TextItem;

export interface Scene {
  width: number;
  height: number;
  items: Item[];
}

/** The colour of the i-th series when its data gives none (classes chart-tone-1 to -6). */
export const toneOf = (i: number, tone?: string) => tone ?? `tone-${(i % 6) + 1}`;

const PAD = 4;

/** A legend: swatch and name per series, flowing in rows; returns the items and its height. */
function legend(
  entries: { label: string; tone: string }[],
  width: number,
  size: number,
  top: number,
): { items: Item[]; height: number } {
  const items: Item[] = [];
  const sw = size * 0.8;
  const lineH = size * 1.5;
  let x = PAD;
  let y = top;
  for (const e of entries) {
    const maxText = width - 2 * PAD - sw - 6;
    const text = fitText(e.label, maxText, size);
    const w = sw + 6 + textWidth(text, size) + size;
    if (x > PAD && x + w - size > width - PAD) {
      x = PAD;
      y += lineH;
    }
    items.push({ kind: "rect", x, y: y + (lineH - sw) / 2, w: sw, h: sw, tone: e.tone, rx: 2 });
    items.push({ kind: "text", x: x + sw + 6, y: y + lineH * 0.7, text, size, tone: "muted" });
    x += w;
  }
  return { items, height: entries.length ? y - top + lineH : 0 };
}

/** Pushes label centres apart by at least `gap`, keeping them within [min, max]. */
function spread(ys: number[], gap: number, min: number, max: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 0; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k]!;
    cur.y = Math.max(cur.y, min, prev ? prev.y + gap : min);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const next = order[k + 1];
    const cur = order[k]!;
    cur.y = Math.min(cur.y, max, next ? next.y - gap : max);
  }
  const out = [...ys];
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** "Nice" tick step for a range, giving at most `count` ticks. */
function niceStep(range: number, count: number): number {
  const raw = Math.max(range / count, 1e-9);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Thins category labels so that each has room: every n-th one, and always the last. */
function thinLabels(labels: string[], slot: number, size: number): boolean[] {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, size)));
  const every = Math.max(1, Math.ceil((widest + size) / Math.max(slot, 1)));
  const shown = labels.map((_, i) => i % every === 0);
  const last = labels.length - 1;
  if (last > 0 && !shown[last]) {
    shown[last] = true;
    // The one before it gives way when the two would touch.
    const prev = last - (last % every);
    if (last - prev < every) shown[prev] = prev === 0 && every === 1;
  }
  return shown;
}

// ------------------------------------------------------------------------------------------
// Rank over time: 1 at the top (up is better), only the years the data holds.
// ------------------------------------------------------------------------------------------

export interface RankSeries {
  key: string;
  label: string;
  tone?: string;
  points: { year: number; rank: number }[];
}

export function layoutRank(
  series: RankSeries[],
  opts: { size: ChartSize; rankLabel: (rank: number) => string },
): Scene {
  const { width, small } = SIZES[opts.size];
  const items: Item[] = [];
  const tones = series.map((s, i) => toneOf(i, s.tone));
  const lg = legend(
    series.map((s, i) => ({ label: s.label, tone: tones[i]! })),
    width,
    small,
    PAD,
  );
  items.push(...lg.items);
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort(
    (a, b) => a - b,
  );
  const maxRank = Math.max(2, ...series.flatMap((s) => s.points.map((p) => p.rank)));
  const step = niceStep(maxRank, 4);
  const domainMax = Math.ceil(maxRank / step) * step;
  const ticks = [1];
  for (let v = step; v <= domainMax; v += step) if (v > 1) ticks.push(v);
  const tickW = Math.max(...ticks.map((v) => textWidth(String(v), small)));
  const endLabels = series.map((s) => {
    const last = [...s.points].sort((a, b) => b.year - a.year)[0];
    return last ? opts.rankLabel(last.rank) : "";
  });
  const endW = Math.max(0, ...endLabels.map((l) => textWidth(l, small, true)));
  const startLabels = series.map((s) => {
    const sorted = [...s.points].sort((a, b) => a.year - b.year);
    return sorted.length > 1 ? String(sorted[0]!.rank) : "";
  });
  const startW = Math.max(0, ...startLabels.map((l) => textWidth(l, small)));
  const left = PAD + tickW + 10 + (startW ? startW + 8 : 0);
  const right = width - PAD - endW - 10;
  const top = PAD + lg.height + small;
  const plotH = opts.size === "wide" ? 240 : 200;
  const bottom = top + plotH;
  const y = (rank: number) => top + ((rank - 1) / (domainMax - 1)) * plotH;
  const first = years[0] ?? 0;
  const lastYear = years[years.length - 1] ?? 0;
  const x = (year: number) =>
    years.length <= 1
      ? (left + right) / 2
      : left + 12 + ((year - first) / (lastYear - first)) * (right - left - 24);
  for (const v of ticks) {
    items.push({ kind: "line", x1: left, y1: y(v), x2: right, y2: y(v), tone: "grid" });
    items.push({
      kind: "text",
      x: PAD + tickW,
      y: y(v) + small * 0.35,
      text: String(v),
      size: small,
      anchor: "end",
      tone: "muted",
    });
  }
  const slot = years.length > 1 ? (right - left - 24) / (lastYear - first) : right - left;
  const shown = thinLabels(years.map(String), slot, small);
  years.forEach((year, i) => {
    if (!shown[i]) return;
    items.push({
      kind: "text",
      x: x(year),
      y: bottom + small * 1.6,
      text: String(year),
      size: small,
      anchor: "middle",
      tone: "muted",
    });
  });
  const gap = small * 1.25;
  const ends = spread(
    series.map((s) => y([...s.points].sort((a, b) => b.year - a.year)[0]?.rank ?? 1)),
    gap,
    top,
    bottom,
  );
  const starts = spread(
    series.map((s) => y([...s.points].sort((a, b) => a.year - b.year)[0]?.rank ?? 1)),
    gap,
    top,
    bottom,
  );
  series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a.year - b.year);
    if (!pts.length) return;
    const tone = tones[i]!;
    if (pts.length > 1)
      items.push({
        kind: "path",
        d: pts
          .map((p, k) => `${k ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.rank).toFixed(1)}`)
          .join(""),
        tone,
      });
    for (const p of pts)
      items.push({
        kind: "dot",
        cx: x(p.year),
        cy: y(p.rank),
        r: opts.size === "wide" ? 5 : 4,
        tone,
      });
    const lastPt = pts[pts.length - 1]!;
    items.push({
      kind: "text",
      x: x(lastPt.year) + 10,
      y: ends[i]! + small * 0.35,
      text: endLabels[i]!,
      size: small,
      bold: true,
      tone,
    });
    if (startLabels[i])
      items.push({
        kind: "text",
        x: x(pts[0]!.year) - 10,
        y: starts[i]! + small * 0.35,
        text: startLabels[i]!,
        size: small,
        anchor: "end",
        tone,
      });
  });
  return { width, height: bottom + small * 2.2, items };
}

// ------------------------------------------------------------------------------------------
// Horizontal bars (optionally stacked segments), and the funnel (centred bars).
// ------------------------------------------------------------------------------------------

export interface BarRow {
  label: string;
  value: number;
  /** The value as shown (formatted, a share); defaults to the number. */
  display?: string;
  tone?: string;
  /** Stacked parts of the bar (their sum is the bar); `value` stays the total. */
  segments?: { value: number; tone: string }[];
}

export function layoutBars(
  rows: BarRow[],
  opts: { size: ChartSize; centered?: boolean; legend?: { label: string; tone: string }[] },
): Scene {
  const { width, font, small } = SIZES[opts.size];
  const items: Item[] = [];
  const lg = legend(opts.legend ?? [], width, small, PAD);
  items.push(...lg.items);
  const top = PAD + lg.height + (lg.height ? small * 0.5 : 0);
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const displays = rows.map((r) => r.display ?? String(r.value));
  const valueW = Math.max(0, ...displays.map((d) => textWidth(d, small, true)));
  const narrow = opts.size === "narrow";
  const barH = narrow ? font * 1.1 : font * 1.5;
  const labelW = narrow
    ? 0
    : Math.min(Math.max(0, ...rows.map((r) => textWidth(r.label, font))), Math.round(width * 0.42));
  const barLeft = narrow ? PAD : PAD + labelW + 10;
  const barMax = width - PAD - barLeft - valueW - 8;
  const rowH = narrow ? font * 1.45 + barH + font * 0.7 : barH + font * 0.6;
  rows.forEach((r, i) => {
    const y0 = top + i * rowH;
    const barY = narrow ? y0 + font * 1.45 : y0;
    const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * barMax);
    const x0 = opts.centered ? barLeft + (barMax - w) / 2 : barLeft;
    const label = fitText(r.label, narrow ? width - 2 * PAD : labelW, font);
    items.push(
      narrow
        ? { kind: "text", x: PAD, y: y0 + font * 1.05, text: label, size: font }
        : {
            kind: "text",
            x: PAD + labelW,
            y: barY + barH * 0.5 + font * 0.35,
            text: label,
            size: font,
            anchor: "end",
          },
    );
    if (r.segments?.length) {
      const total = r.segments.reduce((n, s) => n + s.value, 0) || 1;
      let x = x0;
      for (const s of r.segments) {
        const sw = (s.value / total) * w;
        if (sw > 0) items.push({ kind: "rect", x, y: barY, w: sw, h: barH, tone: s.tone });
        x += sw;
      }
    } else {
      items.push({ kind: "rect", x: x0, y: barY, w, h: barH, tone: r.tone ?? "tone-1", rx: 3 });
    }
    items.push({
      kind: "text",
      x: opts.centered ? barLeft + barMax + 8 : x0 + w + 6,
      y: barY + barH * 0.5 + small * 0.35,
      text: displays[i]!,
      size: small,
      bold: true,
    });
  });
  return { width, height: top + rows.length * rowH + PAD, items };
}

/** A funnel: one centred bar per stage, its count and the share of the first stage. */
export function layoutFunnel(
  stages: { label: string; value: number; display?: string; tone?: string }[],
  opts: { size: ChartSize },
): Scene {
  return layoutBars(
    stages.map((s, i) => ({
      ...s,
      tone: s.tone ?? (i === stages.length - 1 ? "tone-2" : "tone-1"),
    })),
    { size: opts.size, centered: true },
  );
}

// ------------------------------------------------------------------------------------------
// Lines: values over categories (months, years), from zero.
// ------------------------------------------------------------------------------------------

export interface LineSeries {
  key: string;
  label: string;
  tone?: string;
  values: (number | null)[];
}

export function layoutLines(
  series: LineSeries[],
  categories: string[],
  opts: { size: ChartSize; format?: (n: number) => string },
): Scene {
  const { width, small } = SIZES[opts.size];
  const format = opts.format ?? ((n: number) => String(n));
  const items: Item[] = [];
  const tones = series.map((s, i) => toneOf(i, s.tone));
  const lg = legend(
    series.map((s, i) => ({ label: s.label, tone: tones[i]! })),
    width,
    small,
    PAD,
  );
  items.push(...lg.items);
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const step = niceStep(max, 4);
  const domainMax = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= domainMax + 1e-9; v += step) ticks.push(v);
  const tickW = Math.max(...ticks.map((v) => textWidth(format(v), small)));
  const lastLabels = series.map((s) => {
    const last = [...s.values].reverse().find((v) => v !== null);
    return last === undefined || last === null ? "" : format(last);
  });
  const endW = Math.max(0, ...lastLabels.map((l) => textWidth(l, small, true)));
  const left = PAD + tickW + 8;
  const right = width - PAD - endW - 10;
  const top = PAD + lg.height + small;
  const plotH = opts.size === "wide" ? 220 : 180;
  const bottom = top + plotH;
  const n = categories.length;
  const x = (i: number) =>
    n <= 1 ? (left + right) / 2 : left + 8 + (i / (n - 1)) * (right - left - 16);
  const y = (v: number) => bottom - (v / domainMax) * plotH;
  for (const v of ticks) {
    items.push({
      kind: "line",
      x1: left,
      y1: y(v),
      x2: right,
      y2: y(v),
      tone: v === 0 ? "axis" : "grid",
    });
    items.push({
      kind: "text",
      x: PAD + tickW,
      y: y(v) + small * 0.35,
      text: format(v),
      size: small,
      anchor: "end",
      tone: "muted",
    });
  }
  const slot = n > 1 ? (right - left - 16) / (n - 1) : right - left;
  const shown = thinLabels(categories, slot, small);
  categories.forEach((c, i) => {
    if (!shown[i]) return;
    // The first and last labels are anchored to stay inside the plot's edges.
    const w = textWidth(c, small);
    const cx = Math.min(Math.max(x(i), PAD + w / 2), width - PAD - w / 2);
    items.push({
      kind: "text",
      x: cx,
      y: bottom + small * 1.6,
      text: c,
      size: small,
      anchor: "middle",
      tone: "muted",
    });
  });
  const lastIdx = series.map((s) => {
    for (let i = s.values.length - 1; i >= 0; i--) if (s.values[i] !== null) return i;
    return -1;
  });
  const ends = spread(
    series.map((s, k) => y(lastIdx[k]! >= 0 ? (s.values[lastIdx[k]!] ?? 0) : 0)),
    small * 1.25,
    top,
    bottom,
  );
  series.forEach((s, k) => {
    const tone = tones[k]!;
    let d = "";
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    if (d) items.push({ kind: "path", d, tone });
    s.values.forEach((v, i) => {
      if (v !== null && n <= 24) items.push({ kind: "dot", cx: x(i), cy: y(v), r: 3.5, tone });
    });
    if (lastIdx[k]! >= 0)
      items.push({
        kind: "text",
        x: x(lastIdx[k]!) + 8,
        y: ends[k]! + small * 0.35,
        text: lastLabels[k]!,
        size: small,
        bold: true,
        tone,
      });
  });
  return { width, height: bottom + small * 2.2, items };
}

export { wrapText };
