import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, notFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { MAX_DOCUMENT_BYTES } from "~/incubation/documents.server";
import { findGaps, getApplicationForCompany } from "~/incubation/incubation.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { DOCUMENTS_STEP, isEditable, REVIEW_STEP, STEPS } from "~/incubation/workflow";
import { readForm } from "~/lib/form.server";
import { idempotent } from "~/forms/idempotency.server";
import type { ActionData } from "./action-data";
import { AnswersStep } from "./answers-step";
import { DocumentsStep } from "./documents-step";
import { answersStep, documentsStep, reviewStep, uploadDocument } from "./intents.server";
import { useKeyText } from "./key-text";
import { ReviewStep } from "./review-step";
import { StepHeader, useStepTitle } from "./step-header";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Application · 申请 | Zizhu Park Portal") },
];

function parseStep(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > STEPS.length) notFound();
  return n;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:application:own");
  const app = await getApplicationForCompany(db(), user.company?.id, params.applicationId ?? "");
  invariantFound(app);
  const step = parseStep(params.step);
  if (!isEditable(app.status)) throw redirect(`/applications/${app.id}`);
  const infoRequest =
    app.status === "info_requested"
      ? (app.messages.find((m) => m.kind === "info_request")?.body ?? null)
      : null;
  const incomplete = new URL(request.url).searchParams.has("incomplete");
  return {
    app,
    step,
    missing:
      incomplete && step < DOCUMENTS_STEP
        ? findGaps(app.questions, [], app.answers, []).filter((g) => g.step === step)
        : null,
    gaps:
      step === REVIEW_STEP
        ? findGaps(app.questions, app.document_specs, app.answers, app.documents)
        : [],
    closed: app.status === "draft" && Date.now() >= new Date(app.closes_at).getTime(),
    infoRequest,
    maxMb: MAX_DOCUMENT_BYTES / 1_000_000,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  // Signed out while typing: the guard keeps the input across the sign-in (app/forms/kept-input).
  const user = await requirePermission(request, "create:application:own");
  const app = await getApplicationForCompany(db(), user.company?.id, params.applicationId ?? "");
  invariantFound(app);
  const args = { ctx: ctxOf(request, context, user), app, step: parseStep(params.step) };
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (args.step === DOCUMENTS_STEP && multipart) return uploadDocument(request, args);

  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "next");
  if (!isEditable(app.status))
    return data<ActionData>(
      { kind: "error", error: "incubation:app.notEditable" },
      { status: 409 },
    );
  if (args.step === DOCUMENTS_STEP) return documentsStep(form, intent, args);
  if (args.step === REVIEW_STEP) return reviewStep(intent, args);
  return answersStep(form, intent, args);
}

export default function ApplicationStep() {
  const { app, step, gaps, closed, infoRequest, maxMb, missing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("incubation");
  const text = useKeyText();
  const stepTitle = useStepTitle();

  return (
    <div className="container medium">
      <p>
        <Link to={`/applications/${app.id}`}>← {t("app.overview")}</Link>
      </p>
      <StepHeader app={app} step={step} infoRequest={infoRequest} />
      <h2>
        {t("app.stepOf", { n: String(step), total: String(STEPS.length), title: stepTitle(step) })}
      </h2>
      {actionData?.kind === "conflict" ? (
        <p className="notice notice-warning" role="alert">
          {t("app.conflict")}
        </p>
      ) : null}
      {actionData?.kind === "error" ? (
        <p className="notice notice-danger" role="alert">
          {text(actionData.error)}
        </p>
      ) : null}
      {step < DOCUMENTS_STEP ? (
        <AnswersStep app={app} step={step} actionData={actionData} missing={missing} />
      ) : null}
      {step === DOCUMENTS_STEP ? (
        <DocumentsStep
          app={app}
          maxMb={maxMb}
          uploadErrors={actionData?.kind === "upload" ? actionData.fieldErrors : {}}
        />
      ) : null}
      {step === REVIEW_STEP ? (
        <ReviewStep
          app={app}
          gaps={actionData?.kind === "gaps" ? actionData.gaps : gaps}
          refused={actionData?.kind === "gaps"}
          closed={closed}
        />
      ) : null}
    </div>
  );
}
