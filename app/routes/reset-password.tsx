import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { peekToken, resetPassword } from "~/accounts/accounts.server";
import { resetPasswordSchema, tokenSchema } from "~/accounts/schema";
import { clearSessionCookie } from "~/lib/cookies.server";
import { NewPasswordFields } from "~/accounts/ui";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Choose a new password · 设置新密码 | Zizhu Park Portal") },
];

/** Public: the token is the proof. The GET only looks at it; the POST uses it up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = tokenSchema.safeParse({
    token: new URL(request.url).searchParams.get("token") ?? "",
  });
  const valid = parsed.success ? await peekToken(db(), parsed.data.token, "reset_password") : false;
  return { valid };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: resetPasswordSchema });
  const hide = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data(submission.reply(hide), { status: 400 });
  const ok = await resetPassword(db(), submission.value, requestMeta(request, context));
  if (!ok)
    return data(submission.reply({ ...hide, formErrors: ["accounts:reset.invalid"] }), {
      status: 400,
    });
  // Every session of the account has ended, this browser's too.
  return redirectWithToast(
    "/login",
    { type: "success", key: "accounts:reset.done" },
    { headers: { "Set-Cookie": clearSessionCookie() } },
  );
}

export default function ResetPassword() {
  const { t } = useTranslation("accounts");
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    defaultValue: { token: searchParams.get("token") ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  const tokenBad =
    !valid || !!fields.token.errors?.length || !!form.errors?.includes("accounts:reset.invalid");
  const labels = { password: t("fields.newPassword"), confirm: t("fields.confirm") };
  return (
    <div className="container narrow auth-page">
      <div className="card">
        <h1>{t("reset.title")}</h1>
        {tokenBad ? (
          <>
            <div className="notice notice-danger" role="alert">
              <p>{t("reset.invalid")}</p>
            </div>
            <p>
              <Link to="/forgot-password" className="button button-secondary">
                {t("reset.askAgain")}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="muted">{t("reset.lead")}</p>
            <Form method="post" {...getFormProps(form)} className="form-stack">
              <ErrorSummary
                form={form}
                fields={{ password: fields.password, confirm: fields.confirm }}
                labels={labels}
              />
              <input {...getInputProps(fields.token, { type: "hidden" })} key={fields.token.key} />
              <NewPasswordFields
                password={fields.password}
                confirm={fields.confirm}
                labels={labels}
              />
              <SubmitButton className="button button-block">{t("reset.submit")}</SubmitButton>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
