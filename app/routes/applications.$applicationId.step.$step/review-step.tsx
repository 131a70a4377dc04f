/** Step 6: what is still missing (linked to its step), the answers and documents, and submit. */
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import type { Gap } from "~/incubation/incubation.server";
import { AnswersView, DocumentsList, useParkTime, usePick } from "~/incubation/ui";
import type { CompanyApp } from "./action-data";

export function ReviewStep({
  app,
  gaps,
  refused,
  closed,
}: {
  app: CompanyApp;
  gaps: Gap[];
  /** The gaps are the answer to a refused submission: announced. */
  refused: boolean;
  closed: boolean;
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();
  return (
    <div className="stack">
      <p>{t("submit.lead")}</p>
      {closed ? (
        <p className="notice notice-warning">
          {t("app.closedNotice", { date: time(app.closes_at) })}
        </p>
      ) : null}
      {gaps.length ? (
        <div className="error-summary" role={refused ? "alert" : undefined}>
          <h2>{t("submit.gapsTitle")}</h2>
          <ul>
            {gaps.map((g) => (
              <li key={`${g.kind}-${g.key}`}>
                <Link
                  to={`/applications/${app.id}/step/${g.step}#${g.kind === "answer" ? `q-${g.key}` : "doc-kind"}`}
                >
                  {t(g.kind === "answer" ? "submit.gapAnswer" : "submit.gapDocument", {
                    label: pick(g.labelEn, g.labelZh),
                    step: String(g.step),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice notice-success">{t("submit.ready")}</p>
      )}
      <AnswersView questions={app.questions} answers={app.answers} />
      <h3>{t("steps.5")}</h3>
      <DocumentsList applicationId={app.id} specs={app.document_specs} documents={app.documents} />
      <Form method="post" className="row">
        <button type="submit" name="intent" value="back" className="button button-secondary">
          {t("app.saveBack")}
        </button>
        {closed ? null : (
          <SubmitButton
            className="button"
            name="intent"
            value="submit"
            pendingText={t("app.saving")}
          >
            {app.status === "info_requested" ? t("action.resubmit") : t("action.submit")}
          </SubmitButton>
        )}
      </Form>
    </div>
  );
}
