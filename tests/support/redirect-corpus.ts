/**
 * Hostile redirect targets (issue 11): each must leave the browser on the portal. Used by the
 * unit test of `safeRedirect` and by the Chromium spec that sends them through every route
 * that redirects to a target the request chose.
 */
export const HOSTILE_REDIRECTS: readonly string[] = [
  // control characters, raw and encoded (browsers strip tab, CR and LF from URLs)
  "/%09/evil.example",
  "/\t/evil.example",
  "/%0d/evil.example",
  "/\r/evil.example",
  "/%0a/evil.example",
  "/\n/evil.example",
  "/%0d%0aLocation:%20https://evil.example",
  "/%00/evil.example",
  "/\u0000/evil.example",
  "/%7f/evil.example",
  "/\u0085/evil.example",
  "/%C2%85/evil.example",
  " //evil.example",
  "\t//evil.example",
  // backslashes, raw and encoded
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  // encoded slashes and dot segments that end as `//`
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/.//evil.example",
  "/a/..//evil.example",
  "/%2e%2e//evil.example",
  // other origins and schemes
  "//evil.example",
  "///evil.example",
  "//evil.example/%2e%2e",
  "https://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "https:\\\\evil.example",
  "javascript:alert(document.domain)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  // user-info tricks
  "https://portal@evil.example",
  "//portal.zizhupark.example@evil.example",
  "//user:pass@evil.example/",
  // Unicode lookalikes of `/`, `\`, `.`
  "/\uFF0F/evil.example",
  "/\uFF0Fevil.example",
  "\uFF0F\uFF0Fevil.example",
  "/\u2215evil.example",
  "/\uFF3Cevil.example",
  "/%EF%BC%8F/evil.example",
  "/%E2%88%95evil.example",
  "\u3002\u3002/evil.example",
];

/** Targets that must survive unchanged (same-origin pages). */
export const SAFE_REDIRECTS: readonly [string, string][] = [
  ["/news", "/news"],
  ["/news?q=park&page=2", "/news?q=park&page=2"],
  ["/invite/abc123", "/invite/abc123"],
  ["/@evil.example", "/@evil.example"],
  ["/news/%E4%B8%AD%E6%96%87", "/news/%E4%B8%AD%E6%96%87"],
  ["/requests?redirectTo=https://evil.example", "/requests?redirectTo=https://evil.example"],
];

/**
 * One of each kind, for the routes where each try costs a password hash (sign-in, sign-up):
 * the full corpus goes through the other routes and through `safeRedirect` itself.
 */
export const HOSTILE_REDIRECTS_CORE: readonly string[] = [
  "/%09/evil.example",
  "/\r/evil.example",
  "/%0d%0aLocation:%20https://evil.example",
  "/%00/evil.example",
  "/%C2%85/evil.example",
  "/\\evil.example",
  "/%5Cevil.example",
  "/%2F/evil.example",
  "/.//evil.example",
  "//evil.example",
  "https://evil.example",
  "javascript:alert(document.domain)",
  "//user:pass@evil.example/",
  "/\uFF0F/evil.example",
];
