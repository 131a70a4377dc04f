/**
 * Lighthouse on the public pages (issue 7): home, /news, the newest article, /park and
 * /incubation, in English, with Lighthouse's default mobile settings (tests/support/lighthouse.ts)
 * against the built server. Fails if any of performance, accessibility, best practices or SEO
 * is below 95 on any page (a page that misses is audited twice more and its median run kept).
 * The full table, both languages: `npx tsx bench/lighthouse.ts`.
 */
import { expect, test } from "@playwright/test";
import { auditPages, buildStamp, CATEGORIES, publicPages, scoreTable } from "../support/lighthouse";

const MIN = 95;

test("Lighthouse: performance, accessibility, best practices and SEO at least 95 on the public pages", async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const paths = await publicPages(base);
  // Warm the page cache, as a reader after the first would find it.
  for (const path of paths) await fetch(new URL(path, base));
  const stamp = buildStamp();
  const audits = await auditPages(base, paths, { min: MIN });
  expect(buildStamp(), "the build was rewritten during the run: run again").toBe(stamp);
  const table = scoreTable(audits);
  console.log(table);
  await testInfo.attach("lighthouse-scores", { body: table, contentType: "text/plain" });
  const misses = audits.flatMap((a) =>
    CATEGORIES.filter((c) => a.scores[c] < MIN).map(
      (c) =>
        `${a.path} ${c} ${a.scores[c]}: ${a.failing.filter((f) => f.startsWith(c)).join("; ")}`,
    ),
  );
  expect(misses, table).toEqual([]);
});
