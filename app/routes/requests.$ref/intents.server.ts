/**
 * The company's forms on its request, each parsed and handed to one domain function: a reply
 * (`requesterReply`), close or reopen (`requesterSetState`) and the rating (`rateRequest`).
 * Refusals come back on the form with the ADR 0025 status; a missing request is a 404.
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf, throwIfMissing } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { storeFor, type RequestPost } from "~/service-requests/files.server";
import { rateSchema, replySchema, requesterStateSchema } from "~/service-requests/schema";
import {
  rateRequest,
  requesterReply,
  requesterSetState,
  type ChangeResult,
} from "~/service-requests/service-requests.server";
import { changeErrorKey } from "~/service-requests/thread";

export type CompanyIntent = "reply" | "close" | "reopen" | "rate";
export interface CompanyReply {
  intent: CompanyIntent | "none";
  result: SubmissionResult<string[]> | null;
}

type Ctx = RequestPost;

const TOASTS = {
  reply: "services:toast.replied",
  close: "services:toast.closed",
  reopen: "services:toast.reopened",
  rate: "services:toast.rated",
} as const;

export function isCompanyIntent(intent: string): intent is CompanyIntent {
  return Object.hasOwn(TOASTS, intent);
}

/** Parses the form of `intent` and applies it; answers a redirect or the form with its errors. */
export async function runCompanyIntent(intent: CompanyIntent, ctx: Ctx) {
  const run =
    intent === "reply" ? reply(ctx) : intent === "rate" ? rate(ctx) : setState(intent, ctx);
  const { submission, result } = await run;
  if (!result) return data<CompanyReply>({ intent, result: submission.reply() }, { status: 400 });
  if (!result.ok) {
    throwIfMissing(result);
    const error =
      result.error === "file"
        ? { fieldErrors: { files: [changeErrorKey(result.error)] } }
        : { formErrors: [changeErrorKey(result.error)] };
    return data<CompanyReply>(
      { intent, result: submission.reply(error) },
      { status: statusOf(result) },
    );
  }
  return redirectWithToast(`/requests/${ctx.ref}`, { type: "success", key: TOASTS[intent] });
}

async function reply({ form, user, ref, uploads, origin }: Ctx) {
  const submission = parseForm(form, { schema: replySchema });
  if (submission.status !== "success") return { submission, result: null };
  const input = { body: submission.value.body, store: storeFor(uploads, user.id) };
  const result: ChangeResult = await requesterReply(db(), user, ref, input, origin);
  return { submission, result };
}

async function setState(intent: "close" | "reopen", { form, user, ref, origin }: Ctx) {
  const submission = parseForm(form, { schema: requesterStateSchema });
  if (submission.status !== "success") return { submission, result: null };
  const to = intent === "close" ? "closed" : "reopened";
  const version = submission.value.version;
  const result: ChangeResult = await requesterSetState(db(), user, ref, to, version, origin);
  return { submission, result };
}

async function rate({ form, user, ref }: Ctx) {
  const submission = parseForm(form, { schema: rateSchema });
  if (submission.status !== "success") return { submission, result: null };
  const { rating, comment } = submission.value;
  const result: ChangeResult = await rateRequest(db(), user, ref, {
    rating,
    comment: comment ?? "",
  });
  return { submission, result };
}
