import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
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
