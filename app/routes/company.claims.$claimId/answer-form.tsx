/** The company's answer to a request for more information: text and further documents. */
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
import { answerSchema } from "~/policies/claim-schema";

export function AnswerForm({
  version,
  lastResult,
}: {
  version: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("claims");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "answer",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerSchema }),
  });
  const filesErrors = (lastResult?.error as Record<string, string[]> | undefined)?.files ?? [];
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="form-stack"
    >
      <IdempotencyKey />
      <input type="hidden" name="version" value={version} />
      <h3>{t("detail.answer")}</h3>
      <ErrorSummary
        form={form}
        fields={{ statement: fields.statement, files: { id: "answer-files", errors: filesErrors } }}
        labels={{ statement: t("detail.answerLabel"), files: t("detail.moreFiles") }}
      />
      <p className="muted">{t("detail.answerHint")}</p>
      <TextareaField field={fields.statement} label={t("detail.answerLabel")} rows={4} />
      <div className={`field${filesErrors.length ? " has-error" : ""}`}>
        <label htmlFor="answer-files">{t("detail.moreFiles")}</label>
        <p className="field-hint" id="answer-files-hint">
          {t("new.documentsHint")}
        </p>
        <input
          id="answer-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg"
          aria-describedby="answer-files-hint answer-files-error"
        />
        <FieldErrors id="answer-files-error" errors={filesErrors} format={errorText} />
      </div>
      <SubmitButton pendingText={t("detail.sending")}>{t("detail.send")}</SubmitButton>
    </Form>
  );
}
