/**
 * Help articles matching a new request's subject, for the page's debounced fetch (ADR 0030).
 * A POST (it counts each suggestion as shown once), for companies that may file requests.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getUser, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { suggestForRequest } from "~/kb/kb.server";
import { suggestSchema } from "~/kb/schema";
import { parseForm, readForm } from "~/lib/form.server";

export async function action({ request }: ActionFunctionArgs) {
  // A background lookup, not something the person sent: with no session it answers nothing
  // (401) instead of keeping the subject for /resume, which would take the page away from
  // the form being typed (the form's own submit is kept, ADR 0018).
  if (!(await getUser(request))) return Response.json({ items: [], seen: [] }, { status: 401 });
  await requirePermission(request, "create:service_request:own");
  const submission = parseForm(await readForm(request), { schema: suggestSchema });
  if (submission.status !== "success") return Response.json({ items: [], seen: [] });
  return Response.json(await suggestForRequest(db(), submission.value));
}
