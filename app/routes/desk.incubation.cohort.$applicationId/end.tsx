/**
 * The end-of-incubation review: graduation or an early exit (ADR 0040), or an extension with a
 * later planned end and a reason (ADR 0055); each behind a confirmation (a dialog with
 * JavaScript, a confirmation page without). The extension form keeps what was typed on an error.
 */
import { Form } from "@remix-run/react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { DateInput, SubmitButton } from "~/components/forms";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";

export interface ExtensionView {
  id: string;
  from_end_date: string;
  to_end_date: string;
  reason: string;
  extended_at: string | Date;
  extended_by: string | null;
}

/** The extensions so far: from, to, why, who and when. */
export function Extensions({ extensions }: { extensions: readonly ExtensionView[] }) {
  const { t } = useTranslation("desk");
  const locale = useLocale();
  if (!extensions.length) return null;
  return (
    <div className="stack" data-testid="extensions">
      <h3>{t("extensions.history")}</h3>
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {extensions.map((e) => (
          <li key={e.id}>
            {t("extensions.moved", {
              from: formatDate(e.from_end_date, locale),
              to: formatDate(e.to_end_date, locale),
            })}{" "}
            <span className="muted">
              ({e.extended_by ?? "—"}, {formatDate(e.extended_at, locale)})
            </span>
            <br />
            <span style={{ whiteSpace: "pre-line" }}>{e.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function EndIncubation({
  company,
  plannedEnd,
  extensions,
  typed,
  error,
}: {
  company: string;
  plannedEnd: string;
  extensions: readonly ExtensionView[];
  /** What was typed in the extension form, back with an error. */
  typed: { plannedEndDate: string; reason: string } | null;
  error: string | null;
}) {
  const { t } = useTranslation("incubation");
  const { t: td } = useTranslation("desk");
  const keyText = useKeyText();
  const locale = useLocale();
  return (
    <section className="card stack" aria-labelledby="end-heading">
      <h2 id="end-heading">{t("cohort.end.title")}</h2>
      <p>{t("cohort.end.lead")}</p>
      <Extensions extensions={extensions} />
      <div className="row">
        <ConfirmTrigger name="graduate" className="button">
          {t("cohort.end.graduate")}
        </ConfirmTrigger>
        <ConfirmTrigger name="extend" className="button button-secondary">
          {td("extensions.extend")}
        </ConfirmTrigger>
        <ConfirmTrigger name="exit" className="button button-danger">
          {t("cohort.end.exit")}
        </ConfirmTrigger>
      </div>
      <ConfirmDialog
        name="extend"
        title={td("extensions.title", { company })}
        cancelLabel={t("cohort.end.cancel")}
      >
        <p>{td("extensions.lead", { date: formatDate(plannedEnd, locale) })}</p>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="extend_incubation" />
          {typed && error ? (
            <p className="notice notice-danger" role="alert">
              {keyText(error)}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="extend-date">{td("extensions.date")}</label>
            <p className="field-hint" id="extend-date-hint">
              {td("extensions.dateHint")}
            </p>
            <DateInput
              id="extend-date"
              name="plannedEndDate"
              required
              aria-describedby="extend-date-hint"
              defaultValue={typed?.plannedEndDate ?? ""}
            />
          </div>
          <div className="field">
            <label htmlFor="extend-reason">{td("extensions.reason")}</label>
            <textarea
              id="extend-reason"
              name="reason"
              rows={3}
              maxLength={4000}
              required
              defaultValue={typed?.reason ?? ""}
            />
          </div>
          <SubmitButton className="button">{td("extensions.confirm")}</SubmitButton>
        </Form>
      </ConfirmDialog>
      {(["graduated", "exited"] as const).map((outcome) => {
        const graduate = outcome === "graduated";
        return (
          <ConfirmDialog
            key={outcome}
            name={graduate ? "graduate" : "exit"}
            title={t(graduate ? "cohort.end.graduateTitle" : "cohort.end.exitTitle", { company })}
            cancelLabel={t("cohort.end.cancel")}
          >
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="end_incubation" />
              <input type="hidden" name="outcome" value={outcome} />
              <div className="field">
                <label htmlFor={`reason-${outcome}`}>
                  {t(graduate ? "cohort.end.reasonOptional" : "cohort.end.reasonRequired")}
                </label>
                <textarea
                  id={`reason-${outcome}`}
                  name="reason"
                  rows={3}
                  maxLength={4000}
                  required={!graduate}
                />
              </div>
              <fieldset>
                <legend>{t("cohort.end.resident")}</legend>
                <label className="checkbox">
                  <input type="radio" name="resident" value="stays" defaultChecked={graduate} />{" "}
                  {t("cohort.end.stays")}
                </label>
                <label className="checkbox">
                  <input type="radio" name="resident" value="leaves" defaultChecked={!graduate} />{" "}
                  {t("cohort.end.leaves")}
                </label>
              </fieldset>
              <SubmitButton className={graduate ? "button" : "button button-danger"}>
                {t(graduate ? "cohort.end.confirmGraduate" : "cohort.end.confirmExit")}
              </SubmitButton>
            </Form>
          </ConfirmDialog>
        );
      })}
    </section>
  );
}
