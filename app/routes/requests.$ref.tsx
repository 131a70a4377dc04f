import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import {
  ErrorSummary,
  FieldErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { formatBytes, SlaLine, StateBadge, useFormatDate } from "~/service-requests/components";
import { readRequestForm, storeFor } from "~/service-requests/files.server";
import { rateSchema, replySchema, requesterStateSchema } from "~/service-requests/schema";
import {
  getRequestForCompany,
  rateRequest,
  requesterReply,
  requesterSetState,
} from "~/service-requests/service-requests.server";
import { nextStates, type RequestState } from "~/service-requests/workflow";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = ({ params }) => [
  { title: `${params.ref ?? ""} · Service request · 服务申请 | Zizhu Park Portal` },
];

/** A request as its company sees it; another company's (or a missing) request is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:own");
  const found = await getRequestForCompany(db(), user, params.ref ?? "");
  invariantFound(found);
  return found;
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:own");
  const ref = params.ref ?? "";
  const found = await getRequestForCompany(db(), user, ref);
  invariantFound(found);
  const read = await readRequestForm(request);
  if ("refused" in read)
    return data(
      {
        intent: "reply",
        result: { status: "error" as const, error: { files: [read.refused] } },
      },
      { status: read.refused === "services:errors.file" ? 413 : 400 },
    );
  const { form, uploads } = read;
  const intent = String(form.get("intent") ?? "");
  const origin = requestMeta(request, context).origin;
  const back = `/requests/${found.request.ref}`;

  if (intent === "reply") {
    const submission = parseForm(form, { schema: replySchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await requesterReply(
      db(),
      user,
      ref,
      { body: submission.value.body, store: storeFor(uploads, user.id) },
      origin,
    );
    if (!result.ok) {
      const error =
        result.reason === "file"
          ? { fieldErrors: { files: ["services:errors.file"] } }
          : { formErrors: ["services:staff.invalid"] };
      return data(
        { intent, result: submission.reply(error) },
        { status: result.reason === "file" ? 400 : 409 },
      );
    }
    return redirectWithToast(back, { type: "success", key: "services:toast.replied" });
  }
  if (intent === "close" || intent === "reopen") {
    const submission = parseForm(form, { schema: requesterStateSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const to: RequestState = intent === "close" ? "closed" : "reopened";
    const result = await requesterSetState(db(), user, ref, to, submission.value.version, origin);
    if (!result.ok) {
      const key =
        result.reason === "conflict" ? "services:staff.conflict" : "services:staff.transition";
      return data({ intent, result: submission.reply({ formErrors: [key] }) }, { status: 409 });
    }
    return redirectWithToast(back, {
      type: "success",
      key: intent === "close" ? "services:toast.closed" : "services:toast.reopened",
    });
  }
  if (intent === "rate") {
    const submission = parseForm(form, { schema: rateSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await rateRequest(db(), user, ref, {
      rating: submission.value.rating,
      comment: submission.value.comment ?? "",
    });
    if (!result.ok)
      return data(
        { intent, result: submission.reply({ formErrors: ["services:staff.transition"] }) },
        { status: 409 },
      );
    return redirectWithToast(back, { type: "success", key: "services:toast.rated" });
  }
  return data({ intent: "none", result: null }, { status: 400 });
}

export default function RequestDetail() {
  const {
    request: r,
    fields,
    fieldValues,
    messages,
    files,
    history,
    sla,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const date = useFormatDate();
  const errorText = useErrorText();
  const finished = r.state === "resolved" || r.state === "closed";
  const requesterNext = nextStates(r.state, "requester");
  const filesFor = (messageId: string | null) => files.filter((f) => f.message_id === messageId);
  const stateResult =
    actionData && (actionData.intent === "close" || actionData.intent === "reopen")
      ? actionData.result
      : null;

  return (
    <div className="container">
      <p>
        <Link to="/requests">← {t("list.title")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">
          {r.ref} · {pick(locale, r.category_name_en, r.category_name_zh)} ·{" "}
          {pick(locale, r.type_name_en, r.type_name_zh)}
        </p>
        <h1>{r.subject}</h1>
        <p className="muted">
          {t("detail.filedBy", { name: r.requester_name ?? "–", date: date(r.created_at) })}
        </p>
      </header>

      <div className="sr-layout">
        <div className="stack">
          <section className="card">
            <dl className="details">
              <dt>{t("detail.state")}</dt>
              <dd>
                <StateBadge state={r.state} />
              </dd>
              {finished ? (
                <>
                  <dt>{t("detail.expected")}</dt>
                  <dd>
                    {t("detail.expectedDone")} {date(r.resolved_at ?? r.closed_at)}
                  </dd>
                </>
              ) : (
                <SlaLine
                  label={t("detail.expected")}
                  dueAt={sla.resolutionDueAt}
                  leftMs={sla.resolutionMs}
                />
              )}
            </dl>
            {r.state === "waiting_on_requester" ? (
              <div className="notice notice-warning">
                <p>{t("detail.replyWaiting")}</p>
              </div>
            ) : null}
          </section>

          <section className="card">
            <h2>{t("detail.details")}</h2>
            <h3>{t("detail.description")}</h3>
            <p className="sr-body">{r.description}</p>
            {fields.length ? (
              <dl className="details">
                {fields.map((f) => (
                  <div key={f.id}>
                    <dt>{pick(locale, f.label_en, f.label_zh)}</dt>
                    <dd>
                      {f.kind === "choice"
                        ? (() => {
                            const o = f.options.find((x) => x.value === fieldValues[f.key]);
                            return o ? pick(locale, o.en, o.zh) : "–";
                          })()
                        : f.kind === "file"
                          ? files
                              .filter((x) => x.field_key === f.key)
                              .map((x) => (
                                <a key={x.id} href={`/requests/files/${x.id}`}>
                                  {x.file_name}
                                </a>
                              ))
                          : fieldValues[f.key] || "–"}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <FileList files={filesFor(null).filter((f) => !f.field_key)} />
          </section>

          <section className="card" aria-labelledby="conversation">
            <h2 id="conversation">{t("detail.conversation")}</h2>
            {messages.length ? (
              <ol className="sr-messages">
                {messages.map((m) => (
                  <li
                    key={m.id}
                    className={`sr-message ${m.from_staff ? "sr-message-park" : "sr-message-company"}`}
                  >
                    <p className="muted">
                      <strong>
                        {m.from_staff ? t("detail.park") : (m.author_name ?? t("detail.you"))}
                      </strong>{" "}
                      · {date(m.created_at)}
                    </p>
                    <p className="sr-body">{m.body}</p>
                    <FileList files={filesFor(m.id)} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("detail.noMessages")}</p>
            )}
            <ReplyForm
              key={`${messages.length}-${r.version}`}
              lastResult={actionData?.intent === "reply" ? actionData.result : undefined}
              waiting={r.state === "waiting_on_requester"}
            />
          </section>

          {finished ? (
            <section className="card">
              <h2>{t("detail.rating")}</h2>
              {r.rating ? (
                <p>
                  {t("detail.rated", { rating: String(r.rating) })}{" "}
                  {r.rating_comment ? <q>{r.rating_comment}</q> : null}
                </p>
              ) : (
                <RatingForm
                  lastResult={actionData?.intent === "rate" ? actionData.result : undefined}
                />
              )}
            </section>
          ) : null}
        </div>

        <aside className="stack">
          {requesterNext.includes("closed") || requesterNext.includes("reopened") ? (
            <section className="card stack">
              {stateResult && "error" in stateResult && stateResult.error?.[""] ? (
                <div className="notice notice-danger" role="alert">
                  {stateResult.error[""].map((e: string) => (
                    <p key={e}>{errorText(e)}</p>
                  ))}
                </div>
              ) : null}
              {requesterNext.includes("closed") ? (
                <Form method="post">
                  <input type="hidden" name="version" value={r.version} />
                  <p className="muted">{t("detail.closeHint")}</p>
                  <SubmitButton className="button button-secondary" name="intent" value="close">
                    {t("detail.close")}
                  </SubmitButton>
                </Form>
              ) : null}
              {requesterNext.includes("reopened") ? (
                <Form method="post">
                  <input type="hidden" name="version" value={r.version} />
                  <p className="muted">{t("detail.reopenHint")}</p>
                  <SubmitButton className="button button-secondary" name="intent" value="reopen">
                    {t("detail.reopen")}
                  </SubmitButton>
                </Form>
              ) : null}
            </section>
          ) : null}
          <section className="card">
            <h2>{t("detail.history")}</h2>
            <ol className="sr-history">
              {history.map((h) => (
                <li key={h.id}>
                  <span className="muted">{date(h.at)}</span>{" "}
                  {h.kind === "created"
                    ? t("history.created")
                    : h.kind === "state"
                      ? t("history.state", {
                          from: t(`states.${h.from_value as RequestState}`),
                          to: t(`states.${h.to_value as RequestState}`),
                        })
                      : t("history.rating", { to: h.to_value ?? "" })}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}

function FileList({ files }: { files: { id: string; file_name: string; size_bytes: number }[] }) {
  if (!files.length) return null;
  return (
    <ul className="sr-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/requests/files/${f.id}`}>{f.file_name}</a>{" "}
          <span className="muted">({formatBytes(f.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's SubmissionResult
function ReplyForm({ lastResult, waiting }: { lastResult: any; waiting: boolean }) {
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "reply",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
  });
  const filesErrors = (lastResult?.error?.files as string[] | undefined) ?? [];
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="form-stack sr-composer"
    >
      <IdempotencyKey />
      <h3>{t("detail.reply")}</h3>
      <ErrorSummary
        form={form}
        fields={{ body: fields.body }}
        labels={{ body: t("detail.reply") }}
      />
      <p className="muted">{waiting ? t("detail.replyWaiting") : t("detail.replyHint")}</p>
      <TextareaField field={fields.body} label={t("detail.reply")} rows={4} />
      <div className={`field${filesErrors.length ? " has-error" : ""}`}>
        <label htmlFor="reply-files">{t("detail.addFiles")}</label>
        <input id="reply-files" name="files" type="file" multiple accept=".pdf,.png,.jpg,.jpeg" />
        <FieldErrors id="reply-files-error" errors={filesErrors} format={errorText} />
      </div>
      <SubmitButton pendingText={t("detail.sending")} name="intent" value="reply">
        {t("detail.send")}
      </SubmitButton>
    </Form>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's SubmissionResult
function RatingForm({ lastResult }: { lastResult: any }) {
  const { t } = useTranslation("services");
  const [form, fields] = useForm({
    id: "rate",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rateSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <p className="muted">{t("detail.ratingLead")}</p>
      <SelectField
        field={fields.rating as FieldMetadata<string>}
        label={t("detail.ratingLabel")}
        placeholder="—"
        options={["5", "4", "3", "2", "1"].map((v) => ({
          value: v,
          label: `${v} ${"★".repeat(Number(v))}`,
        }))}
      />
      <TextareaField field={fields.comment} label={t("detail.ratingComment")} rows={3} optional />
      <SubmitButton name="intent" value="rate">
        {t("detail.rate")}
      </SubmitButton>
    </Form>
  );
}
