/**
 * The desk page's two forms, each parsed and handed to `staffChange`: a message (reply or
 * internal note, optionally moving the state) and the properties (state, priority, team,
 * assignee). Refusals come back on the form (ADR 0025 statuses); a missing request is a 404.
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf, throwIfMissing } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { storeFor, type RequestPost } from "~/service-requests/files.server";
import { staffMessageSchema, staffPropertiesSchema } from "~/service-requests/schema";
import {
  staffChange,
  type ChangeResult,
  type StaffChange,
} from "~/service-requests/service-requests.server";
import { changeErrorKey } from "~/service-requests/thread";
import { draftFromRequest } from "~/kb/kb.server";
import { isUuid } from "~/lib/ids";
import { applyMacro } from "~/service-requests/snippets.server";
import { setWatching } from "~/service-requests/watchers.server";

export type DeskIntent = "message" | "properties";
export interface DeskReply {
  intent: DeskIntent | "kb-draft" | "none";
  result: SubmissionResult<string[]> | null;
}

type Ctx = RequestPost;

export function isDeskIntent(intent: string): intent is DeskIntent {
  return intent === "message" || intent === "properties";
}

/** Parses the form of `intent` and applies it; answers a redirect or the form with its errors. */
export async function runDeskIntent(intent: DeskIntent, ctx: Ctx) {
  const parsed = intent === "message" ? parseMessage(ctx) : parseProperties(ctx);
  const { submission, change } = parsed;
  if (!change) return data<DeskReply>({ intent, result: submission.reply() }, { status: 400 });
  // A canned reply that is a macro: its stored actions ride with the message (ADR 0039).
  const snippetId = intent === "message" ? String(ctx.form.get("snippetId") ?? "") : "";
  const result: ChangeResult = isUuid(snippetId)
    ? await applyMacro(db(), ctx.user, ctx.ref, snippetId, change, ctx.origin)
    : await staffChange(db(), ctx.user, ctx.ref, change, ctx.origin);
  if (!result.ok) {
    throwIfMissing(result);
    const reply = submission.reply({ formErrors: [changeErrorKey(result.error)] });
    return data<DeskReply>({ intent, result: reply }, { status: statusOf(result) });
  }
  return redirectWithToast(`/desk/requests/${ctx.ref}`, {
    type: "success",
    key: "services:toast.updated",
  });
}

function parseMessage({ form, uploads, user }: Ctx) {
  const submission = parseForm(form, { schema: staffMessageSchema });
  if (submission.status !== "success") return { submission, change: null };
  const v = submission.value;
  const change: StaffChange = {
    version: v.version,
    message: { body: v.body, visibility: v.visibility },
    state: v.thenState,
    store: storeFor(uploads, user.id),
  };
  return { submission, change };
}

function parseProperties({ form }: Ctx) {
  const submission = parseForm(form, { schema: staffPropertiesSchema });
  if (submission.status !== "success") return { submission, change: null };
  const v = submission.value;
  const change: StaffChange = {
    version: v.version,
    state: v.state,
    priority: v.priority,
    teamId: v.teamId || null,
    assigneeId: v.assigneeId || null,
  };
  return { submission, change };
}

/** "Turn the answer into a help article": a draft in one step, opened in the knowledge base. */
export async function runKbDraft(user: RequestPost["user"], ref: string) {
  const result = await draftFromRequest(db(), user, ref);
  if (!result.ok) {
    throwIfMissing(result);
    return data<DeskReply>(
      {
        intent: "kb-draft",
        result: { status: "error", error: { "": [`kb:errors.${result.error}`] } },
      },
      { status: 409 },
    );
  }
  return redirectWithToast(`/desk/kb/${result.id}`, {
    type: "success",
    key: result.created ? "kb:toast.drafted" : "kb:toast.draftExists",
  });
}

/** Watch or stop watching the request (ADR 0056): a plain POST, answered with a toast. */
export async function runWatchIntent(user: RequestPost["user"], ref: string, watching: boolean) {
  const result = await setWatching(db(), user, ref, watching);
  if (!result.ok) throwIfMissing(result);
  return redirectWithToast(`/desk/requests/${ref}`, {
    type: "success",
    key: watching ? "desk:watch.toastOn" : "desk:watch.toastOff",
  });
}
