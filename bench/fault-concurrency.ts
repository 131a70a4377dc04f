/**
 * Fault (issue 6), over HTTP against the production build on a fresh PostgreSQL database with
 * demo data:
 * - 100 concurrent conflicting staff messages on one service request, all carrying the same
 *   version (as 100 staff with the same page open would send them): exactly one is accepted
 *   (redirect), the 99 others answer 409 with the typed message still in the form, and the
 *   request holds exactly the one message;
 * - 100 concurrent identical filings of a service request with one idempotency key (the hidden
 *   `idempotencyKey` field of /requests/new: a double click or a retried POST): every POST
 *   answers with a redirect to the same request, and exactly one request exists.
 * Prints the figures; exits 1 when a target is missed. (The CI version of both checks, on the
 * domain functions in both database modes: app/service-requests/concurrency.test.ts.)
 *
 *   npm run build && npx tsx bench/fault-concurrency.ts [--n 100]
 */
import crypto from "node:crypto";
import {
  adminQuery,
  arg,
  formPost,
  freePort,
  login,
  scratchDatabase,
  startServer,
  stopServer,
  waitReady,
} from "./lib/harness";

const N = arg("n", 100);

async function main() {
  const database = await scratchDatabase("portal_faults_conc");
  const server = startServer(await freePort(), { DATABASE_URL: database.url, DB_POOL_SIZE: "10" });
  const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    adminQuery<T>(text, values, database.url);
  try {
    process.stderr.write("starting the server (migrate + demo seed)...\n");
    await waitReady(server);
    const base = server.base;
    const staff = await login(base, "staff@demo.zizhupark.example");
    const owner = await login(base, "owner@demo.zizhupark.example");

    // 1. Conflicting updates.
    const [target] = await q<{ ref: string; version: number; id: string }>(
      "SELECT ref, version, id FROM service_request WHERE state NOT IN ('closed', 'resolved') ORDER BY created_at LIMIT 1",
    );
    if (!target) throw new Error("no open service request in the demo data");
    const run = crypto.randomBytes(4).toString("hex");
    const [before] = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_request_message WHERE request_id = $1",
      [target.id],
    );
    const updates = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const body = `Concurrent note ${run}-${i}`;
        const response = await formPost(
          base,
          `/desk/requests/${target.ref}`,
          { intent: "message", version: String(target.version), visibility: "internal", body },
          { Cookie: staff },
        );
        const html = await response.text();
        return { status: response.status, kept: html.includes(body), body };
      }),
    );
    const accepted = updates.filter((u) => u.status === 302 || u.status === 303);
    const conflicts = updates.filter((u) => u.status === 409);
    const conflictsWithInputKept = conflicts.filter((u) => u.kept).length;
    const storedNotes = await q<{ body: string }>(
      "SELECT body FROM service_request_message WHERE request_id = $1 AND body LIKE $2",
      [target.id, `Concurrent note ${run}-%`],
    );
    const [after] = await q<{ version: number }>(
      "SELECT version FROM service_request WHERE id = $1",
      [target.id],
    );

    // 2. Identical submits.
    const [type] = await q<{ id: string; code: string }>(
      `SELECT t.id, t.code FROM service_type t WHERE NOT t.resident_only AND t.active IS NOT FALSE
         AND NOT EXISTS (SELECT 1 FROM service_type_field f WHERE f.type_id = t.id AND f.required)
       ORDER BY t.code LIMIT 1`,
    );
    if (!type) throw new Error("no service type without required fields in the demo data");
    const key = crypto.randomUUID();
    const submits = await Promise.all(
      Array.from({ length: N }, async () => {
        const response = await formPost(
          base,
          "/requests/new",
          {
            typeId: type.id,
            idempotencyKey: key,
            subject: `Double-clicked filing ${run}`,
            description: "The same form submitted many times at once.",
          },
          { Cookie: owner },
        );
        await response.arrayBuffer();
        return { status: response.status, location: response.headers.get("location") ?? "" };
      }),
    );
    const redirected = submits.filter((s) => s.status === 302 || s.status === 303);
    const locations = new Set(redirected.map((s) => s.location.split("?")[0]));
    const [rows] = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_request WHERE idempotency_key = $1",
      [key],
    );
    const statusCount = (xs: { status: number }[]) =>
      xs.reduce<Record<number, number>>((a, x) => ((a[x.status] = (a[x.status] ?? 0) + 1), a), {});

    const exitCode = await stopServer(server);
    const report = {
      conflictingUpdates: {
        concurrent: N,
        statusCounts: statusCount(updates),
        accepted: accepted.length,
        conflicts409: conflicts.length,
        conflictsWithInputKept,
        notesStored: storedNotes.length,
        notesBefore: before?.n,
        versionBefore: target.version,
        versionAfter: after?.version,
      },
      identicalSubmits: {
        concurrent: N,
        statusCounts: statusCount(submits),
        redirectedToOneRequest: locations.size === 1 ? [...locations][0] : [...locations],
        recordsWithTheKey: rows?.n,
      },
      exitCodeAfterSigterm: exitCode,
    };
    console.log(JSON.stringify(report, null, 2));
    const ok =
      accepted.length === 1 &&
      conflicts.length === N - 1 &&
      conflictsWithInputKept === N - 1 &&
      storedNotes.length === 1 &&
      after?.version === target.version + 1 &&
      redirected.length === N &&
      locations.size === 1 &&
      rows?.n === 1 &&
      exitCode === 0;
    console.log(ok ? "PASS" : "FAIL");
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await database.drop();
  }
}

await main();
