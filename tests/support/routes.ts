/**
 * The built app's route manifest and the demo records its URL templates need, shared by the
 * route x role matrix (tests/security) and the accessibility sweep (tests/a11y).
 */
import path from "node:path";
import url from "node:url";
import type { Expect, Ids, Persona, RouteSpec } from "../security/route-matrix.table";
import { PERSONAS as ACCOUNTS, query } from "./e2e";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../..");

/** Every route of build/index.js except the root: whether it has an action, a loader, a component. */
export async function manifestRouteIds(): Promise<
  { id: string; hasAction: boolean; hasLoader: boolean; hasComponent: boolean }[]
> {
  const build = await import(url.pathToFileURL(path.join(root, "build/index.js")).href);
  return Object.values(
    build.routes as Record<
      string,
      { id: string; module: { action?: unknown; loader?: unknown; default?: unknown } }
    >,
  )
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      hasAction: typeof r.module.action === "function",
      hasLoader: typeof r.module.loader === "function",
      // A resource route (CSV, RSS, a download) has no component: it is no page.
      hasComponent: typeof r.module.default === "function",
    }));
}

/** The status a persona should get for a GET (or POST) row of the table. */
export function expected(e: Expect, persona: Persona): number {
  return typeof e === "number" ? e : (e[persona] ?? e.default);
}

/** A route's concrete URL, its template filled with the demo ids. */
export function routeUrl(spec: RouteSpec, ids: Ids): string {
  return typeof spec.url === "function" ? spec.url(ids) : spec.url;
}

/** The demo records the table's URL templates refer to, looked up in the e2e database. */
export async function loadIds(): Promise<Ids> {
  const [a] = await query<{ id: string }>(
    "SELECT company_id AS id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
    [ACCOUNTS.memberA],
  );
  const [b] = await query<{ id: string }>(
    "SELECT company_id AS id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
    [ACCOUNTS.memberB],
  );
  const [m] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    ACCOUNTS.memberA,
  ]);
  const [s] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    ACCOUNTS.staff,
  ]);
  const [e] = await query<{ id: string }>("SELECT id FROM email ORDER BY created_at LIMIT 1");
  const none = "00000000-0000-0000-0000-000000000000";
  const [call] = await query<{ id: string }>(
    "SELECT id FROM incubation_call WHERE opens_at <= now() AND closes_at > now() ORDER BY created_at LIMIT 1",
  );
  const [appB] = await query<{ id: string }>(
    "SELECT id FROM application WHERE company_id = $1 AND call_id = $2",
    [b!.id, call?.id ?? none],
  );
  const [docB] = await query<{ id: string }>(
    "SELECT id FROM application_document WHERE application_id = $1 LIMIT 1",
    [appB?.id ?? none],
  );
  const [reqA] = await query<{ id: string; ref: string }>(
    "SELECT id, ref FROM service_request WHERE company_id = $1 AND idempotency_key = 'demo-seed-in-progress'",
    [a!.id],
  );
  const [fileA] = await query<{ id: string }>(
    "SELECT id FROM service_request_file WHERE request_id = $1 LIMIT 1",
    [reqA?.id ?? none],
  );
  const [article] = await query<{ id: string }>(
    "SELECT id FROM news_article WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
  );
  const [inquiry] = await query<{ id: string }>(
    "SELECT id FROM inquiry ORDER BY created_at LIMIT 1",
  );
  const [project] = await query<{ id: string }>(
    "SELECT id FROM project ORDER BY created_at LIMIT 1",
  );
  const [investorProject] = await query<{ project_id: string }>(
    `SELECT pi.project_id FROM project_investor pi JOIN app_user u ON u.id = pi.user_id
     WHERE u.email = 'investor@demo.zizhupark.example' AND pi.revoked_at IS NULL LIMIT 1`,
  );
  const [investorDocument] = await query<{ id: string }>(
    "SELECT id FROM project_document WHERE project_id = $1 LIMIT 1",
    [investorProject?.project_id ?? none],
  );
  const [kb] = await query<{ id: string }>(
    "SELECT id FROM kb_article WHERE slug = 'reporting-a-repair'",
  );
  const [inbound] = await query<{ id: string }>(
    "SELECT id FROM inbound_email WHERE status = 'unmatched' ORDER BY received_at LIMIT 1",
  );
  const [reportA] = await query<{ id: string; period_id: string }>(
    `SELECT r.id, r.period_id FROM report r JOIN report_period p ON p.id = r.period_id
     WHERE r.company_id = $1 ORDER BY p.starts_on DESC LIMIT 1`,
    [a!.id],
  );
  const [unit] = await query<{ id: string }>(
    "SELECT id FROM space_unit ORDER BY building, unit_no LIMIT 1",
  );
  const [snippet] = await query<{ id: string }>(
    "SELECT id FROM reply_snippet WHERE owner_id IS NULL ORDER BY title LIMIT 1",
  );
  const [rule] = await query<{ id: string }>(
    "SELECT id FROM service_rule ORDER BY position, created_at LIMIT 1",
  );
  const [policy] = await query<{ id: string }>(
    "SELECT id FROM park_policy WHERE title_en = 'R&D spending bonus for resident companies'",
  );
  const [claimA] = await query<{ id: string }>(
    "SELECT id FROM policy_claim WHERE company_id = $1 ORDER BY created_at LIMIT 1",
    [a!.id],
  );
  const [claimDocA] = await query<{ id: string }>(
    "SELECT id FROM policy_claim_document WHERE claim_id = $1 LIMIT 1",
    [claimA?.id ?? none],
  );
  const [programme] = await query<{ id: string }>(
    "SELECT id FROM incubation_programme WHERE slug = 'incubator'",
  );
  const [incubationA] = await query<{ id: string }>(
    `SELECT o.application_id AS id FROM incubation_offer o
     JOIN incubation_mentor m ON m.application_id = o.application_id
     JOIN app_user u ON u.id = m.user_id
     WHERE o.company_id = $1 AND o.status = 'signed' AND u.email = $2 LIMIT 1`,
    [a!.id, ACCOUNTS.mentor],
  );
  const [reportIncubateeA] = await query<{ id: string }>(
    `SELECT c.report_id AS id FROM incubation_report_comment c
     WHERE c.application_id = $1 ORDER BY c.created_at LIMIT 1`,
    [incubationA?.id ?? none],
  );
  return {
    applicationA: incubationA?.id ?? none,
    reportIncubateeA: reportIncubateeA?.id ?? none,
    programmeDemo: programme?.id ?? none,
    claimA: claimA?.id ?? none,
    claimDocA: claimDocA?.id ?? none,
    reportA: reportA?.id ?? none,
    periodDemo: reportA?.period_id ?? none,
    snippetDemo: snippet?.id ?? none,
    ruleDemo: rule?.id ?? none,
    policyDemo: policy?.id ?? none,
    kbDemo: kb?.id ?? none,
    projectOfInvestor: investorProject?.project_id ?? none,
    projectDocument: investorDocument?.id ?? none,
    inboundDemo: inbound?.id ?? none,
    projectDemo: project?.id ?? none,
    unitDemo: unit?.id ?? none,
    articleDemo: article?.id ?? none,
    inquiryDemo: inquiry?.id ?? none,
    companyA: a!.id,
    companyB: b!.id,
    userMemberA: m!.id,
    userStaff: s!.id,
    anyEmail: e?.id ?? none,
    callOpen: call?.id ?? none,
    applicationB: appB?.id ?? none,
    documentB: docB?.id ?? none,
    requestA: reqA?.ref ?? "SR-0000-000000",
    requestFileA: fileA?.id ?? none,
  };
}
