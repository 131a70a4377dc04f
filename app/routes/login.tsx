import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { logIn } from "~/accounts/accounts.server";
import { loginSchema } from "~/accounts/schema";
import { requireAnonymous } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { sessionCookie } from "~/lib/cookies.server";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Sign in · 登录 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Sign in to the Zizhu High-Tech Park portal: service requests, applications, company.",
    "登录紫竹高新区门户：服务申请、孵化申报与企业信息。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: loginSchema });
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await logIn(db(), submission.value, requestMeta(request, context));
  if (!result.ok) {
    const message =
      result.error === "throttled" ? "accounts:login.throttled" : "accounts:login.invalid";
    return data(
      {
        ...submission.reply({ formErrors: [message], hideFields: ["password"] }),
        retryAfter: result.error === "throttled" ? result.retryAfterSeconds : undefined,
      },
      { status: result.error === "throttled" ? 429 : 400 },
    );
  }
  return redirectWithToast(
    safeRedirect(submission.value.redirectTo, result.parkSide ? "/desk" : "/account"),
    { type: "success", key: "accounts:toast.signedIn" },
    { headers: { "Set-Cookie": sessionCookie(result.token, result.cookieExpiry) } },
  );
}

export default function Login() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  const retryAfter = lastResult && "retryAfter" in lastResult ? lastResult.retryAfter : undefined;
  return (
    <div className="container narrow auth-page">
      <div className="card">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.lead")}</p>
        {/* A document load: the signed-in page needs all of the browser's strings
            (entry.client.tsx), which a visitor's page does not load. */}
        <Form method="post" {...getFormProps(form)} className="form-stack" reloadDocument>
          {form.errors?.length ? (
            <div className="error-summary" role="alert">
              {form.errors.map((e) => (
                <p key={e} style={{ margin: 0 }}>
                  {e === "accounts:login.throttled"
                    ? t("login.throttled", { seconds: retryAfter ?? 60 })
                    : t("login.invalid")}
                </p>
              ))}
            </div>
          ) : (
            <ErrorSummary
              form={form}
              fields={{ email: fields.email, password: fields.password }}
              labels={{ email: t("fields.email"), password: t("fields.password") }}
            />
          )}
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            field={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="username"
          />
          <Field
            field={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="current-password"
          />
          <SubmitButton className="button button-block" pendingText={t("login.submitting")}>
            {t("login.submit")}
          </SubmitButton>
        </Form>
        <div className="spread" style={{ marginTop: "1rem" }}>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
          <span>
            {t("login.noAccount")} <Link to="/signup">{t("login.createAccount")}</Link>
          </span>
        </div>
      </div>
    </div>
  );
}
