/**
 * What each step's form does, each through one domain function: a document upload
 * (`uploadApplicationDocument`) or removal (`removeDocument`) on the documents step, the
 * submission (`submitApplication`) on the review step, and saving a step's answers
 * (`saveStep`) on steps 1-4. Refusals come back with the ADR 0025 status.
 */
import { data, redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { MAX_DOCUMENT_BYTES, uploadApplicationDocument } from "~/incubation/documents.server";
import {
  removeDocument,
  saveStep,
  submitApplication,
  type Ctx,
  type getApplicationForCompany,
} from "~/incubation/incubation.server";
import { formValues } from "~/incubation/route-helpers.server";
import { DOCUMENTS_STEP, stepKeys } from "~/incubation/workflow";
import { readUploadForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import type { ActionData } from "./action-data";
import type { AutosaveReply } from "./autosave";

type App = NonNullable<Awaited<ReturnType<typeof getApplicationForCompany>>>;
interface Args {
  ctx: Ctx;
  app: App;
  step: number;
}

const answer = (body: ActionData, status: number) => data<ActionData>(body, { status });
const stepUrl = (app: App, step: number) => `/applications/${app.id}/step/${step}`;

/** A document upload (multipart) on the documents step. */
export async function uploadDocument(request: Request, { ctx, app }: Args) {
  const read = await readUploadForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES, maxFiles: 1 });
  if (read.refused)
    return answer({ kind: "upload", fieldErrors: { file: "incubation:errors.fileTooLarge" } }, 413);
  const { form } = read;
  const kind = String(form.get("kind") ?? "");
  const result = await uploadApplicationDocument(
    db(),
    ctx,
    app.company_id,
    app.id,
    kind,
    form.get("file"),
  );
  if (!result.ok) {
    const key =
      result.error === "notEditable"
        ? "incubation:app.notEditable"
        : `incubation:errors.${result.error}`;
    return answer({ kind: "upload", fieldErrors: { [result.field]: key } }, statusOf(result));
  }
  return redirectWithToast(stepUrl(app, DOCUMENTS_STEP), {
    type: "success",
    key: "incubation:toast.uploaded",
  });
}

/** The documents step's other buttons: remove a document, or move back or on. */
export async function documentsStep(form: FormData, intent: string, { app, step }: Args) {
  if (intent === "remove") {
    await removeDocument(db(), app.company_id, app.id, String(form.get("documentId") ?? ""));
    return redirectWithToast(stepUrl(app, DOCUMENTS_STEP), {
      type: "success",
      key: "incubation:toast.removed",
    });
  }
  return redirect(stepUrl(app, intent === "back" ? step - 1 : step + 1));
}

/** The review step: back, or submit (refused with the gaps still to fill). */
export async function reviewStep(intent: string, { ctx, app, step }: Args) {
  if (intent === "back") return redirect(stepUrl(app, step - 1));
  const result = await submitApplication(db(), ctx, app.company_id, app.id);
  if (result.ok)
    return redirectWithToast(`/applications/${app.id}`, {
      type: "success",
      key: result.already ? "incubation:toast.alreadySubmitted" : "incubation:toast.submitted",
    });
  if (result.error === "gaps") return answer({ kind: "gaps", gaps: result.gaps }, statusOf(result));
  const code = result.error === "notFound" ? "invalidState" : result.error;
  return answer({ kind: "error", error: `incubation:errors.${code}` }, statusOf({ error: code }));
}

/** A step tab's intent ("goto-3"): the step it leads to, or null. */
function gotoStep(intent: string): number | null {
  const m = /^goto-([1-6])$/.exec(intent);
  return m ? Number(m[1]) : null;
}

/**
 * Steps 1-4: save this step's answers (only its questions are read), then move on: back, to a
 * step's tab, or on ("next": when a required answer of this step is still empty, the step is
 * shown again listing what is missing, with a link to go on anyway). "autosave" (a fetcher, with
 * JavaScript) answers the new version and stays.
 */
export async function answersStep(form: FormData, intent: string, { ctx, app, step }: Args) {
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
  if (intent === "autosave") {
    if (result.ok)
      return data<AutosaveReply>({
        kind: "saved",
        version: result.version,
        savedAt: new Date().toISOString(),
      });
    if (result.error === "conflict")
      return data<AutosaveReply>({ kind: "conflict", version: result.version }, { status: 409 });
    return data<AutosaveReply>(
      { kind: "error", fieldErrors: result.error === "fields" ? result.fieldErrors : undefined },
      { status: statusOf(result) },
    );
  }
  if (!result.ok) {
    if (result.error === "conflict")
      return answer({ kind: "conflict", values, version: result.version }, statusOf(result));
    const fieldErrors = result.error === "fields" ? result.fieldErrors : undefined;
    const error = fieldErrors ? "incubation:errors.answers" : "incubation:app.notEditable";
    return answer({ kind: "error", error, values, fieldErrors }, statusOf(result));
  }
  if (intent === "save")
    return redirectWithToast(stepUrl(app, step), {
      type: "success",
      key: "incubation:toast.saved",
    });
  const target = gotoStep(intent);
  if (target) return redirect(stepUrl(app, target));
  if (intent === "back") return redirect(stepUrl(app, Math.max(1, step - 1)));
  const stillMissing = app.questions.some(
    (q) => q.step === step && q.required && !(values[q.key] ?? "").trim(),
  );
  if (stillMissing) return redirect(`${stepUrl(app, step)}?incomplete=1`);
  return redirect(stepUrl(app, step + 1));
}
