import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { exportCallCsv, getCall } from "~/incubation/incubation.server";
import { isUuid } from "~/lib/ids";

/** A call's applications with their scores as CSV (UTF-8 with BOM, for spreadsheets). Staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  const csv = await exportCallCsv(db(), call.id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${call.slug}-applications.csv"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
