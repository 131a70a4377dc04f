/**
 * Cover images for the demo news (issue 18, ADR 0051), drawn here as SVG and turned into the
 * same WebP cover and thumbnail an upload makes (app/news/cover-image.server.ts). Each drawing
 * is the park's skyline under a sky in the brand's colours with one motif for the article's
 * subject: a rising rank line, a service network, a globe, a sprout, a policy sheet, people, or
 * a crane. Nothing is copied: every shape is placed by the code below. Articles that already
 * have a cover (an upload by staff) are left alone.
 */
import type { DB } from "#db/client.server";
import { inTransaction } from "#db/executor";
import { coverVariants } from "~/news/cover-image.server";
import { storeCoverFiles } from "~/news/news.server";

export type Motif = "rank" | "network" | "globe" | "sprout" | "policy" | "people" | "crane";

const W = 1600;
const H = 900;

/** A small deterministic generator, so each article gets the same drawing on every seed. */
function random(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

const SKIES: Record<Motif, [string, string]> = {
  rank: ["#0a3540", "#1d6b78"],
  network: ["#0f4c5c", "#2f8a8f"],
  globe: ["#12365e", "#1d5fa8"],
  sprout: ["#0f4c3a", "#2f8a5f"],
  policy: ["#3b2a57", "#6b3fa0"],
  people: ["#5c2a1f", "#a63d28"],
  crane: ["#0a3540", "#4a7f8a"],
};

function skyline(rnd: () => number): string {
  const parts: string[] = [];
  let x = -20;
  while (x < W) {
    const w = 70 + rnd() * 110;
    const h = 140 + rnd() * 260;
    const y = H - 120 - h;
    parts.push(
      `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${w.toFixed(0)}" height="${(h + 120).toFixed(0)}" rx="4" fill="#0b2b33" opacity="0.85"/>`,
    );
    for (let wy = y + 24; wy < H - 150; wy += 34)
      for (let wx = x + 14; wx < x + w - 22; wx += 28)
        if (rnd() < 0.45)
          parts.push(
            `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="12" height="16" fill="#ffd98a" opacity="0.55"/>`,
          );
    x += w + 8 + rnd() * 30;
  }
  // The park's green: a band of lawn with round trees.
  parts.push(`<rect x="0" y="${H - 120}" width="${W}" height="120" fill="#1f5e3f"/>`);
  for (let tx = 20; tx < W; tx += 60 + rnd() * 60) {
    const r = 22 + rnd() * 18;
    parts.push(
      `<rect x="${(tx - 3).toFixed(0)}" y="${H - 120 - 10}" width="6" height="30" fill="#3b2d1f"/>`,
    );
    parts.push(
      `<circle cx="${tx.toFixed(0)}" cy="${(H - 130 - r / 2).toFixed(0)}" r="${r.toFixed(0)}" fill="#2f8a5f"/>`,
    );
  }
  return parts.join("");
}

function motif(kind: Motif, rnd: () => number): string {
  const gold = "#ffbf47";
  switch (kind) {
    case "rank": {
      const pts: string[] = [];
      for (let i = 0; i < 9; i++) {
        const x = 220 + i * 145;
        const y = 520 - i * 42 + (rnd() - 0.5) * 50;
        pts.push(`${x},${y.toFixed(0)}`);
      }
      const dots = pts
        .map(
          (p) => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="14" fill="${gold}"/>`,
        )
        .join("");
      return `<polyline points="${pts.join(" ")}" fill="none" stroke="${gold}" stroke-width="10" stroke-linejoin="round" stroke-linecap="round"/>${dots}`;
    }
    case "network": {
      const nodes = Array.from(
        { length: 9 },
        () => [300 + rnd() * 1000, 120 + rnd() * 330] as const,
      );
      const lines = nodes
        .flatMap((a, i) =>
          nodes
            .slice(i + 1, i + 3)
            .map(
              (b) =>
                `<line x1="${a[0].toFixed(0)}" y1="${a[1].toFixed(0)}" x2="${b[0].toFixed(0)}" y2="${b[1].toFixed(0)}" stroke="#ffffff" stroke-opacity="0.6" stroke-width="5"/>`,
            ),
        )
        .join("");
      const dots = nodes
        .map(
          ([x, y], i) =>
            `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${i === 0 ? 34 : 20}" fill="${i === 0 ? gold : "#ffffff"}"/>`,
        )
        .join("");
      return lines + dots;
    }
    case "globe": {
      const cx = 800,
        cy = 330,
        r = 230;
      const meridians = [0.3, 0.6, 0.85]
        .map(
          (k) =>
            `<ellipse cx="${cx}" cy="${cy}" rx="${(r * k).toFixed(0)}" ry="${r}" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="5"/>`,
        )
        .join("");
      const parallels = [-0.5, 0, 0.5]
        .map((k) => {
          const y = cy + r * k;
          const half = Math.sqrt(r * r - (r * k) ** 2);
          return `<line x1="${(cx - half).toFixed(0)}" y1="${y.toFixed(0)}" x2="${(cx + half).toFixed(0)}" y2="${y.toFixed(0)}" stroke="#ffffff" stroke-opacity="0.7" stroke-width="5"/>`;
        })
        .join("");
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffffff" fill-opacity="0.12" stroke="#ffffff" stroke-width="8"/>${meridians}${parallels}<path d="M ${cx - 420} ${cy + 160} Q ${cx} ${cy - 420} ${cx + 420} ${cy + 60}" fill="none" stroke="${gold}" stroke-width="8" stroke-dasharray="22 16"/><circle cx="${cx + 420}" cy="${cy + 60}" r="16" fill="${gold}"/>`;
    }
    case "sprout":
      return `<circle cx="800" cy="300" r="170" fill="${gold}" fill-opacity="0.9"/><path d="M 800 780 C 800 620 790 520 800 420" stroke="#b8e6c9" stroke-width="18" fill="none" stroke-linecap="round"/><path d="M 800 520 C 700 520 620 460 600 370 C 700 370 780 420 800 520 Z" fill="#b8e6c9"/><path d="M 800 450 C 900 450 990 390 1010 290 C 900 290 815 350 800 450 Z" fill="#8fd3a8"/>`;
    case "policy":
      return `<g transform="rotate(-6 800 330)"><rect x="600" y="110" width="400" height="500" rx="18" fill="#ffffff"/>${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="650" y="${180 + i * 56}" width="${(300 - (i % 3) * 60).toFixed(0)}" height="18" rx="9" fill="#c9c2d8"/>`).join("")}<circle cx="930" cy="540" r="52" fill="none" stroke="#a63d28" stroke-width="10"/></g>`;
    case "people":
      return [0, 1, 2, 3, 4]
        .map((i) => {
          const x = 480 + i * 160;
          const y = 330 + (i % 2) * 30;
          return `<circle cx="${x}" cy="${y - 90}" r="46" fill="${i === 2 ? gold : "#ffffff"}"/><path d="M ${x - 75} ${y + 90} Q ${x - 75} ${y - 30} ${x} ${y - 30} Q ${x + 75} ${y - 30} ${x + 75} ${y + 90} Z" fill="${i === 2 ? gold : "#ffffff"}" fill-opacity="0.9"/>`;
        })
        .join("");
    case "crane":
      return `<rect x="1060" y="120" width="20" height="640" fill="${gold}"/><rect x="700" y="120" width="620" height="18" fill="${gold}"/><line x1="1070" y1="60" x2="720" y2="128" stroke="${gold}" stroke-width="6"/><line x1="1070" y1="60" x2="1300" y2="128" stroke="${gold}" stroke-width="6"/><line x1="800" y1="138" x2="800" y2="330" stroke="#ffffff" stroke-width="4"/><rect x="760" y="330" width="80" height="60" fill="#ffffff"/>`;
  }
}

