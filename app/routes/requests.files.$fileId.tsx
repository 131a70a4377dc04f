import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { fileResponse } from "~/service-requests/files.server";
import { findRequestFileForViewer } from "~/service-requests/service-requests.server";

/**
 * A service-request file: for members of the request's company (public files only) and park
 * staff; anyone else gets 404. Always an attachment, never rendered by the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await findRequestFileForViewer(db(), user, params.fileId ?? "");
  invariantFound(file);
  const response = await fileResponse(
    db(),
    file.stored_file_id,
    file.file_name,
    "application/octet-stream",
  );
  invariantFound(response);
  return response;
}
