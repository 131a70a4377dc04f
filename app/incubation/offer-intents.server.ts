/**
 * The offer's forms, for the company's application page and the desk's (issue 16): accept or
 * decline the offer (company), upload a signed copy of the agreement (either side). Answers
 * a redirect with a toast, an error for the page, or null when the post is not about the offer.
 */
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { readUploadForm } from "~/lib/form.server";
import { textError } from "~/lib/text";
import { redirectWithToast } from "~/lib/toast.server";
import type { Ctx } from "./incubation.server";
import { replyToOffer, signAgreement, SIGNED_COPY_MAX_BYTES } from "./offer.server";

const OFFER_INTENTS = ["accept_offer", "decline_offer", "sign"];

export async function offerIntent(
  request: Request,
  ctx: Ctx,
  app: { id: string; company_id: string },
  side: "company" | "staff",
  /** The url-encoded form the route already read (null: a multipart post, read here). */
  posted: FormData | null,
): Promise<Response | ReturnType<typeof data<{ error: string }>> | null> {
  if (posted && !OFFER_INTENTS.includes(String(posted.get("intent") ?? ""))) return null;
  let form: FormData;
  if (posted) form = posted;
  else {
    const read = await readUploadForm(request, {
      maxFileBytes: SIGNED_COPY_MAX_BYTES,
      maxFiles: 1,
    });
    if (read.refused)
      return data({ error: "incubation:offer.errors.fileTooLarge" }, { status: 413 });
    form = read.form;
  }
  const back =
    side === "company" ? `/applications/${app.id}` : `/desk/incubation/applications/${app.id}`;
  const fail = (error: string, status = 409) =>
    data({ error: `incubation:offer.errors.${error}` }, { status });
  const action = String(form.get("intent") ?? "");
  if (action === "accept_offer" || action === "decline_offer") {
    if (side !== "company") return fail("replied", 403);
    const reason = String(form.get("reason") ?? "");
    if (action === "decline_offer" && textError(reason, 2000, { multiline: true }))
      return fail("reasonRequired", 400);
    const result = await replyToOffer(
      db(),
      ctx,
      app.company_id,
      app.id,
      action === "accept_offer" ? { accept: true } : { accept: false, reason },
    );
    if (!result.ok) return fail(result.error, result.error === "notFound" ? 404 : 409);
    return redirectWithToast(back, {
      type: "success",
      key:
        action === "accept_offer"
          ? "incubation:offer.toast.accepted"
          : "incubation:offer.toast.declined",
    });
  }
  if (action === "sign") {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return fail("fileRequired", 400);
    const result = await signAgreement(
      db(),
      ctx,
      side,
      app.id,
      { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name },
      side === "company" ? { companyId: app.company_id } : {},
    );
    if (!result.ok) return fail(result.error, result.error === "notFound" ? 404 : 400);
    return redirectWithToast(back, {
      type: "success",
      key: result.signed ? "incubation:offer.toast.signed" : "incubation:offer.toast.signedOne",
    });
  }
  return null;
}
