import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUploadForm } from "~/lib/form.server";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import {
  canUndoWithdrawal,
  getApplicationForCompany,
  liveApplication,
  undoWithdrawal,
  withdrawApplication,
} from "~/incubation/incubation.server";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { getOffer, listOnboarding, replyClosed } from "~/incubation/offer.server";
import { OfferSection } from "~/incubation/offer-ui";
import { offerIntent } from "~/incubation/offer-intents.server";
import { getIncubatee } from "~/incubation/cohort.server";
import { companyReportComments } from "~/incubation/report-comments.server";
import { isOverdue, EVIDENCE_MAX_BYTES } from "~/incubation/milestones.server";
import { milestoneIntent } from "~/incubation/milestone-intents.server";
import { EndedNotice, MilestonesSection, ReportsSection } from "~/incubation/milestones-ui";
import { ctxOf } from "~/incubation/route-helpers.server";
import {
  AnswersView,
  DocumentsList,
  Paragraphs,
  ApplicantMessages,
  StatusBadge,
  useParkTime,
  usePick,
} from "~/incubation/ui";
import { availableActions, isEditable } from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Application · 申请 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:application:own");
  const app = await getApplicationForCompany(db(), user.company?.id, params.applicationId ?? "");
  invariantFound(app);
  const live =
    app.status === "withdrawn" ? await liveApplication(db(), app.call_id, app.company_id) : null;
  const offer = await getOffer(db(), app.id);
  const incubatee =
    offer?.status === "signed" ? await getIncubatee(db(), app.id, app.company_id) : undefined;
  return {
    incubatee: incubatee
      ? {
          outcome: incubatee.outcome,
          outcome_reason: incubatee.outcome_reason,
          ended_on: incubatee.ended_on,
          hasReportForm: !!incubatee.report_form_id,
          reports: incubatee.reports,
          comments: await companyReportComments(
            db(),
            user,
            app.id,
            incubatee.reports.map((r) => r.id),
          ),
          milestones: incubatee.milestones.map((m) => ({ ...m, overdue: isOverdue(m) })),
        }
      : null,
    app,
    offer: offer ?? null,
    replyOpen: offer ? !replyClosed(offer) : false,
    onboarding: offer?.status === "signed" ? await listOnboarding(db(), app.id) : [],
    closed: Date.now() >= new Date(app.closes_at).getTime(),
    canUndo: canUndoWithdrawal(app) && !live,
    replacedBy: live?.id ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:application:own");
  const app = await getApplicationForCompany(db(), user.company?.id, params.applicationId ?? "");
  invariantFound(app);
  const ctx = ctxOf(request, context, user);
  // One read of the body (a signed copy or a milestone's evidence may come with it).
  const read = await readUploadForm(request, { maxFileBytes: EVIDENCE_MAX_BYTES, maxFiles: 1 });
  if (read.refused)
    return data({ error: "incubation:milestones.errors.fileTooLarge" }, { status: 413 });
  const form = read.form;
  const answer =
    (await offerIntent(request, ctx, app, "company", form)) ??
    (await milestoneIntent(ctx, app, "company", form));
  if (answer) return answer;
  const intent = form.get("intent");
  if (intent !== "withdraw" && intent !== "undo_withdraw")
    return data({ error: "incubation:errors.refused" }, { status: 400 });
  const run = intent === "withdraw" ? withdrawApplication : undoWithdrawal;
  const result = await run(db(), ctx, app.company_id, app.id);
  if (!result.ok)
    return data(
      { error: `incubation:errors.${result.error === "notFound" ? "refused" : result.error}` },
      { status: 409 },
    );
  return redirectWithToast(`/applications/${app.id}`, {
    type: "success",
    key: intent === "withdraw" ? "incubation:toast.withdrawn" : "incubation:toast.undone",
  });
}

