/**
 * A site visit's invitation as an .ics file (ADR 0041): the visit as it now stands, with the
 * UID and SEQUENCE of the emails sent about it (a cancelled visit answers its cancellation).
 * Promotion staff only, like the project page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { orHttp } from "~/lib/http.server";
import { visitIcs } from "~/projects/visits.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const { ics, reference } = await orHttp(
    visitIcs(db(), user, params.projectId ?? "", params.visitId ?? ""),
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="visit-${reference.replace(/[^A-Za-z0-9-]/g, "")}.ics"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
