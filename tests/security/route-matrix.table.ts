/**
 * The committed route x role table (ADR 0004). Every route of the build's manifest must have a
 * row, or the matrix test fails. For each persona: the HTTP status expected for a GET of the
 * route's URL and for a POST of an empty form to it (redirects are not followed: 302).
 *
 * Personas: anonymous; memberA / ownerA (company A, a resident); memberB (company B);
 * reviewer; staff; admin; investor (an account following one demo project, ADR 0029, no
 * company); mentor (the mentor role only, assigned to company A's signed soft-landing
 * incubation, ADR 0049). `ids` holds record ids looked up in the demo data.
 */
export const PERSONAS = [
  "anonymous",
  "memberA",
  "ownerA",
  "memberB",
  "reviewer",
  "staff",
  "admin",
  "investor",
  "mentor",
] as const;
export type Persona = (typeof PERSONAS)[number];
export type Expect = number | ({ default: number } & Partial<Record<Persona, number>>);

export interface Ids {
  companyA: string;
  companyB: string;
  userMemberA: string;
  userStaff: string;
  anyEmail: string;
  /** Incubation: the open demo call, company B's application in it (in review), a document of it. */
  callOpen: string;
  applicationB: string;
  documentB: string;
  /** Service requests: a demo request of company A and a file on it. */
  requestA: string;
  requestFileA: string;
  /** Promotion: a published demo article's id and the demo inquiry's id. */
  articleDemo: string;
  inquiryDemo: string;
  /** Investment pipeline: a demo project's id. */
  projectDemo: string;
  /** Knowledge base: a published demo article's id. */
  kbDemo: string;
  /** Statistics: company A's latest demo report (still to fill) and its period. */
  reportA: string;
  periodDemo: string;
  /** Policies (issue 15): a published demo policy. */
  policyDemo: string;
  /** Policy claims (ADR 0037): a demo claim of company A and a document of it. */
  claimA: string;
  claimDocA: string;
  /** The investor's view: the demo investor's project and a document on it. */
  projectOfInvestor: string;
  projectDocument: string;
  /** Incoming mail (ADR 0034): a demo message that was not added to a request. */
  inboundDemo: string;
  /** Space: a demo unit's id. */
  unitDemo: string;
  /** Canned replies (ADR 0039): a shared demo snippet. */
  snippetDemo: string;
  /** The desk's rules (ADR 0050): the demo rule (off). */
  ruleDemo: string;
  /** Incubation (ADR 0040): the demo incubator programme. */
  programmeDemo: string;
  /** Company A's signed soft-landing incubation (the mentor's incubatee) and its latest
   * handed-in report on the programme's form (ADR 0049). */
  applicationA: string;
  reportIncubateeA: string;
}

export interface RouteSpec {
  url: string | ((ids: Ids) => string);
  get: Expect;
  /** Omit when the route has no action: a POST must then be refused with 405. */
  post?: Expect;
  /** The POST ends the session (logout): run it after every other route. */
  endsSession?: boolean;
  /** Further URLs of the same route, each with its own expectations (another record's page). */
  more?: Omit<RouteSpec, "more" | "endsSession">[];
}

// Shorthands.
const signedIn = (ok: number, extra: Partial<Record<Persona, number>> = {}): Expect => ({
  default: ok,
  anonymous: 302,
  ...extra,
});
const anonymousOnly = (ok: number): Expect => ({ default: 302, anonymous: ok });
const adminOnly = (ok: number): Expect => ({ default: 403, anonymous: 302, admin: ok });
const staffOnly = (ok: number): Expect => ({ default: 403, anonymous: 302, staff: ok, admin: ok });
/** The promotion permission set (ADR 0026): admins and the promotion role, not desk staff. */
const promotionOnly = (ok: number): Expect => ({ default: 403, anonymous: 302, admin: ok });
/** The statistics permission set (ADR 0033): admins and the statistics role, not desk staff. */
const statisticsOnly = (ok: number): Expect => ({ default: 403, anonymous: 302, admin: ok });

