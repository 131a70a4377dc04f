/**
 * The desk application page's forms, each handed to one domain function: screening buttons
 * and the information request (`staffTransition`), reviewers (`assignReviewers`,
 * `unassignReviewer`), comments (`addComment`), and the decision letter (`letterFromTemplate`,
 * `draftDecision`, for those who may decide). Refusals come back with the ADR 0025 status.
 */
import { data } from "@remix-run/node";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import {
  addComment,
  assignReviewers,
  draftDecision,
  letterFromTemplate,
  staffTransition,
  unassignReviewer,
  type Ctx,
  type getApplicationForStaff,
} from "~/incubation/incubation.server";
import { commentSchema, decisionSchema, requestInfoSchema } from "~/incubation/schema";
import { OUTCOMES, type Outcome, type TransitionAction } from "~/incubation/workflow";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { BUTTON_ACTIONS, type ActionData } from "./action-data";

type App = NonNullable<Awaited<ReturnType<typeof getApplicationForStaff>>>;
interface Args {
  user: SessionUser;
  ctx: Ctx;
  app: App;
  form: FormData;
}

const answer = (body: ActionData, status: number) => data<ActionData>(body, { status });
const done = (app: App, key: string) =>
  redirectWithToast(`/desk/incubation/applications/${app.id}`, { type: "success", key });
const refusalKey = (error: string) =>
  `incubation:errors.${error === "stale" ? "stale" : "refused"}`;

type Answer = Response | ActionData | ReturnType<typeof answer>;

const INTENTS: Record<string, (args: Args) => Promise<Answer>> = {
  async transition({ ctx, app, form }) {
    const action = String(form.get("action") ?? "") as TransitionAction;
    if (!BUTTON_ACTIONS.includes(action))
      return answer({ intent: "transition", error: "incubation:errors.refused" }, 400);
    const result = await staffTransition(db(), ctx, app.id, action);
    if (!result.ok)
      return answer({ intent: "transition", error: refusalKey(result.error) }, statusOf(result));
    return done(app, "incubation:toast.transitioned");
  },
  async request_info({ ctx, app, form }) {
    const intent = "request_info";
    const submission = parseForm(form, { schema: requestInfoSchema });
    if (submission.status !== "success")
      return answer({ intent, errors: submission.reply().error as ActionData["errors"] }, 400);
    const { message } = submission.value;
    const result = await staffTransition(db(), ctx, app.id, "request_info", message);
    if (!result.ok)
      return answer(
        { intent, error: refusalKey(result.error), values: { message } },
        statusOf(result),
      );
    return done(app, "incubation:toast.infoRequested");
  },
  async assign({ ctx, app, form }) {
    await assignReviewers(db(), ctx, app.id, form.getAll("reviewerId").map(String));
    return done(app, "incubation:toast.assigned");
  },
  async unassign({ ctx, app, form }) {
    await unassignReviewer(db(), ctx, app.id, String(form.get("reviewerId") ?? ""));
    return done(app, "incubation:toast.unassigned");
  },
  async comment({ ctx, app, form }) {
    const submission = parseForm(form, { schema: commentSchema });
    if (submission.status !== "success")
      return answer(
        { intent: "comment", errors: submission.reply().error as ActionData["errors"] },
        400,
      );
    await addComment(db(), ctx, app.id, submission.value.body);
    return done(app, "incubation:toast.commented");
  },
  async template({ user, app, form }) {
    if (!can(user, "decide:application:any")) forbidden();
    const outcome = String(form.get("outcome") ?? "");
    if (!(OUTCOMES as readonly string[]).includes(outcome))
      return answer(
        { intent: "template", errors: { outcome: ["incubation:errors.outcome"] } },
        400,
      );
    const letter = letterFromTemplate(outcome as Outcome, app.applicantLocale, app);
    return { intent: "template", values: { outcome, letter } };
  },
  async decision({ user, ctx, app, form }) {
    if (!can(user, "decide:application:any")) forbidden();
    const intent = "decision";
    const submission = parseForm(form, { schema: decisionSchema });
    const values = Object.fromEntries(
      ["outcome", "letter", "conditions", "space", "replyBy", "startDate", "plannedEndDate"].map(
        (k) => [k, String(form.get(k) ?? "")],
      ),
    );
    if (submission.status !== "success")
      return answer(
        { intent, errors: submission.reply().error as ActionData["errors"], values },
        400,
      );
    const v = submission.value;
    const result = await draftDecision(db(), ctx, app.id, {
      outcome: v.outcome,
      letter: v.letter,
      locale: app.applicantLocale,
      terms: {
        conditions: v.conditions ?? "",
        space: v.space ?? "",
        replyBy: v.replyBy,
        startDate: v.startDate,
        plannedEndDate: v.plannedEndDate,
      },
    });
    if (!result.ok)
      return answer({ intent, error: "incubation:errors.refused", values }, statusOf(result));
    return done(app, "incubation:toast.decisionSaved");
  },
};

export async function runApplicationIntent(intent: string, args: Args) {
  const run = Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!run) return answer({ intent, error: "incubation:errors.refused" }, 400);
  return run(args);
}
