/**
 * Fault (issue 6): PostgreSQL ends every connection of the app during a load run.
 *
 * Starts the production build (`node server.js`) on a fresh PostgreSQL database with demo
 * data, runs a mixed load (reads of public pages and acknowledged writes: contact inquiries,
 * each with a unique marker and its own client address via X-Forwarded-For with
 * TRUST_PROXY=true, so the per-address limit does not refuse them), and during the run
 * terminates all the app's backends with pg_terminate_backend several times. Prints: requests,
 * status counts, errors within the outage window after each kill (must be 503), errors after
 * recovery (must be 0), whether the process is still alive, and whether every acknowledged
 * write is in the database (0 lost). Exits 1 when a target is missed.
 *
 *   npm run build && npx tsx bench/fault-db-restart.ts [--seconds 30] [--kills 5] [--connections 16]
 */
import {
  adminQuery,
  arg,
  formPost,
  freePort,
  scratchDatabase,
  sleep,
  startServer,
  stopServer,
  waitReady,
} from "./lib/harness";

const SECONDS = arg("seconds", 30);
const KILLS = arg("kills", 5);
const CONNECTIONS = arg("connections", 16);
/** Errors that start within this long after a kill count as "while the connections were down". */
const OUTAGE_MS = arg("outage-ms", 3000);

interface Sample {
  start: number;
  end: number;
  status: number; // 0 = network error
  kind: "read" | "write";
}

const READS = ["/", "/news", "/park", "/contact", "/healthz", "/park/space", "/incubation"];

async function main() {
  const database = await scratchDatabase("portal_faults_dbrestart");
  const server = startServer(await freePort(), {
    DATABASE_URL: database.url,
    TRUST_PROXY: "true",
    DB_POOL_SIZE: "10",
  });
  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  const kills: { at: number; backends: number }[] = [];
  let writeNo = 0;
  try {
    process.stderr.write("starting the server (migrate + demo seed)...\n");
    await waitReady(server);
    const t0 = Date.now();
    const until = t0 + SECONDS * 1000;

    const worker = async (w: number) => {
      let i = 0;
      while (Date.now() < until) {
        i++;
        const write = i % 4 === 0;
        const start = Date.now();
        let status = 0;
        try {
          if (write) {
            const n = ++writeNo;
            const marker = `fault-marker-${t0}-${w}-${n}`;
            const response = await formPost(
              server.base,
              "/contact",
              {
                name: "Load Tester",
                email: `load-${n}@example.com`,
                interest: "space",
                message: `Office space question ${marker}`,
              },
              { "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
            );
            const body = await response.text();
            status = response.status;
            // A sent inquiry answers with a redirect to its thank-you page (ADR 0020).
            void body;
            if (status === 302 && response.headers.get("location")?.startsWith("/contact/thanks"))
              acknowledged.push(marker);
          } else {
            const response = await fetch(`${server.base}${READS[i % READS.length]}`);
            await response.arrayBuffer();
            status = response.status;
          }
        } catch {
          status = 0;
        }
        samples.push({ start, end: Date.now(), status, kind: write ? "write" : "read" });
      }
    };

    const killer = async () => {
      for (let k = 1; k <= KILLS; k++) {
        const at = t0 + (k * SECONDS * 1000) / (KILLS + 1);
        await sleep(Math.max(0, at - Date.now()));
        const rows = await adminQuery<{ n: number }>(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [database.name],
        );
        kills.push({ at: Date.now(), backends: rows[0]!.n });
      }
    };

    await Promise.all([killer(), ...Array.from({ length: CONNECTIONS }, (_, w) => worker(w))]);
    const alive = server.child.exitCode === null;

    const isError = (s: Sample) => s.status === 0 || s.status >= 500;
    const inOutage = (s: Sample) => kills.some((k) => s.end >= k.at && s.start <= k.at + OUTAGE_MS);
    const errors = samples.filter(isError);
    const duringOutage = errors.filter(inOutage);
    const afterRecovery = errors.filter((s) => !inOutage(s));
    const non503 = duringOutage.filter((s) => s.status !== 503);
    const statusCounts: Record<string, number> = {};
    for (const s of samples) statusCounts[s.status] = (statusCounts[s.status] ?? 0) + 1;

    const stored = new Set(
      (
        await adminQuery<{ message: string }>(
          "SELECT message FROM inquiry WHERE message LIKE $1",
          [`%fault-marker-${t0}-%`],
          database.url,
        )
      ).map((r) => /fault-marker-\S+/.exec(r.message)![0]),
    );
    const lost = acknowledged.filter((m) => !stored.has(m));
    const writes = samples.filter((s) => s.kind === "write").length;
    const unexpected = server.output().match(/uncaught|unhandled/gi)?.length ?? 0;
    const exitCode = await stopServer(server);

    const report = {
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: samples.length,
      statusCounts,
      kills: kills.map((k) => ({
        atSecond: +((k.at - t0) / 1000).toFixed(1),
        backends: k.backends,
      })),
      errorsWhileConnectionsDown: duringOutage.length,
      ofWhichNot503: non503.length,
      errorsAfterRecovery: afterRecovery.length,
      processAliveAfterLoad: alive,
      uncaughtOrUnhandledLogLines: unexpected,
      writesAttempted: writes,
      writesAcknowledged: acknowledged.length,
      acknowledgedWritesInDatabase: acknowledged.length - lost.length,
      acknowledgedWritesLost: lost.length,
      exitCodeAfterSigterm: exitCode,
    };
    console.log(JSON.stringify(report, null, 2));
    const ok =
      non503.length === 0 &&
      afterRecovery.length === 0 &&
      alive &&
      lost.length === 0 &&
      unexpected === 0 &&
      kills.every((k) => k.backends > 0) &&
      exitCode === 0;
    console.log(ok ? "PASS" : "FAIL");
    if (!ok && afterRecovery.length)
      console.log("errors after recovery (first 5):", afterRecovery.slice(0, 5));
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await database.drop();
  }
}

await main();
