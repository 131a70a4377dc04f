import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { statusChangeSchema } from "~/admin/schema";
import { FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

/** Disable (with an optional reason) or enable the account; nobody may disable themself. */
export function StatusForm({
  disabled,
  isSelf,
  lastResult,
}: {
  disabled: boolean;
  isSelf: boolean;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "user-status",
    lastResult,
    defaultValue: { intent: disabled ? "enable" : "disable" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
  });
  return (
    <section className="card" aria-labelledby="user-status-title">
      <h2 id="user-status-title">{t("user.statusTitle")}</h2>
      {isSelf ? (
        <p className="muted">{t("user.selfNote")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="form-stack">
          {form.errors?.length ? (
            <div className="error-summary" role="alert">
              <h3>{t("errors.title")}</h3>
              {form.errors.map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          ) : null}
          <input type="hidden" name="intent" value={disabled ? "enable" : "disable"} />
          {disabled ? (
            <p>{t("user.enableLead")}</p>
          ) : (
            <>
              <p>{t("user.disableLead")}</p>
              <div className={`field${fields.reason.errors?.length ? " has-error" : ""}`}>
                <label htmlFor={fields.reason.id}>
                  {t("user.reason")}{" "}
                  <span className="field-optional">({errorText("common:form.optional")})</span>
                </label>
                <p className="field-hint" id={`${fields.reason.id}-hint`}>
                  {t("user.reasonHint")}
                </p>
                <textarea
                  {...getTextareaProps(fields.reason, {
                    ariaDescribedBy: `${fields.reason.id}-hint`,
                  })}
                  key={fields.reason.key}
                  rows={2}
                />
                <FieldErrors
                  id={fields.reason.errorId}
                  errors={fields.reason.errors}
                  format={errorText}
                />
              </div>
            </>
          )}
          <SubmitButton className={disabled ? "button" : "button button-danger"}>
            {disabled ? t("user.enable") : t("user.disable")}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
