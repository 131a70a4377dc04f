import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { isHttps } from "~/env.server";
import { requestMeta } from "~/utils/request.server";
import type { Ctx } from "./incubation.server";

export function ctxOf(request: Request, context: AppLoadContext, user: SessionUser): Ctx {
  const meta = requestMeta(request, context);
  return { userId: user.id, ip: meta.ip, origin: meta.origin };
}

/** The form's values as plain strings (files and repeated keys ignored). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

/** The cookie holding the token of input kept across an expired session (see stashInput). */
export const STASH_COOKIE = "incubation_stash";

export function stashCookie(token: string): string {
  return `${STASH_COOKIE}=${token}; Path=/applications; HttpOnly; SameSite=Lax; Max-Age=86400${isHttps() ? "; Secure" : ""}`;
}

export function clearStashCookie(): string {
  return `${STASH_COOKIE}=; Path=/applications; HttpOnly; SameSite=Lax; Max-Age=0${isHttps() ? "; Secure" : ""}`;
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie") ?? "";
  const part = header
    .split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${name}=`));
  const value = part?.slice(name.length + 1);
  return value ? value : undefined;
}
