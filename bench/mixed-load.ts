/**
 * Mixed load (issue 6): the production build on a fresh PostgreSQL database with demo data,
 * for a configurable time, with three kinds of users at once:
 * - visitors reading the home page, news list, articles, park pages, RSS;
 * - applicants (the demo company owners, signed in) opening their applications and saving the
 *   draft step of an editable one (the form's own hidden version and answers posted back);
 * - staff (signed in) working the service-request queue: queue pages with filters and sorts,
 *   then the requests it lists.
 * Prints requests, status counts (0 server errors required), and the server's RSS sampled
 * every 10 s (first / last / max and the least-squares slope in MB per minute). Exits 1 on a
 * server error or a dead process.
 *
 *   npm run build && npx tsx bench/mixed-load.ts              # 10 minutes
 *   npx tsx bench/mixed-load.ts --minutes 1 --visitors 8 --applicants 2 --staff 2
 */
import {
  arg,
  formPost,
  freePort,
  login,
  scratchDatabase,
  sleep,
  slope,
  startServer,
  stopServer,
  waitReady,
  percentile,
} from "./lib/harness";

const MINUTES = arg("minutes", 10);
const VISITORS = arg("visitors", 8);
const APPLICANTS = arg("applicants", 2);
const STAFF = arg("staff", 2);

const statusCounts: Record<string, Record<number, number>> = {
  visitor: {},
  applicant: {},
  staff: {},
};
const latencies: number[] = [];
let draftSaves = 0;
let requests = 0;

async function hit(
  role: keyof typeof statusCounts,
  doFetch: () => Promise<Response>,
): Promise<{ status: number; body: string }> {
  const start = performance.now();
  let status = 0;
  let body = "";
  try {
    const response = await doFetch();
    body = await response.text();
    status = response.status;
  } catch {
    status = 0;
  }
  latencies.push(performance.now() - start);
  requests++;
  statusCounts[role]![status] = (statusCounts[role]![status] ?? 0) + 1;
  return { status, body };
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function main() {
  const database = await scratchDatabase("portal_faults_mixed");
  const server = startServer(await freePort(), { DATABASE_URL: database.url, DB_POOL_SIZE: "10" });
  const rss: [number, number][] = [];
  try {
    process.stderr.write("starting the server (migrate + demo seed)...\n");
    await waitReady(server);
    const base = server.base;
    const get = (path: string, cookie?: string) =>
      fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });

    const newsHtml = await (await get("/news")).text();
    const articles = [
      ...new Set([...newsHtml.matchAll(/href="(\/news\/[a-z0-9-]+)"/g)].map((m) => m[1]!)),
    ];
    const visitorPages = [
      "/",
      "/news",
      "/park",
      "/park/space",
      "/park/industries",
      "/park/policies",
      "/park/rankings",
      "/incubation",
      "/rss.xml",
      ...articles,
    ];

    const t0 = Date.now();
    const until = t0 + MINUTES * 60_000;
    const sampler = (async () => {
      while (Date.now() < until) {
        const kb = server.rssKb();
        if (kb !== null) rss.push([(Date.now() - t0) / 60_000, kb / 1024]);
        process.stderr.write(
          `\r${((Date.now() - t0) / 1000).toFixed(0)} s, ${requests} requests, RSS ${kb ? (kb / 1024).toFixed(0) : "?"} MB   `,
        );
        await sleep(10_000);
      }
      process.stderr.write("\n");
    })();

    const visitor = async () => {
      while (Date.now() < until) await hit("visitor", () => get(pick(visitorPages)));
    };

    const applicant = async (i: number) => {
      const email = ["owner@demo.zizhupark.example", "owner-b@demo.zizhupark.example"][i % 2]!;
      const cookie = await login(base, email);
      while (Date.now() < until) {
        const list = await hit("applicant", () => get("/applications", cookie));
        const step = /href="(\/applications\/[0-9a-f-]{36}\/step\/[1-4])"/.exec(list.body)?.[1];
        if (!step) {
          await hit("applicant", () => get(pick(["/requests", "/company", "/account"]), cookie));
          continue;
        }
        const page = await hit("applicant", () => get(step, cookie));
        const fields: Record<string, string> = { intent: "save" };
        for (const m of page.body.matchAll(/<input([^>]*)>/g)) {
          const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
          const value = /value="([^"]*)"/.exec(m[1]!)?.[1] ?? "";
          const type = /type="([^"]+)"/.exec(m[1]!)?.[1] ?? "text";
          if (!name || type === "submit" || type === "file") continue;
          if ((type === "radio" || type === "checkbox") && !/\schecked/.test(m[1]!)) continue;
          fields[name] = value.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
        }
        for (const m of page.body.matchAll(
          /<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g,
        ))
          fields[m[1]!] = m[2]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        const saved = await hit("applicant", () =>
          formPost(base, step, fields, { Cookie: cookie }),
        );
        if (saved.status === 302 || saved.status === 303) draftSaves++;
      }
    };

    const staff = async () => {
      const cookie = await login(base, "staff@demo.zizhupark.example");
      const views = [
        "/desk/requests",
        "/desk/requests?sort=due",
        "/desk/requests?sort=newest",
        "/desk/requests?sort=priority",
        "/desk/requests?state=new",
        "/desk/inquiries",
        "/desk",
      ];
      while (Date.now() < until) {
        const queue = await hit("staff", () => get(pick(views), cookie));
        const refs = [...queue.body.matchAll(/href="(\/desk\/requests\/SR-\d{4}-\d{6})"/g)].map(
          (m) => m[1]!,
        );
        if (refs.length) await hit("staff", () => get(pick(refs), cookie));
      }
    };

    await Promise.all([
      sampler,
      ...Array.from({ length: VISITORS }, visitor),
      ...Array.from({ length: APPLICANTS }, (_, i) => applicant(i)),
      ...Array.from({ length: STAFF }, staff),
    ]);
    const alive = server.child.exitCode === null;
    const kb = server.rssKb();
    if (kb !== null) rss.push([(Date.now() - t0) / 60_000, kb / 1024]);
    const exitCode = await stopServer(server);

    const serverErrors = Object.values(statusCounts)
      .flatMap((c) => Object.entries(c))
      .filter(([s]) => Number(s) >= 500 || Number(s) === 0)
      .reduce((a, [, n]) => a + n, 0);
    const mb = rss.map(([, y]) => y);
    const sorted = [...latencies].sort((x, y) => x - y);
    const report = {
      minutes: MINUTES,
      users: { visitors: VISITORS, applicants: APPLICANTS, staff: STAFF },
      requests,
      requestsPerSecond: +(requests / ((MINUTES * 60_000) / 1000)).toFixed(1),
      latencyMs: {
        p50: +percentile(sorted, 50).toFixed(1),
        p99: +percentile(sorted, 99).toFixed(1),
      },
      statusCounts,
      draftSaves,
      serverErrors,
      rssMb: {
        samples: mb.length,
        first: +mb[0]!.toFixed(1),
        last: +mb[mb.length - 1]!.toFixed(1),
        max: +Math.max(...mb).toFixed(1),
        slopeMbPerMinute: +slope(rss).toFixed(2),
        secondHalfSlopeMbPerMinute: +slope(rss.slice(Math.floor(rss.length / 2))).toFixed(2),
      },
      processAlive: alive,
      exitCodeAfterSigterm: exitCode,
    };
    console.log(JSON.stringify(report, null, 2));
    const ok = serverErrors === 0 && alive && exitCode === 0;
    console.log(ok ? "PASS" : "FAIL");
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await database.drop();
  }
}

await main();
