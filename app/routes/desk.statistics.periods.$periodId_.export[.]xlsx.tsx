import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { periodSheet } from "~/statistics/exchange.server";
import { sheetWorkbook } from "~/statistics/xlsx.server";

/** A period's figures as an Excel workbook in the layout the park files upward. Audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const found = await periodSheet(db(), user, params.periodId ?? "", {
    format: "xlsx",
    ip: requestMeta(request, context).ip ?? null,
  });
  if (!found.ok) throw new Response("Not found", { status: 404 });
  const bytes = await sheetWorkbook(found.sheet);
  const name = `${found.sheet.formCode}-${found.sheet.label}.xlsx`.replace(/[^\w.-]/g, "_");
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
