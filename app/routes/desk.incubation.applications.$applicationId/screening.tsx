/** Screening: the transition buttons staff may press, and the request for information. */
import { Form } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import type { TransitionAction } from "~/incubation/workflow";
import { BUTTON_ACTIONS } from "./action-data";
import { ErrorLines, type Feedback } from "./feedback";

export function Screening({
  actions,
  feedback,
}: {
  actions: TransitionAction[];
  feedback: Feedback;
}) {
  const { t } = useTranslation("incubation");
  const buttons = actions.filter((a) => BUTTON_ACTIONS.includes(a));
  const messageErrors = feedback.errs("request_info", "message");
  return (
    <section className="card stack">
      <h2>{t("staffApp.actions")}</h2>
      {feedback.formError("transition")}
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
          {feedback.formError("request_info")}
          <div className={`field${messageErrors.length ? " has-error" : ""}`}>
            <label htmlFor="info-message">{t("staffApp.message")}</label>
            <p className="field-hint">{t("staffApp.requestInfoHint")}</p>
            <textarea
              id="info-message"
              name="message"
              rows={4}
              defaultValue={feedback.values("request_info")?.message}
            />
            <ErrorLines errors={messageErrors} feedback={feedback} />
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
  );
}
