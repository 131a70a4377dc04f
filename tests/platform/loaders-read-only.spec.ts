/**
 * Loaders never write (ASVS 3.5.3: a GET can be triggered cross-site, so it must change
 * nothing). Its own server process with the job worker off (the worker writes on its own
 * schedule), demo data, and a session for each persona; every route of the build's manifest is
 * fetched with GET as every persona of the route matrix (the URLs of route-matrix.table.ts);
 * before and after, each table's row count and newest row version (`max(xmin)`) are read. Any
 * insert, update or delete made by a loader changes them, except the audit entries of reads
 * that are audited by design (listed in the test: statistics views and exports).
 */
import path from "node:path";
import url from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { PERSONAS as ACCOUNTS, newSessionToken } from "../support/e2e";
import { kill, scratchDatabase, startReadyServer, type ServerProcess } from "../support/server";
import { PERSONAS, ROUTES, type Ids } from "../security/route-matrix.table";

test.describe.configure({ timeout: 180_000 });

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../..");
const NONE = "00000000-0000-0000-0000-000000000000";

async function snapshot(db: pg.Client): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.t);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await db.query<{ n: string; x: string | null }>(
      `SELECT count(*)::text AS n, max(xmin::text::bigint)::text AS x FROM "${t}"`,
    );
    out[t] = `${rows[0]!.n} rows, newest version ${rows[0]!.x ?? "-"}`;
  }
  return out;
}

async function loadIds(db: pg.Client): Promise<Ids> {
  const one = async (text: string, values: unknown[] = []) =>
    ((await db.query<{ v: string }>(text, values)).rows[0]?.v ?? undefined) as string | undefined;
  const companyOf = (email: string) =>
    one(
      "SELECT m.company_id::text AS v FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
      [email],
    );
  const companyA = (await companyOf(ACCOUNTS.memberA))!;
  const companyB = (await companyOf(ACCOUNTS.memberB))!;
  const callOpen =
    (await one(
      "SELECT id::text AS v FROM incubation_call WHERE opens_at <= now() AND closes_at > now() ORDER BY created_at LIMIT 1",
    )) ?? NONE;
  const applicationB =
    (await one("SELECT id::text AS v FROM application WHERE company_id = $1 AND call_id = $2", [
      companyB,
      callOpen,
    ])) ?? NONE;
  const reqA = await db.query<{ id: string; ref: string }>(
    "SELECT id::text, ref FROM service_request WHERE company_id = $1 AND idempotency_key = 'demo-seed-in-progress'",
    [companyA],
  );
  const reportA = await db.query<{ id: string; period_id: string }>(
    `SELECT r.id::text, r.period_id::text FROM report r JOIN report_period p ON p.id = r.period_id
     WHERE r.company_id = $1 ORDER BY p.starts_on DESC LIMIT 1`,
    [companyA],
  );
  const applicationA =
    (await one(
      `SELECT o.application_id::text AS v FROM incubation_offer o
       JOIN incubation_mentor m ON m.application_id = o.application_id
       JOIN app_user u ON u.id = m.user_id
       WHERE o.company_id = $1 AND o.status = 'signed' AND u.email = $2 LIMIT 1`,
      [companyA, ACCOUNTS.mentor],
    )) ?? NONE;
  return {
    applicationA,
    reportIncubateeA:
      (await one(
        `SELECT report_id::text AS v FROM incubation_report_comment
         WHERE application_id = $1 ORDER BY created_at LIMIT 1`,
        [applicationA],
      )) ?? NONE,
    programmeDemo:
      (await one("SELECT id::text AS v FROM incubation_programme WHERE slug = 'incubator'")) ??
      NONE,
    reportA: reportA.rows[0]?.id ?? NONE,
    periodDemo: reportA.rows[0]?.period_id ?? NONE,
    companyA,
    companyB,
    userMemberA: (await one("SELECT id::text AS v FROM app_user WHERE email = $1", [
      ACCOUNTS.memberA,
    ]))!,
    userStaff: (await one("SELECT id::text AS v FROM app_user WHERE email = $1", [
      ACCOUNTS.staff,
    ]))!,
    anyEmail: (await one("SELECT id::text AS v FROM email ORDER BY created_at LIMIT 1")) ?? NONE,
    snippetDemo:
      (await one(
        "SELECT id::text AS v FROM reply_snippet WHERE owner_id IS NULL ORDER BY title LIMIT 1",
      )) ?? NONE,
    ruleDemo:
      (await one("SELECT id::text AS v FROM service_rule ORDER BY position, created_at LIMIT 1")) ??
      NONE,
    inboundDemo:
      (await one(
        "SELECT id::text AS v FROM inbound_email WHERE status = 'unmatched' ORDER BY received_at LIMIT 1",
      )) ?? NONE,
    projectDemo:
      (await one("SELECT id::text AS v FROM project ORDER BY created_at LIMIT 1")) ?? NONE,
    kbDemo:
      (await one("SELECT id::text AS v FROM kb_article WHERE slug = 'reporting-a-repair'")) ?? NONE,
    claimA:
      (await one(
        "SELECT id::text AS v FROM policy_claim WHERE company_id = $1 ORDER BY created_at LIMIT 1",
        [companyA],
      )) ?? NONE,
    claimDocA:
      (await one(
        `SELECT d.id::text AS v FROM policy_claim_document d JOIN policy_claim c ON c.id = d.claim_id
         WHERE c.company_id = $1 ORDER BY c.created_at LIMIT 1`,
        [companyA],
      )) ?? NONE,
    policyDemo:
      (await one(
        "SELECT id::text AS v FROM park_policy WHERE title_en = 'R&D spending bonus for resident companies'",
      )) ?? NONE,
    projectOfInvestor:
      (await one(
        `SELECT pi.project_id::text AS v FROM project_investor pi JOIN app_user u ON u.id = pi.user_id
         WHERE u.email = $1 AND pi.revoked_at IS NULL LIMIT 1`,
        [ACCOUNTS.investor],
      )) ?? NONE,
    projectDocument:
      (await one(
        `SELECT d.id::text AS v FROM project_document d JOIN project_investor pi USING (project_id)
         JOIN app_user u ON u.id = pi.user_id WHERE u.email = $1 LIMIT 1`,
        [ACCOUNTS.investor],
      )) ?? NONE,
    unitDemo:
      (await one("SELECT id::text AS v FROM space_unit ORDER BY building, unit_no LIMIT 1")) ??
      NONE,
    callOpen,
    applicationB,
    documentB:
      (await one(
        "SELECT id::text AS v FROM application_document WHERE application_id = $1 LIMIT 1",
        [applicationB],
      )) ?? NONE,
    requestA: reqA.rows[0]?.ref ?? "SR-0000-000000",
    requestFileA:
      (await one("SELECT id::text AS v FROM service_request_file WHERE request_id = $1 LIMIT 1", [
        reqA.rows[0]?.id ?? NONE,
      ])) ?? NONE,
    articleDemo:
      (await one(
        "SELECT id::text AS v FROM news_article WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
      )) ?? NONE,
    inquiryDemo:
      (await one("SELECT id::text AS v FROM inquiry ORDER BY created_at LIMIT 1")) ?? NONE,
  };
}

