/**
 * Steps 1-4: the step's questions, kept as typed after a refusal or a conflict. With
 * JavaScript every change is saved on the server as the person types (./autosave.ts); without,
 * every button (and every step tab, which submits this form) saves first.
 */
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import type { Gap } from "~/incubation/incubation.server";
import { QuestionField, useParkTime, usePick } from "~/incubation/ui";
import type { ActionData, CompanyApp } from "./action-data";
import { useAutosave } from "./autosave";

export const STEP_FORM_ID = "step-form";

export function AnswersStep({
  app,
  step,
  actionData,
  missing,
}: {
  app: CompanyApp;
  step: number;
  actionData: ActionData | undefined;
  /** Required answers of this step still empty, shown after "Save and continue". */
  missing: Gap[] | null;
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();
  const kept = actionData && "values" in actionData ? actionData.values : undefined;
  const loadedVersion = actionData?.kind === "conflict" ? actionData.version : app.version;
  const autosave = useAutosave(loadedVersion);
  return (
    <Form
      method="post"
      className="form-stack card"
      id={STEP_FORM_ID}
      ref={autosave.formRef}
      onChange={autosave.onChange}
      onSubmit={autosave.onSubmit}
    >
      {missing?.length ? (
        <div className="error-summary" role="alert" data-testid="step-missing">
          <h3>{t("app.missingTitle")}</h3>
          <ul>
            {missing.map((g) => (
              <li key={g.key}>
                <a href={`#q-${g.key}`}>{pick(g.labelEn, g.labelZh)}</a>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/applications/${app.id}/step/${step + 1}`}>
              {t("app.continueAnyway", { n: String(step + 1) })}
            </Link>
          </p>
        </div>
      ) : null}
      <input type="hidden" name="version" value={autosave.version} readOnly />
      {app.questions
        .filter((q) => q.step === step)
        .map((q) => (
          <QuestionField
            // Remounted (to show kept input) only after a refused save, not after an autosave.
            key={`${q.key}-${actionData?.kind === "conflict" ? actionData.version : "loaded"}`}
            question={q}
            value={kept?.[q.key] ?? app.answers[q.key] ?? ""}
            error={actionData?.kind === "error" ? actionData.fieldErrors?.[q.key] : undefined}
          />
        ))}
      <p className="muted autosave-status" role="status" data-testid="autosave-status">
        {autosave.state === "dirty"
          ? t("app.autosaveDirty")
          : autosave.state === "saving"
            ? t("app.saving")
            : autosave.state === "saved" && autosave.savedAt
              ? t("app.autosaved", { date: time(autosave.savedAt) })
              : autosave.state === "conflict"
                ? t("app.conflict")
                : autosave.state === "error"
                  ? t("app.autosaveError")
                  : null}
      </p>
      <div className="row">
        {step > 1 ? (
          <SubmitButton className="button button-secondary" name="intent" value="back">
            {t("app.saveBack")}
          </SubmitButton>
        ) : null}
        <SubmitButton
          className="button button-secondary"
          name="intent"
          value="save"
          pendingText={t("app.saving")}
        >
          {t("app.saveDraft")}
        </SubmitButton>
        <SubmitButton className="button" name="intent" value="next" pendingText={t("app.saving")}>
          {t("app.saveContinue")}
        </SubmitButton>
      </div>
    </Form>
  );
}
