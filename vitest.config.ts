import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(__dirname, "app"),
  "#db": path.resolve(__dirname, "db"),
};

/**
 * Test files that set process.env for the modules they import (which read it once) or spawn
 * the CLI: they run with a module registry of their own (`isolate: true`). Every other file
 * shares its worker's modules (`isolate: false`): importing the app's modules once per worker
 * instead of once per file took the unit tests from about 17 to about 4.5 minutes on a busy
 * machine (ADR 0042, fourth look). A file added here must say why in its header.
 */
const ISOLATED = [
  "app/admin/mailbox.test.ts",
  "app/service-requests/inbound-mail.test.ts",
  "tests/unit/admin-create.test.ts",
  "tests/unit/schema-fresh.test.ts",
  "app/projects/space.test.ts",
];

// The same unit suite runs twice: on the PostgreSQL server and on embedded PGlite (ADR 0002).
const shared = {
  include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/unit/**/*.test.ts"],
  globalSetup: ["tests/support/global-setup.ts"],
  setupFiles: ["tests/support/setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

function project(mode: "postgres" | "pglite", isolated: boolean) {
  // Property-based fuzzing of the route actions (tests/property) runs on PostgreSQL only.
  const include =
    mode === "postgres" ? [...shared.include, "tests/property/**/*.test.ts"] : shared.include;
  return {
    resolve: { alias },
    test: {
      ...shared,
      include: isolated ? ISOLATED : include,
      exclude: isolated ? [] : ISOLATED,
      isolate: isolated,
      name: isolated ? `${mode}-isolated` : mode,
      env: { TEST_DB_MODE: mode },
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      project("postgres", false),
      project("postgres", true),
      project("pglite", false),
      project("pglite", true),
    ],
  },
});
