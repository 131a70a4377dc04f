import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { day, reportRange } from "~/service-requests/reports";
import { csvDownload, recordsToCsv } from "~/lib/csv";
import { byType, volumeOverTime } from "~/service-requests/reports.server";

/**
 * The service reports as CSV (a resource route, so the file is the whole response): the
 * per-type table, or with `?table=volume` the requests per month, type and state.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const url = new URL(request.url);
  const range = reportRange(url);
  const period = `${day(range.from)}-${day(range.to)}`;
  if (url.searchParams.get("table") === "volume") {
    const volume = await volumeOverTime(db(), range);
    return csvDownload(recordsToCsv(volume.map((v) => ({ ...v }))), `service-volume-${period}.csv`);
  }
  const types = await byType(db(), range);
  const csv = recordsToCsv(
    types.map((r) => ({
      type: r.code,
      name_en: r.nameEn,
      name_zh: r.nameZh,
      filed: r.filed,
      resolved: r.resolved,
      median_first_response_working_minutes:
        r.medianFirstMinutes === null ? "" : Math.round(r.medianFirstMinutes),
      median_resolution_working_minutes:
        r.medianResolutionMinutes === null ? "" : Math.round(r.medianResolutionMinutes),
      sla_met_share: r.slaMetShare === null ? "" : r.slaMetShare.toFixed(3),
      average_rating: r.avgRating === null ? "" : r.avgRating.toFixed(2),
      ratings: r.ratings,
    })),
  );
  return csvDownload(csv, `service-report-${period}.csv`);
}
