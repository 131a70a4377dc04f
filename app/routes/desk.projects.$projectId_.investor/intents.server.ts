/**
 * The staff's investor page: give an investor access (link or invite), end it, and the two
 * exchange forms (messages, documents) shared with the investor's own page.
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  isExchangeIntent,
  runExchangeIntent,
  type readExchangeForm,
} from "~/projects/exchange-intents.server";
import { linkInvestor, revokeInvestor, type InvestorActor } from "~/projects/investor.server";
import { linkInvestorSchema, revokeInvestorSchema } from "~/projects/investor-schema";

export interface AccessReply {
  intent: "link" | "revoke" | "message" | "document" | "none";
  result: SubmissionResult<string[]> | null;
}

export async function runInvestorPageIntent(
  read: Awaited<ReturnType<typeof readExchangeForm>>,
  ctx: { actor: InvestorActor; projectId: string; origin: string; ip: string | null },
) {
  const intent = read.form.get("intent");
  const back = `/desk/projects/${ctx.projectId}/investor`;
  if (isExchangeIntent(intent)) return runExchangeIntent(read, { ...ctx, asInvestor: false, back });
  if (intent === "link") {
    const s = parseForm(read.form, { schema: linkInvestorSchema });
    if (s.status !== "success")
      return data<AccessReply>({ intent, result: s.reply() }, { status: 400 });
    const r = await linkInvestor(db(), ctx.actor, ctx.projectId, s.value, ctx);
    if (!r.ok)
      return data<AccessReply>(
        { intent, result: s.reply({ formErrors: ["investor:errors.alreadyLinked"] }) },
        { status: statusOf(r) },
      );
    return redirectWithToast(back, {
      type: "success",
      key: r.kind === "linked" ? "investor:toast.linked" : "investor:toast.invited",
    });
  }
  if (intent === "revoke") {
    const s = parseForm(read.form, { schema: revokeInvestorSchema });
    if (s.status !== "success")
      return data<AccessReply>({ intent, result: s.reply() }, { status: 400 });
    const r = await revokeInvestor(db(), ctx.actor, ctx.projectId, s.value.linkId, ctx);
    if (!r.ok)
      return data<AccessReply>(
        { intent, result: s.reply({ formErrors: ["investor:errors.link"] }) },
        { status: statusOf(r) },
      );
    return redirectWithToast(back, { type: "success", key: "investor:toast.revoked" });
  }
  return data<AccessReply>({ intent: "none", result: null }, { status: 400 });
}
