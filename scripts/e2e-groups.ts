/**
 * `npm run test:e2e`: the browser tests as two groups at once, each with its own server and
 * database (ADR 0042). The journeys (tests/e2e and the keyboard walk) change demo data as a
 * person would; the checks (axe, security, platform) read it or make their own. Neither group
 * reads what the other writes, so they run side by side and the suite takes the time of the
 * longer group instead of the sum. Arguments (spec files, Playwright flags) run one plain
 * `playwright test` instead, as before.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";

interface Group {
  name: string;
  port: number;
  database: string;
  specs: string[];
}

const SECURITY_SPECS = fs.readdirSync("tests/security").filter((f) => f.endsWith(".spec.ts"));
const PLATFORM_SPECS = fs.readdirSync("tests/platform").filter((f) => f.endsWith(".spec.ts"));
/**
 * Platform specs that start servers of their own on scratch databases and never use the
 * group's server: they balance the groups, so they run with the journeys (ADR 0042, third
 * look: the checks had become the longer group by about ten minutes).
 */
const OWN_SERVER_SPECS = [
  "deployment-mode.spec.ts",
  "loaders-read-only.spec.ts",
  "production-https.spec.ts",
  "server-process.spec.ts",
  "two-processes.spec.ts",
];

const GROUPS: Group[] = [
  {
    name: "journeys",
    port: 3210,
    database: "portal_e2e",
    // The XSS sweep plants its own records and runs last here (file order), as it did after
    // the journeys when the suite ran as one: it balances the groups (ADR 0042).
    specs: [
      "tests/e2e/",
      "tests/a11y/keyboard.spec.ts",
      "tests/security/xss.spec.ts",
      ...OWN_SERVER_SPECS.map((f) => `tests/platform/${f}`),
    ],
  },
  {
    name: "checks",
    port: 3211,
    database: "portal_e2e_checks",
    specs: [
      "tests/a11y/axe.spec.ts",
      ...PLATFORM_SPECS.filter((f) => !OWN_SERVER_SPECS.includes(f)).map(
        (f) => `tests/platform/${f}`,
      ),
      ...SECURITY_SPECS.filter((f) => f !== "xss.spec.ts").map((f) => `tests/security/${f}`),
    ],
  },
];

const bin = "node_modules/.bin/playwright";

function run(args: string[], env: Record<string, string>, prefix: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bin, ["test", ...args], { env: { ...process.env, ...env } });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => {
        process.stdout.write(prefix ? `[${prefix}] ${line}\n` : `${line}\n`);
      });
    }
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Every own-server spec exists (a renamed one would silently leave both groups). */
for (const f of OWN_SERVER_SPECS)
  if (!PLATFORM_SPECS.includes(f)) throw new Error(`tests/platform/${f} is missing`);

async function main() {
  const extra = process.argv.slice(2);
  if (extra.length) process.exit(await run(extra, {}, ""));
  const started = Date.now();
  const codes = await Promise.all(
    GROUPS.map(async (g) => {
      const t0 = Date.now();
      const code = await run(
        g.specs,
        {
          E2E_PORT: String(g.port),
          E2E_DATABASE: g.database,
          E2E_OUTPUT: `test-results/${g.name}`,
        },
        g.name,
      );
      const minutes = ((Date.now() - t0) / 60_000).toFixed(1);
      process.stdout.write(`\n[${g.name}] ${code === 0 ? "passed" : "FAILED"} in ${minutes} min\n`);
      return code;
    }),
  );
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const failed = GROUPS.filter((_, i) => codes[i] !== 0).map((g) => g.name);
  process.stdout.write(
    failed.length
      ? `\nBrowser tests FAILED (${failed.join(", ")}) after ${minutes} min\n`
      : `\nBrowser tests passed in ${minutes} min\n`,
  );
  process.exit(failed.length ? 1 : 0);
}

void main();
