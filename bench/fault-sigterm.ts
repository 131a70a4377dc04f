/**
 * Fault (issue 6): SIGTERM while slow requests are in flight. The production build on a fresh
 * PostgreSQL database; a test connection holds the session table locked, so N requests that
 * carry a session cookie (pages and form POSTs) wait on their session lookup; then SIGTERM.
 * Prints: requests in flight at the signal, whether the process waited for them, whether new
 * connections were refused while stopping, how many of the in-flight requests completed (and
 * their statuses), and the exit code (must be 0). The one-request version runs in CI:
 * tests/platform/server-process.spec.ts.
 *
 *   npm run build && npx tsx bench/fault-sigterm.ts [--n 20] [--hold-ms 3000]
 */
import pg from "pg";
import { arg, freePort, scratchDatabase, sleep, startServer, waitReady } from "./lib/harness";

const N = arg("n", 20);
const HOLD_MS = arg("hold-ms", 3000);

async function main() {
  const database = await scratchDatabase("portal_faults_sigterm");
  const server = startServer(await freePort(), {
    DATABASE_URL: database.url,
    WORKER: "off",
    SEED_DEMO: "never",
    DB_POOL_SIZE: String(N + 2),
  });
  const locker = new pg.Client({ connectionString: database.url });
  try {
    process.stderr.write("starting the server...\n");
    await waitReady(server);
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE session IN ACCESS EXCLUSIVE MODE");
    const paths = ["/login", "/", "/news", "/contact", "/park"];
    const inflight = Array.from({ length: N }, async (_, i) => {
      const started = Date.now();
      try {
        const response = await fetch(`${server.base}${paths[i % paths.length]}`, {
          headers: { Cookie: `session=${String.fromCharCode(97 + (i % 26)).repeat(32)}` },
        });
        const body = await response.text();
        return {
          status: response.status,
          complete: body.includes("</html>"),
          ms: Date.now() - started,
        };
      } catch (e) {
        return { status: 0, complete: false, ms: Date.now() - started, error: String(e) };
      }
    });
    // Wait until the app's queries are really blocked on the lock.
    const deadline = Date.now() + 20_000;
    let waiting = 0;
    while (Date.now() < deadline) {
      waiting = (await locker.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted"))
        .rows[0].n;
      if (waiting >= N) break;
      await sleep(100);
    }
    const signalAt = Date.now();
    server.child.kill("SIGTERM");
    await sleep(1000);
    const waitedForRequests = server.child.exitCode === null;
    let refusedNew = false;
    try {
      await fetch(`${server.base}/healthz`);
    } catch {
      refusedNew = true;
    }
    await sleep(Math.max(0, HOLD_MS - 1000));
    await locker.query("COMMIT");
    const results = await Promise.all(inflight);
    const exitCode = await Promise.race([server.exited, sleep(30_000).then(() => "timeout")]);
    const statuses = results.reduce<Record<number, number>>(
      (a, r) => ((a[r.status] = (a[r.status] ?? 0) + 1), a),
      {},
    );
    const report = {
      requestsInFlightAtSigterm: waiting,
      processWaitedForThem: waitedForRequests,
      newConnectionsRefusedWhileStopping: refusedNew,
      inFlightCompleted: results.filter((r) => r.status === 200 && r.complete).length,
      statusCounts: statuses,
      slowestRequestMs: Math.max(...results.map((r) => r.ms)),
      exitCode,
      exitedMsAfterSigterm: Date.now() - signalAt,
    };
    console.log(JSON.stringify(report, null, 2));
    const ok =
      waiting >= N &&
      waitedForRequests &&
      refusedNew &&
      report.inFlightCompleted === N &&
      exitCode === 0;
    console.log(ok ? "PASS" : "FAIL");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await locker.end().catch(() => {});
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await database.drop();
  }
}

await main();
