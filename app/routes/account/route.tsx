import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { listSessions, pendingEmailChange, roleLabels } from "~/accounts/accounts.server";
import { requireSession } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { EmailForm, PasswordForm, ProfileForm } from "./forms";
import { intentHandler } from "./intents.server";
import { SessionsCard } from "./sessions";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Your account · 我的账户 | Zizhu Park Portal") },
];

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
  const session = await requireSession(request);
  const formData = await readForm(request);
  const handler = intentHandler(formData.get("intent"));
  if (!handler) return data({ intent: null, result: null }, { status: 400 });
  return handler({ formData, session, meta: requestMeta(request, context) });
}

type AccountReply = { intent: string | null; result: SubmissionResult<string[]> | null };

function resultFor(actionData: AccountReply | undefined, intent: string) {
  return actionData?.intent === intent ? (actionData.result ?? undefined) : undefined;
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const { profile, pendingEmail, roles, company, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<AccountReply>();
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
      <SessionsCard sessions={sessions} />
    </div>
  );
}
