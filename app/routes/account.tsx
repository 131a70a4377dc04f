import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  changePassword,
  endOtherSessions,
  listSessions,
  pendingEmailChange,
  requestEmailChange,
  roleLabels,
  updateProfile,
} from "~/accounts/accounts.server";
import {
  changeEmailSchema,
  changePasswordSchema,
  profileSchema,
  signOutOthersSchema,
} from "~/accounts/schema";
import { requireSession } from "~/auth/guards.server";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { localeCookie } from "~/lib/cookies.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction = () => [{ title: "Your account · 我的账户 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const database = db();
  const sessions = await listSessions(database, user.id, sessionId);
  const pendingEmail = await pendingEmailChange(database, user.id);
  const roles = await roleLabels(database, user.roles);
  const [companyRole] = user.company ? await roleLabels(database, [user.company.role]) : [];
  return {
    profile: {
      name: user.name,
      email: user.email,
      locale: user.locale,
      emailVerified: user.emailVerified,
    },
    pendingEmail,
    roles,
    company: user.company
      ? { nameEn: user.company.nameEn, nameZh: user.company.nameZh, role: companyRole ?? null }
      : null,
    sessions,
  };
}

/** One route, several forms: each posts an `intent`, checked by that form's own schema. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const meta = requestMeta(request, context);

  if (intent === "profile") {
    const submission = parseForm(formData, { schema: profileSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const { name, locale } = submission.value;
    await updateProfile(db(), user.id, { name, locale }, meta);
    return redirectWithToast(
      "/account",
      { type: "success", key: "accounts:account.profileSaved" },
      { headers: { "Set-Cookie": localeCookie(submission.value.locale) } },
    );
  }

  if (intent === "change-password") {
    const submission = parseForm(formData, { schema: changePasswordSchema });
    const hideFields = ["currentPassword", "password", "confirm"];
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
    const result = await changePassword(
      db(),
      { userId: user.id, sessionId, ...submission.value },
      meta,
    );
    if (!result.ok) {
      const error =
        result.error === "throttled"
          ? "accounts:account.throttled"
          : "accounts:account.wrongPassword";
      return data(
        {
          intent,
          result: submission.reply({ hideFields, fieldErrors: { currentPassword: [error] } }),
        },
        { status: result.error === "throttled" ? 429 : 400 },
      );
    }
    return redirectWithToast("/account", {
      type: "success",
      key: "accounts:account.passwordChanged",
    });
  }

  if (intent === "change-email") {
    const submission = parseForm(formData, { schema: changeEmailSchema });
    const hideFields = ["currentPassword"];
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
    const result = await requestEmailChange(db(), { userId: user.id, ...submission.value }, meta);
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> =
        result.error === "wrongPassword"
          ? { currentPassword: ["accounts:account.wrongPassword"] }
          : result.error === "throttled"
            ? { currentPassword: ["accounts:account.throttled"] }
            : { newEmail: ["accounts:account.sameEmail"] };
      return data(
        { intent, result: submission.reply({ hideFields, fieldErrors }) },
        { status: result.error === "throttled" ? 429 : 400 },
      );
    }
    return redirectWithToast("/account", {
      type: "success",
      key: "accounts:account.emailChangeSent",
      values: { email: submission.value.newEmail },
    });
  }

  if (intent === "sign-out-others") {
    const submission = parseForm(formData, { schema: signOutOthersSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    await endOtherSessions(db(), user.id, sessionId, meta);
    return redirectWithToast("/account", {
      type: "success",
      key: "accounts:account.othersSignedOut",
    });
  }

  return data({ intent: null, result: null }, { status: 400 });
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function resultFor(actionData: ActionData, intent: string) {
  return actionData && "intent" in actionData && actionData.intent === intent
    ? (actionData.result ?? undefined)
    : undefined;
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const { profile, pendingEmail, roles, company, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useLocale();
  // After a successful change the page comes back under a new location: start the forms afresh.
  const { key } = useLocation();
  return (
    <div className="container medium">
      <div className="page-header">
        <h1 id="account-title">{t("account.title")}</h1>
      </div>

      <section className="card" aria-labelledby="account-title">
        <dl className="details">
          <dt>{t("account.email")}</dt>
          <dd>
            {profile.email}{" "}
            {profile.emailVerified ? (
              <span className="badge badge-success">{t("account.verified")}</span>
            ) : (
              <span className="badge badge-warning">{t("account.unverified")}</span>
            )}
          </dd>
          <dt>{t("account.roles")}</dt>
          <dd>
            {roles.length
              ? roles
                  .map((r) => pick(locale, r.labelEn, r.labelZh))
                  .join(locale === "zh-CN" ? "、" : ", ")
              : t("account.noRoles")}
          </dd>
          <dt>{t("account.company")}</dt>
          <dd>
            {company ? (
              <>
                <Link to="/company">{pick(locale, company.nameEn, company.nameZh)}</Link>
                {company.role ? (
                  <span className="muted">
                    {" "}
                    · {pick(locale, company.role.labelEn, company.role.labelZh)}
                  </span>
                ) : null}
              </>
            ) : (
              <>
                {t("account.noCompany")} <Link to="/company">{t("account.createCompany")}</Link>
              </>
            )}
          </dd>
        </dl>
      </section>

      <ProfileForm
        key={`profile-${key}`}
        lastResult={resultFor(actionData, "profile")}
        name={profile.name}
        locale={profile.locale}
      />
      <PasswordForm key={`password-${key}`} lastResult={resultFor(actionData, "change-password")} />
      <EmailForm
        key={`email-${key}`}
        lastResult={resultFor(actionData, "change-email")}
        email={profile.email}
        pendingEmail={pendingEmail}
      />

      <section className="card" aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t("account.sessions")}</h2>
        <p className="muted">{t("account.sessionsLead")}</p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("account.device")}</th>
                <th scope="col">{t("account.ipAddress")}</th>
                <th scope="col">{t("account.signedInAt")}</th>
                <th scope="col">{t("account.expiresAt")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => (
                <tr key={i}>
                  <td>
                    {describeUserAgent(s.userAgent) ?? t("account.unknownDevice")}{" "}
                    {s.current ? (
                      <span className="badge badge-success">{t("account.thisDevice")}</span>
                    ) : null}
                  </td>
                  <td>{s.ip ?? "–"}</td>
                  <td>{formatTime(s.createdAt, locale)}</td>
                  <td>{formatTime(s.expiresAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.some((s) => !s.current) ? (
          <Form method="post" className="form-footer">
            <input type="hidden" name="intent" value="sign-out-others" />
            <SubmitButton className="button button-secondary">
              {t("account.signOutOthers")}
            </SubmitButton>
          </Form>
        ) : (
          <p className="muted form-footer">{t("account.onlyThisSession")}</p>
        )}
      </section>
    </div>
  );
}

type SubmissionResult = NonNullable<ReturnType<typeof resultFor>>;

function ProfileForm({
  lastResult,
  name,
  locale,
}: {
  lastResult?: SubmissionResult;
  name: string;
  locale: "en" | "zh-CN";
}) {
  const { t } = useTranslation("accounts");
  const { t: tc } = useTranslation();
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
        <SelectField
          field={fields.locale}
          label={labels.locale}
          options={[
            { value: "en", label: tc("language.en") },
            { value: "zh-CN", label: tc("language.zh-CN") },
          ]}
        />
        <SubmitButton>{t("account.saveProfile")}</SubmitButton>
      </Form>
    </section>
  );
}

function PasswordForm({ lastResult }: { lastResult?: SubmissionResult }) {
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
        <Field
          field={fields.password}
          label={labels.password}
          type="password"
          autoComplete="new-password"
          hint={t("hints.password")}
        />
        <Field
          field={fields.confirm}
          label={labels.confirm}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton>{t("account.changePassword")}</SubmitButton>
      </Form>
    </section>
  );
}

function EmailForm({
  lastResult,
  email,
  pendingEmail,
}: {
  lastResult?: SubmissionResult;
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

function formatTime(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-GB", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(date));
}

/** "Chrome · Windows" from a User-Agent header (brand names need no translation), or null. */
function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /MicroMessenger\//.test(ua)
        ? "WeChat"
        : /Chrome\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (!browser) return null;
  return os ? `${browser} · ${os}` : browser;
}
