import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readForm, readUploadForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, notFound, requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { MAX_DOCUMENT_BYTES, uploadApplicationDocument } from "~/incubation/documents.server";
import {
  findGaps,
  getApplicationForCompany,
  removeDocument,
  saveStep,
  submitApplication,
  type Gap,
} from "~/incubation/incubation.server";
import { ctxOf, formValues } from "~/incubation/route-helpers.server";
import {
  AnswersView,
  DocumentsList,
  QuestionField,
  StatusBadge,
  useParkTime,
  usePick,
} from "~/incubation/ui";
import { DOCUMENTS_STEP, isEditable, REVIEW_STEP, STEPS, stepKeys } from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = () => [{ title: "Application · 申请 | Zizhu Park Portal" }];

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
  return {
    app,
    step,
    gaps:
      step === REVIEW_STEP
        ? findGaps(app.questions, app.document_specs, app.answers, app.documents)
        : [],
    closed: app.status === "draft" && Date.now() >= new Date(app.closes_at).getTime(),
    infoRequest,
    maxMb: MAX_DOCUMENT_BYTES / 1_000_000,
  };
}

type ActionData =
  | { kind: "conflict"; values: Record<string, string>; version: number }
  | { kind: "error"; error: string; values?: Record<string, string>; fieldErrors?: Errors }
  | { kind: "gaps"; gaps: Gap[] }
  | { kind: "upload"; fieldErrors: Record<string, string> };

type Errors = Record<string, string>;

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  // Signed out while typing: the guard keeps the input across the sign-in (app/lib/kept-input).
  const user = await requirePermission(request, "create:application:own");
  const app = await getApplicationForCompany(db(), user.company?.id, params.applicationId ?? "");
  invariantFound(app);
  const step = parseStep(params.step);
  const ctx = ctxOf(request, context, user);
  const base = `/applications/${app.id}`;

  if (
    step === DOCUMENTS_STEP &&
    (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
  ) {
    const read = await readUploadForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES, maxFiles: 1 });
    if (read.refused)
      return data<ActionData>(
        { kind: "upload", fieldErrors: { file: "incubation:errors.fileTooLarge" } },
        { status: 413 },
      );
    const { form } = read;
    const result = await uploadApplicationDocument(
      db(),
      ctx,
      app.company_id,
      app.id,
      String(form.get("kind") ?? ""),
      form.get("file"),
    );
    if (!result.ok)
      return data<ActionData>(
        { kind: "upload", fieldErrors: { [result.field]: result.error } },
        { status: result.status },
      );
    return redirectWithToast(`${base}/step/${DOCUMENTS_STEP}`, {
      type: "success",
      key: "incubation:toast.uploaded",
    });
  }

  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "next");
  if (!isEditable(app.status))
    return data<ActionData>(
      { kind: "error", error: "incubation:app.notEditable" },
      { status: 409 },
    );

  if (step === DOCUMENTS_STEP) {
    if (intent === "remove") {
      await removeDocument(db(), app.company_id, app.id, String(form.get("documentId") ?? ""));
      return redirectWithToast(`${base}/step/${DOCUMENTS_STEP}`, {
        type: "success",
        key: "incubation:toast.removed",
      });
    }
    return redirect(`${base}/step/${intent === "back" ? step - 1 : step + 1}`);
  }

  if (step === REVIEW_STEP) {
    if (intent === "back") return redirect(`${base}/step/${step - 1}`);
    const result = await submitApplication(db(), ctx, app.company_id, app.id);
    if (result.ok)
      return redirectWithToast(base, {
        type: "success",
        key: result.already ? "incubation:toast.alreadySubmitted" : "incubation:toast.submitted",
      });
    if (result.error === "gaps")
      return data<ActionData>({ kind: "gaps", gaps: result.gaps }, { status: 400 });
    return data<ActionData>(
      {
        kind: "error",
        error: `incubation:errors.${result.error === "notFound" ? "invalidState" : result.error}`,
      },
      { status: 409 },
    );
  }

  // Steps 1-4: save this step's answers (only its questions are read), then move on.
  const values = formValues(form, stepKeys(app.questions, step));
  const version = Number(form.get("version"));
  const result = await saveStep(
    db(),
    ctx,
    app.company_id,
    app.id,
    step,
    values,
    Number.isInteger(version) ? version : -1,
  );
  if (!result.ok) {
    if (result.error === "conflict")
      return data<ActionData>(
        { kind: "conflict", values, version: result.version },
        { status: 409 },
      );
    const fieldErrors = result.error === "fields" ? result.fieldErrors : undefined;
    const error = fieldErrors ? "incubation:errors.answers" : "incubation:app.notEditable";
    const status = fieldErrors ? 400 : 409;
    return data<ActionData>({ kind: "error", error, values, fieldErrors }, { status });
  }
  if (intent === "save")
    return redirectWithToast(`${base}/step/${step}`, {
      type: "success",
      key: "incubation:toast.saved",
    });
  return redirect(`${base}/step/${intent === "back" ? Math.max(1, step - 1) : step + 1}`);
}

