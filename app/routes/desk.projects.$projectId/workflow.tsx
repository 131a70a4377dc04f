/** The stage form (with the lost reason) and the next-step form. */
import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { isStoppable, nextStages, type Stage } from "~/projects/pipeline";
import { nextStepSchema, stageSchema } from "~/projects/schema";
import { useProjectLabels } from "~/projects/ui";
import type { ProjectReply } from "./intents.server";

interface Props {
  project: {
    stage: string;
    stopped_stage: string | null;
    next_step: string;
    next_step_due: string | null;
    version: number;
  };
  reply?: ProjectReply;
}

export function StageForm({ project, reply }: Props) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const errText = useErrorText();
  const stopped = isStoppable(project.stopped_stage) ? project.stopped_stage : null;
  const targets = nextStages(project.stage as Stage, stopped);
  const [form, fields] = useForm({
    id: `stage-${project.version}`,
    lastResult: reply?.intent === "stage" ? reply.result : null,
    defaultValue: { to: targets[0] ?? "" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: stageSchema }),
  });
  if (!targets.length) return <p className="muted">{t("detail.noMoves")}</p>;
  const label = (s: Stage) =>
    (project.stage === "on_hold" || project.stage === "lost") && s === stopped
      ? t("detail.resume", { stage: l.stage(s) })
      : l.stage(s);
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <input type="hidden" name="intent" value="stage" />
      <input type="hidden" name="version" value={project.version} />
      <ErrorSummary
        form={form}
        fields={{ to: fields.to, lostReason: fields.lostReason }}
        labels={{ to: t("detail.to"), lostReason: t("detail.lostReason") }}
      />
      <div className="field">
        <label htmlFor={fields.to.id}>{t("detail.to")}</label>
        <select {...getSelectProps(fields.to)} key={fields.to.key}>
          {targets.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={fields.note.id}>{t("detail.note")}</label>
        <textarea {...getTextareaProps(fields.note)} key={fields.note.key} rows={2} />
        <FieldErrors id={fields.note.errorId} errors={fields.note.errors} format={errText} />
      </div>
      {targets.includes("lost") ? (
        <div className={`field${fields.lostReason.errors?.length ? " has-error" : ""}`}>
          <label htmlFor={fields.lostReason.id}>{t("detail.lostReason")}</label>
          <p className="field-hint" id={`${fields.lostReason.id}-hint`}>
            {t("detail.lostReasonHint")}
          </p>
          <textarea
            {...getTextareaProps(fields.lostReason, {
              ariaDescribedBy: `${fields.lostReason.id}-hint`,
            })}
            key={fields.lostReason.key}
            rows={2}
          />
          <FieldErrors
            id={fields.lostReason.errorId}
            errors={fields.lostReason.errors}
            format={errText}
          />
        </div>
      ) : null}
      <SubmitButton name="intent" value="stage" className="button">
        {t("detail.moveSubmit")}
      </SubmitButton>
    </Form>
  );
}

export function NextStepForm({ project, reply }: Props) {
  const { t } = useTranslation("projects");
  const [form, fields] = useForm({
    id: `next-${project.version}`,
    lastResult: reply?.intent === "next-step" ? reply.result : null,
    defaultValue: { nextStep: project.next_step, nextStepDue: project.next_step_due ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: nextStepSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <input type="hidden" name="intent" value="next-step" />
      <input type="hidden" name="version" value={project.version} />
      <ErrorSummary
        form={form}
        fields={{ nextStep: fields.nextStep, nextStepDue: fields.nextStepDue }}
        labels={{ nextStep: t("detail.nextStepText"), nextStepDue: t("detail.nextStepDue") }}
      />
      <Field field={fields.nextStep} label={t("detail.nextStepText")} />
      <Field field={fields.nextStepDue} label={t("detail.nextStepDue")} type="date" />
      <SubmitButton name="intent" value="next-step" className="button button-secondary">
        {t("detail.setNextStep")}
      </SubmitButton>
    </Form>
  );
}
