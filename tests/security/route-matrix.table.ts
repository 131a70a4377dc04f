/**
 * The committed route x role table (ADR 0004). Every route of the build's manifest must have a
 * row, or the matrix test fails. For each persona: the HTTP status expected for a GET of the
 * route's URL and for a POST of an empty form to it (redirects are not followed: 302).
 *
 * Personas: anonymous; memberA / ownerA (company A, a resident); memberB (company B);
 * reviewer; staff; admin. `ids` holds record ids looked up in the demo data.
 */
export const PERSONAS = ["anonymous", "memberA", "ownerA", "memberB", "reviewer", "staff", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];
export type Expect = number | ({ default: number } & Partial<Record<Persona, number>>);

export interface Ids {
  companyA: string;
  companyB: string;
  userMemberA: string;
  userStaff: string;
  anyEmail: string;
}

export interface RouteSpec {
  url: string | ((ids: Ids) => string);
  get: Expect;
  /** Omit when the route has no action: a POST must then be refused with 405. */
  post?: Expect;
  /** The POST ends the session (logout): run it after every other route. */
  endsSession?: boolean;
}

// Shorthands.
const signedIn = (ok: number, extra: Partial<Record<Persona, number>> = {}): Expect => ({ default: ok, anonymous: 302, ...extra });
const anonymousOnly = (ok: number): Expect => ({ default: 302, anonymous: ok });
const adminOnly = (ok: number): Expect => ({ default: 403, anonymous: 302, admin: ok });

export const ROUTES: Record<string, RouteSpec> = {
  "routes/_index": { url: "/", get: 200 },
  "routes/$": { url: "/no-such-page", get: 404 },
  "routes/healthz": { url: "/healthz", get: 200 },
  "routes/login": { url: "/login", get: anonymousOnly(200), post: anonymousOnly(400) },
  "routes/signup": { url: "/signup", get: anonymousOnly(200), post: anonymousOnly(400) },
  "routes/logout": { url: "/logout", get: 302, post: 302, endsSession: true },
  "routes/language": { url: "/language", get: 302, post: 302 },
};

export const helpers = { signedIn, anonymousOnly, adminOnly };
