import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { csvDownload, toCsv } from "~/lib/csv";
import { requestMeta } from "~/lib/request.server";
import { periodSheet, sheetTable } from "~/statistics/exchange.server";

/** A period's figures as CSV (field keys as columns, so it can be imported again). Audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const found = await periodSheet(db(), user, params.periodId ?? "", {
    format: "csv",
    ip: requestMeta(request, context).ip ?? null,
  });
  if (!found.ok) throw new Response("Not found", { status: 404 });
  const { header, rows } = sheetTable(found.sheet);
  return csvDownload(toCsv(header, rows), `${found.sheet.formCode}-${found.sheet.label}.csv`);
}