export default function ApplicationStep() {
  const {
    app,
    step,
    gaps: loaderGaps,
    closed,
    infoRequest,
    maxMb,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("incubation");
  const { t: tAny } = useTranslation();
  const tr = (key: string, values?: Record<string, string>) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- i18n keys from the action
    tAny(key as any, values as any) as string;
  const pick = usePick();
  const time = useParkTime();
  const stepTitle = (n: number) => t(`steps.${String(n) as "1"}`);
  const kept = actionData && "values" in actionData ? actionData.values : undefined;
  const version = actionData?.kind === "conflict" ? actionData.version : app.version;
  const gaps = actionData?.kind === "gaps" ? actionData.gaps : loaderGaps;
  const uploadErrors = actionData?.kind === "upload" ? actionData.fieldErrors : {};

  return (
    <div className="container medium">
      <p>
        <Link to={`/applications/${app.id}`}>← {t("app.overview")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">
          {pick(app.company_en, app.company_zh)} · <StatusBadge status={app.status} />
        </p>
        <h1>{t("app.title", { call: pick(app.call_title_en, app.call_title_zh) })}</h1>
        <p className="muted">
          {t("app.deadline", { date: time(app.closes_at) })} · {t("time.zone")}
        </p>
        <p className="muted" data-testid="last-saved">
          {app.last_saved_at
            ? t("app.lastSaved", {
                date: time(app.last_saved_at),
                name: app.last_saved_by_name ?? "",
              })
            : t("app.neverSaved")}
        </p>
      </header>
      {infoRequest ? (
        <div className="notice notice-warning">
          <strong>{t("app.infoRequested")}:</strong>{" "}
          <span style={{ whiteSpace: "pre-line" }}>{infoRequest}</span>
          <p>{t("app.infoRequestedLead")}</p>
        </div>
      ) : null}
      <nav aria-label={t("app.stepsNav")}>
        <ol className="tabs incubation-steps">
          {STEPS.map((n) => (
            <li key={n}>
              <Link
                to={`/applications/${app.id}/step/${n}`}
                aria-current={n === step ? "step" : undefined}
                className={n === step ? "active" : undefined}
              >
                {n}. {stepTitle(n)}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
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
          {tr(actionData.error)}
        </p>
      ) : null}

      {step <= 4 ? (
        <Form method="post" className="form-stack card">
          <input type="hidden" name="version" value={version} readOnly />
          {app.questions
            .filter((q) => q.step === step)
            .map((q) => (
              <QuestionField
                key={`${q.key}-${version}`}
                question={q}
                value={kept?.[q.key] ?? app.answers[q.key] ?? ""}
                error={actionData?.kind === "error" ? actionData.fieldErrors?.[q.key] : undefined}
              />
            ))}
          <div className="row">
            {step > 1 ? (
              <SubmitButton className="button button-secondary" name="intent" value="back">
                {t("app.saveBack")}
              </SubmitButton>
            ) : null}
            <SubmitButton
              className="button button-secondary"
              name="intent"
              value="save"
              pendingText={t("app.saving")}
            >
              {t("app.saveDraft")}
            </SubmitButton>
            <SubmitButton
              className="button"
              name="intent"
              value="next"
              pendingText={t("app.saving")}
            >
              {t("app.saveContinue")}
            </SubmitButton>
          </div>
        </Form>
      ) : null}

      {step === DOCUMENTS_STEP ? (
        <div className="stack">
          <p>{t("documents.lead", { max: String(maxMb) })}</p>
          <Form method="post" encType="multipart/form-data" className="form-stack card">
            <IdempotencyKey />
            <div className={`field${uploadErrors.kind ? " has-error" : ""}`}>
              <label htmlFor="doc-kind">{t("documents.kind")}</label>
              <select
                id="doc-kind"
                name="kind"
                aria-invalid={uploadErrors.kind ? true : undefined}
                aria-describedby="doc-kind-error"
              >
                {app.document_specs.map((d) => (
                  <option key={d.key} value={d.key}>
                    {pick(d.labelEn, d.labelZh)} (
                    {d.required ? t("public.required") : t("public.optional")})
                  </option>
                ))}
              </select>
              <div
                id="doc-kind-error"
                className="field-errors"
                role={uploadErrors.kind ? "alert" : undefined}
              >
                {uploadErrors.kind ? <p>{tr(uploadErrors.kind)}</p> : null}
              </div>
            </div>
            <div className={`field${uploadErrors.file ? " has-error" : ""}`}>
              <label htmlFor="doc-file">{t("documents.file")}</label>
              <input
                id="doc-file"
                type="file"
                name="file"
                accept="application/pdf,.pdf"
                aria-invalid={uploadErrors.file ? true : undefined}
                aria-describedby="doc-file-error"
              />
              <div
                id="doc-file-error"
                className="field-errors"
                role={uploadErrors.file ? "alert" : undefined}
              >
                {uploadErrors.file ? <p>{tr(uploadErrors.file, { max: String(maxMb) })}</p> : null}
              </div>
            </div>
            <SubmitButton
              className="button button-secondary"
              pendingText={t("documents.uploading")}
            >
              {t("documents.upload")}
            </SubmitButton>
          </Form>
          <section className="card">
            <h3>{t("documents.uploaded")}</h3>
            {app.documents.length ? (
              <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
                {app.documents.map((d) => {
                  const spec = app.document_specs.find((s) => s.key === d.kind);
                  return (
                    <li key={d.id} className="spread">
                      <span>
                        {spec ? `${pick(spec.labelEn, spec.labelZh)}: ` : ""}
                        <a href={`/applications/${app.id}/documents/${d.id}`} download>
                          {d.filename}
                        </a>
                      </span>
                      <Form method="post">
                        <input type="hidden" name="documentId" value={d.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="remove"
                          className="button button-secondary button-small"
                        >
                          {t("documents.remove")}
                        </button>
                      </Form>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="muted">{t("documents.none")}</p>
            )}
          </section>
          <Form method="post" className="row">
            <button type="submit" name="intent" value="back" className="button button-secondary">
              {t("app.saveBack")}
            </button>
            <button type="submit" name="intent" value="next" className="button">
              {t("documents.continue")}
            </button>
          </Form>
        </div>
      ) : null}

      {step === REVIEW_STEP ? (
        <div className="stack">
          <p>{t("submit.lead")}</p>
          {closed ? (
            <p className="notice notice-warning">
              {t("app.closedNotice", { date: time(app.closes_at) })}
            </p>
          ) : null}
          {gaps.length ? (
            <div className="error-summary" role={actionData?.kind === "gaps" ? "alert" : undefined}>
              <h2>{t("submit.gapsTitle")}</h2>
              <ul>
                {gaps.map((g) => (
                  <li key={`${g.kind}-${g.key}`}>
                    <Link to={`/applications/${app.id}/step/${g.step}`}>
                      {g.kind === "answer"
                        ? t("submit.gapAnswer", {
                            label: pick(g.labelEn, g.labelZh),
                            step: String(g.step),
                          })
                        : t("submit.gapDocument", {
                            label: pick(g.labelEn, g.labelZh),
                            step: String(g.step),
                          })}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="notice notice-success">{t("submit.ready")}</p>
          )}
          <AnswersView questions={app.questions} answers={app.answers} />
          <h3>{t("steps.5")}</h3>
          <DocumentsList
            applicationId={app.id}
            specs={app.document_specs}
            documents={app.documents}
          />
          <Form method="post" className="row">
            <button type="submit" name="intent" value="back" className="button button-secondary">
              {t("app.saveBack")}
            </button>
            {closed ? null : (
              <SubmitButton
                className="button"
                name="intent"
                value="submit"
                pendingText={t("app.saving")}
              >
                {app.status === "info_requested" ? t("action.resubmit") : t("action.submit")}
              </SubmitButton>
            )}
          </Form>
        </div>
      ) : null}
    </div>
  );
}
