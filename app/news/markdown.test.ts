import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown.server";
import { articleSlug, isValidSlug, slugify } from "./slug";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><circle /></svg>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src=x>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p onclick="alert(1)">x</p>',
  "<details open ontoggle=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  "<form action=javascript:alert(1)><button>x</button></form>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<a href="  javascript:alert(1)">x</a>',
  "<<script>script>alert(1)<</script>/script>",
  '<img src="x" """><script>alert(1)</script>">',
  "<style>body{display:none}</style>",
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<input autofocus onfocus=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
];

describe("Markdown rendering", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown(
      "# Title\n\nSome **bold** text and a [link](https://example.com).\n\n- one\n- two",
    );
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow">link</a>',
    );
    expect(html).toContain("<li>one</li>");
  });

  it.each(PAYLOADS)("lets nothing executable through: %s", (payload) => {
    const html = renderMarkdown(`Before\n\n${payload}\n\nAfter`);
    // Parse the output as a browser would and inspect every element and attribute.
    const tags: string[] = [];
    const attrs: [string, string][] = [];
    const parser = new Parser({
      onopentag(name, attributes) {
        tags.push(name.toLowerCase());
        for (const [k, v] of Object.entries(attributes)) attrs.push([k.toLowerCase(), v]);
      },
    });
    parser.write(html);
    parser.end();
    const DANGEROUS_TAGS = [
      "script",
      "iframe",
      "object",
      "embed",
      "svg",
      "math",
      "style",
      "link",
      "meta",
      "base",
      "form",
      "input",
      "button",
      "details",
      "noscript",
    ];
    expect(tags.filter((t) => DANGEROUS_TAGS.includes(t))).toEqual([]);
    expect(
      attrs.filter(
        ([k]) => k.startsWith("on") || k === "style" || k === "srcdoc" || k === "formaction",
      ),
    ).toEqual([]);
    for (const [k, v] of attrs) {
      if (k === "href" || k === "src" || k === "action")
        expect(v.replace(/[\s\u0000-\u001f]/g, "").toLowerCase()).not.toMatch(
          /^(javascript|vbscript|data):/,
        );
    }
  });

  it("keeps Chinese text and makes plain text summaries", () => {
    expect(renderMarkdown("紫竹高新区**综合排名**第 11 位")).toContain("<strong>综合排名</strong>");
    expect(markdownToText("Hello **world** & <b>friends</b>")).toBe("Hello world & friends");
    expect(markdownToText("a ".repeat(400), 20).length).toBeLessThanOrEqual(20);
  });
});

describe("slugs", () => {
  it("makes readable ASCII slugs from English titles", () => {
    expect(slugify("Zizhu ranks 11th among 169 national high-tech parks")).toBe(
      "zizhu-ranks-11th-among-169-national-high-tech-parks",
    );
    expect(slugify("  Café & Crème: Über!  ")).toBe("cafe-and-creme-uber");
    expect(slugify("紫竹高新区")).toBe("");
    expect(slugify("a".repeat(30) + " " + "b".repeat(60)).length).toBeLessThanOrEqual(80);
  });

  it("falls back to a short id-based slug when there is no English title", () => {
    expect(articleSlug(null, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")).toBe("news-0f1e2d3c");
    expect(articleSlug("紫竹新闻", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")).toBe("news-0f1e2d3c");
    expect(articleSlug("media", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")).toBe("news-0f1e2d3c");
  });

  it("validates slugs", () => {
    expect(isValidSlug("good-slug-2")).toBe(true);
    expect(isValidSlug("Bad Slug")).toBe(false);
    expect(isValidSlug("double--dash")).toBe(false);
    expect(isValidSlug("media")).toBe(false);
  });
});
