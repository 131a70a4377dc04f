import { describe, expect, it } from "vitest";
import { fitText, textBox, textWidth, wrapText } from "./measure";
import {
  layoutBars,
  layoutFunnel,
  layoutLines,
  layoutRank,
  SIZES,
  type ChartSize,
  type Scene,
} from "./scene";

/** Every text box (estimated, CJK one em per character) lies inside the viewBox. */
function expectTextInside(scene: Scene) {
  for (const item of scene.items) {
    if (item.kind !== "text") continue;
    const box = textBox(item);
    const where = `"${item.text}" at ${item.x.toFixed(1)},${item.y.toFixed(1)}`;
    expect(box.x0, where).toBeGreaterThanOrEqual(0);
    expect(box.x1, where).toBeLessThanOrEqual(scene.width);
    expect(box.y0, where).toBeGreaterThanOrEqual(0);
    expect(box.y1, where).toBeLessThanOrEqual(scene.height);
  }
}

/** No two texts overlap (labels that collide are as unreadable as clipped ones). */
function expectNoTextOverlap(scene: Scene) {
  const boxes = scene.items.flatMap((i) =>
    i.kind === "text" ? [{ t: i.text, ...textBox(i) }] : [],
  );
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a]!;
      const q = boxes[b]!;
      const overlap = p.x0 < q.x1 - 0.5 && q.x0 < p.x1 - 0.5 && p.y0 < q.y1 - 2 && q.y0 < p.y1 - 2;
      expect(overlap, `"${p.t}" overlaps "${q.t}"`).toBe(false);
    }
}

const sizes: ChartSize[] = ["wide", "narrow"];
const longEn = "Internationalization and global competition ability of the park";
const longZh = "国际化和参与全球竞争能力以及可持续发展能力综合评价";

const rankSeries = (zh: boolean) => [
  {
    key: "c",
    label: zh ? "综合排名" : "Comprehensive ranking",
    points: [{ year: 2020, rank: 11 }],
  },
  {
    key: "k",
    label: zh ? "知识创造和技术创新能力" : "Knowledge creation and innovation",
    points: [{ year: 2020, rank: 14 }],
  },
  {
    key: "u",
    label: zh ? "产业升级和结构优化能力" : "Industrial upgrading",
    points: [{ year: 2020, rank: 8 }],
  },
  {
    key: "i",
    label: zh ? longZh : longEn,
    points: [
      { year: 2019, rank: 22 },
      { year: 2020, rank: 7 },
    ],
  },
  {
    key: "s",
    label: zh ? "可持续发展能力" : "Sustainable development",
    points: [
      { year: 2019, rank: 11 },
      { year: 2020, rank: 4 },
    ],
  },
];

describe("text measurement", () => {
  it("counts CJK as one em and Latin narrower", () => {
    expect(textWidth("排名", 10)).toBe(20);
    expect(textWidth("ab", 10)).toBeLessThan(20);
  });
  it("cuts with an ellipsis to fit", () => {
    const cut = fitText(longEn, 100, 14);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 14)).toBeLessThanOrEqual(100);
    expect(fitText("short", 100, 14)).toBe("short");
  });
  it("keeps the longest prefix that fits, the same as cutting one character at a time", () => {
    // The straightforward cut, quadratic in the length: the reference for short texts.
    const naive = (text: string, max: number, size: number, bold: boolean) => {
      if (textWidth(text, size, bold) <= max) return text;
      const chars = Array.from(text);
      while (chars.length && textWidth(`${chars.join("").trimEnd()}…`, size, bold) > max)
        chars.pop();
      return chars.length ? `${chars.join("").trimEnd()}…` : "";
    };
    const alphabet = ["a", "W", " ", "  ", "排", "名", "1", ".", "😀", "\n", "é"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 400; i++) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length])
        .join("")
        .trimStart();
      const max = 5 + (next() % 160);
      const bold = next() % 2 === 0;
      expect(fitText(text, max, 12, bold), JSON.stringify([text, max, bold])).toBe(
        naive(text, max, 12, bold),
      );
    }
  });
  it("cuts a label of any length in one pass (a 200,000-character label)", () => {
    const huge = `${"<b>payload</b> ".repeat(10_000)}${"排名".repeat(25_000)}`;
    const cut = fitText(huge, 150, 14);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 14)).toBeLessThanOrEqual(150);
    const lines = wrapText(huge, 150, 14, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(textWidth(line, 14)).toBeLessThanOrEqual(150);
  });
  it("wraps Latin at spaces and CJK anywhere, within the width", () => {
    for (const text of [longEn, longZh])
      for (const line of wrapText(text, 150, 14, 3))
        expect(textWidth(line, 14)).toBeLessThanOrEqual(150);
  });
});

