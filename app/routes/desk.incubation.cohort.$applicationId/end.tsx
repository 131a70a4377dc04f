/**
 * Graduation or an early exit (ADR 0040): each behind a confirmation (a dialog with
 * JavaScript, a confirmation page without) whose form asks the reason and the residency.
 */
import { Form } from "@remix-run/react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

export function EndIncubation({ company }: { company: string }) {
  const { t } = useTranslation("incubation");
  return (
    <section className="card stack" aria-labelledby="end-heading">
      <h2 id="end-heading">{t("cohort.end.title")}</h2>
      <p>{t("cohort.end.lead")}</p>
      <div className="row">
        <ConfirmTrigger name="graduate" className="button">
          {t("cohort.end.graduate")}
        </ConfirmTrigger>
        <ConfirmTrigger name="exit" className="button button-danger">
          {t("cohort.end.exit")}
        </ConfirmTrigger>
      </div>
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
