/** The claim form: statement, amount asked for, one file input per required document. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import {
  ErrorSummary,
  Field,
  FieldErrors,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { claimSchema } from "~/policies/claim-schema";
import { useMoney } from "~/policies/claim-ui";
import type { PolicyDocument } from "~/policies/schema";

export function ClaimForm({
  documents,
  maxMinor,
  lastResult,
}: {
  documents: readonly PolicyDocument[];
  maxMinor: number | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "claim",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: claimSchema }),
  });
  const docErrors = (lastResult?.error ?? {}) as Record<string, string[] | null | undefined>;
  const docFields = Object.fromEntries(
    documents.map((d) => [
      `doc_${d.key}`,
      { id: `claim-doc-${d.key}`, errors: docErrors[`doc_${d.key}`] ?? undefined },
    ]),
  );
  const labels: Record<string, string> = {
    statement: t("fields.statement"),
    requested: t("fields.requested"),
    ...Object.fromEntries(documents.map((d) => [`doc_${d.key}`, pick(locale, d.en, d.zh)])),
  };
  const formErrors = [...(form.errors ?? []), ...(docErrors[""] ?? [])];
  return (
    <section className="card" aria-labelledby="claim-send">
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="form-stack"
      >
        <IdempotencyKey />
        <ErrorSummary
          form={{ errors: formErrors }}
          fields={{ statement: fields.statement, requested: fields.requested, ...docFields }}
          labels={labels}
        />
        <h2 id="claim-send">{t("new.documents")}</h2>
        {documents.length ? (
          <p className="muted">{t("new.documentsHint")}</p>
        ) : (
          <p className="muted">{t("new.noDocuments")}</p>
        )}
        {documents.map((d) => {
          const f = docFields[`doc_${d.key}`]!;
          return (
            <div key={d.key} className={`field${f.errors?.length ? " has-error" : ""}`}>
              <label htmlFor={f.id}>{labels[`doc_${d.key}`]}</label>
              <input
                id={f.id}
                name={`doc_${d.key}`}
                type="file"
                accept=".pdf,.png,.jpg,.jpeg"
                aria-describedby={`${f.id}-error`}
                aria-invalid={f.errors?.length ? true : undefined}
              />
              <FieldErrors id={`${f.id}-error`} errors={f.errors} format={errorText} />
            </div>
          );
        })}
        <Field
          field={fields.requested as FieldMetadata<string | undefined>}
          label={labels.requested!}
          hint={[
            t("new.requestedHint"),
            maxMinor ? t("new.maximum", { amount: money(maxMinor) }) : "",
          ]
            .filter(Boolean)
            .join(" ")}
          inputMode="decimal"
          optional
        />
        <TextareaField
          field={fields.statement}
          label={labels.statement!}
          hint={t("new.statementHint")}
          rows={5}
          optional
        />
        <SubmitButton pendingText={t("new.submitting")}>{t("new.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
