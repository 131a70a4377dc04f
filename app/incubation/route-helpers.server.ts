import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { requestMeta } from "~/lib/request.server";
import type { Ctx } from "./incubation.server";

export function ctxOf(request: Request, context: AppLoadContext, user: SessionUser): Ctx {
  const meta = requestMeta(request, context);
  return { userId: user.id, ip: meta.ip, origin: meta.origin };
}

/**
 * The form's values as plain strings (files and repeated keys ignored); with `keys`, only those
 * (what is echoed back to a form never holds a field it does not know).
 */
export function formValues(formData: FormData, keys?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const wanted = keys ? new Set(keys) : null;
  for (const [k, v] of formData)
    if (typeof v === "string" && !Object.hasOwn(out, k) && (!wanted || wanted.has(k))) out[k] = v;
  return out;
}
