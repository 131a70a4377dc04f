/**
 * Accessibility sweep (issue 7): axe-core over every HTML page of the built app, in English
 * (every rule) and Chinese (the rules the language can change: LANGUAGE_RULES), as every persona, plus a few interactive states (forms after a failed submit,
 * the open mobile menu) and the error pages. Zero violations of WCAG 2.0/2.1 A and AA,
 * WCAG 2.2 AA and axe's best practices.
 *
 * The pages come from the route x role table (tests/security/route-matrix.table.ts): every
 * route with a component (resource routes such as CSV, RSS, sitemap and downloads have none)
 * whose GET that persona gets with a 200, and no persona before it in the table does.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "../support/e2e";
import { expected, loadIds, manifestRouteIds, routeUrl } from "../support/routes";
import { PERSONAS, ROUTES, type Persona } from "../security/route-matrix.table";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const LANGUAGES = ["en", "zh-CN"] as const;

/**
 * The rules whose outcome can change with the language of the page: accessible names, labels
 * and titles (a missing or empty translation), the lang attributes, and what the length of
 * the text moves (target sizes, regions that scroll). English runs every rule of TAGS; Chinese
 * runs these. The structure, roles, landmarks and colours of a page are the same in both
 * languages, and checking them twice was about half of the sweep's time (color-contrast alone
 * a quarter of axe's time per page).
 */
const LANGUAGE_RULES = [
  "area-alt",
  "aria-command-name",
  "aria-dialog-name",
  "aria-input-field-name",
  "aria-meter-name",
  "aria-progressbar-name",
  "aria-toggle-field-name",
  "aria-tooltip-name",
  "aria-treeitem-name",
  "button-name",
  "document-title",
  "empty-heading",
  "empty-table-header",
  "frame-title",
  "frame-title-unique",
  "html-has-lang",
  "html-lang-valid",
  "html-xml-lang-mismatch",
  "image-alt",
  "image-redundant-alt",
  "input-button-name",
  "input-image-alt",
  "label",
  "label-content-name-mismatch",
  "label-title-only",
  "landmark-unique",
  "link-name",
  "object-alt",
  "role-img-alt",
  "scrollable-region-focusable",
  "select-name",
  "summary-name",
  "svg-img-alt",
  "table-duplicate-name",
  "target-size",
  "valid-lang",
];

/** Forms checked again after an empty submit, when the persona sees the page (the key):
 * the page with the form (the value), its field errors shown. */
const FAILED_SUBMITS: Record<string, string> = {
  "/login": "/login",
  "/signup": "/signup",
  "/contact": "/contact",
  "/requests/new": "/requests/new?type=intellectual-property",
};

interface Check {
  url: string;
  /** What is checked: the page as loaded, or a state reached on it. */
  state: "page" | "failed submit" | "mobile menu";
  /** The status the page is answered with. */
  status: number;
}

async function pagesFor(persona: Persona): Promise<Check[]> {
  const ids = await loadIds();
  const withComponent = new Set(
    (await manifestRouteIds()).filter((r) => r.hasComponent).map((r) => r.id),
  );
  const checks: Check[] = [];
  const seen = new Set<string>();
  // A page an earlier persona of the table already gets is checked there (the same template
  // with the same parts); the home page is checked for everyone (the header and its menus
  // differ by role). This keeps the sweep to each page once per language.
  const earlier = PERSONAS.slice(0, PERSONAS.indexOf(persona));
  let forbidden: string | undefined;
  for (const [id, spec] of Object.entries(ROUTES)) {
    if (!withComponent.has(id)) continue;
    const status = expected(spec.get, persona);
    const url = routeUrl(spec, ids);
    if (status === 403) forbidden ??= url;
    if (status !== 200 || seen.has(url)) continue;
    if (url !== "/" && earlier.some((p) => expected(spec.get, p) === 200)) continue;
    seen.add(url);
    checks.push({ url, state: "page", status });
  }
  // The error pages: not found, and forbidden for a persona who meets one.
  checks.push({ url: "/no-such-page", state: "page", status: 404 });
  if (forbidden) checks.push({ url: forbidden, state: "page", status: 403 });
  for (const [page, url] of Object.entries(FAILED_SUBMITS))
    if (seen.has(page)) checks.push({ url, state: "failed submit", status: 200 });
  checks.push({ url: "/", state: "mobile menu", status: 200 });
  return checks;
}

async function reach(page: Page, check: Check): Promise<void> {
  if (check.state === "mobile menu") {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(check.url, { waitUntil: "networkidle" });
    await page.locator(".nav-toggle summary").click();
    await expect(page.locator(".site-nav")).toBeVisible();
    return;
  }
  const response = await page.goto(check.url, {
    waitUntil: check.state === "page" ? "load" : "networkidle",
  });
  expect(response?.status(), `${check.url}: status`).toBe(check.status);
  if (check.state === "failed submit") {
    // The page's form submitted empty: the client (or the server) answers with field errors.
    // The form's own submit, not a helper button such as "Check for answers" (formnovalidate).
    await page
      .locator('main form:has(.field) [type="submit"]:not([formnovalidate])')
      .first()
      .click({ timeout: 10_000 });
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  }
}

// Every persona of the route table: anonymous, company member and owner, a member of another
// company (whose company has an application), reviewer, staff and admin.
for (const persona of PERSONAS) {
  for (const lang of LANGUAGES) {
    test(`axe: every page as ${persona} in ${lang}`, async ({ page, context, baseURL }) => {
      test.setTimeout(300_000);
      await loginAs(context, baseURL!, persona, lang);
      const checks = await pagesFor(persona);
      const failures: string[] = [];
      // The browser holds only the strings its scope needs (app/i18n/client-strings.ts): a
      // page using a namespace a visitor's page does not load says so on the console.
      let current = "";
      page.on("console", (m) => {
        if (m.type() === "error" && m.text().startsWith("i18n: missing"))
          failures.push(`${current}: ${m.text()}`);
      });
      // Legacy mode runs axe in the page itself; the default opens a blank page per run to
      // combine the results of frames (the portal has none), which costs time.
      const axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).setLegacyMode();
      if (lang === "en") axe.withTags(TAGS);
      else axe.withRules(LANGUAGE_RULES);
      for (const check of checks) {
        const started = Date.now();
        current = `${check.url} (${check.state})`;
        await reach(page, check);
        const reached = Date.now();
        const results = await axe.analyze();
        if (process.env.AXE_TIMING)
          console.log(
            `${Date.now() - started} ms (${reached - started} to load) ${check.url} ${check.state}`,
          );
        for (const v of results.violations)
          failures.push(
            `${check.url} (${check.state}) ${v.id} [${v.impact}]: ${v.help}\n` +
              v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n"),
          );
        if (check.state === "mobile menu") await page.setViewportSize({ width: 1280, height: 720 });
      }
      test.info().annotations.push({ type: "pages", description: String(checks.length) });
      expect(failures, `axe violations as ${persona} in ${lang}:\n${failures.join("\n")}`).toEqual(
        [],
      );
    });
  }
}
