/** The decision: its state (released, pending), the letter, and the form to draft it. */
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Paragraphs, useParkTime } from "~/incubation/ui";
import type { Outcome } from "~/incubation/workflow";
import type { OfferTerms } from "~/incubation/offer.server";
import type { StaffApp } from "./action-data";
import { ErrorLines, type Feedback } from "./feedback";

export function Decision({
  app,
  outcomes,
  defaultLetter,
  templates,
  terms,
  feedback,
}: {
  app: StaffApp;
  outcomes: Outcome[];
  defaultLetter: string;
  /** Each allowed outcome's letter, filled in when that outcome is chosen (with JavaScript). */
  templates: Record<string, string>;
  /** The offer's terms drafted so far (or the defaults), for an acceptance. */
  terms: OfferTerms;
  feedback: Feedback;
}) {
  const letterRef = useRef<HTMLTextAreaElement>(null);
  const outcomeRef = useRef<HTMLSelectElement>(null);
  /** The template fills the letter unless someone has written their own. */
  const fillLetter = (outcome: string) => {
    const letter = letterRef.current;
    const template = templates[outcome];
    if (!letter || template === undefined) return;
    const untouched = !letter.value.trim() || Object.values(templates).includes(letter.value);
    if (untouched) letter.value = template;
  };
  // An outcome chosen before the page hydrated (no change event reached React) fills the
  // letter once it has.
  useEffect(() => {
    if (outcomeRef.current?.value) fillLetter(outcomeRef.current.value);
    // Once, on hydration: later choices go through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const time = useParkTime();
  const values = feedback.values("template", "decision");
  const outcomeErrors = [
    ...feedback.errs("decision", "outcome"),
    ...feedback.errs("template", "outcome"),
  ];
  const letterErrors = feedback.errs("decision", "letter");
  return (
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
          {feedback.formError("decision")}
          <div className={`field${outcomeErrors.length ? " has-error" : ""}`}>
            <label htmlFor="decision-outcome">{tDesk("incubation.callDesk.outcome")}</label>
            <select
              id="decision-outcome"
              name="outcome"
              defaultValue={values?.outcome ?? app.decision_outcome ?? ""}
              key={values?.outcome}
              ref={outcomeRef}
              onChange={(e) => fillLetter(e.currentTarget.value)}
            >
              <option value="">{t("staffApp.chooseOutcome")}</option>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`status.${o}`)}
                </option>
              ))}
            </select>
            <ErrorLines errors={outcomeErrors} feedback={feedback} />
          </div>
          <button type="submit" name="intent" value="template" className="button button-secondary">
            {t("staffApp.useTemplate")}
          </button>
          <div className={`field${letterErrors.length ? " has-error" : ""}`}>
            <label htmlFor="decision-letter">{t("staffApp.letter")}</label>
            <textarea
              ref={letterRef}
              id="decision-letter"
              name="letter"
              rows={14}
              key={values?.letter ?? "stored"}
              defaultValue={values?.letter ?? defaultLetter}
            />
            <ErrorLines errors={letterErrors} feedback={feedback} />
          </div>
          <fieldset className="stack">
            <legend>{t("staffApp.offerTerms")}</legend>
            <p className="field-hint">{t("staffApp.offerTermsHint")}</p>
            {(
              [
                ["replyBy", "date"],
                ["startDate", "date"],
                ["plannedEndDate", "date"],
                ["space", "text"],
              ] as const
            ).map(([name, type]) => {
              const errs = feedback.errs("decision", name);
              return (
                <div key={name} className={`field${errs.length ? " has-error" : ""}`}>
                  <label htmlFor={`terms-${name}`}>{t(`staffApp.terms.${name}`)}</label>
                  <input
                    id={`terms-${name}`}
                    name={name}
                    type={type}
                    maxLength={type === "text" ? 500 : undefined}
                    defaultValue={values?.[name] ?? terms[name]}
                  />
                  <ErrorLines errors={errs} feedback={feedback} />
                </div>
              );
            })}
            <div
              className={`field${feedback.errs("decision", "conditions").length ? " has-error" : ""}`}
            >
              <label htmlFor="terms-conditions">{t("staffApp.terms.conditions")}</label>
              <textarea
                id="terms-conditions"
                name="conditions"
                rows={3}
                maxLength={4000}
                defaultValue={values?.conditions ?? terms.conditions}
              />
              <ErrorLines errors={feedback.errs("decision", "conditions")} feedback={feedback} />
            </div>
          </fieldset>
          <button type="submit" name="intent" value="decision" className="button">
            {t("staffApp.saveDecision")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
