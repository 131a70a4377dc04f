import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

/** Browser tests in Debian's Chromium (never a downloaded browser) against the built app on PostgreSQL. */
export default defineConfig({
  testDir: "tests",
  testMatch: [
    "e2e/**/*.spec.ts",
    "a11y/**/*.spec.ts",
    "security/**/*.spec.ts",
    "platform/**/*.spec.ts",
  ],
  // `npm run test:e2e` runs two groups at once, each with its own output folder (scripts/e2e-groups.ts).
  outputDir: process.env.E2E_OUTPUT ?? "test-results",
  fullyParallel: false,
  workers: 1,
  // In CI a failed test runs once more, and the list reporter counts it as flaky: a race to
  // fix, not a pass to forget (ADR 0042, fifth look). Locally none, so a flake shows at once.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx tests/support/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