export const ROUTES: Record<string, RouteSpec> = {
  "routes/_index": { url: "/", get: 200 },
  "routes/$": { url: "/no-such-page", get: 404 },
  "routes/healthz": { url: "/healthz", get: 200 },
  "routes/login": { url: "/login", get: anonymousOnly(200), post: anonymousOnly(400) },
  "routes/signup": { url: "/signup", get: anonymousOnly(200), post: anonymousOnly(400) },
  "routes/logout": { url: "/logout", get: 302, post: 302, endsSession: true },
  "routes/language": { url: "/language", get: 302, post: 302 },
  // Input kept across a sign-in (ADR 0018): /keep takes an anonymous form, /resume gives it back.
  "routes/keep": { url: "/keep", get: 302, post: 303 },
  "routes/resume": { url: "/resume", get: signedIn(200), post: signedIn(303) },
  "routes/account": { url: "/account", get: signedIn(200), post: signedIn(400) },
  "routes/verify-email": { url: "/verify-email", get: 200, post: 400 },
  "routes/verify-email.resend": { url: "/verify-email/resend", get: 302, post: 302 },
  "routes/forgot-password": { url: "/forgot-password", get: 200, post: 400 },
  "routes/reset-password": { url: "/reset-password", get: 200, post: 400 },
  // Companies (issue 2 §4). /company/new: people who already have a company are sent on (302);
  // their POST is 403 (create:company:own). /company/edit: owners only, 403 for members and for
  // users without a company. /invite/<token>: a made-up token is 404 (public GET; POST signs in first).
  "routes/company._index": { url: "/company", get: signedIn(200), post: signedIn(400) },
  "routes/company.new": {
    url: "/company/new",
    get: { default: 200, anonymous: 302, memberA: 302, ownerA: 302, memberB: 302 },
    post: { default: 400, anonymous: 302, memberA: 403, ownerA: 403, memberB: 403 },
  },
  "routes/company.edit": {
    url: "/company/edit",
    get: { default: 403, anonymous: 302, ownerA: 200 },
    post: { default: 403, anonymous: 302, ownerA: 400 },
  },
  // The company file (issue 14): owners edit /company/file (members and people without a
  // company 403); staff read any company at /desk/companies (read:company:any).
  "routes/company.file": {
    url: "/company/file",
    get: { default: 403, anonymous: 302, ownerA: 200 },
    post: { default: 403, anonymous: 302, ownerA: 400 },
  },
  "routes/desk.companies._index": { url: "/desk/companies", get: staffOnly(200) },
  "routes/desk.companies.$companyId": {
    url: (ids) => `/desk/companies/${ids.companyA}`,
    get: staffOnly(200),
    // The account manager (ADR 0048): an empty POST has no intent.
    post: staffOnly(400),
  },
  // Company statistics (issue 14, ADR 0035): the desk pages need the statistics permission
  // (admins and the statistics role, never plain desk staff). A company's reports: its owners
  // and designated reporters (memberA is not one: 404), others without a company 403.
  "routes/desk.statistics._index": { url: "/desk/statistics", get: statisticsOnly(200) },
  // The park's indicators (ADR 0043): statistics staff only; the POST recomputes them.
  "routes/desk.statistics.indicators._index": {
    url: "/desk/statistics/indicators",
    get: statisticsOnly(200),
    post: statisticsOnly(302),
  },
  "routes/desk.statistics.indicators.$indicatorId": {
    url: "/desk/statistics/indicators/new",
    get: statisticsOnly(200),
    post: statisticsOnly(400),
  },
  "routes/desk.statistics.forms.$formId": {
    url: "/desk/statistics/forms/new",
    get: statisticsOnly(200),
    post: statisticsOnly(400),
  },
  "routes/desk.statistics.periods.new": {
    url: "/desk/statistics/periods/new",
    get: statisticsOnly(200),
    post: statisticsOnly(400),
  },
  "routes/desk.statistics.periods.$periodId": {
    url: (ids) => `/desk/statistics/periods/${ids.periodDemo}`,
    get: statisticsOnly(200),
  },
  "routes/desk.statistics.periods.$periodId_.export[.]csv": {
    url: (ids) => `/desk/statistics/periods/${ids.periodDemo}/export.csv`,
    get: statisticsOnly(200),
  },
  "routes/desk.statistics.periods.$periodId_.export[.]xlsx": {
    url: (ids) => `/desk/statistics/periods/${ids.periodDemo}/export.xlsx`,
    get: statisticsOnly(200),
  },
  "routes/desk.statistics.periods.$periodId_.import": {
    url: (ids) => `/desk/statistics/periods/${ids.periodDemo}/import`,
    get: statisticsOnly(200),
    post: statisticsOnly(400),
  },
  "routes/desk.statistics.reports.$reportId": {
    url: (ids) => `/desk/statistics/reports/${ids.reportA}`,
    get: statisticsOnly(200),
    post: statisticsOnly(400),
  },
  "routes/company.reports._index": {
    url: "/company/reports",
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 200 },
    post: { default: 403, anonymous: 302, ownerA: 400 },
  },
  "routes/company.reports.$reportId": {
    url: (ids) => `/company/reports/${ids.reportA}`,
    get: { default: 403, anonymous: 302, memberA: 404, ownerA: 200, memberB: 404 },
    post: { default: 403, anonymous: 302, memberA: 404, ownerA: 400, memberB: 404 },
  },
  "routes/invite.$token": {
    url: "/invite/no-such-invitation-token",
    get: 404,
    post: { default: 404, anonymous: 302 },
  },
  "routes/desk._index": {
    url: "/desk",
    get: {
      default: 200,
      anonymous: 302,
      memberA: 403,
      ownerA: 403,
      memberB: 403,
      investor: 403,
    },
  },
  // Incubation (issue 4). Company B's application is in review; reviewer@ is assigned to it.
  "routes/incubation._index": { url: "/incubation", get: 200 },
  "routes/incubation.calls.$callKey": {
    url: (ids) => `/incubation/calls/${ids.callOpen}`,
    get: 200,
    post: signedIn(400),
  },
  "routes/applications._index": { url: "/applications", get: signedIn(200) },
  "routes/applications.$applicationId._index": {
    url: (ids) => `/applications/${ids.applicationB}`,
    get: { default: 403, anonymous: 302, memberA: 404, ownerA: 404, memberB: 200 },
    post: { default: 403, anonymous: 302, memberA: 404, ownerA: 404, memberB: 400 },
  },
  "routes/applications.$applicationId.step.$step": {
    url: (ids) => `/applications/${ids.applicationB}/step/1`,
    get: { default: 403, anonymous: 302, memberA: 404, ownerA: 404, memberB: 302 },
    // memberB: refused (409) and, without JavaScript, the page's loader then redirects to the overview.
    post: { default: 403, anonymous: 302, memberA: 404, ownerA: 404, memberB: 302 },
  },
  "routes/applications.$applicationId.documents.$documentId": {
    url: (ids) => `/applications/${ids.applicationB}/documents/${ids.documentB}`,
    get: { default: 404, anonymous: 302, memberB: 200, reviewer: 200, staff: 200, admin: 200 },
  },
  // Company B's demo application is in review: no offer, so no agreement for anyone (404);
  // the offer's own tests (app/incubation/offer.test.ts, the e2e offer journey) cover access.
  "routes/applications.$applicationId.agreement.$which": {
    url: (ids) => `/applications/${ids.applicationB}/agreement/agreement`,
    get: { default: 404, anonymous: 302 },
  },
  // ADR 0040: a milestone's evidence (company B's application has none: 404 for everyone).
  "routes/applications.$applicationId.milestones.$milestoneId.evidence": {
    url: (ids) =>
      `/applications/${ids.applicationB}/milestones/00000000-0000-4000-8000-000000000000/evidence`,
    get: { default: 404, anonymous: 302 },
  },
  "routes/desk.incubation.cohort._index": {
    url: "/desk/incubation/cohort",
    get: staffOnly(200),
  },
  // Company A's signed soft-landing incubation: its page for staff; company B's application is
  // not a signed incubation: 404 for staff. An empty POST names no intent (400).
  "routes/desk.incubation.cohort.$applicationId": {
    url: (ids) => `/desk/incubation/cohort/${ids.applicationA}`,
    get: staffOnly(200),
    post: staffOnly(400),
    more: [
      {
        url: (ids) => `/desk/incubation/cohort/${ids.applicationB}`,
        get: staffOnly(404),
        post: staffOnly(404),
      },
    ],
  },
  // ADR 0049: an incubatee's report for its programme (company A's latest handed-in one; company
  // B's application is not a signed incubation: 404 for staff); an empty POST names no intent.
  "routes/desk.incubation.cohort.$applicationId_.reports.$reportId": {
    url: (ids) => `/desk/incubation/cohort/${ids.applicationA}/reports/${ids.reportIncubateeA}`,
    get: staffOnly(200),
    post: staffOnly(400),
    more: [
      {
        url: (ids) =>
          `/desk/incubation/cohort/${ids.applicationB}/reports/00000000-0000-4000-8000-000000000000`,
        get: staffOnly(404),
        post: staffOnly(400),
      },
    ],
  },
  // ADR 0040: a programme's milestones and report plan; an empty POST names no intent.
  "routes/desk.incubation.programmes.$programmeId": {
    url: (ids) => `/desk/incubation/programmes/${ids.programmeDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.incubation._index": {
    url: "/desk/incubation",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.incubation.calls.new": {
    url: "/desk/incubation/calls/new",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.incubation.calls.$callId._index": {
    url: (ids) => `/desk/incubation/calls/${ids.callOpen}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.incubation.calls.$callId.edit": {
    url: (ids) => `/desk/incubation/calls/${ids.callOpen}/edit`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.incubation.calls.$callId.export[.]csv": {
    url: (ids) => `/desk/incubation/calls/${ids.callOpen}/export.csv`,
    get: staffOnly(200),
  },
  "routes/desk.incubation.applications.$applicationId": {
    url: (ids) => `/desk/incubation/applications/${ids.applicationB}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // ADR 0049: mentors only (every other signed-in persona 403); the mentor reads company A's
  // incubation, assigned to them, and its programme report; any other incubatee, or a report
  // not on the programme's form, is a 404 for them. An empty POST names no intent (400).
  "routes/mentoring._index": {
    url: "/mentoring",
    get: { default: 403, anonymous: 302, mentor: 200 },
  },
  "routes/mentoring.$applicationId._index": {
    url: (ids) => `/mentoring/${ids.applicationA}`,
    get: { default: 403, anonymous: 302, mentor: 200 },
    more: [
      {
        url: (ids) => `/mentoring/${ids.applicationB}`,
        get: { default: 403, anonymous: 302, mentor: 404 },
      },
    ],
  },
  "routes/mentoring.$applicationId.reports.$reportId": {
    url: (ids) => `/mentoring/${ids.applicationA}/reports/${ids.reportIncubateeA}`,
    get: { default: 403, anonymous: 302, mentor: 200 },
    post: { default: 403, anonymous: 302, mentor: 400 },
    more: [
      {
        url: (ids) => `/mentoring/${ids.applicationA}/reports/${ids.reportA}`,
        get: { default: 403, anonymous: 302, mentor: 404 },
        post: { default: 403, anonymous: 302, mentor: 400 },
      },
      {
        url: (ids) => `/mentoring/${ids.applicationB}/reports/00000000-0000-4000-8000-000000000000`,
        get: { default: 403, anonymous: 302, mentor: 404 },
        post: { default: 403, anonymous: 302, mentor: 400 },
      },
    ],
  },
  "routes/review._index": { url: "/review", get: { default: 403, anonymous: 302, reviewer: 200 } },
  "routes/review.$applicationId": {
    url: (ids) => `/review/${ids.applicationB}`,
    get: { default: 403, anonymous: 302, reviewer: 200 },
    post: { default: 403, anonymous: 302, reviewer: 400 },
  },
  // Admin (issue 2): admins only; a POST of an empty form to a user's page is a 400 (no intent).
  "routes/admin": { url: "/admin", get: adminOnly(200) },
  "routes/admin._index": { url: "/admin", get: adminOnly(200) },
  "routes/admin.users._index": { url: "/admin/users?q=demo&status=active", get: adminOnly(200) },
  "routes/admin.users.$userId": {
    url: (ids) => `/admin/users/${ids.userMemberA}`,
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/admin.companies._index": { url: "/admin/companies?q=a", get: adminOnly(200) },
  "routes/admin.companies.$companyId": {
    url: (ids) => `/admin/companies/${ids.companyA}`,
    get: adminOnly(200),
  },
  "routes/admin.audit": { url: "/admin/audit?action=user.login", get: adminOnly(200) },
  // Service requests (issue 5): company pages scoped to the company (another company's: 404),
  // the staff desk for staff and admins, the catalogue admin for admins.
  "routes/services._index": { url: "/services", get: 200 },
  "routes/requests._index": { url: "/requests", get: signedIn(200) },
  "routes/requests.new": {
    url: "/requests/new",
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 200 },
    post: { default: 403, anonymous: 302, memberA: 400, ownerA: 400, memberB: 400 },
  },
  // Knowledge base (issue 17, ADR 0030): the public help centre, its feedback posts (anyone),
  // the suggestions of the new-request page (companies), the desk's articles (staff).
  "routes/help._index": { url: "/help?q=permit", get: 200 },
  "routes/help.$slug": { url: "/help/reporting-a-repair", get: 200, post: 303 },
  "routes/requests.suggest": {
    url: "/requests/suggest",
    // No loader: Remix answers a GET of an action-only resource route with 400.
    get: 400,
    // A background lookup: with no session it answers 401 (nothing is kept for /resume).
    post: { default: 403, anonymous: 401, memberA: 200, ownerA: 200, memberB: 200 },
  },
  "routes/desk.kb._index": { url: "/desk/kb", get: staffOnly(200) },
  "routes/desk.snippets._index": { url: "/desk/snippets", get: staffOnly(200) },
  "routes/desk.snippets.new": {
    url: "/desk/snippets/new",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.snippets.$snippetId": {
    url: (ids) => `/desk/snippets/${ids.snippetDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // The desk's rules (ADR 0050): desk admins only (manage:service_rule:any); the list's POST
  // turns a rule on or off or moves it (an empty form is refused).
  "routes/desk.rules._index": { url: "/desk/rules", get: adminOnly(200), post: adminOnly(400) },
  "routes/desk.rules.new": { url: "/desk/rules/new", get: adminOnly(200), post: adminOnly(400) },
  "routes/desk.rules.$ruleId": {
    url: (ids) => `/desk/rules/${ids.ruleDemo}`,
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/desk.kb.new": { url: "/desk/kb/new", get: staffOnly(200), post: staffOnly(400) },
  "routes/desk.kb.$articleId": {
    url: (ids) => `/desk/kb/${ids.kbDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // Policies (issue 15, ADR 0036): the library is the desk's (manage:policy:any); a company's
  // matches are its own members' (read:company:own, 403 without a company); a published
  // policy is public.
  "routes/desk.policies._index": { url: "/desk/policies", get: staffOnly(200) },
  "routes/desk.policies.new": {
    url: "/desk/policies/new",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.policies.$policyId": {
    url: (ids) => `/desk/policies/${ids.policyDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // The editor's live preview (ADR 0058): a read-only resource route of the policy office.
  "routes/desk.policies.preview": { url: "/desk/policies/preview", get: staffOnly(200) },
  // Uptake (ADR 0044): the policy office's; the POST opens a proactive request (an empty one
  // has no intent: 400).
  "routes/desk.policies.$policyId_.uptake": {
    url: (ids) => `/desk/policies/${ids.policyDemo}/uptake`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // Awards without applying (ADR 0048): the policy office's; an empty POST has no intent: 400.
  "routes/desk.policies.$policyId_.awards": {
    url: (ids) => `/desk/policies/${ids.policyDemo}/awards`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.policies.$policyId_.uptake[.]csv": {
    url: (ids) => `/desk/policies/${ids.policyDemo}/uptake.csv`,
    get: staffOnly(200),
  },
  "routes/company.policies": {
    url: "/company/policies",
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 200 },
  },
  "routes/park.policies_.$policyId": { url: (ids) => `/park/policies/${ids.policyDemo}`, get: 200 },
  // Policy claims (ADR 0037): a company's own claims (another company's is a 404); only an
  // owner claims or answers (a member's POST is 403); the queue and a claim's page are the
  // policy office's; a document is for the claim's company and the office.
  "routes/company.claims._index": {
    url: "/company/claims",
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 200 },
  },
  "routes/company.claims.$claimId": {
    url: (ids) => `/company/claims/${ids.claimA}`,
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 404 },
    post: { default: 403, anonymous: 302, memberA: 403, ownerA: 400, memberB: 404 },
  },
  // The payee of an award or approved claim (ADR 0048): the company's own; owners post.
  "routes/company.claims.$claimId_.payee": {
    url: (ids) => `/company/claims/${ids.claimA}/payee`,
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 404 },
    post: { default: 403, anonymous: 302, memberA: 403, ownerA: 400, memberB: 404 },
  },
  "routes/company.claims.new.$policyId": {
    url: (ids) => `/company/claims/new/${ids.policyDemo}`,
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 200 },
    post: { default: 403, anonymous: 302, ownerA: 422 },
  },
  "routes/claims.files.$documentId": {
    url: (ids) => `/claims/files/${ids.claimDocA}`,
    get: { default: 404, anonymous: 302, memberA: 200, ownerA: 200, staff: 200, admin: 200 },
  },
  "routes/desk.claims._index": { url: "/desk/claims", get: staffOnly(200) },
  "routes/desk.claims.$claimId": {
    url: (ids) => `/desk/claims/${ids.claimA}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/requests.$ref": {
    url: (ids) => `/requests/${ids.requestA}`,
    get: { default: 403, anonymous: 302, memberA: 200, ownerA: 200, memberB: 404 },
    post: { default: 403, anonymous: 302, memberA: 400, ownerA: 400, memberB: 404 },
  },
  "routes/requests.files.$fileId": {
    url: (ids) => `/requests/files/${ids.requestFileA}`,
    get: { default: 404, anonymous: 302, memberA: 200, ownerA: 200, staff: 200, admin: 200 },
  },
  "routes/notifications": { url: "/notifications", get: signedIn(200), post: signedIn(302) },
  "routes/desk.requests._index": {
    url: "/desk/requests?state=all&sort=newest",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.requests.$ref": {
    url: (ids) => `/desk/requests/${ids.requestA}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // Incoming mail (ADR 0034). Setting a message aside with an empty form is a 400.
  "routes/desk.mail._index": { url: "/desk/mail", get: staffOnly(200) },
  "routes/desk.mail.$mailId": {
    url: (ids) => `/desk/mail/${ids.inboundDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // The inbound webhook: no session, a shared secret (the e2e server sets one). GET has no
  // loader (405); a POST without the secret is 401 for everyone.
  "routes/hooks.inbound-mail": { url: "/hooks/inbound-mail", get: 405, post: 401 },
  "routes/desk.reports": { url: "/desk/reports", get: staffOnly(200) },
  "routes/desk.reports[.]csv": { url: "/desk/reports.csv?table=volume", get: staffOnly(200) },
  "routes/admin.services": { url: "/admin/services", get: adminOnly(200) },
  "routes/admin.services._index": { url: "/admin/services", get: adminOnly(200) },
  "routes/admin.services.types.new": {
    url: "/admin/services/types/new",
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/admin.services.types.$code": {
    url: "/admin/services/types/business-registration",
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/admin.services.teams": {
    url: "/admin/services/teams",
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/admin.services.sla": {
    url: "/admin/services/sla",
    get: adminOnly(200),
    post: adminOnly(400),
  },
  "routes/admin.services.calendar": {
    url: "/admin/services/calendar",
    get: adminOnly(200),
    post: adminOnly(400),
  },
  // Promotion (issue 3): public news, feeds and park pages; the news desk, park editor and
  // inquiry inbox for staff and admins. The contact form answers an empty POST with 400.
  "routes/news._index": { url: "/news", get: 200 },
  "routes/news.$slug": {
    url: "/news/zizhu-ranks-11th-among-169-national-high-tech-parks",
    get: 200,
  },
  "routes/news.media.$fileId": {
    url: "/news/media/00000000-0000-0000-0000-000000000000",
    get: 404,
  },
  "routes/rss[.]xml": { url: "/rss.xml", get: 200 },
  "routes/sitemap[.]xml": { url: "/sitemap.xml", get: 200 },
  "routes/robots[.]txt": { url: "/robots.txt", get: 200 },
  "routes/park._index": { url: "/park", get: 200 },
  "routes/park.rankings": { url: "/park/rankings", get: 200 },
  "routes/park.industries": { url: "/park/industries", get: 200 },
  "routes/park.policies": { url: "/park/policies", get: 200 },
  "routes/park.space": { url: "/park/space", get: 200 },
  "routes/park.invest": { url: "/park/invest", get: 200 },
  "routes/contact": { url: "/contact", get: 200, post: 400 },
  // Without this browser's reference cookie: back to the form.
  "routes/contact_.thanks": { url: "/contact/thanks", get: 302 },
  "routes/desk.news._index": { url: "/desk/news", get: staffOnly(200) },
  "routes/desk.news.new": { url: "/desk/news/new", get: staffOnly(200), post: staffOnly(400) },
  "routes/desk.news.$articleId": {
    url: (ids) => `/desk/news/${ids.articleDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.news.taxonomy": {
    url: "/desk/news/taxonomy",
    get: staffOnly(200),
    post: staffOnly(400),
  },
  "routes/desk.park": { url: "/desk/park", get: staffOnly(200), post: staffOnly(400) },
  "routes/desk.inquiries._index": { url: "/desk/inquiries", get: staffOnly(200) },
  "routes/desk.inquiries.$inquiryId": {
    url: (ids) => `/desk/inquiries/${ids.inquiryDemo}`,
    get: staffOnly(200),
    post: staffOnly(400),
  },
  // Investment pipeline (issue 13): the promotion permissions only; desk staff get 403. An
  // empty POST is a form error (400).
  "routes/desk.projects._index": { url: "/desk/projects", get: promotionOnly(200) },
  // The promotion report (ADR 0046) and its CSV tables.
  "routes/desk.projects.report": {
    url: "/desk/projects/report",
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  "routes/desk.projects.report[.]csv": {
    url: "/desk/projects/report.csv?table=countries",
    get: promotionOnly(200),
  },
  "routes/desk.projects.board": {
    url: "/desk/projects/board",
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  "routes/desk.projects.new": {
    url: "/desk/projects/new",
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  // Saved views of the table (ADR 0047): an empty POST names no action (400).
  "routes/desk.projects.views": {
    url: "/desk/projects/views",
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  "routes/desk.projects.$projectId": {
    url: (ids) => `/desk/projects/${ids.projectDemo}`,
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  "routes/desk.projects.$projectId_.investor": {
    url: (ids) => `/desk/projects/${ids.projectDemo}/investor`,
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  // A visit's .ics (ADR 0041): a made-up visit of the demo project is 404 for promotion staff.
  "routes/desk.projects.$projectId_.visits.$visitId.invite[.]ics": {
    url: (ids) =>
      `/desk/projects/${ids.projectDemo}/visits/00000000-0000-0000-0000-000000000000/invite.ics`,
    get: { default: 403, anonymous: 302, admin: 404 },
  },
  "routes/desk.projects.$projectId_.landing": {
    url: (ids) => `/desk/projects/${ids.projectDemo}/landing`,
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  // The investor's view (ADR 0029): /projects lists the account's linked projects (none is an
  // empty list); a project page and its documents are for its linked investors (and documents
  // for promotion staff), 404 for everyone else. A made-up invitation token is 404.
  "routes/projects._index": { url: "/projects", get: signedIn(200) },
  "routes/projects.$projectId": {
    url: (ids) => `/projects/${ids.projectOfInvestor}`,
    get: { default: 404, anonymous: 302, investor: 200 },
    post: { default: 404, anonymous: 302, investor: 400 },
  },
  "routes/projects.$projectId_.documents.$documentId": {
    url: (ids) => `/projects/${ids.projectOfInvestor}/documents/${ids.projectDocument}`,
    get: { default: 404, anonymous: 302, investor: 200, admin: 200 },
  },
  // A visit's .ics for the project's investor: a made-up visit is 404 to everyone signed in.
  "routes/projects.$projectId_.visits.$visitId.invite[.]ics": {
    url: (ids) =>
      `/projects/${ids.projectOfInvestor}/visits/00000000-0000-0000-0000-000000000000/invite.ics`,
    get: signedIn(404),
  },
  "routes/projects.join.$token": {
    url: "/projects/join/not-a-real-invitation-token",
    get: 404,
    post: signedIn(404),
  },
  // Space (issue 13, ADR 0028): the pipeline's permissions, like the projects.
  "routes/desk.space._index": { url: "/desk/space", get: promotionOnly(200) },
  "routes/desk.space.new": {
    url: "/desk/space/new",
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  "routes/desk.space.$unitId": {
    url: (ids) => `/desk/space/${ids.unitDemo}`,
    get: promotionOnly(200),
    post: promotionOnly(400),
  },
  // The development mailbox: open to everyone while SMTP_URL is unset (as in the e2e server),
  // 404 once it is set. With an empty outbox the list stands in for the email page.
  "routes/dev.mailbox._index": { url: "/dev/mailbox", get: 200 },
  "routes/dev.mailbox.$emailId": {
    url: (ids) =>
      ids.anyEmail === "00000000-0000-0000-0000-000000000000"
        ? "/dev/mailbox"
        : `/dev/mailbox/${ids.anyEmail}`,
    get: 200,
  },
};

export const helpers = { signedIn, anonymousOnly, adminOnly };
