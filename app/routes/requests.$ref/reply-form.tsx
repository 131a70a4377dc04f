/** The company's reply to the park, with files. */
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
import { replySchema } from "~/service-requests/schema";

export function ReplyForm({
  lastResult,
  waiting,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  waiting: boolean;
}) {
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "reply",
    lastResult,
    // Validate on submit and re-validate while typing, never on blur: an error that vanished on
    // blur moved "Send reply" between the press and the release, so the first click was lost.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
  });
  const filesErrors = lastResult?.error?.files ?? [];
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