export default function ApplicationOverview() {
  const { app, closed, canUndo, replacedBy, offer, onboarding, replyOpen, incubatee } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("incubation");
  const keyText = useKeyText();
  const pick = usePick();
  const time = useParkTime();
  const infoRequest = app.messages.find((m) => m.kind === "info_request");
  const canWithdraw = availableActions(app.status, "applicant").includes("withdraw");
  return (
    <div className="container medium">
      <p>
        <Link to="/applications">← {t("dashboard.title")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{pick(app.programme_en, app.programme_zh)}</p>
        <h1>{t("app.title", { call: pick(app.call_title_en, app.call_title_zh) })}</h1>
        <p>
          {t("app.state")}: <StatusBadge status={app.status} />
        </p>
        <p>{t(`next.${app.status}`)}</p>
      </header>
      {actionData?.error ? (
        <p className="notice notice-danger" role="alert">
          {keyText(actionData.error)}
        </p>
      ) : null}
      {app.status === "draft" && closed ? (
        <p className="notice notice-warning">
          {t("app.closedNotice", { date: time(app.closes_at) })}
        </p>
      ) : null}
      {app.status === "info_requested" && infoRequest ? (
        <div className="notice notice-warning">
          <h2>{t("app.infoRequested")}</h2>
          <p style={{ whiteSpace: "pre-line" }}>{infoRequest.body}</p>
          <p>{t("app.infoRequestedLead")}</p>
        </div>
      ) : null}
      {app.decision_letter ? (
        <section className="card" aria-labelledby="letter-heading">
          <h2 id="letter-heading">{t("app.letter")}</h2>
          <Paragraphs text={app.decision_letter} />
        </section>
      ) : null}
      {offer ? (
        <OfferSection
          applicationId={app.id}
          offer={offer}
          onboarding={onboarding}
          side="company"
          replyOpen={replyOpen}
          error={actionData?.error ? keyText(actionData.error) : null}
        />
      ) : null}
      {incubatee?.outcome ? (
        <EndedNotice
          outcome={incubatee.outcome}
          endedOn={incubatee.ended_on}
          reason={incubatee.outcome_reason}
        />
      ) : null}
      {incubatee ? (
        <>
          <MilestonesSection
            applicationId={app.id}
            milestones={incubatee.milestones}
            side="company"
            ended={!!incubatee.outcome}
          />
          <ReportsSection
            applicationId={app.id}
            reports={incubatee.reports}
            hasForm={incubatee.hasReportForm}
            side="company"
            comments={incubatee.comments}
          />
        </>
      ) : null}
      {isEditable(app.status) ? (
        <p>
          <Link className="button" to={`/applications/${app.id}/step/1`}>
            {t("app.editAnswers")}
          </Link>
        </p>
      ) : null}
      <section className="section">
        <h2>{t("dashboard.messages")}</h2>
        <ApplicantMessages messages={app.messages} />
      </section>
      <section className="section">
        <h2>{t("app.viewAnswers")}</h2>
        <AnswersView questions={app.questions} answers={app.answers} />
        <h3>{t("steps.5")}</h3>
        <DocumentsList
          applicationId={app.id}
          specs={app.document_specs}
          documents={app.documents}
        />
      </section>
      {canWithdraw ? (
        <section className="card stack">
          <h2>{t("action.withdraw")}</h2>
          <p>{t("app.withdrawLead", { date: time(app.closes_at) })}</p>
          <p>
            <ConfirmTrigger name="withdraw" className="button button-danger">
              {t("app.withdrawAsk")}
            </ConfirmTrigger>
          </p>
          <ConfirmDialog
            name="withdraw"
            title={t("app.withdrawTitle")}
            cancelLabel={t("app.withdrawCancel")}
          >
            <p>{t("app.withdrawExplain", { date: time(app.closes_at) })}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button button-danger">
                {t("app.withdrawConfirm")}
              </button>
            </Form>
          </ConfirmDialog>
        </section>
      ) : null}
      {app.status === "withdrawn" ? (
        <section className="card stack" aria-labelledby="withdrawn-heading">
          <h2 id="withdrawn-heading">{t("app.withdrawnTitle")}</h2>
          {replacedBy ? (
            <p>
              {t("app.replaced")}{" "}
              <Link to={`/applications/${replacedBy}`}>{t("app.replacedLink")}</Link>
            </p>
          ) : null}
          {canUndo ? (
            <>
              <p>{t("app.undoLead", { date: time(app.closes_at) })}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="undo_withdraw" />
                <button type="submit" className="button">
                  {t("app.undo")}
                </button>
              </Form>
            </>
          ) : null}
          {!replacedBy && !closed ? (
            <p>
              <Link to={`/incubation/calls/${app.call_slug}`}>{t("app.applyAgain")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
