import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

// db/schema.ts is generated from the migrations by kysely-codegen (ADR 0002). This fails when
// a migration changed and `npm run db:codegen` was not run. kysely-codegen reads a PostgreSQL
// server, so it runs in the postgres project only; the pglite project has nothing to add here.
describe.skipIf(process.env.TEST_DB_MODE === "pglite")("db/schema.ts", () => {
  it("matches the migrations (npx tsx scripts/codegen.ts --verify)", async () => {
    const result = await run("npx", ["tsx", "scripts/codegen.ts", "--verify"], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: "development" },
      timeout: 120_000,
    }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    expect("code" in result && result.code ? `exit ${result.code}: ${output}` : "fresh").toBe(
      "fresh",
    );
  }, 120_000);
});
