/** The payee form (ADR 0048): kept as typed when refused, with or without JavaScript. */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { payeeSchema } from "~/policies/claim-schema";

export function PayeeForm({
  version,
  lastResult,
  defaults,
}: {
  version: number;
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: { accountName: string; bankName: string; accountNumber: string };
}) {
  const { t } = useTranslation("claims");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "payee",
    lastResult,
    defaultValue: { ...defaults, version: String(version) },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: payeeSchema }),
  });
  const labels = {
    accountName: t("payee.accountName"),
    bankName: t("payee.bankName"),
    accountNumber: t("payee.accountNumber"),
    confirm: t("payee.confirm"),
  };
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <input type="hidden" name="version" value={version} />
      <ErrorSummary
        form={form}
        fields={{
          accountName: fields.accountName,
          bankName: fields.bankName,
          accountNumber: fields.accountNumber,
          confirm: fields.confirm,
        }}
        labels={labels}
      />
      <Field
        field={fields.accountName}
        label={labels.accountName}
        hint={t("payee.accountNameHint")}
        autoComplete="organization"
      />
      <Field field={fields.bankName} label={labels.bankName} />
      <Field
        field={fields.accountNumber}
        label={labels.accountNumber}
        hint={t("payee.accountNumberHint")}
        inputMode="numeric"
        autoComplete="off"
      />
      <div className={`field${fields.confirm.errors?.length ? " has-error" : ""}`}>
        <label className="checkbox">
          <input
            {...getInputProps(fields.confirm, { type: "checkbox", value: "on" })}
            aria-describedby={`${fields.confirm.id}-error`}
          />
          <span>{labels.confirm}</span>
        </label>
        <FieldErrors
          id={`${fields.confirm.id}-error`}
          errors={fields.confirm.errors ?? []}
          format={errorText}
        />
      </div>
      <SubmitButton pendingText={t("payee.submitting")}>{t("payee.submit")}</SubmitButton>
    </Form>
  );
}
