/** Canned replies and macros (ADR 0039): the snippet form and the badges the desk shows. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick, type Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useStateLabel } from "./components";
import { SNIPPET_VARIABLES, snippetSchema, type SnippetInput } from "./snippets";
import { PRIORITIES, STATES } from "./workflow";

export interface SnippetDefaults {
  title?: string;
  bodyEn?: string;
  bodyZh?: string;
  shared?: "yes" | "no";
  setState?: string | null;
  setPriority?: string | null;
  setTeamId?: string | null;
  setAssigneeId?: string | null;
  version?: number;
}

type Named = { id: string; name_en: string; name_zh: string };

export function SnippetForm({
  lastResult,
  defaults,
  teams,
  staff,
  locale,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: SnippetDefaults;
  teams: Named[];
  staff: { id: string; name: string }[];
  locale: Locale;
}) {
  const { t } = useTranslation("snippets");
  const { t: ts } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  const [form, fields] = useForm<SnippetInput>({
    id: "snippet",
    lastResult,
    defaultValue: Object.fromEntries(
      Object.entries(defaults).map(([k, v]) => [k, v == null ? undefined : String(v)]),
    ),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: snippetSchema }),
  });
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const shared = initial.shared === "yes" ? "yes" : "no";
  const keep = t("fields.keep");
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      {defaults.version != null ? (
        <input type="hidden" name="version" value={defaults.version} />
      ) : null}
      <ErrorSummary
        form={form}
        fields={{ title: fields.title, bodyEn: fields.bodyEn, bodyZh: fields.bodyZh }}
        labels={{
          title: t("fields.title"),
          bodyEn: t("fields.bodyEn"),
          bodyZh: t("fields.bodyZh"),
        }}
      />
      <Field field={fields.title} label={t("fields.title")} />
      <div className="news-editor-langs">
        <TextareaField field={fields.bodyEn} label={t("fields.bodyEn")} rows={6} optional />
        <div lang="zh-CN">
          <TextareaField field={fields.bodyZh} label={t("fields.bodyZh")} rows={6} optional />
        </div>
      </div>
      <VariableList />
      <fieldset>
        <legend>{t("fields.shared")}</legend>
        {(["no", "yes"] as const).map((v) => (
          <label key={v} className="checkbox">
            <input type="radio" name="shared" value={v} defaultChecked={shared === v} />{" "}
            {t(v === "yes" ? "fields.sharedYes" : "fields.sharedNo")}
          </label>
        ))}
      </fieldset>
      <fieldset className="card">
        <legend>{t("fields.actions")}</legend>
        <SelectField
          field={fields.setState as FieldMetadata<string>}
          label={t("fields.setState")}
          placeholder={keep}
          options={STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
        <SelectField
          field={fields.setPriority as FieldMetadata<string>}
          label={t("fields.setPriority")}
          placeholder={keep}
          options={PRIORITIES.map((p) => ({ value: p, label: ts(`priorities.${p}`) }))}
        />
        <SelectField
          field={fields.setTeamId as FieldMetadata<string>}
          label={t("fields.setTeamId")}
          placeholder={keep}
          options={teams.map((x) => ({ value: x.id, label: pick(locale, x.name_en, x.name_zh) }))}
        />
        <SelectField
          field={fields.setAssigneeId as FieldMetadata<string>}
          label={t("fields.setAssigneeId")}
          placeholder={keep}
          options={staff.map((x) => ({ value: x.id, label: x.name }))}
        />
      </fieldset>
      <SubmitButton name="intent" value="save" pendingText={t("saving")}>
        {t("save")}
      </SubmitButton>
    </Form>
  );
}

export function VariableList() {
  const { t } = useTranslation("snippets");
  return (
    <div className="field-hint">
      <p>{t("variables.lead")}</p>
      <ul>
        {SNIPPET_VARIABLES.map((v) => (
          <li key={v}>
            <code>{`{{${v}}}`}</code> – {t(`variables.${v}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Sets: waiting on requester, high, Visa team, Wang Fang" for a macro, or null. */
export function useMacroSummary(
  teams: Named[],
  staff: { id: string; name: string }[],
  locale: Locale,
) {
  const { t: ts } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  return (s: {
    set_state: string | null;
    set_priority: string | null;
    set_team_id: string | null;
    set_assignee_id: string | null;
  }) => {
    const parts: string[] = [];
    if (s.set_state && (STATES as readonly string[]).includes(s.set_state))
      parts.push(stateLabel(s.set_state as (typeof STATES)[number]));
    if (s.set_priority && (PRIORITIES as readonly string[]).includes(s.set_priority))
      parts.push(ts(`priorities.${s.set_priority as (typeof PRIORITIES)[number]}`));
    const team = teams.find((x) => x.id === s.set_team_id);
    if (team) parts.push(pick(locale, team.name_en, team.name_zh));
    const person = staff.find((x) => x.id === s.set_assignee_id);
    if (person) parts.push(person.name);
    return parts.length ? parts.join(", ") : null;
  };
}
