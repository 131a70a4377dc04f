import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  getApplicationForStaff,
  letterFromTemplate,
  listReviewers,
} from "~/incubation/incubation.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { AnswersView, DocumentsList, StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import {
  availableActions,
  findTransition,
  OUTCOME_ACTION,
  OUTCOMES,
  type ApplicationStatus,
} from "~/incubation/workflow";
import { readForm } from "~/lib/form.server";
import { data } from "@remix-run/node";
import { asTerms, getOffer, listOnboarding, replyClosed } from "~/incubation/offer.server";
import { offerIntent } from "~/incubation/offer-intents.server";
import { OfferSection } from "~/incubation/offer-ui";
import { idempotent } from "~/forms/idempotency.server";
import type { ActionData } from "./action-data";
import { Comments, History } from "./comments";
import { Decision } from "./decision";
import { useFeedback } from "./feedback";
import { runApplicationIntent } from "./intents.server";
import { Reviewers } from "./reviewers";
import { Screening } from "./screening";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Application · 申请 | Zizhu Park Portal") },
];

/** The decisions staff may draft from this status. */
const outcomesFrom = (status: ApplicationStatus) =>
  OUTCOMES.filter((o) => findTransition(OUTCOME_ACTION[o], status, "staff"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:application:any");
  const app = await getApplicationForStaff(db(), params.applicationId ?? "");
  invariantFound(app);
  if (app.status === "draft") invariantFound(false);
  const outcomes = outcomesFrom(app.status);
  // No choice is made for staff: the letter is empty until an outcome is chosen (then its
  // template, in the applicant's language, fills in: in the browser, or by "Fill in the template").
  const templates = Object.fromEntries(
    outcomes.map((o) => [o, letterFromTemplate(o, app.applicantLocale, app)]),
  );
  const offer = await getOffer(db(), app.id);
  return {
    app,
    terms: asTerms(app.offer_terms),
    offer: offer ?? null,
    replyOpen: offer ? !replyClosed(offer) : false,
    onboarding: offer?.status === "signed" ? await listOnboarding(db(), app.id) : [],
    reviewers: await listReviewers(db()),
    canDecide: can(user, "decide:application:any"),
    defaultLetter: app.decision_letter ?? "",
    templates,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:application:any");
  const app = await getApplicationForStaff(db(), params.applicationId ?? "");
  invariantFound(app);
  const ctx = ctxOf(request, context, user);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  // A signed copy of the agreement (multipart): the offer's forms (issue 16).
  if (multipart) {
    const answer = await offerIntent(request, ctx, app, "staff", null);
    return answer ?? data({ intent: "sign", error: "incubation:errors.refused" }, { status: 400 });
  }
  const form = await readForm(request);
  return runApplicationIntent(String(form.get("intent") ?? ""), { user, ctx, app, form });
}

export default function StaffApplication() {
  const {
    app,
    reviewers,
    canDecide,
    defaultLetter,
    templates,
    terms,
    offer,
    onboarding,
    replyOpen,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const feedback = useFeedback(actionData);
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();

  return (
    <div className="container">
      <p>
        <Link to={`/desk/incubation/calls/${app.call_id}`}>
          ← {pick(app.call_title_en, app.call_title_zh)}
        </Link>
      </p>
      <header className="page-header">
        <h1>{pick(app.company_en, app.company_zh)}</h1>
        <p>
          <StatusBadge status={app.status} />{" "}
          {app.submitted_at ? <span className="muted">· {time(app.submitted_at)}</span> : null}
        </p>
      </header>
      <Screening actions={availableActions(app.status, "staff")} feedback={feedback} />
      <section className="section">
        <h2>{t("staffApp.answers")}</h2>
        <AnswersView questions={app.questions} answers={app.answers} />
        <h3>{t("staffApp.documents")}</h3>
        <DocumentsList
          applicationId={app.id}
          specs={app.document_specs}
          documents={app.documents}
        />
      </section>
      <Reviewers app={app} reviewers={reviewers} />
      {canDecide ? (
        <Decision
          app={app}
          outcomes={outcomesFrom(app.status)}
          defaultLetter={defaultLetter}
          templates={templates}
          terms={terms}
          feedback={feedback}
        />
      ) : null}
      {offer ? (
        <OfferSection
          applicationId={app.id}
          offer={offer}
          onboarding={onboarding}
          side="staff"
          replyOpen={replyOpen}
        />
      ) : null}
      <Comments app={app} feedback={feedback} />
      <History messages={app.messages} />
    </div>
  );
}
