/** The desk's properties form: state, priority, team and assignee, in one change. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import { SelectField, SubmitButton } from "~/components/forms";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { FormErrorNotice } from "~/service-requests/thread";
import { nextStates, PRIORITIES, type RequestState } from "~/service-requests/workflow";
import { useStaffStateLabel } from "./state-label";

export function Properties({
  lastResult,
  request,
  teams,
  staff,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  request: {
    version: number;
    state: RequestState;
    priority: string;
    teamId: string | null;
    assigneeId: string | null;
  };
  teams: { id: string; name_en: string; name_zh: string }[];
  staff: { id: string; name: string }[];
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const stateLabel = useStaffStateLabel();
  const [form, fields] = useForm({
    id: "properties",
    lastResult,
    defaultValue: {
      state: request.state,
      priority: request.priority,
      teamId: request.teamId ?? "",
      assigneeId: request.assigneeId ?? "",
    },
  });
  const states = [request.state, ...nextStates(request.state, "staff")];
  return (
    <section className="card">
      <h2>{t("staff.properties")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrorNotice errors={form.errors} />
        <input type="hidden" name="version" value={request.version} />
        <SelectField
          field={fields.state as FieldMetadata<string>}
          label={t("detail.state")}
          options={states.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
        <SelectField
          field={fields.priority as FieldMetadata<string>}
          label={t("staff.priority")}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        />
        <SelectField
          field={fields.teamId as FieldMetadata<string>}
          label={t("staff.team")}
          options={[
            { value: "", label: t("desk.noTeam") },
            ...teams.map((x) => ({ value: x.id, label: pick(locale, x.name_en, x.name_zh) })),
          ]}
        />
        <SelectField
          field={fields.assigneeId as FieldMetadata<string>}
          label={t("staff.assignee")}
          options={[
            { value: "", label: t("staff.unassigned") },
            ...staff.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SubmitButton name="intent" value="properties" pendingText={t("staff.updating")}>
          {t("staff.update")}
        </SubmitButton>
      </Form>
    </section>
  );
}
