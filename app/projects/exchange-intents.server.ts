/**
 * The two forms both sides of the investor's view post (ADR 0029): a message, and a document.
 * Shared by the investor's page (/projects/$projectId) and the staff's (/desk/projects/
 * $projectId/investor): each route authorizes, then hands its request here with the side it
 * speaks for. The answer is a redirect with a toast, or the form with its errors and text kept.
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm, readUploadForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { addDocument, postMessage, type InvestorActor } from "./investor.server";
import { DOCUMENT_MAX_BYTES, messageSchema } from "./investor-schema";

export const EXCHANGE_INTENTS = ["message", "document"] as const;
export type ExchangeIntent = (typeof EXCHANGE_INTENTS)[number];

export interface ExchangeReply {
  intent: ExchangeIntent | "none";
  result: SubmissionResult<string[]> | null;
}

const FILE_ERROR: Record<string, string> = {
  empty: "investor:errors.fileEmpty",
  tooLarge: "investor:errors.fileTooLarge",
  tooMany: "investor:errors.fileTooLarge",
  type: "investor:errors.fileType",
};

function fileError(code: string, status: number) {
  return data<ExchangeReply>(
    {
      intent: "document",
      result: { status: "error", error: { file: [FILE_ERROR[code] ?? FILE_ERROR.type!] } },
    },
    { status },
  );
}

/** Reads a posted form of these pages (urlencoded, or multipart with at most one file). */
export function readExchangeForm(request: Request) {
  return readUploadForm(request, { maxFileBytes: DOCUMENT_MAX_BYTES, maxFiles: 1 });
}

export function isExchangeIntent(value: unknown): value is ExchangeIntent {
  return typeof value === "string" && (EXCHANGE_INTENTS as readonly string[]).includes(value);
}

export async function runExchangeIntent(
  read: Awaited<ReturnType<typeof readExchangeForm>>,
  ctx: {
    actor: InvestorActor;
    projectId: string;
    asInvestor: boolean;
    origin: string;
    ip: string | null;
    back: string;
  },
) {
  if (read.refused) return fileError(read.refused.reason, 413);
  const intent = read.form.get("intent");
  const meta = { origin: ctx.origin, ip: ctx.ip };
  if (intent === "message") {
    const s = parseForm(read.form, { schema: messageSchema });
    if (s.status !== "success")
      return data<ExchangeReply>({ intent, result: s.reply() }, { status: 400 });
    await postMessage(db(), ctx.actor, ctx.projectId, s.value.body, ctx.asInvestor, meta);
    return redirectWithToast(ctx.back, { type: "success", key: "investor:toast.messageSent" });
  }
  if (intent === "document") {
    const file = read.form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return fileError("empty", 400);
    const r = await addDocument(
      db(),
      ctx.actor,
      ctx.projectId,
      {
        bytes: new Uint8Array(await file.arrayBuffer()),
        filename: file.name || "document",
        declaredType: file.type,
      },
      ctx.asInvestor,
      meta,
    );
    if (!r.ok) return fileError(r.error, r.error === "tooLarge" ? 413 : statusOf(r));
    return redirectWithToast(ctx.back, { type: "success", key: "investor:toast.documentAdded" });
  }
  return data<ExchangeReply>({ intent: "none", result: null }, { status: 400 });
}
