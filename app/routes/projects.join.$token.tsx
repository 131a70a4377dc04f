import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton, useErrorText } from "~/components/forms";
import { getUser, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  acceptInvestorInvitation,
  getInvestorInvitation,
  type InvestorInvitationView,
} from "~/projects/investor.server";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "investor"] };

export const meta: MetaFunction = () => [
  { title: "Follow your project · 跟进您的项目 | Zizhu Park Portal" },
];

const STATUS: Record<InvestorInvitationView["state"], number> = {
  pending: 200,
  expired: 410,
  used: 410,
  revoked: 410,
};

/**
 * Public: the token in the link is the credential (as a company invitation's). Shows which
 * project and what to do: accept (signed in with the invited address), or sign in / up first.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await getInvestorInvitation(db(), token);
  const user = await getUser(request);
  const viewer = user ? { email: user.email } : null;
  const here = `/projects/join/${token}`;
  if (!invitation) return data({ invitation: null, viewer, here }, { status: 404 });
  return data({ invitation, viewer, here }, { status: STATUS[invitation.state] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const r = await acceptInvestorInvitation(
    db(),
    user,
    params.token ?? "",
    requestMeta(request, context),
  );
  if (r.ok)
    return redirectWithToast(`/projects/${r.projectId}`, {
      type: "success",
      key: "investor:toast.joined",
    });
  const status = r.error === "invalid" ? 404 : r.error === "emailMismatch" ? 400 : 410;
  return data({ error: `investor:join.${r.error}` }, { status });
}

export default function JoinProject() {
  const { invitation, viewer, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("investor");
  const errorText = useErrorText();
  const locale = useLocale();
  if (!invitation || invitation.state !== "pending") {
    const state = invitation?.state ?? "invalid";
    return (
      <div className="container narrow auth-page">
        <section className="card stack">
          <h1>{t("join.closedTitle")}</h1>
          <p>{t(`join.${state === "pending" ? "invalid" : state}`)}</p>
        </section>
      </div>
    );
  }
  const matches = !!viewer && viewer.email.toLowerCase() === invitation.email.toLowerCase();
  const back = encodeURIComponent(here);
  return (
    <div className="container narrow auth-page">
      <section className="card stack" aria-labelledby="join-title">
        <h1 id="join-title">{t("join.title", { reference: invitation.reference })}</h1>
        <p>{t("join.lead", { organisation: invitation.organisation })}</p>
        <p className="muted">
          {t("join.forEmail", { email: invitation.email })}{" "}
          {t("join.expires", { date: formatDate(invitation.expiresAt, locale) })}
        </p>
        {actionData?.error ? (
          <div className="notice notice-danger" role="alert">
            <p>{errorText(actionData.error)}</p>
          </div>
        ) : null}
        {!viewer ? (
          <>
            <p>{t("join.signInFirst", { email: invitation.email })}</p>
            <div className="row">
              <Link className="button" to={`/signup?redirectTo=${back}`}>
                {t("join.signUp")}
              </Link>
              <Link className="button button-secondary" to={`/login?redirectTo=${back}`}>
                {t("join.signIn")}
              </Link>
            </div>
          </>
        ) : !matches ? (
          <div className="notice notice-warning">
            <p>{t("join.otherAccount", { current: viewer.email, email: invitation.email })}</p>
          </div>
        ) : (
          <Form method="post">
            <SubmitButton pendingText={t("join.accepting")}>{t("join.accept")}</SubmitButton>
          </Form>
        )}
      </section>
    </div>
  );
}