test("no loader writes: every route fetched with GET as every persona leaves the database unchanged", async () => {
  const database = await scratchDatabase("portal_secmap_ro");
  const db = new pg.Client({ connectionString: database.url });
  let server: ServerProcess | undefined;
  try {
    server = await startReadyServer({
      DATABASE_URL: database.url,
      SEED_DEMO: "always",
      WORKER: "off",
    });
    const base = server.base;
    await db.connect();
    const ids = await loadIds(db);
    const build = await import(url.pathToFileURL(path.join(root, "build/index.js")).href);
    const routeIds = Object.values(build.routes as Record<string, { id: string }>)
      .map((r) => r.id)
      .filter((id) => id !== "root" && id in ROUTES);
    expect(routeIds.length).toBeGreaterThan(50);
    // One session per persona, made before the first snapshot, as a login makes it (10 days:
    // a younger expiry would be slid forward on first use, a deliberate session write).
    const cookies: Record<string, string> = { anonymous: "lang=en" };
    for (const persona of PERSONAS) {
      if (persona === "anonymous") continue;
      const { token, id } = newSessionToken();
      await db.query(
        "INSERT INTO session (id, user_id, expires_at) SELECT $1, id, now() + interval '10 days' FROM app_user WHERE email = $2",
        [id, ACCOUNTS[persona]],
      );
      cookies[persona] = `session=${token}; lang=en`;
    }
    const before = await snapshot(db);
    const startedAt = (await db.query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0]!
      .now;
    const jobs: { persona: string; target: string }[] = [];
    for (const persona of PERSONAS)
      for (const id of routeIds) {
        const spec = ROUTES[id]!;
        jobs.push({ persona, target: typeof spec.url === "function" ? spec.url(ids) : spec.url });
      }
    // Six at a time: the order does not matter, as nothing may be written.
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < jobs.length) {
          const { persona, target } = jobs[next++]!;
          const response = await fetch(`${base}${target}`, {
            headers: { Cookie: cookies[persona]! },
            redirect: "manual",
          });
          await response.arrayBuffer();
        }
      }),
    );
    const requests = jobs.length;
    const after = await snapshot(db);
    // The one write a GET may make: the audit entry of a read that is audited by design
    // (ADR 0033: each statistics view of a company's figures, and each export of a period).
    const auditedReads = [
      "statistics.report_view",
      "statistics.period_export",
      "statistics.dashboard_view",
      "incubation.report_view",
    ];
    const audits = (
      await db.query<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE at >= $1", [
        startedAt,
      ])
    ).rows.map((r) => r.action);
    expect(
      audits.filter((a) => !auditedReads.includes(a)),
      "audit entries of GETs",
    ).toEqual([]);
    const changed = Object.keys(after).filter(
      (t) => after[t] !== before[t] && !(t === "audit_log" && audits.length > 0),
    );
    expect(
      changed.map((t) => `${t}: ${before[t]} -> ${after[t]}`),
      `${requests} GETs changed these tables`,
    ).toEqual([]);
  } finally {
    kill(server);
    await db.end().catch(() => {});
    await database.drop();
  }
});
