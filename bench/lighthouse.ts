/**
 * Lighthouse scores of the public pages (issue 7): home, /news, the newest article, /park and
 * /incubation, in English and Chinese, with Lighthouse's default (mobile) settings in Debian's
 * Chromium (see tests/support/lighthouse.ts). Prints a table of the performance,
 * accessibility, best-practices and SEO scores per page, the audits that did not pass, and
 * JSON; exits 1 if any score is below --min (95). A page that misses the minimum is audited
 * twice more and the median run kept (performance varies from run to run on a busy machine).
 *
 *   npm run build && npx tsx bench/lighthouse.ts            (starts the build on a scratch database)
 *   npx tsx bench/lighthouse.ts --url http://127.0.0.1:3000 (a portal already running)
 *   options: --port 3331 --lang en,zh-CN --min 95 --save <folder for the full JSON reports>
 *            --pages /a,/b (other pages than the five)
 */
import os from "node:os";
import {
  auditPages,
  buildStamp,
  lowest,
  publicPages,
  scoreTable,
  type Lang,
} from "../tests/support/lighthouse";
import { arg, scratchDatabase, startServer, stopServer, waitReady } from "./lib/harness";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const min = arg("min", 95);
const langs = (option("lang") ?? "en,zh-CN").split(",") as Lang[];
const given = option("url");
const stamp = buildStamp();
const database = given ? undefined : await scratchDatabase("bench_lighthouse");
const server = database
  ? startServer(arg("port", 3331), { DATABASE_URL: database.url, SEED_DEMO: "always" })
  : undefined;
let exitCode = 0;
try {
  if (server) await waitReady(server);
  const base = given ?? server!.base;
  const paths = option("pages")?.split(",") ?? (await publicPages(base));
  // Warm the page cache so the first audit is not of a cold render.
  for (const lang of langs)
    for (const path of paths)
      await fetch(new URL(path, base), { headers: { Cookie: `lang=${lang}` } });
  const load = os.loadavg()[0]!.toFixed(2);
  const audits = await auditPages(base, paths, {
    langs,
    min,
    saveTo: option("save"),
    onResult: (a) => console.error(`${a.lang} ${a.path}: ${Object.values(a.scores).join(" / ")}`),
  });
  console.log(scoreTable(audits));
  for (const a of audits) for (const f of a.failing) console.log(`  ${a.lang} ${a.path}  ${f}`);
  const low = lowest(audits);
  console.log(
    JSON.stringify(
      { min, lowest: low, loadBefore: load, loadAfter: os.loadavg()[0]!.toFixed(2), audits },
      null,
      2,
    ),
  );
  console.error(`${low >= min ? "PASS" : "FAIL"}: lowest score ${low} (minimum ${min})`);
  if (low < min) exitCode = 1;
  if (server && buildStamp() !== stamp) {
    console.error("INVALID: the build was rewritten during the run (npm run build); run again");
    exitCode = 1;
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (server) await stopServer(server);
  await database?.drop();
}
process.exit(exitCode);
