import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { signUp } from "~/accounts/accounts.server";
import { signupSchema } from "~/accounts/schema";
import { requireAnonymous } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { hitWindowLimit } from "~/auth/throttle.server";
import { LocaleSelect, NewPasswordFields } from "~/accounts/ui";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { Honeypot, isHoneypotFilled } from "~/components/honeypot";
import { db } from "~/db.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Create account · 注册 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Create an account on the Zizhu High-Tech Park portal to request services and apply for incubation.",
    "注册紫竹高新区门户账号，申请园区服务、申报孵化项目。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: signupSchema });
  if (isHoneypotFilled(formData))
    return data(submission.reply({ formErrors: ["accounts:signup.tooMany"] }), { status: 400 });
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const meta = requestMeta(request, context);
  if (!(await hitWindowLimit(db(), `signup:ip:${meta.ip}`, { limit: 20, windowSeconds: 3600 }))) {
    return data(
      submission.reply({ formErrors: ["accounts:signup.tooMany"], hideFields: ["password"] }),
      { status: 429 },
    );
  }
  // The same answer whether or not the address has an account (issue 11): nobody is signed in
  // here; the emailed link confirms the address, and the person then signs in.
  const next = safeRedirect(submission.value.redirectTo, "");
  await signUp(db(), { ...submission.value, next }, meta);
  return redirectWithToast(next ? `/login?redirectTo=${encodeURIComponent(next)}` : "/login", {
    type: "info",
    key: "accounts:toast.signedUp",
    values: { email: submission.value.email },
  });
}

export default function Signup() {
  const { t } = useTranslation("accounts");
  const locale = useLocale();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { locale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  const labels = {
    name: t("fields.name"),
    email: t("fields.email"),
    password: t("fields.password"),
    locale: t("fields.locale"),
  };
  return (
    <div className="container narrow auth-page">
      <div className="card">
        <h1>{t("signup.title")}</h1>
        <p className="muted">{t("signup.lead")}</p>
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <ErrorSummary
            form={form}
            fields={{ name: fields.name, email: fields.email, password: fields.password }}
            labels={labels}
          />
          <Honeypot />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field field={fields.name} label={labels.name} autoComplete="name" />
          <Field field={fields.email} label={labels.email} type="email" autoComplete="email" />
          <NewPasswordFields password={fields.password} labels={labels} />
          <LocaleSelect field={fields.locale} label={labels.locale} />
          <SubmitButton className="button button-block" pendingText={t("signup.submitting")}>
            {t("signup.submit")}
          </SubmitButton>
        </Form>
        <p style={{ marginTop: "1rem" }}>
          {t("signup.haveAccount")} <Link to="/login">{t("signup.signIn")}</Link>
        </p>
      </div>
    </div>
  );
}
