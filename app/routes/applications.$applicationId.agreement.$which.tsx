import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { readStoredBytes } from "~/incubation/documents.server";
import { agreementFileFor } from "~/incubation/offer.server";

/**
 * The incubation agreement (`agreement`) or a signed copy (`company`, `staff`): only for the
 * application's company members and park staff; anyone else gets 404. Always an attachment.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fileId = await agreementFileFor(db(), user, params.applicationId ?? "", params.which ?? "");
  invariantFound(fileId);
  const file = await readStoredBytes(db(), fileId);
  invariantFound(file);
  const name =
    params.which === "agreement" ? "incubation-agreement.pdf" : `signed-${params.which}.pdf`;
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
