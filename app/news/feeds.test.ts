/**
 * The feeds checked as XML documents, not as strings: each one is parsed by a strict XML
 * parser (any well-formedness error fails the test) and its structure is held against RSS 2.0
 * (https://www.rssboard.org/rss-specification) and the sitemaps.org 0.9 schema
 * (https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd).
 */
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertStaff } from "../../tests/support/factories";
import { rssFeed, sitemap } from "./feeds.server";
import { createArticle, publishArticle, type NewsActor } from "./news.server";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ORIGIN = "https://portal.example";
// RFC 822 dates as RSS 2.0 wants them (four-digit years, GMT).
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
// W3C Datetime, as the sitemap schema's lastmod allows.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

let t: TestDatabase;
let staff: NewsActor;

function parse(xml: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, "text/xml");
}

function children(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (!name || (n as Element).localName === name)) out.push(n as Element);
  return out;
}

function one(el: Element, name: string): Element {
  const found = children(el, name).filter((c) => !c.prefix);
  expect(
    found.map((c) => c.localName),
    `exactly one <${name}> in <${el.tagName}>`,
  ).toEqual([name]);
  return found[0]!;
}

function isAbsoluteUrl(s: string) {
  try {
    return ["http:", "https:"].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

/** The rules of RSS 2.0 that a reader relies on; returns the items. */
function checkRss(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const doc = parse(xml);
  const rss = doc.documentElement!;
  expect(rss.tagName).toBe("rss");
  expect(rss.getAttribute("version")).toBe("2.0");
  expect(children(rss).map((c) => c.tagName)).toEqual(["channel"]);
  const channel = one(rss, "channel");
  for (const name of ["title", "link", "description"]) one(channel, name);
  expect(one(channel, "title").textContent!.trim()).not.toBe("");
  expect(isAbsoluteUrl(one(channel, "link").textContent!)).toBe(true);
  for (const d of children(channel, "lastBuildDate")) expect(d.textContent).toMatch(RFC822);
  const self = children(channel, "link").filter((l) => l.prefix === "atom");
  expect(self).toHaveLength(1);
  expect(self[0]!.namespaceURI).toBe("http://www.w3.org/2005/Atom");
  expect(self[0]!.getAttribute("rel")).toBe("self");
  const items = children(channel, "item");
  for (const item of items) {
    // An item needs a title or a description; links are absolute; dates RFC 822.
    expect(children(item, "title").length + children(item, "description").length).toBeGreaterThan(
      0,
    );
    for (const name of ["title", "link", "description", "guid", "pubDate"])
      expect(children(item, name).length, `<${name}> at most once`).toBeLessThanOrEqual(1);
    expect(isAbsoluteUrl(one(item, "link").textContent!)).toBe(true);
    expect(one(item, "pubDate").textContent).toMatch(RFC822);
    const guid = one(item, "guid");
    if (guid.getAttribute("isPermaLink") !== "false")
      expect(isAbsoluteUrl(guid.textContent!)).toBe(true);
  }
  return items.map((item) => ({
    title: one(item, "title").textContent,
    link: one(item, "link").textContent,
    guid: one(item, "guid").textContent,
  }));
}

/** The sitemaps.org 0.9 schema: urlset > url > loc, lastmod?, changefreq?, priority?. */
function checkSitemap(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const doc = parse(xml);
  const urlset = doc.documentElement!;
  expect(urlset.localName).toBe("urlset");
  expect(urlset.namespaceURI).toBe(SITEMAP_NS);
  const urls = children(urlset);
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.length).toBeLessThanOrEqual(50_000);
  const order = ["loc", "lastmod", "changefreq", "priority"];
  const locs: string[] = [];
  for (const url of urls) {
    expect([url.localName, url.namespaceURI]).toEqual(["url", SITEMAP_NS]);
    const own = children(url).filter((c) => c.namespaceURI === SITEMAP_NS);
    const names = own.map((c) => c.localName!);
    // Known elements only, each at most once, in schema order, loc first and required.
    expect(names.every((n) => order.includes(n))).toBe(true);
    expect(names).toEqual([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe("loc");
    const loc = own[0]!.textContent!;
    expect(isAbsoluteUrl(loc) && loc.length < 2048).toBe(true);
    locs.push(loc);
    for (const lm of own.filter((c) => c.localName === "lastmod"))
      expect(lm.textContent).toMatch(W3C_DATETIME);
    for (const cf of own.filter((c) => c.localName === "changefreq"))
      expect(["always", "hourly", "daily", "weekly", "monthly", "yearly", "never"]).toContain(
        cf.textContent,
      );
    for (const p of own.filter((c) => c.localName === "priority")) {
      const v = Number(p.textContent);
      expect(v >= 0 && v <= 1).toBe(true);
    }
  }
  expect(new Set(locs).size).toBe(locs.length);
  return locs;
}

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
});
afterAll(() => t.close());

describe("feeds as XML", () => {
  it("RSS 2.0 per language and the sitemap parse and follow their schemas, awkward text included", async () => {
    const awkward = await createArticle(t.db, staff, {
      titleEn: `Tom & Jerry's <b>"lab"</b> ]]> \u0001 opens 🚀`,
      summaryEn: "Less < more & **bold** [link](javascript:alert(1))",
      titleZh: "「实验室」开放 & <测试>",
      summaryZh: "中文摘要，含 ]]> 与 &amp;。",
    });
    const enOnly = await createArticle(t.db, staff, { titleEn: "English only notice" });
    const zhOnly = await createArticle(t.db, staff, { titleZh: "仅有中文的通知" });
    const draft = await createArticle(t.db, staff, { titleEn: "Draft never listed" });
    for (const a of [awkward, enOnly, zhOnly]) await publishArticle(t.db, staff, a.id, null);

    const en = checkRss(await rssFeed(t.db, "en", ORIGIN));
    expect(en.map((i) => i.title)).toEqual([
      "English only notice",
      `Tom & Jerry's <b>"lab"</b> ]]>  opens 🚀`,
    ]);
    expect(en[1]!.link).toBe(`${ORIGIN}/news/${awkward.slug}?lang=en`);

    const zh = checkRss(await rssFeed(t.db, "zh-CN", ORIGIN));
    expect(zh.map((i) => i.title)).toEqual(["仅有中文的通知", "「实验室」开放 & <测试>"]);
    expect(new Set([...en, ...zh].map((i) => i.guid)).size).toBe(4);

    const locs = checkSitemap(await sitemap(t.db, ORIGIN));
    for (const a of [awkward, enOnly, zhOnly]) expect(locs).toContain(`${ORIGIN}/news/${a.slug}`);
    expect(locs).not.toContain(`${ORIGIN}/news/${draft.slug}`);
    expect(locs).toContain(`${ORIGIN}/news`);
  });

  it("the checks catch broken documents", () => {
    expect(() =>
      checkRss(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>a & b</title></channel></rss>',
      ),
    ).toThrow();
    expect(() =>
      checkSitemap(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}"><url><lastmod>2024-01-01</lastmod><loc>${ORIGIN}/</loc></url></urlset>`,
      ),
    ).toThrow();
    expect(() =>
      checkSitemap(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset><url><loc>${ORIGIN}/</loc></url></urlset>`,
      ),
    ).toThrow();
  });
});
