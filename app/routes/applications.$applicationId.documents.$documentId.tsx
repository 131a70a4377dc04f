import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { readStoredBytes } from "~/incubation/documents.server";
import { getDocumentForUser } from "~/incubation/incubation.server";

/**
 * A document download: only for the application's company members, park staff, and reviewers
 * assigned to it (without a declared conflict); anyone else gets 404. Always an attachment,
 * never rendered by the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = await getDocumentForUser(
    db(),
    user,
    params.applicationId ?? "",
    params.documentId ?? "",
  );
  invariantFound(doc);
  const file = await readStoredBytes(db(), doc.stored_file_id);
  invariantFound(file);
  const ascii = doc.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": doc.content_type,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
