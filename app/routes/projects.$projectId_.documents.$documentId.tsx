import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { documentForViewer } from "~/projects/investor.server";
import { fileResponse } from "~/service-requests/files.server";

/**
 * A document exchanged on a project: for the project's linked investors and promotion staff;
 * anyone else gets 404. Always an attachment, never rendered by the browser (ADR 0010).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = await documentForViewer(db(), user, params.projectId ?? "", params.documentId ?? "");
  invariantFound(doc);
  const response = await fileResponse(
    db(),
    doc.stored_file_id,
    doc.file_name,
    "application/octet-stream",
  );
  invariantFound(response);
  return response;
}
