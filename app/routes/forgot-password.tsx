import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { requestPasswordReset } from "~/accounts/accounts.server";
import { forgotPasswordSchema } from "~/accounts/schema";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { Honeypot, isHoneypotFilled } from "~/components/honeypot";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Reset your password · 重置密码 | Zizhu Park Portal") },
];

// Public: anyone may ask for a link (signed in or not); the answer never tells whether an
// account uses the address.
export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The answer is a redirect (a reload never asks again) with the same words whether or not an
  // account uses the address; a bot that fills the hidden field gets it too, and nothing is sent.
  const sent = () =>
    redirectWithToast("/forgot-password", {
      type: "success",
      key: "accounts:forgot.sent",
      values: { email: submission.value.email },
    });
  if (isHoneypotFilled(formData)) return sent();
  const result = await requestPasswordReset(
    db(),
    submission.value.email,
    requestMeta(request, context),
  );
  if (!result.ok)
    return data(submission.reply({ formErrors: ["common:errors.tooManyRequests"] }), {
      status: 429,
    });
  return sent();
}

export default function ForgotPassword() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="container narrow auth-page">
      <div className="card">
        <h1>{t("forgot.title")}</h1>
        <p className="muted">{t("forgot.lead")}</p>
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <ErrorSummary
            form={form}
            fields={{ email: fields.email }}
            labels={{ email: t("fields.email") }}
          />
          <Honeypot />
          <Field field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
          <SubmitButton className="button button-block">{t("forgot.submit")}</SubmitButton>
        </Form>
        <p style={{ marginTop: "1rem" }}>
          <Link to="/login">{t("forgot.back")}</Link>
        </p>
      </div>
    </div>
  );
}
