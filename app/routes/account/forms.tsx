import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { changeEmailSchema, changePasswordSchema, profileSchema } from "~/accounts/schema";
import { LocaleSelect, NewPasswordFields } from "~/accounts/ui";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

type LastResult = SubmissionResult<string[]> | undefined;

export function ProfileForm({
  lastResult,
  name,
  locale,
}: {
  lastResult: LastResult;
  name: string;
  locale: "en" | "zh-CN";
}) {
  const { t } = useTranslation("accounts");
  const [form, fields] = useForm({
    id: "profile",
    lastResult,
    defaultValue: { intent: "profile", name, locale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const labels = { name: t("fields.name"), locale: t("fields.locale") };
  return (
    <section className="card" aria-labelledby="account-profile">
      <h2 id="account-profile">{t("account.profile")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <ErrorSummary
          form={form}
          fields={{ name: fields.name, locale: fields.locale }}
          labels={labels}
        />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <Field field={fields.name} label={labels.name} autoComplete="name" />
        <LocaleSelect field={fields.locale} label={labels.locale} />
        <SubmitButton>{t("account.saveProfile")}</SubmitButton>
      </Form>
    </section>
  );
}

export function PasswordForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation("accounts");
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    defaultValue: { intent: "change-password" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  const labels = {
    currentPassword: t("fields.currentPassword"),
    password: t("fields.newPassword"),
    confirm: t("fields.confirm"),
  };
  return (
    <section className="card" aria-labelledby="account-password">
      <h2 id="account-password">{t("account.password")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <ErrorSummary
          form={form}
          fields={{
            currentPassword: fields.currentPassword,
            password: fields.password,
            confirm: fields.confirm,
          }}
          labels={labels}
        />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <Field
          field={fields.currentPassword}
          label={labels.currentPassword}
          type="password"
          autoComplete="current-password"
        />
        <NewPasswordFields password={fields.password} confirm={fields.confirm} labels={labels} />
        <SubmitButton>{t("account.changePassword")}</SubmitButton>
      </Form>
    </section>
  );
}

export function EmailForm({
  lastResult,
  email,
  pendingEmail,
}: {
  lastResult: LastResult;
  email: string;
  pendingEmail: string | null;
}) {
  const { t } = useTranslation("accounts");
  const [form, fields] = useForm({
    id: "change-email",
    lastResult,
    defaultValue: { intent: "change-email" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeEmailSchema }),
  });
  const labels = { newEmail: t("fields.newEmail"), currentPassword: t("fields.currentPassword") };
  return (
    <section className="card" aria-labelledby="account-email">
      <h2 id="account-email">{t("account.email")}</h2>
      <p>{t("account.emailCurrent", { email })}</p>
      {pendingEmail ? (
        <div className="notice" role="status">
          <p>{t("account.pendingEmail", { email: pendingEmail })}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <ErrorSummary
          form={form}
          fields={{ newEmail: fields.newEmail, currentPassword: fields.currentPassword }}
          labels={labels}
        />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <Field field={fields.newEmail} label={labels.newEmail} type="email" autoComplete="email" />
        <Field
          field={fields.currentPassword}
          label={labels.currentPassword}
          type="password"
          autoComplete="current-password"
          hint={t("account.reauthHint")}
        />
        <SubmitButton>{t("account.changeEmail")}</SubmitButton>
      </Form>
    </section>
  );
}
