import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { forbidden, invariantFound, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import {
  addComment,
  assignReviewers,
  draftDecision,
  getApplicationForStaff,
  letterFromTemplate,
  listReviewers,
  staffTransition,
  unassignReviewer,
} from "~/incubation/incubation.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { commentSchema, decisionSchema, requestInfoSchema } from "~/incubation/schema";
import {
  AnswersView,
  DocumentsList,
  Paragraphs,
  StatusBadge,
  useParkTime,
  usePick,
} from "~/incubation/ui";
import {
  availableActions,
  findTransition,
  isStatus,
  OUTCOME_ACTION,
  OUTCOMES,
  type Outcome,
  type TransitionAction,
} from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { ActionsHeader } from "~/components/shell";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = () => [{ title: "Application · 申请 | Zizhu Park Portal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:application:any");
  const app = await getApplicationForStaff(db(), params.applicationId ?? "");
  invariantFound(app);
  if (app.status === "draft") invariantFound(false);
  const outcomes = OUTCOMES.filter((o) => findTransition(OUTCOME_ACTION[o], app.status, "staff"));
  // The letter starts from the template of the first allowed outcome, in the applicant's language.
  const defaultLetter =
    app.decision_letter ??
    (outcomes[0] ? letterFromTemplate(outcomes[0], app.applicantLocale, app) : "");
  return {
    app,
    reviewers: await listReviewers(db()),
    canDecide: can(user, "decide:application:any"),
    defaultLetter,
  };
}

type ActionData = {
  intent: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  error?: string;
};

/** Screening buttons: everything staff may do but the two with their own forms (and decisions). */
const BUTTON_ACTIONS: TransitionAction[] = ["start_screening", "send_to_review"];

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:application:any");
  const app = await getApplicationForStaff(db(), params.applicationId ?? "");
  invariantFound(app);
  const ctx = ctxOf(request, context, user);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const here = `/desk/incubation/applications/${app.id}`;

  switch (intent) {
    case "transition": {
      const action = String(form.get("action") ?? "") as TransitionAction;
      if (!BUTTON_ACTIONS.includes(action))
        return data<ActionData>({ intent, error: "incubation:errors.refused" }, { status: 400 });
      const result = await staffTransition(db(), ctx, app.id, action);
      if (!result.ok)
        return data<ActionData>(
          { intent, error: `incubation:errors.${result.error === "stale" ? "stale" : "refused"}` },
          { status: 409 },
        );
      return redirectWithToast(here, { type: "success", key: "incubation:toast.transitioned" });
    }
    case "request_info": {
      const submission = parseForm(form, { schema: requestInfoSchema });
      if (submission.status !== "success")
        return data<ActionData>(
          { intent, errors: submission.reply().error as Record<string, string[]> },
          { status: 400 },
        );
      const result = await staffTransition(
        db(),
        ctx,
        app.id,
        "request_info",
        submission.value.message,
      );
      if (!result.ok)
        return data<ActionData>(
          {
            intent,
            error: `incubation:errors.${result.error === "stale" ? "stale" : "refused"}`,
            values: { message: submission.value.message },
          },
          { status: 409 },
        );
      return redirectWithToast(here, { type: "success", key: "incubation:toast.infoRequested" });
    }
    case "assign": {
      const ids = form.getAll("reviewerId").map(String);
      await assignReviewers(db(), ctx, app.id, ids);
      return redirectWithToast(here, { type: "success", key: "incubation:toast.assigned" });
    }
    case "unassign": {
      await unassignReviewer(db(), ctx, app.id, String(form.get("reviewerId") ?? ""));
      return redirectWithToast(here, { type: "success", key: "incubation:toast.unassigned" });
    }
    case "comment": {
      const submission = parseForm(form, { schema: commentSchema });
      if (submission.status !== "success")
        return data<ActionData>(
          { intent, errors: submission.reply().error as Record<string, string[]> },
          { status: 400 },
        );
      await addComment(db(), ctx, app.id, submission.value.body);
      return redirectWithToast(here, { type: "success", key: "incubation:toast.commented" });
    }
    case "template": {
      if (!can(user, "decide:application:any")) forbidden();
      const outcome = String(form.get("outcome") ?? "");
      if (!(OUTCOMES as readonly string[]).includes(outcome))
        return data<ActionData>(
          { intent, errors: { outcome: ["incubation:errors.outcome"] } },
          { status: 400 },
        );
      return {
        intent,
        values: {
          outcome,
          letter: letterFromTemplate(outcome as Outcome, app.applicantLocale, app),
        },
      } satisfies ActionData;
    }
    case "decision": {
      if (!can(user, "decide:application:any")) forbidden();
      const submission = parseForm(form, { schema: decisionSchema });
      const values = {
        outcome: String(form.get("outcome") ?? ""),
        letter: String(form.get("letter") ?? ""),
      };
      if (submission.status !== "success")
        return data<ActionData>(
          { intent, errors: submission.reply().error as Record<string, string[]>, values },
          { status: 400 },
        );
      const result = await draftDecision(db(), ctx, app.id, {
        ...submission.value,
        locale: app.applicantLocale,
      });
      if (!result.ok)
        return data<ActionData>(
          { intent, error: "incubation:errors.refused", values },
          { status: 409 },
        );
      return redirectWithToast(here, { type: "success", key: "incubation:toast.decisionSaved" });
    }
    default:
      return data<ActionData>({ intent, error: "incubation:errors.refused" }, { status: 400 });
  }
}

