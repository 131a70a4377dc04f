import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(__dirname, "app"),
  "#db": path.resolve(__dirname, "db"),
};

// The same unit suite runs twice: on the PostgreSQL server and on embedded PGlite (ADR 0002).
const shared = {
  include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/unit/**/*.test.ts"],
  globalSetup: ["tests/support/global-setup.ts"],
  setupFiles: ["tests/support/setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Property-based fuzzing of the route actions (tests/property) runs on PostgreSQL only.
        test: {
          ...shared,
          include: [...shared.include, "tests/property/**/*.test.ts"],
          name: "postgres",
          env: { TEST_DB_MODE: "postgres" },
        },
      },
      { resolve: { alias }, test: { ...shared, name: "pglite", env: { TEST_DB_MODE: "pglite" } } },
    ],
  },
});
