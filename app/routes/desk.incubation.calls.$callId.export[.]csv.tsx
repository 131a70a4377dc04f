import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { exportCallCsv, getCall } from "~/incubation/incubation.server";
import { csvDownload } from "~/lib/csv";
import { isUuid } from "~/lib/ids";

/** A call's applications with their scores as CSV (UTF-8 with BOM, for spreadsheets). Staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  return csvDownload(await exportCallCsv(db(), call.id), `${call.slug}-applications.csv`);
}
