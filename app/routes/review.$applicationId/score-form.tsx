import { Form } from "@remix-run/react";
import { SubmitButton, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { usePick } from "~/incubation/ui";
import type { ActionData, loader } from "./route";

export type Review = Awaited<ReturnType<typeof loader>>["review"];

/** The scoring form: partial scores may be saved as a draft; submitting needs every score. */
export function ScoreForm({
  review,
  actionData,
  revising,
}: {
  review: Review;
  actionData: ActionData | undefined;
  revising: boolean;
}) {
  const { t } = useTranslation("incubation");
  const errorText = useErrorText();
  const pick = usePick();
  const err = (intent: string, name: string): string[] => {
    if (actionData?.intent !== intent) return [];
    const e = actionData.errors?.[name];
    return e ? (Array.isArray(e) ? e : [e]) : [];
  };
  const kept = actionData?.intent === "score" ? actionData.values : undefined;
  return (
    <Form method="post" className="form-stack">
      <IdempotencyKey />
      <p>{t("review.scoreLead")}</p>
      {actionData?.intent === "score" && actionData.error ? (
        <p className="notice notice-danger" role="alert">
          {errorText(actionData.error)}
        </p>
      ) : null}
      {review.rubric.map((c) => (
        <fieldset key={c.key} className="stack">
          <legend>
            {pick(c.labelEn, c.labelZh)}{" "}
            <span className="muted">({t("public.weight", { weight: String(c.weight) })})</span>
          </legend>
          <div className={`field${err("score", `score_${c.key}`).length ? " has-error" : ""}`}>
            <label htmlFor={`score-${c.key}${revising ? "-r" : ""}`}>
              {t("review.score", { max: String(c.max) })}
            </label>
            <select
              id={`score-${c.key}${revising ? "-r" : ""}`}
              name={`score_${c.key}`}
              defaultValue={
                kept?.[`score_${c.key}`] ??
                (review.mine.scores[c.key]?.score ? String(review.mine.scores[c.key]?.score) : "")
              }
            >
              <option value="">—</option>
              {Array.from({ length: c.max }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <div className="field-errors">
              {err("score", `score_${c.key}`).map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          </div>
          <div className="field">
            <label htmlFor={`comment-${c.key}${revising ? "-r" : ""}`}>{t("review.comment")}</label>
            <textarea
              id={`comment-${c.key}${revising ? "-r" : ""}`}
              name={`comment_${c.key}`}
              rows={2}
              defaultValue={kept?.[`comment_${c.key}`] ?? review.mine.scores[c.key]?.comment ?? ""}
            />
            <div className="field-errors">
              {err("score", `comment_${c.key}`).map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor={revising ? "overall-r" : "overall"}>{t("review.overall")}</label>
        <textarea
          id={revising ? "overall-r" : "overall"}
          name="overall"
          rows={3}
          defaultValue={kept?.overall ?? review.mine.overall_comment}
        />
        <div className="field-errors">
          {err("score", "overall").map((e) => (
            <p key={e}>{errorText(e)}</p>
          ))}
        </div>
      </div>
      <div className="row">
        {revising ? null : (
          <SubmitButton className="button button-secondary" name="intent" value="draft">
            {t("review.saveDraft")}
          </SubmitButton>
        )}
        <SubmitButton className="button" name="intent" value="score">
          {revising ? t("review.submitRevision") : t("review.submit")}
        </SubmitButton>
      </div>
    </Form>
  );
}
