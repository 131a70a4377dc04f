/**
 * What the park and the investor exchange (ADR 0029): the messages and the documents, each
 * with its form. The same components serve the investor's page and the staff's investor page;
 * `side` says who is looking ("investor" sees the park's words as the park's, and theirs as
 * their own). Forms work without JavaScript (a multipart post, then a redirect).
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import {
  ErrorSummary,
  FieldErrors,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { ExchangeDocument, ExchangeMessage } from "./investor.server";
import { messageSchema } from "./investor-schema";

type Side = "investor" | "park";

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function MessageThread({
  messages,
  side,
  lastResult,
}: {
  messages: ExchangeMessage[];
  side: Side;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation("investor");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: `message-${messages.length}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: messageSchema }),
  });
  const who = (m: ExchangeMessage) =>
    m.from_investor
      ? side === "investor"
        ? t("thread.you")
        : t("thread.investor", { name: m.author ?? "–" })
      : side === "park"
        ? (m.author ?? t("thread.park"))
        : t("thread.parkTeam", { name: m.author ?? "–" });
  return (
    <section className="card" aria-labelledby="messages-title" data-testid="project-messages">
      <h2 id="messages-title">{t("thread.title")}</h2>
      {messages.length ? (
        <ol className="sr-messages">
          {messages.map((m) => (
            <li
              key={m.id}
              className={`sr-message ${m.from_investor ? "sr-message-company" : "sr-message-park"}`}
            >
              <p className="muted">
                <strong>{who(m)}</strong> · {formatDateTime(m.created_at, locale)}
              </p>
              <p className="sr-body">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("thread.empty")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="form-stack sr-composer">
        <IdempotencyKey />
        <ErrorSummary
          form={form}
          fields={{ body: fields.body }}
          labels={{ body: t("thread.label") }}
        />
        <TextareaField
          field={fields.body}
          label={t("thread.label")}
          hint={side === "investor" ? t("thread.hintInvestor") : t("thread.hintPark")}
          rows={4}
        />
        <SubmitButton name="intent" value="message" pendingText={t("thread.sending")}>
          {t("thread.send")}
        </SubmitButton>
      </Form>
    </section>
  );
}

export function Documents({
  projectId,
  documents,
  side,
  lastResult,
}: {
  projectId: string;
  documents: ExchangeDocument[];
  side: Side;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation("investor");
  const locale = useLocale();
  const errorText = useErrorText();
  const fileErrors = lastResult?.error?.file ?? [];
  const from = (d: ExchangeDocument) =>
    d.from_investor
      ? side === "investor"
        ? t("documents.fromYou")
        : t("documents.fromInvestor")
      : t("documents.fromPark");
  return (
    <section className="card" aria-labelledby="documents-title" data-testid="project-documents">
      <h2 id="documents-title">{t("documents.title")}</h2>
      {documents.length ? (
        <ul className="sr-files investor-documents">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/projects/${projectId}/documents/${d.id}`} download>
                {d.file_name}
              </a>{" "}
              <span className="muted">
                {formatBytes(d.size_bytes)} · {from(d)} · {formatDateTime(d.created_at, locale)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("documents.empty")}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="form-stack">
        <IdempotencyKey />
        <div className={`field${fileErrors.length ? " has-error" : ""}`}>
          <label htmlFor="document-file">{t("documents.choose")}</label>
          <p className="field-hint" id="document-file-hint">
            {t("documents.hint")}
          </p>
          <input
            id="document-file"
            name="file"
            type="file"
            required
            aria-describedby="document-file-hint document-file-error"
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx"
          />
          <FieldErrors id="document-file-error" errors={fileErrors} format={errorText} />
        </div>
        <SubmitButton
          name="intent"
          value="document"
          className="button button-secondary"
          pendingText={t("documents.uploading")}
        >
          {t("documents.upload")}
        </SubmitButton>
      </Form>
    </section>
  );
}
