/**
 * The one check for redirect targets that a request can influence (`redirectTo`, `back`, a
 * link's `next`): the target is resolved as a URL against the portal's own origin, and only a
 * path on that origin is kept. Anything else falls back to the default page:
 * - another origin: `https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:`;
 * - control characters (C0, DEL, C1) or backslashes, raw or percent-encoded, which browsers
 *   strip or read as `/` (`/%09/evil.example` would otherwise be `Location: /\t/evil.example`);
 * - paths that normalise to `//` (`/.//evil.example`, `/%2F/evil.example`) or to another
 *   origin once Unicode lookalikes of `/`, `\`, `.` and `:` are folded (NFKC);
 * - user info (`/@x` is a path, but `https://portal@evil.example` never reaches here as one).
 * The result is the re-serialised path, query and fragment, so what the browser reads is
 * exactly what was checked. Works the same on the server and in the browser.
 */

const BASE = "http://portal.invalid";
/** Longest target kept; longer ones are not a page of ours. */
const MAX_LENGTH = 2000;
// C0 controls, DEL, C1 controls, backslash.
 
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;
/** Lookalikes of `/` and `\` that NFKC does not fold (division slash, fraction slash, ...). */
const SLASH_LOOKALIKES = /[\u2044\u2215\u29f8\u29f9\ufe68\uff0f\uff3c]/;

function decodeAll(value: string): string | null {
  let current = value;
  // A few rounds: `%252F` is `%2F` after one.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

function startsAnotherOrigin(path: string): boolean {
  return path.startsWith("//") || path.startsWith("/\\");
}

/** A same-origin path (with query and fragment) to send the browser to, or `fallback`. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith("/") || startsAnotherOrigin(to)) return fallback;
  if (FORBIDDEN.test(to)) return fallback;
  const decoded = decodeAll(to);
  if (decoded === null || FORBIDDEN.test(decoded) || startsAnotherOrigin(decoded)) return fallback;
  const folded = decoded.normalize("NFKC");
  if (FORBIDDEN.test(folded) || startsAnotherOrigin(folded) || SLASH_LOOKALIKES.test(decoded))
    return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.username || url.password) return fallback;
  const result = url.pathname + url.search + url.hash;
  const resultDecoded = decodeAll(url.pathname);
  if (
    startsAnotherOrigin(result) ||
    resultDecoded === null ||
    startsAnotherOrigin(resultDecoded) ||
    FORBIDDEN.test(resultDecoded)
  )
    return fallback;
  return result;
}
