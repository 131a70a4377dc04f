/**
 * `require*` helpers (ADR 0004): each loader and action calls one; they throw a redirect to
 * the login page, a 403 or a 404. Deny by default: nothing is readable without a check.
 */
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { hasFormBody, isKeepableTarget } from "~/forms/kept-input.server";
import { can, type ParkRole, type Permission } from "./permissions";
import {
  readSessionToken,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from "./session.server";

const cache = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(db(), token) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/**
 * The signed-in session, or a redirect to the login page. A form posted without a session
 * (it ended while the person typed) is answered 307 to `/keep`: the browser posts the same
 * body there, and it is kept across the sign-in (ADR 0018, app/forms/kept-input.server.ts).
 */
export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const posted = request.method !== "GET" && request.method !== "HEAD";
    if (posted && hasFormBody(request) && isKeepableTarget(back))
      throw redirect(`/keep?to=${encodeURIComponent(back)}`, 307);
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return session;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSession(request)) throw redirect("/account");
}

import { forbidden } from "~/lib/http.server";

export { forbidden, invariantFound, notFound } from "~/lib/http.server";

export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) forbidden();
  return user;
}

export async function requireParkRole(
  request: Request,
  roles: readonly ParkRole[],
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.roles.some((r) => roles.includes(r))) forbidden();
  return user;
}
