/**
 * The forms of an incubation after signing (ADR 0040), for the company's application page and
 * the desk's incubatee page: mark a milestone done (company, multipart), accept or send one
 * back (staff), assign or remove a mentor (staff, ADR 0049), graduate, end early or extend
 * (staff, after a confirmation; ADR 0055). Answers a redirect with a
 * toast, an error for the page, or null when the post is not one of these.
 */
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { textError } from "~/lib/text";
import { redirectWithToast } from "~/lib/toast.server";
import { endIncubation, OUTCOMES, type Outcome } from "./cohort.server";
import { extendIncubation } from "./extensions.server";
import type { Ctx } from "./incubation.server";
import { assignMentor, removeMentor } from "./mentors.server";
import { completeMilestone, decideMilestone } from "./milestones.server";
import { extensionSchema } from "./extension-schema";

export const MILESTONE_INTENTS = [
  "complete_milestone",
  "accept_milestone",
  "return_milestone",
  "end_incubation",
  "extend_incubation",
  "assign_mentor",
  "remove_mentor",
];

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

export async function milestoneIntent(
  ctx: Ctx,
  app: { id: string; company_id: string },
  side: "company" | "staff",
  form: FormData,
): Promise<
  | Response
  | ReturnType<
      typeof data<{ error: string; extension?: { plannedEndDate: string; reason: string } }>
    >
  | null
> {
  const intent = str(form, "intent");
  if (!MILESTONE_INTENTS.includes(intent)) return null;
  const back = side === "company" ? `/applications/${app.id}` : `/desk/incubation/cohort/${app.id}`;
  const failWith = (key: string, status: number) => data({ error: key }, { status });
  const statusOf = (error: string) =>
    error === "notFound" ? 404 : error === "state" || error === "ended" ? 409 : 400;

  if (intent === "complete_milestone") {
    if (side !== "company") return failWith("incubation:errors.refused", 403);
    const note = str(form, "note");
    if (textError(note, 4000, { multiline: true }))
      return failWith("incubation:milestones.errors.noteRequired", 400);
    const file = form.get("file");
    const upload =
      file && typeof file !== "string" && file.size > 0
        ? { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name }
        : null;
    const result = await completeMilestone(db(), ctx, app.company_id, str(form, "milestoneId"), {
      note,
      file: upload,
    });
    if (!result.ok)
      return failWith(`incubation:milestones.errors.${result.error}`, statusOf(result.error));
    return redirectWithToast(back, {
      type: "success",
      key: "incubation:milestones.toast.submitted",
    });
  }

  if (side !== "staff") return failWith("incubation:errors.refused", 403);

  if (intent === "accept_milestone" || intent === "return_milestone") {
    const comment = str(form, "comment");
    if (textError(comment, 4000, { multiline: true }) && comment.trim())
      return failWith("incubation:errors.refused", 400);
    const accept = intent === "accept_milestone";
    const result = await decideMilestone(db(), ctx, str(form, "milestoneId"), {
      accept,
      comment,
      applicationId: app.id,
    });
    if (!result.ok)
      return failWith(`incubation:milestones.errors.${result.error}`, statusOf(result.error));
    return redirectWithToast(back, {
      type: "success",
      key: accept ? "incubation:milestones.toast.accepted" : "incubation:milestones.toast.returned",
    });
  }

  if (intent === "assign_mentor" || intent === "remove_mentor") {
    const mentorId = str(form, "mentorId");
    const result =
      intent === "assign_mentor"
        ? await assignMentor(db(), ctx, app.id, mentorId)
        : await removeMentor(db(), ctx, app.id, mentorId);
    if (!result.ok) return failWith(`desk:mentors.errors.${result.error}`, statusOf(result.error));
    return redirectWithToast(back, {
      type: "success",
      key:
        intent === "assign_mentor" ? "desk:mentors.toast.assigned" : "desk:mentors.toast.removed",
    });
  }

  if (intent === "extend_incubation") {
    // What was typed comes back with an error, for the form to show again.
    const typed = { plannedEndDate: str(form, "plannedEndDate"), reason: str(form, "reason") };
    const again = (key: string, status: number) =>
      data({ error: key, extension: typed }, { status });
    const parsed = extensionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return again(parsed.error.issues[0]?.message ?? "desk:extensions.errors.date", 400);
    const result = await extendIncubation(db(), ctx, app.id, parsed.data);
    if (!result.ok) return again(`desk:extensions.errors.${result.error}`, statusOf(result.error));
    return redirectWithToast(back, { type: "success", key: "desk:extensions.toast.extended" });
  }

  // end_incubation
  const outcome = str(form, "outcome");
  if (!OUTCOMES.includes(outcome as Outcome)) return failWith("incubation:errors.refused", 400);
  const residency = str(form, "resident");
  if (residency !== "stays" && residency !== "leaves")
    return failWith("incubation:errors.refused", 400);
  const reason = str(form, "reason");
  if (reason.length > 4000) return failWith("incubation:errors.refused", 400);
  const result = await endIncubation(db(), ctx, app.id, {
    outcome: outcome as Outcome,
    reason,
    staysResident: residency === "stays",
  });
  if (!result.ok)
    return failWith(`incubation:cohort.end.errors.${result.error}`, statusOf(result.error));
  return redirectWithToast(back, {
    type: "success",
    key: `incubation:cohort.end.toast.${outcome as Outcome}`,
  });
}
