/**
 * Markdown to safe HTML: `marked` renders, `sanitize-html` keeps only an allowlist of tags and
 * attributes, so no script, event handler, style or `javascript:`/`data:` URL reaches a reader
 * whatever the author (or a stolen staff session) typed.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "sup",
    "sub",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    code: ["class"],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A heading 1 is the page title: demote the body's.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "noopener noreferrer nofollow" },
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
  },
};
// rel and loading are added by the transforms above; allow them through.
(OPTIONS.allowedAttributes as Record<string, string[]>).a!.push("rel");
(OPTIONS.allowedAttributes as Record<string, string[]>).img!.push("loading");

export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return "";
  const html = marked.parse(markdown) as string;
  return sanitize(html);
}

/** Plain text of a Markdown body (for summaries, feeds and meta descriptions). */
export function markdownToText(markdown: string | null | undefined, maxLength = 300): string {
  if (!markdown) return "";
  const text = sanitizeHtml(marked.parse(markdown) as string, {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
