import { data, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { parseForm, readForm } from "~/lib/form.server";
import { statusOf, throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { saveCall, type Ctx } from "./incubation.server";
import { callSchema } from "./schema";

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

/**
 * The call form's action, for a new call and for an edit (`callId`): the call saved and its
 * page, or the form with its errors (ADR 0025 statuses; a call gone meanwhile is a 404).
 */
export async function saveCallForm(
  db: Parameters<typeof saveCall>[0],
  request: Request,
  context: AppLoadContext,
  user: SessionUser,
  callId?: string,
) {
  const submission = parseForm(await readForm(request), { schema: callSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await saveCall(db, ctxOf(request, context, user), submission.value, callId);
  if (!result.ok) {
    throwIfMissing(result);
    const field = result.error === "slugTaken" ? "slug" : "programmeId";
    const fieldErrors = { [field]: [`incubation:errors.${result.error}`] };
    return data(submission.reply({ fieldErrors }), { status: statusOf(result) });
  }
  return redirectWithToast(`/desk/incubation/calls/${result.id}`, {
    type: "success",
    key: "incubation:toast.callSaved",
  });
}