export default function StaffApplication() {
  const { app, reviewers, canDecide, defaultLetter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("incubation");
  const errorText = useErrorText();
  const pick = usePick();
  const time = useParkTime();
  const actions = availableActions(app.status, "staff");
  const buttons = actions.filter((a) => BUTTON_ACTIONS.includes(a));
  const outcomes = OUTCOMES.filter((o) => findTransition(OUTCOME_ACTION[o], app.status, "staff"));
  const errs = (intent: string, name: string) =>
    actionData?.intent === intent ? (actionData.errors?.[name] ?? []) : [];
  const formError = (intent: string) =>
    actionData?.intent === intent && actionData.error ? (
      <p className="notice notice-danger" role="alert">
        {errorText(actionData.error)}
      </p>
    ) : null;
  const assignedIds = new Set(app.assignments.map((a) => a.reviewer_id));
  const decisionValues =
    actionData?.intent === "template" || actionData?.intent === "decision"
      ? actionData.values
      : undefined;
  const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));

  return (
    <div className="container">
      <p>
        <Link to={`/desk/incubation/calls/${app.call_id}`}>
          ← {pick(app.call_title_en, app.call_title_zh)}
        </Link>
      </p>
      <header className="page-header">
        <h1>{pick(app.company_en, app.company_zh)}</h1>
        <p>
          <StatusBadge status={app.status} />{" "}
          {app.submitted_at ? <span className="muted">· {time(app.submitted_at)}</span> : null}
        </p>
      </header>

      <section className="card stack">
        <h2>{t("staffApp.actions")}</h2>
        {formError("transition")}
        {buttons.length ? (
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="transition" />
            {buttons.map((a) => (
              <button key={a} type="submit" name="action" value={a} className="button">
                {t(`action.${a}`)}
              </button>
            ))}
          </Form>
        ) : null}
        {actions.includes("request_info") ? (
          <Form method="post" className="form-stack">
            <IdempotencyKey />
            <input type="hidden" name="intent" value="request_info" />
            <h3>{t("staffApp.requestInfo")}</h3>
            {formError("request_info")}
            <div className={`field${errs("request_info", "message").length ? " has-error" : ""}`}>
              <label htmlFor="info-message">{t("staffApp.message")}</label>
              <p className="field-hint">{t("staffApp.requestInfoHint")}</p>
              <textarea
                id="info-message"
                name="message"
                rows={4}
                defaultValue={
                  actionData?.intent === "request_info" ? actionData.values?.message : undefined
                }
              />
              <div className="field-errors">
                {errs("request_info", "message").map((e) => (
                  <p key={e}>{errorText(e)}</p>
                ))}
              </div>
            </div>
            <button type="submit" className="button button-secondary">
              {t("staffApp.send")}
            </button>
          </Form>
        ) : null}
        {!buttons.length && !actions.includes("request_info") ? (
          <p className="muted">{t("staffApp.noActions")}</p>
        ) : null}
      </section>

      <section className="section">
        <h2>{t("staffApp.answers")}</h2>
        <AnswersView questions={app.questions} answers={app.answers} />
        <h3>{t("staffApp.documents")}</h3>
        <DocumentsList
          applicationId={app.id}
          specs={app.document_specs}
          documents={app.documents}
        />
      </section>

      <section className="section card stack">
        <h2>{t("staffApp.assign")}</h2>
        <p>
          <strong>{t("staffApp.totals")}:</strong> {t("callDesk.mean")}{" "}
          {fmt(app.totals.weightedMean)} · {t("callDesk.normalised")} {fmt(app.totals.normalised)} ·{" "}
          {t("callDesk.reviews")} {app.totals.reviews}
        </p>
        {app.assignments.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("callDesk.reviewers")}</th>
                  <th>{t("staffApp.score")}</th>
                  {app.rubric.map((c) => (
                    <th key={c.key}>
                      {pick(c.labelEn, c.labelZh)} (×{c.weight})
                    </th>
                  ))}
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {app.assignments.map((a) => (
                  <tr key={a.reviewer_id}>
                    <td>
                      {a.name}
                      {a.overall_comment ? <div className="muted">{a.overall_comment}</div> : null}
                    </td>
                    <td>
                      {a.conflict_declared_at ? (
                        <span className="badge badge-warning">
                          {t("staffApp.conflict", { reason: a.conflict_reason ?? "" })}
                        </span>
                      ) : a.submitted_at ? (
                        t("staffApp.scoredAt", { total: fmt(a.total) })
                      ) : (
                        <span className="muted">{t("staffApp.notSubmitted")}</span>
                      )}
                    </td>
                    {app.rubric.map((c) => (
                      <td key={c.key}>
                        {a.submitted_at ? `${a.scores[c.key]?.score ?? "—"}/${c.max}` : "—"}
                        {a.submitted_at && a.scores[c.key]?.comment ? (
                          <div className="muted">{a.scores[c.key]?.comment}</div>
                        ) : null}
                      </td>
                    ))}
                    <td>
                      {!a.submitted_at && !a.conflict_declared_at ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="unassign" />
                          <input type="hidden" name="reviewerId" value={a.reviewer_id} />
                          <button type="submit" className="button button-secondary button-small">
                            {t("staffApp.unassign")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {reviewers.some((r) => !assignedIds.has(r.id)) ? (
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="assign" />
            <fieldset>
              <legend>{t("staffApp.assignHint")}</legend>
              {reviewers
                .filter((r) => !assignedIds.has(r.id))
                .map((r) => (
                  <label key={r.id} className="checkbox">
                    <input type="checkbox" name="reviewerId" value={r.id} /> {r.name}
                  </label>
                ))}
            </fieldset>
            <button type="submit" className="button button-secondary">
              {t("staffApp.assignButton")}
            </button>
          </Form>
        ) : !reviewers.length ? (
          <p className="muted">{t("staffApp.noReviewers")}</p>
        ) : null}
      </section>

      {canDecide ? (
        <section className="section card stack">
          <h2>{t("staffApp.decision")}</h2>
          {app.decision_released_at ? (
            <p className="notice notice-success">
              {t("staffApp.released", { date: time(app.decision_released_at) })}
            </p>
          ) : null}
          {app.decision_outcome && !app.decision_released_at ? (
            <p className="notice">
              {t("staffApp.pendingDecision", {
                outcome: t(`status.${app.decision_outcome as "accepted"}`),
              })}
            </p>
          ) : null}
          {app.decision_letter ? <Paragraphs text={app.decision_letter} /> : null}
          {outcomes.length && !app.decision_released_at ? (
            <Form method="post" className="form-stack">
              <p className="field-hint">
                {t("staffApp.decisionHint", {
                  locale: app.applicantLocale === "zh-CN" ? "简体中文" : "English",
                })}
              </p>
              {formError("decision")}
              <div
                className={`field${errs("decision", "outcome").length || errs("template", "outcome").length ? " has-error" : ""}`}
              >
                <label htmlFor="decision-outcome">{t("callDesk.outcome")}</label>
                <select
                  id="decision-outcome"
                  name="outcome"
                  defaultValue={decisionValues?.outcome ?? app.decision_outcome ?? outcomes[0]}
                  key={decisionValues?.outcome}
                >
                  {outcomes.map((o) => (
                    <option key={o} value={o}>
                      {t(`status.${o}`)}
                    </option>
                  ))}
                </select>
                <div className="field-errors">
                  {[...errs("decision", "outcome"), ...errs("template", "outcome")].map((e) => (
                    <p key={e}>{errorText(e)}</p>
                  ))}
                </div>
              </div>
              <button
                type="submit"
                name="intent"
                value="template"
                className="button button-secondary"
              >
                {t("staffApp.useTemplate")}
              </button>
              <div className={`field${errs("decision", "letter").length ? " has-error" : ""}`}>
                <label htmlFor="decision-letter">{t("staffApp.letter")}</label>
                <textarea
                  id="decision-letter"
                  name="letter"
                  rows={14}
                  key={decisionValues?.letter ?? "stored"}
                  defaultValue={decisionValues?.letter ?? defaultLetter}
                />
                <div className="field-errors">
                  {errs("decision", "letter").map((e) => (
                    <p key={e}>{errorText(e)}</p>
                  ))}
                </div>
              </div>
              <button type="submit" name="intent" value="decision" className="button">
                {t("staffApp.saveDecision")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="section card stack">
        <h2>{t("staffApp.comments")}</h2>
        <p className="field-hint">{t("staffApp.commentsHint")}</p>
        {app.comments.length ? (
          <ul>
            {app.comments.map((c) => (
              <li key={c.id}>
                <span className="muted">
                  {c.author} · {time(c.created_at)}
                </span>
                <div style={{ whiteSpace: "pre-line" }}>{c.body}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("staffApp.noComments")}</p>
        )}
        <Form method="post" className="form-stack">
          <IdempotencyKey />
          <input type="hidden" name="intent" value="comment" />
          <div className={`field${errs("comment", "body").length ? " has-error" : ""}`}>
            <label htmlFor="comment-body">{t("staffApp.comment")}</label>
            <textarea id="comment-body" name="body" rows={3} />
            <div className="field-errors">
              {errs("comment", "body").map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          </div>
          <button type="submit" className="button button-secondary">
            {t("staffApp.addComment")}
          </button>
        </Form>
      </section>

      <section className="section">
        <h2>{t("staffApp.history")}</h2>
        <ul>
          {app.messages.map((m) => (
            <li key={m.id}>
              <span className="muted">{time(m.created_at)}</span> —{" "}
              {m.status && isStatus(m.status) ? t(`status.${m.status}`) : null}
              {m.kind === "info_request" && m.body ? (
                <span style={{ whiteSpace: "pre-line" }}>: {m.body}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
