/** Staff comments (with the form to add one) and the application's history. */
import { Form } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { useParkTime } from "~/incubation/ui";
import { isStatus } from "~/incubation/workflow";
import type { StaffApp } from "./action-data";
import { ErrorLines, type Feedback } from "./feedback";

export function Comments({ app, feedback }: { app: StaffApp; feedback: Feedback }) {
  const { t } = useTranslation("incubation");
  const time = useParkTime();
  const bodyErrors = feedback.errs("comment", "body");
  return (
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
        <div className={`field${bodyErrors.length ? " has-error" : ""}`}>
          <label htmlFor="comment-body">{t("staffApp.comment")}</label>
          <textarea id="comment-body" name="body" rows={3} />
          <ErrorLines errors={bodyErrors} feedback={feedback} />
        </div>
        <button type="submit" className="button button-secondary">
          {t("staffApp.addComment")}
        </button>
      </Form>
    </section>
  );
}

export function History({ messages }: { messages: StaffApp["messages"] }) {
  const { t } = useTranslation("incubation");
  const time = useParkTime();
  return (
    <section className="section">
      <h2>{t("staffApp.history")}</h2>
      <ul>
        {messages.map((m) => (
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
  );
}