/** A cover drawing as SVG text (1600x900), the same for the same seed. */
export function drawCover(kind: Motif, seed: string): string {
  const rnd = random(seed);
  const [top, bottom] = SKIES[kind];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/><circle cx="${(1200 + rnd() * 250).toFixed(0)}" cy="${(120 + rnd() * 80).toFixed(0)}" r="70" fill="#ffffff" fill-opacity="0.15"/>${skyline(rnd)}${motif(kind, rnd)}</svg>`;
}

const ALT: Record<Motif, [string, string]> = {
  rank: [
    "Drawing: a rising line of ranks over the park's buildings and trees",
    "插图：园区楼宇和绿树上方一条逐年攀升的排名折线",
  ],
  network: [
    "Drawing: a network of connected points over the park's skyline",
    "插图：园区天际线上方相互连接的服务网络",
  ],
  globe: [
    "Drawing: a globe with a route reaching out from the park",
    "插图：一个地球仪，一条航线从园区伸向远方",
  ],
  sprout: [
    "Drawing: a young sprout growing under the sun among the park's buildings",
    "插图：园区楼宇间，一株幼苗在阳光下生长",
  ],
  policy: [
    "Drawing: a policy document with a seal over the park's skyline",
    "插图：园区天际线前一份盖有印章的政策文件",
  ],
  people: [
    "Drawing: five people standing together in front of the park",
    "插图：五个人并肩站在园区前",
  ],
  crane: [
    "Drawing: a construction crane lifting a block over the park",
    "插图：一台塔吊在园区上空吊起建材",
  ],
};

export function motifFor(category: string | null, tags: string[]): Motif {
  if (tags.includes("international")) return "globe";
  if (tags.includes("talent")) return "people";
  switch (category) {
    case "rankings":
      return "rank";
    case "services":
      return "network";
    case "incubation":
      return "sprout";
    case "policy":
      return "policy";
    default:
      return "crane";
  }
}

/** Gives every demo article without a cover a drawn one, with alt text in both languages. */
export async function seedDemoCovers(db: DB): Promise<void> {
  const rows = await db
    .selectFrom("news_article")
    .leftJoin("news_category", "news_category.id", "news_article.category_id")
    .select(["news_article.id", "news_article.slug", "news_category.slug as category"])
    .where("news_article.cover_file_id", "is", null)
    .execute();
  for (const row of rows) {
    const tags = await db
      .selectFrom("news_article_tag")
      .innerJoin("news_tag", "news_tag.id", "news_article_tag.tag_id")
      .select("news_tag.slug")
      .where("news_article_tag.article_id", "=", row.id)
      .execute();
    const kind = motifFor(
      row.category,
      tags.map((t) => t.slug),
    );
    // The drawing goes in as SVG: sharp renders it once, at the cover's size.
    const variants = await coverVariants(new TextEncoder().encode(drawCover(kind, row.slug)));
    if (!variants) continue;
    await inTransaction(db, async (trx) => {
      const stored = await storeCoverFiles(trx, null, row.id, `${row.slug}.png`, variants);
      if (!stored.ok) return;
      await trx
        .updateTable("news_article")
        .set({ cover_alt_en: ALT[kind][0], cover_alt_zh: ALT[kind][1] })
        .where("id", "=", row.id)
        .execute();
    });
  }
}
