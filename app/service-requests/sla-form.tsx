/** The SLA targets of one request type: four priorities x two clocks, hours and minutes, one save. */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { slaTypeSchema } from "./schema";
import { PRIORITIES, type Priority } from "./workflow";

type Targets = Record<Priority, { firstResponse: number; resolution: number }>;
const CLOCKS = ["firstResponse", "resolution"] as const;

const asParts = (minutes: number) => ({
  hours: String(Math.floor(minutes / 60)),
  minutes: String(minutes % 60),
});

export function SlaTypeForm({
  typeId,
  title,
  targets,
  lastResult,
}: {
  typeId: string;
  title: string;
  targets: Targets;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: `sla-${typeId}`,
    lastResult,
    defaultValue: {
      targets: Object.fromEntries(
        PRIORITIES.map((p) => [
          p,
          {
            firstResponse: asParts(targets[p].firstResponse),
            resolution: asParts(targets[p].resolution),
          },
        ]),
      ),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: slaTypeSchema }),
  });
  const byPriority = fields.targets.getFieldset();
  const summary: Record<string, { id: string; errors?: string[] }> = {};
  const labels: Record<string, string> = {};
  for (const p of PRIORITIES)
    for (const c of CLOCKS) {
      const parts = byPriority[p].getFieldset()[c].getFieldset();
      const name = `${t(`priorities.${p}`)}, ${t(`admin.${c}Short`)}`;
      summary[`${p}-${c}-h`] = parts.hours;
      summary[`${p}-${c}-m`] = parts.minutes;
      labels[`${p}-${c}-h`] = `${name} (${t("admin.hours")})`;
      labels[`${p}-${c}-m`] = `${name} (${t("admin.minutes")})`;
    }
  return (
    <section className="card">
      <h3>{title}</h3>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <IdempotencyKey />
        <ErrorSummary form={form} fields={summary} labels={labels} />
        <input type="hidden" name="typeId" value={typeId} />
        <div className="table-wrap">
          <table className="table sr-sla-table">
            <thead>
              <tr>
                <th>{t("staff.priority")}</th>
                <th>{t("admin.firstResponseTime")}</th>
                <th>{t("admin.resolutionTime")}</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITIES.map((p) => (
                <tr key={p}>
                  <td>{t(`priorities.${p}`)}</td>
                  {CLOCKS.map((c) => {
                    const parts = byPriority[p].getFieldset()[c].getFieldset();
                    const name = `${t(`priorities.${p}`)}, ${t(`admin.${c}Short`)}`;
                    return (
                      <td key={c}>
                        <span className="sr-duration">
                          <input
                            {...getInputProps(parts.hours, { type: "number" })}
                            key={parts.hours.key}
                            min={0}
                            aria-label={`${name} (${t("admin.hours")})`}
                          />{" "}
                          {t("admin.h")}{" "}
                          <input
                            {...getInputProps(parts.minutes, { type: "number" })}
                            key={parts.minutes.key}
                            min={0}
                            max={59}
                            aria-label={`${name} (${t("admin.minutes")})`}
                          />{" "}
                          {t("admin.min")}
                        </span>
                        <FieldErrors
                          id={parts.hours.errorId}
                          errors={parts.hours.errors}
                          format={errorText}
                        />
                        <FieldErrors
                          id={parts.minutes.errorId}
                          errors={parts.minutes.errors}
                          format={errorText}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <SubmitButton name="intent" value="set-targets">
          {t("admin.saveTargets")}
        </SubmitButton>
      </Form>
    </section>
  );
}
