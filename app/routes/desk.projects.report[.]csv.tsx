import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { csvDownload, toCsv } from "~/lib/csv";
import { reportPeriod } from "~/projects/report";
import { isReportTable, reportCsv } from "~/projects/reports.server";

/**
 * One table of the promotion report as CSV (a resource route: the file is the whole response):
 * `?table=funnel|sources|quarters|industries|countries` with the page's period and currency.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const params = new URL(request.url).searchParams;
  const asked = params.get("table");
  const table = isReportTable(asked) ? asked : "funnel";
  const period = reportPeriod(params);
  const { header, rows } = await reportCsv(db(), user, period, table);
  return csvDownload(
    toCsv(header, rows),
    `promotion-${table}-${period.currency}-${period.from}-${period.to}.csv`,
  );
}
