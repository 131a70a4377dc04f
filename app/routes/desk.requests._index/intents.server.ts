/**
 * The queue's forms: save or delete a view (`saveView`, `deleteView`), and the bulk change in
 * two steps, a review (answered with what would change) and the apply (`bulkChange`).
 */
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { redirectWithToast } from "~/lib/toast.server";
import { deleteView, saveView } from "~/service-requests/queue.server";
import { bulkSchema, saveViewSchema } from "~/service-requests/schema";
import { bulkChange, bulkToast, seenVersions } from "~/service-requests/service-requests.server";

interface Ctx {
  user: SessionUser;
  form: FormData;
  back: string;
  origin: string;
}

/** What the review step shows and carries into the confirmation form. */
export interface BulkReview {
  kind: "review";
  refs: string[];
  assigneeId: string;
  priority: string;
  state: string;
  seen: string[];
}

const refused = (kind: "view" | "bulk", error: string) => data({ kind, error }, { status: 400 });

export async function runQueueIntent(intent: string, ctx: Ctx) {
  if (intent === "save-view") return saveViewIntent(ctx);
  if (intent === "delete-view") {
    await deleteView(db(), ctx.user.id, String(ctx.form.get("viewId") ?? ""));
    return redirectWithToast(ctx.back, { type: "success", key: "services:toast.viewDeleted" });
  }
  if (intent === "bulk-review" || intent === "bulk-apply") return bulkIntent(intent, ctx);
  return refused("bulk", "services:staff.invalid");
}

async function saveViewIntent({ user, form, back }: Ctx) {
  const submission = parseForm(form, { schema: saveViewSchema });
  if (submission.status !== "success") return refused("view", "services:errors.name");
  const { name, query, shared } = submission.value;
  await saveView(db(), user.id, { name, query, shared: !!shared });
  return redirectWithToast(back, { type: "success", key: "services:toast.viewSaved" });
}

async function bulkIntent(intent: "bulk-review" | "bulk-apply", { user, form, back, origin }: Ctx) {
  const submission = parseForm(form, { schema: bulkSchema });
  const v = submission.status === "success" ? submission.value : null;
  const assigneeId = v?.assigneeId === "none" ? null : v?.assigneeId || undefined;
  if (!v || (assigneeId === undefined && !v.priority && !v.state))
    return refused("bulk", "services:desk.bulkNothing");
  if (intent === "bulk-review") {
    const review: BulkReview = {
      kind: "review",
      refs: v.refs,
      assigneeId: v.assigneeId ?? "",
      priority: v.priority ?? "",
      state: v.state ?? "",
      seen: (v.seen ?? []).filter((x) => v.refs.includes(x.split("@")[0]!)),
    };
    return review;
  }
  const change = { assigneeId, priority: v.priority, state: v.state };
  const result = await bulkChange(
    db(),
    user,
    v.refs,
    change,
    origin,
    undefined,
    seenVersions(v.seen),
  );
  return redirectWithToast(back, bulkToast(result));
}
