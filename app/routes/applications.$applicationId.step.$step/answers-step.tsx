/** Steps 1-4: the step's questions, kept as typed after a refusal or a conflict. */
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { QuestionField } from "~/incubation/ui";
import type { ActionData, CompanyApp } from "./action-data";

export function AnswersStep({
  app,
  step,
  actionData,
}: {
  app: CompanyApp;
  step: number;
  actionData: ActionData | undefined;
}) {
  const { t } = useTranslation("incubation");
  const kept = actionData && "values" in actionData ? actionData.values : undefined;
  const version = actionData?.kind === "conflict" ? actionData.version : app.version;
  return (
    <Form method="post" className="form-stack card">
      <input type="hidden" name="version" value={version} readOnly />
      {app.questions
        .filter((q) => q.step === step)
        .map((q) => (
          <QuestionField
            key={`${q.key}-${version}`}
            question={q}
            value={kept?.[q.key] ?? app.answers[q.key] ?? ""}
            error={actionData?.kind === "error" ? actionData.fieldErrors?.[q.key] : undefined}
          />
        ))}
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
