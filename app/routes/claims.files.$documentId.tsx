import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { findClaimDocumentForViewer } from "~/policies/claim-pages.server";
import { fileResponse } from "~/service-requests/files.server";

/**
 * A document of a policy claim: for members of the claim's company and the policy office;
 * anyone else gets 404. Always an attachment, never rendered by the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = await findClaimDocumentForViewer(db(), user, params.documentId ?? "");
  invariantFound(doc);
  const response = await fileResponse(db(), doc.file_id, doc.filename, "application/octet-stream");
  invariantFound(response);
  return response;
}
