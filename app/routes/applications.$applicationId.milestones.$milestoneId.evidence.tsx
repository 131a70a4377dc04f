import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { readStoredBytes } from "~/incubation/documents.server";
import { evidenceFileFor } from "~/incubation/milestones.server";

/**
 * A milestone's evidence document (ADR 0040): only for members of the incubatee's company and
 * park staff; anyone else gets 404. Always an attachment, never rendered by the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fileId = await evidenceFileFor(
    db(),
    user,
    params.applicationId ?? "",
    params.milestoneId ?? "",
  );
  invariantFound(fileId);
  const file = await readStoredBytes(db(), fileId);
  invariantFound(file);
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="evidence${extension(file.contentType)}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

function extension(type: string): string {
  return type === "application/pdf" ? ".pdf" : type === "image/png" ? ".png" : ".jpg";
}
