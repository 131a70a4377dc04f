import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import {
  declareConflict,
  getReviewForReviewer,
  parseScores,
  saveReviewDraft,
  scoreKeys,
  submitReview,
} from "~/incubation/incubation.server";
import { ctxOf, formValues } from "~/incubation/route-helpers.server";
import { conflictSchema } from "~/incubation/schema";
import { AnswersView, DocumentsList, StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import { redirectWithToast } from "~/lib/toast.server";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";
import { ScoreForm } from "./score-form";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Review · 评审 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:application:assigned");
  const review = await getReviewForReviewer(db(), user.id, params.applicationId ?? "");
  invariantFound(review);
  return { review };
}

export type ActionData = {
  intent: string;
  errors?: Record<string, string[] | string>;
  values?: Record<string, string>;
  error?: string;
};

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review:application:assigned");
  const review = await getReviewForReviewer(db(), user.id, params.applicationId ?? "");
  invariantFound(review);
  const ctx = ctxOf(request, context, user);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "conflict") {
    const submission = parseForm(form, { schema: conflictSchema });
    if (submission.status !== "success")
      return data<ActionData>(
        { intent, errors: (submission.reply().error ?? {}) as Record<string, string[]> },
        { status: 400 },
      );
    await declareConflict(db(), ctx, review.id, submission.value.reason);
    return redirectWithToast("/review", {
      type: "success",
      key: "incubation:toast.conflictDeclared",
    });
  }
  if (intent === "score" || intent === "draft") {
    // "draft": partial scores saved (nothing counts until submitted); "score": submit or revise.
    const values = formValues(form, scoreKeys(review.rubric));
    const partial = intent === "draft";
    const { scores, errors } = parseScores(review.rubric, values, { partial });
    if (Object.keys(errors).length)
      return data<ActionData>({ intent: "score", errors, values }, { status: 400 });
    const overall = values.overall ?? "";
    const result = partial
      ? await saveReviewDraft(db(), ctx, review.id, scores, overall)
      : await submitReview(db(), ctx, review.id, scores, overall);
    if (!result.ok)
      return data<ActionData>(
        { intent: "score", error: "incubation:errors.refused", values },
        { status: 409 },
      );
    const key = partial
      ? "incubation:toast.reviewDraftSaved"
      : "revised" in result && result.revised
        ? "incubation:toast.reviewRevised"
        : "incubation:toast.reviewSubmitted";
    return redirectWithToast(`/review/${review.id}`, { type: "success", key });
  }
  return data<ActionData>({ intent, error: "incubation:errors.refused" }, { status: 400 });
}

export default function ReviewApplication() {
  const { review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("incubation");
  const errorText = useErrorText();
  const pick = usePick();
  const time = useParkTime();
  const err = (intent: string, name: string): string[] => {
    if (actionData?.intent !== intent) return [];
    const e = actionData.errors?.[name];
    return e ? (Array.isArray(e) ? e : [e]) : [];
  };
  const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));
  const canScore = !review.mine.submitted_at && review.status === "in_review";
  return (
    <div className="container medium">
      <p>
        <Link to="/review">← {t("review.title")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{pick(review.call_title_en, review.call_title_zh)}</p>
        <h1>{pick(review.company_en, review.company_zh)}</h1>
        <StatusBadge status={review.status} />
      </header>

      {!review.mine.submitted_at ? (
        <section className="card stack">
          <h2>{t("review.conflictTitle")}</h2>
          <p>{t("review.conflictLead")}</p>
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="conflict" />
            <div className={`field${err("conflict", "reason").length ? " has-error" : ""}`}>
              <label htmlFor="conflict-reason">{t("review.reason")}</label>
              <textarea id="conflict-reason" name="reason" rows={2} />
              <div className="field-errors">
                {err("conflict", "reason").map((e) => (
                  <p key={e}>{errorText(e)}</p>
                ))}
              </div>
            </div>
            <button type="submit" className="button button-secondary">
              {t("review.declare")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="section">
        <h2>{t("staffApp.answers")}</h2>
        <AnswersView questions={review.questions} answers={review.answers} />
        <h3>{t("staffApp.documents")}</h3>
        <DocumentsList
          applicationId={review.id}
          specs={review.document_specs}
          documents={review.documents}
        />
      </section>

      <section className="section card stack">
        <h2>{t("review.scoreTitle")}</h2>
        {review.mine.submitted_at ? (
          <>
            <p className="notice notice-success">
              {t("review.yours", { total: fmt(review.mine.total) })}
            </p>
            <ul>
              {review.rubric.map((c) => (
                <li key={c.key}>
                  {pick(c.labelEn, c.labelZh)}: {review.mine.scores[c.key]?.score}/{c.max}
                  {review.mine.scores[c.key]?.comment
                    ? ` — ${review.mine.scores[c.key]?.comment}`
                    : ""}
                </li>
              ))}
            </ul>
            {review.canRevise ? (
              <details className="stack" open={actionData?.intent === "score" || undefined}>
                <summary>{t("review.revise")}</summary>
                <p className="muted">{t("review.reviseLead")}</p>
                <ScoreForm review={review} actionData={actionData} revising />
              </details>
            ) : null}
            {review.revisions.length > 1 ? (
              <details>
                <summary>{t("review.history", { count: review.revisions.length })}</summary>
                <ul data-testid="review-history">
                  {review.revisions.map((r) => (
                    <li key={r.id}>
                      {time(r.submitted_at)}: {t("review.total", { total: fmt(r.total) })}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        ) : canScore ? (
          <ScoreForm review={review} actionData={actionData} revising={false} />
        ) : (
          <p className="muted">{t("review.notYet")}</p>
        )}
      </section>

      <section className="section card stack">
        <h2>{t("review.others")}</h2>
        {review.others === null ? (
          <p className="muted">{t("review.othersHidden")}</p>
        ) : review.others.length ? (
          <ul>
            {review.others.map((o, i) => (
              <li key={i}>
                <strong>{o.name}</strong>: {t("review.total", { total: fmt(o.total) })}
                <ul>
                  {review.rubric.map((c) => (
                    <li key={c.key}>
                      {pick(c.labelEn, c.labelZh)}: {o.scores[c.key]?.score}/{c.max}
                      {o.scores[c.key]?.comment ? ` — ${o.scores[c.key]?.comment}` : ""}
                    </li>
                  ))}
                </ul>
                {o.overall_comment ? <p className="muted">{o.overall_comment}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("review.noOthers")}</p>
        )}
      </section>
    </div>
  );
}
