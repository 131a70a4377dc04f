/**
 * A site visit's invitation as an .ics file, for the investor linked to the project (ADR 0029,
 * 0041): the visit as it now stands, with the UID and SEQUENCE of the emails about it, linking
 * to the investor's own page. Anyone else, staff included, gets 404 (staff download it from
 * the desk's project page).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { orHttp } from "~/lib/http.server";
import { investorVisitIcs } from "~/projects/investor.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { ics, reference } = await orHttp(
    investorVisitIcs(db(), user.id, params.projectId ?? "", params.visitId ?? ""),
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
