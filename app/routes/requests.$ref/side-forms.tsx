/** The company's smaller forms: close or reopen the request, and rate it once resolved. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { rateSchema } from "~/service-requests/schema";
import { FormErrorNotice } from "~/service-requests/thread";
import { nextStates, type RequestState } from "~/service-requests/workflow";

type LastResult = SubmissionResult<string[]> | null | undefined;

/** Close (when open) or reopen (when resolved) buttons; nothing when neither is allowed. */
export function StateForms({
  state,
  version,
  lastResult,
}: {
  state: RequestState;
  version: number;
  lastResult: LastResult;
}) {
  const { t } = useTranslation("services");
  const next = nextStates(state, "requester");
  const actions = (["close", "reopen"] as const).filter((a) =>
    next.includes(a === "close" ? "closed" : "reopened"),
  );
  if (!actions.length) return null;
  return (
    <section className="card stack">
      <FormErrorNotice errors={lastResult?.error?.[""]} />
      {actions.map((a) => (
        <Form key={a} method="post">
          <input type="hidden" name="version" value={version} />
          <p className="muted">{t(`detail.${a}Hint`)}</p>
          <SubmitButton className="button button-secondary" name="intent" value={a}>
            {t(`detail.${a}`)}
          </SubmitButton>
        </Form>
      ))}
    </section>
  );
}

export function RatingForm({ lastResult }: { lastResult: LastResult }) {
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