describe("rank over time", () => {
  for (const size of sizes)
    for (const zh of [false, true])
      it(`keeps every label inside (${size}, ${zh ? "zh" : "en"})`, () => {
        const scene = layoutRank(rankSeries(zh), {
          size,
          rankLabel: (r) => (zh ? `第 ${r} 名` : `No. ${r}`),
        });
        expect(scene.width).toBe(SIZES[size].width);
        expectTextInside(scene);
        expectNoTextOverlap(scene);
      });
  it("puts rank 1 at the top (up is better) and shows only the years the data holds", () => {
    const scene = layoutRank(rankSeries(false), { size: "wide", rankLabel: (r) => `No. ${r}` });
    const years = scene.items.filter((i) => i.kind === "text" && /^\d{4}$/.test(i.text));
    expect(years.map((i) => i.kind === "text" && i.text)).toEqual(["2019", "2020"]);
    const dots = scene.items.flatMap((i) => (i.kind === "dot" && i.tone === "tone-5" ? [i] : []));
    // Sustainable development: 11 (2019) then 4 (2020): the later dot is higher.
    expect(dots[1]!.cy).toBeLessThan(dots[0]!.cy);
  });
  it("handles many years and one measure", () => {
    const points = Array.from({ length: 14 }, (_, i) => ({ year: 2012 + i, rank: 60 - i * 4 }));
    for (const size of sizes) {
      const scene = layoutRank([{ key: "c", label: "Comprehensive", points }], {
        size,
        rankLabel: (r) => `No. ${r}`,
      });
      expectTextInside(scene);
      expectNoTextOverlap(scene);
    }
  });
});

describe("bars and funnels", () => {
  const rows = (zh: boolean) =>
    Array.from({ length: 9 }, (_, i) => ({
      label: zh ? `${longZh.slice(0, 4 + i)}` : `${longEn.slice(0, 8 + i * 6)}`,
      value: (i + 1) * 13,
      display: `${(i + 1) * 13}%`,
    }));
  for (const size of sizes)
    for (const zh of [false, true])
      it(`keeps every label inside (${size}, ${zh ? "zh" : "en"})`, () => {
        for (const scene of [
          layoutBars(rows(zh), { size }),
          layoutBars(rows(zh), {
            size,
            legend: [
              { label: zh ? "处理中" : "Open", tone: "open" },
              { label: zh ? "等待中" : "Waiting", tone: "waiting" },
              { label: zh ? "已解决" : "Resolved", tone: "resolved" },
              { label: zh ? "已关闭" : "Closed", tone: "closed" },
            ],
          }),
          layoutFunnel(rows(zh), { size }),
          layoutBars([{ label: "only zero", value: 0 }], { size }),
        ]) {
          expectTextInside(scene);
          expectNoTextOverlap(scene);
        }
      });
});

describe("lines", () => {
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
  for (const size of sizes)
    it(`keeps every label inside (${size})`, () => {
      const scene = layoutLines(
        [
          { key: "a", label: "Filed", values: months.map((_, i) => i * 3) },
          {
            key: "b",
            label: "Resolved within the SLA",
            values: months.map((_, i) => (i ? i * 3 - 1 : null)),
          },
        ],
        months,
        { size, format: (n) => `${n}` },
      );
      expectTextInside(scene);
      expectNoTextOverlap(scene);
    });
});
