import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser, requireUser } from "~/auth/guards.server";
import {
  acceptInvitation,
  getInvitationByToken,
  type InvitationView,
} from "~/companies/companies.server";
import { formatDate } from "~/lib/format";
import { SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "company"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Invitation · 企业邀请 | Zizhu Park Portal") },
];

const STATUS: Record<InvitationView["state"], number> = {
  pending: 200,
  expired: 410,
  accepted: 410,
  revoked: 410,
};

/**
 * Public: the token in the link is the credential. Shows whose invitation it is and what the
 * visitor can do: accept (signed in with the invited address), or sign in / sign up first.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await getInvitationByToken(db(), token);
  const user = await getUser(request);
  const viewer = user
    ? { email: user.email, hasCompany: !!user.company, companyId: user.company?.id ?? null }
    : null;
  if (!invitation)
    return data({ invitation: null, viewer, here: `/invite/${token}` }, { status: 404 });
  return data(
    { invitation, viewer, here: `/invite/${token}` },
    { status: STATUS[invitation.state] },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const token = params.token ?? "";
  const result = await acceptInvitation(db(), user, token, requestMeta(request, context));
  if (result.ok) {
    const invitation = await getInvitationByToken(db(), token);
    const company = invitation
      ? pick(user.locale, invitation.companyNameEn, invitation.companyNameZh)
      : "";
    return redirectWithToast("/company", {
      type: "success",
      key: "company:toast.joined",
      values: { company },
    });
  }
  const status =
    result.error === "invalid"
      ? 404
      : result.error === "expired" || result.error === "used" || result.error === "revoked"
        ? 410
        : 400;
  const key = {
    invalid: "company:invite.invalid",
    expired: "company:invite.expired",
    used: "company:invite.used",
    revoked: "company:invite.revoked",
    emailMismatch: "company:errors.emailMismatch",
    alreadyInCompany: "company:errors.alreadyInCompany",
  }[result.error];
  return data({ error: key }, { status });
}

export default function InvitePage() {
  const { invitation, viewer, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("company");
  const errorText = useErrorText();
  const locale = useLocale();

  if (!invitation || invitation.state !== "pending") {
    const state = !invitation || invitation.state === "pending" ? "invalid" : invitation.state;
    const title = {
      invalid: t("invite.invalidTitle"),
      expired: t("invite.expiredTitle"),
      accepted: t("invite.usedTitle"),
      revoked: t("invite.revokedTitle"),
    }[state];
    const body = {
      invalid: t("invite.invalid"),
      expired: t("invite.expired"),
      accepted: t("invite.used"),
      revoked: t("invite.revoked"),
    }[state];
    return (
      <div className="container narrow auth-page">
        <section className="card stack">
          <h1>{title}</h1>
          <p>{body}</p>
          {viewer?.companyId && invitation?.companyId === viewer.companyId ? (
            <p>
              <Link to="/company">{t("invite.goToCompany")}</Link>
            </p>
          ) : null}
        </section>
      </div>
    );
  }

  const company = pick(locale, invitation.companyNameEn, invitation.companyNameZh);
  const matches = !!viewer && viewer.email.toLowerCase() === invitation.email.toLowerCase();
  const back = encodeURIComponent(here);
  return (
    <div className="container narrow auth-page">
      <section className="card stack" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("invite.title", { company })}</h1>
        <p>
          {invitation.inviterName
            ? t("invite.lead", { inviter: invitation.inviterName, company })
            : t("invite.leadNoInviter", { company })}
        </p>
        <p className="muted">
          {t("invite.forEmail", { email: invitation.email })}{" "}
          {t("invite.expires", { date: formatDate(invitation.expiresAt, locale) })}
        </p>
        {actionData?.error ? (
          <div className="notice notice-danger" role="alert">
            <p>{errorText(actionData.error)}</p>
          </div>
        ) : null}
        {!viewer ? (
          <>
            <p>{t("invite.signInFirst", { email: invitation.email })}</p>
            <div className="row">
              <Link className="button" to={`/signup?redirectTo=${back}`}>
                {t("invite.signUp")}
              </Link>
              <Link className="button button-secondary" to={`/login?redirectTo=${back}`}>
                {t("invite.signIn")}
              </Link>
            </div>
          </>
        ) : !matches ? (
          <div className="notice notice-warning">
            <p>{t("invite.otherAccount", { current: viewer.email, email: invitation.email })}</p>
          </div>
        ) : viewer.hasCompany ? (
          <div className="notice notice-warning">
            <p>{t("invite.alreadyInCompany", { company })}</p>
          </div>
        ) : (
          <Form method="post">
            <SubmitButton pendingText={t("invite.accepting")}>
              {t("invite.accept", { company })}
            </SubmitButton>
          </Form>
        )}
      </section>
    </div>
  );
}
