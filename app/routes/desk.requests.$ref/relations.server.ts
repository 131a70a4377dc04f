/**
 * The "Merge and link" card's posts (ADR 0038) and the loader's part: the relations of the
 * request and the merge asked for in the address (`?merge=SR-…&confirm=merge`, read only).
 */
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { throwIfMissing } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  linkRequests,
  mergeRequest,
  previewMerge,
  relationsOf,
  unlinkRequests,
} from "~/service-requests/merge.server";

export type RelationIntent = "link" | "unlink" | "merge";
export interface RelationReply {
  intent: RelationIntent;
  relationError: string;
}

export function isRelationIntent(intent: string): intent is RelationIntent {
  return intent === "link" || intent === "unlink" || intent === "merge";
}

export async function loadRelations(requestId: string, ref: string, url: URL) {
  const relations = await relationsOf(db(), requestId);
  const asked = (url.searchParams.get("merge") ?? "").slice(0, 40);
  let preview = null;
  if (asked.trim() && !relations.mergedInto) {
    const p = await previewMerge(db(), ref, asked);
    preview = p.ok
      ? { target: p.target, error: null, asked }
      : { target: null, error: `services:relations.errors.${p.error}`, asked };
  }
  return { ...relations, preview };
}

const REF_LIMIT = 40;

export async function runRelationIntent(
  intent: RelationIntent,
  user: Pick<SessionUser, "id">,
  ref: string,
  form: FormData,
  origin: string,
) {
  const refused = (error: string, status: number) =>
    data<RelationReply>(
      { intent, relationError: `services:relations.errors.${error}` },
      { status },
    );
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() && v.length <= REF_LIMIT ? v : null;
  };
  if (intent === "merge") {
    const target = field("target");
    const version = Number(form.get("version"));
    if (!target || !Number.isInteger(version)) return refused("target", 400);
    const result = await mergeRequest(db(), user, ref, { targetRef: target, version }, origin);
    if (!result.ok) {
      throwIfMissing(result);
      return refused(result.error, result.error === "conflict" ? 409 : 422);
    }
    return redirectWithToast(`/desk/requests/${result.target}`, {
      type: "success",
      key: "services:toast.merged",
      values: { ref, target: result.target },
    });
  }
  const other = field("other");
  if (!other) return refused("target", 400);
  const change = intent === "link" ? linkRequests : unlinkRequests;
  const result = await change(db(), user, ref, other);
  if (!result.ok) {
    throwIfMissing(result);
    return refused(result.error, 422);
  }
  return redirectWithToast(`/desk/requests/${ref}`, {
    type: "success",
    key: intent === "link" ? "services:toast.linked" : "services:toast.unlinked",
    values: { ref: result.other },
  });
}
