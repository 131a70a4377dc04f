/**
 * Adding a milestone to a programme (ADR 0040): titles in both languages, due so many days
 * after the start or on a fixed day, evidence or not. Checked in the browser and again by the
 * action; without JavaScript the server's errors come back beside the fields, with what was
 * typed kept.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { milestoneTemplateSchema } from "~/incubation/schema";

export function MilestoneForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("incubation");
  const [form, fields] = useForm({
    id: "add-milestone",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneTemplateSchema }),
  });
  const labels = {
    titleEn: t("programme.titleEn"),
    titleZh: t("programme.titleZh"),
    dueDays: t("programme.dueAfter"),
    dueOn: t("programme.dueFixed"),
  };
  return (
    <section className="card stack" aria-labelledby="add-milestone-heading">
      <h2 id="add-milestone-heading">{t("programme.add")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <input type="hidden" name="intent" value="add_milestone" />
        <ErrorSummary
          form={form}
          fields={{
            titleEn: fields.titleEn,
            titleZh: fields.titleZh,
            dueDays: fields.dueDays,
            dueOn: fields.dueOn,
          }}
          labels={labels}
        />
        <Field field={fields.titleEn} label={labels.titleEn} />
        <Field field={fields.titleZh} label={labels.titleZh} />
        <fieldset className="stack">
          <legend>{t("programme.dueKind")}</legend>
          <Field field={fields.dueDays} label={labels.dueDays} type="number" inputMode="numeric" />
          <Field field={fields.dueOn} label={labels.dueOn} type="date" />
        </fieldset>
        <label className="checkbox">
          <input
            {...getInputProps(fields.evidenceRequired, { type: "checkbox" })}
            key={fields.evidenceRequired.key}
          />{" "}
          {t("programme.evidence")}
        </label>
        <SubmitButton>{t("programme.addButton")}</SubmitButton>
      </Form>
    </section>
  );
}
