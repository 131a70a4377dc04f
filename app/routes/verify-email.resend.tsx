import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { resendVerification } from "~/accounts/accounts.server";
import { resendVerificationSchema } from "~/accounts/schema";
import { requireUser } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";

/** Only a POST sends anything (the banner's button); a GET goes to the account page. */
export async function loader() {
  return redirect("/account");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await readForm(request), { schema: resendVerificationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const back = safeRedirect(submission.value.redirectTo, "/account");
  const result = await resendVerification(db(), user.id, requestMeta(request, context));
  if (result === "sent")
    return redirectWithToast(back, { type: "success", key: "accounts:verify.resent" });
  if (result === "alreadyVerified")
    return redirectWithToast(back, { type: "info", key: "accounts:verify.alreadyVerified" });
  return redirectWithToast(back, { type: "error", key: "accounts:verify.resendTooMany" });
}
