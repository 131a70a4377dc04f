import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { Honeypot, isHoneypotFilled } from "~/components/honeypot";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { submitInquiry } from "~/inquiries/inquiries.server";
import { redirectToThanks } from "~/inquiries/thanks.server";
import { INTERESTS, inquirySchema } from "~/inquiries/schema";
import { requestMeta } from "~/lib/request.server";
import { idempotent } from "~/forms/idempotency.server";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["inquiries"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Contact the park · 联系园区 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Send an investment inquiry to Zizhu High-Tech Park.",
    "向紫竹高新区提交投资咨询，园区招商团队将尽快答复。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const interest = new URL(request.url).searchParams.get("interest");
  return {
    interest: (INTERESTS as readonly string[]).includes(interest ?? "") ? interest : null,
    name: user?.name ?? "",
    email: user?.email ?? "",
    organisation: user?.company
      ? user.locale === "zh-CN"
        ? user.company.nameZh
        : user.company.nameEn
      : "",
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: inquirySchema });
  // A bot that filled the hidden field gets the same thank-you page and nothing is stored.
  if (isHoneypotFilled(formData)) return redirectToThanks("INQ-0000-00000");
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const meta = requestMeta(request, context);
  const result = await submitInquiry(db(), submission.value, {
    ip: meta.ip,
    locale: detectLocale(request, user?.locale),
    origin: meta.origin,
  });
  if (!result.ok)
    return data(submission.reply({ formErrors: ["inquiries:errors.throttled"] }), { status: 429 });
  return redirectToThanks(result.reference);
}

export default function Contact() {
  const defaults = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("inquiries");
  const lastResult = actionData;
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      interest: defaults.interest ?? "",
      name: defaults.name,
      email: defaults.email,
      organisation: defaults.organisation,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inquirySchema }),
  });
  const labels = {
    name: t("form.fields.name"),
    organisation: t("form.fields.organisation"),
    email: t("form.fields.email"),
    phone: t("form.fields.phone"),
    country: t("form.fields.country"),
    interest: t("form.fields.interest"),
    message: t("form.fields.message"),
  };
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{t("form.title")}</h1>
        <p className="lead">{t("form.lead")}</p>
      </header>
      <div className="card">
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <ErrorSummary form={form} fields={fields} labels={labels} />
          <IdempotencyKey />
          <Honeypot />
          <Field field={fields.name} label={labels.name} autoComplete="name" />
          <Field
            field={fields.organisation}
            label={labels.organisation}
            autoComplete="organization"
            optional
          />
          <Field field={fields.email} label={labels.email} type="email" autoComplete="email" />
          <Field field={fields.phone} label={labels.phone} type="tel" autoComplete="tel" optional />
          <Field
            field={fields.country}
            label={labels.country}
            autoComplete="country-name"
            optional
          />
          <SelectField
            field={fields.interest}
            label={labels.interest}
            placeholder={t("form.choose")}
            options={INTERESTS.map((i) => ({ value: i, label: t(`form.interest.${i}`) }))}
          />
          <TextareaField field={fields.message} label={labels.message} rows={6} />
          <p className="muted">{t("form.privacy")}</p>
          <SubmitButton pendingText={t("form.submitting")}>{t("form.submit")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
