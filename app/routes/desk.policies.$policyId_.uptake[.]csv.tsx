import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { csvDownload, toCsv } from "~/lib/csv";
import { uptakeCsv, policyUptake } from "~/policies/uptake.server";

/** A policy's uptake this year as CSV, one row per company eligible or with a claim (ADR 0044). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const uptake = await policyUptake(db(), user, params.policyId ?? "");
  if (!uptake) throw new Response("Not found", { status: 404 });
  const { header, rows } = uptakeCsv(uptake);
  return csvDownload(toCsv(header, rows), `policy-uptake-${uptake.year}.csv`);
}
