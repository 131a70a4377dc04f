import type { RouteHandle } from "~/i18n/client-strings";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { peekEmailToken, verifyEmailToken } from "~/accounts/accounts.server";
import { tokenSchema } from "~/accounts/schema";
import { getSession } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Confirm your email · 确认邮箱 | Zizhu Park Portal") },
];

/**
 * Opening the link only shows a button: a GET never uses the token (mail scanners and link
 * previews follow links), the POST does. Public: the link may be opened on another device.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = tokenSchema.safeParse({
    token: new URL(request.url).searchParams.get("token") ?? "",
  });
  const token = parsed.success ? await peekEmailToken(db(), parsed.data.token) : null;
  const signedIn = !!(await getSession(request));
  return {
    valid: !!token,
    purpose: token?.purpose ?? null,
    newEmail: token?.newEmail ?? null,
    signedIn,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: tokenSchema });
  if (submission.status !== "success")
    return data(submission.reply({ formErrors: ["accounts:verify.invalid"] }), { status: 400 });
  const result = await verifyEmailToken(db(), submission.value.token, { ip: context.ip });
  if (!result.ok) {
    const message =
      result.error === "emailTaken" ? "accounts:verify.emailTaken" : "accounts:verify.invalid";
    return data(submission.reply({ formErrors: [message] }), { status: 400 });
  }
  const session = await getSession(request);
  const next = safeRedirect(new URL(request.url).searchParams.get("next"), "");
  const to = session
    ? next || "/account"
    : next
      ? `/login?redirectTo=${encodeURIComponent(next)}`
      : "/login";
  return redirectWithToast(to, {
    type: "success",
    key: result.kind === "verified" ? "accounts:verify.done" : "accounts:verify.changed",
  });
}

export default function VerifyEmail() {
  const { t } = useTranslation("accounts");
  const errorText = useErrorText();
  const loaderData = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "verify-email",
    lastResult,
    defaultValue: { token: searchParams.get("token") ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tokenSchema }),
  });
  const isChange = loaderData.purpose === "change_email";
  const failed = !loaderData.valid || !!form.errors?.length;
  return (
    <div className="container narrow auth-page">
      <div className="card">
        <h1>{isChange ? t("verify.changeTitle") : t("verify.title")}</h1>
        {failed ? (
          <>
            <div className="notice notice-danger" role="alert">
              {(form.errors?.length ? form.errors : ["accounts:verify.invalid"]).map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
            <p>
              {loaderData.signedIn ? (
                <Link to="/account">{t("verify.goToAccount")}</Link>
              ) : (
                <Link to="/login">{t("verify.signIn")}</Link>
              )}
            </p>
          </>
        ) : (
          <Form method="post" {...getFormProps(form)} className="form-stack">
            <p className="muted">
              {isChange && loaderData.newEmail
                ? t("verify.changeLead", { email: loaderData.newEmail })
                : t("verify.lead")}
            </p>
            <input {...getInputProps(fields.token, { type: "hidden" })} key={fields.token.key} />
            <SubmitButton className="button button-block">{t("verify.submit")}</SubmitButton>
          </Form>
        )}
      </div>
    </div>
  );
}
