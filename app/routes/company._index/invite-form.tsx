import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { inviteSchema } from "~/companies/schema";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";

/** The owner invites someone by email (checked in the browser and again by the action). */
export function InviteForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("company");
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    defaultValue: { intent: "invite" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const labels = { email: t("fields.email") };
  return (
    <section className="card" aria-labelledby="company-invite">
      <h2 id="company-invite">{t("view.invite")}</h2>
      <p className="muted">{t("view.inviteLead")}</p>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <IdempotencyKey />
        <ErrorSummary form={form} fields={{ email: fields.email }} labels={labels} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <Field field={fields.email} label={labels.email} type="email" autoComplete="off" />
        <SubmitButton pendingText={t("view.inviteSending")}>{t("view.inviteSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}
