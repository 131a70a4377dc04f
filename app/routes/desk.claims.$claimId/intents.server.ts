/**
 * The policy office's forms on a claim, each parsed with its schema and handed to `actOnClaim`
 * (advance, ask for more information, approve, reject, record a payment) with the version the
 * page showed. Refusals come back on their form with the ADR 0025 status; success redirects
 * with a toast (the company's notification and email are queued in the same transaction).
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { STAFF_INTENTS, STAFF_SCHEMAS, type StaffIntent } from "~/policies/claim-schema";
import { actOnClaim, type StaffAction } from "~/policies/claims.server";

export interface StaffReply {
  intent: StaffIntent | "none";
  result: SubmissionResult<string[]> | null;
}

export function isStaffIntent(v: string): v is StaffIntent {
  return (STAFF_INTENTS as readonly string[]).includes(v);
}

function actionOf(intent: StaffIntent, v: Record<string, unknown>): StaffAction {
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  const n = (k: string) => Number(v[k]);
  switch (intent) {
    case "advance":
      return { kind: "advance", note: s("note") };
    case "request_info":
      return { kind: "request_info", note: s("note") };
    case "approve":
      return { kind: "approve", amountYuan: n("amount"), note: s("note") };
    case "reject":
      return { kind: "reject", reason: s("reason") };
    case "pay":
      return {
        kind: "pay",
        paidOn: s("paidOn"),
        amountYuan: n("amount"),
        reference: s("reference"),
      };
  }
}

export async function runStaffIntent(
  intent: StaffIntent,
  ctx: { user: SessionUser; claimId: string; form: FormData },
) {
  const submission = parseForm(ctx.form, { schema: STAFF_SCHEMAS[intent] });
  if (submission.status !== "success")
    return data<StaffReply>({ intent, result: submission.reply() }, { status: 400 });
  const value = submission.value as Record<string, unknown>;
  const result = await actOnClaim(
    db(),
    ctx.user,
    ctx.claimId,
    Number(value.version),
    actionOf(intent, value),
  );
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    const reply =
      result.error === "amount"
        ? submission.reply({ fieldErrors: { amount: ["claims:errors.amount"] } })
        : submission.reply({ formErrors: [`claims:errors.${result.error}`] });
    return data<StaffReply>({ intent, result: reply }, { status: statusOf(result) });
  }
  return redirectWithToast(`/desk/claims/${ctx.claimId}`, {
    type: "success",
    key: `claims:toast.${intent}`,
  });
}
