/** The desk's rules (ADR 0050): the rule form and a rule's summary in words. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick, type Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import {
  RULE_EVENTS,
  RULE_FIELDS,
  ruleSchema,
  type RuleEvent,
  type RuleInput,
  type RuleOptions,
} from "./rules";
import { useStateLabel } from "./components";
import { PRIORITIES, STATES, type RequestState } from "./workflow";

export type RuleDefaults = Partial<Record<keyof RuleInput, string | number | null>>;

/** A stored rule as the form's defaults. */
export function ruleDefaults(r: {
  name: string;
  event: string;
  enabled: boolean;
  changed_field: string | null;
  wait_hours: number | null;
  cond_type_id: string | null;
  cond_category_id: string | null;
  cond_company_id: string | null;
  cond_priority: string | null;
  cond_state: string | null;
  cond_subject: string | null;
  cond_field_key: string | null;
  cond_field_value: string | null;
  set_team_id: string | null;
  set_assignee_id: string | null;
  set_priority: string | null;
  add_tag: string | null;
  notify_user_id: string | null;
  macro_id: string | null;
  version: number;
}): RuleDefaults {
  return {
    name: r.name,
    event: r.event,
    enabled: r.enabled ? "yes" : "no",
    changedField: r.changed_field,
    waitHours: r.wait_hours,
    condTypeId: r.cond_type_id,
    condCategoryId: r.cond_category_id,
    condCompanyId: r.cond_company_id,
    condPriority: r.cond_priority,
    condState: r.cond_state,
    condSubject: r.cond_subject,
    condFieldKey: r.cond_field_key,
    condFieldValue: r.cond_field_value,
    setTeamId: r.set_team_id,
    setAssigneeId: r.set_assignee_id,
    setPriority: r.set_priority,
    addTag: r.add_tag,
    notifyUserId: r.notify_user_id,
    macroId: r.macro_id,
    version: r.version,
  };
}

const asField = (f: unknown) => f as FieldMetadata<string>;

export function RuleForm({
  lastResult,
  defaults,
  options,
  locale,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: RuleDefaults;
  options: RuleOptions;
  locale: Locale;
}) {
  const { t } = useTranslation("rules");
  const { t: ts } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  const [form, fields] = useForm<RuleInput>({
    id: "rule",
    lastResult,
    defaultValue: Object.fromEntries(
      Object.entries(defaults).map(([k, v]) => [k, v == null ? undefined : String(v)]),
    ),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ruleSchema }),
  });
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const enabled = initial.enabled === "no" ? "no" : "yes";
  const named = (list: { id: string; name_en: string; name_zh: string }[]) =>
    list.map((x) => ({ value: x.id, label: pick(locale, x.name_en, x.name_zh) }));
  const priorities = PRIORITIES.map((p) => ({ value: p, label: ts(`priorities.${p}`) }));
  const people = options.staff.map((x) => ({ value: x.id, label: x.name }));
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      {defaults.version != null ? (
        <input type="hidden" name="version" value={defaults.version} />
      ) : null}
      <ErrorSummary
        form={form}
        fields={{
          name: fields.name,
          event: fields.event,
          waitHours: fields.waitHours,
          condSubject: fields.condSubject,
          condFieldKey: fields.condFieldKey,
          condFieldValue: fields.condFieldValue,
          setTeamId: fields.setTeamId,
          addTag: fields.addTag,
        }}
        labels={{
          name: t("fields.name"),
          event: t("fields.event"),
          waitHours: t("fields.waitHours"),
          condSubject: t("fields.condSubject"),
          condFieldKey: t("fields.condFieldKey"),
          condFieldValue: t("fields.condFieldValue"),
          setTeamId: t("fields.actions"),
          addTag: t("fields.addTag"),
        }}
      />
      <Field field={fields.name} label={t("fields.name")} />
      <SelectField
        field={asField(fields.event)}
        label={t("fields.event")}
        options={RULE_EVENTS.map((e) => ({ value: e, label: t(`events.${e}`) }))}
      />
      <SelectField
        field={asField(fields.changedField)}
        label={t("fields.changedField")}
        placeholder={t("fields.anyField")}
        hint={t("events.changed")}
        options={RULE_FIELDS.map((f) => ({ value: f, label: t(`changedFields.${f}`) }))}
      />
      <Field
        field={fields.waitHours as FieldMetadata<string | number | undefined>}
        label={t("fields.waitHours")}
        hint={t("fields.waitHoursHint")}
        inputMode="numeric"
        optional
      />
      <fieldset className="card">
        <legend>{t("fields.conditions")}</legend>
        <p className="field-hint">{t("fields.conditionsLead")}</p>
        <SelectField
          field={asField(fields.condTypeId)}
          label={t("fields.condTypeId")}
          placeholder={t("fields.any")}
          options={named(options.types)}
        />
        <SelectField
          field={asField(fields.condCategoryId)}
          label={t("fields.condCategoryId")}
          placeholder={t("fields.any")}
          options={named(options.categories)}
        />
        <SelectField
          field={asField(fields.condCompanyId)}
          label={t("fields.condCompanyId")}
          placeholder={t("fields.any")}
          options={named(options.companies)}
        />
        <SelectField
          field={asField(fields.condPriority)}
          label={t("fields.condPriority")}
          placeholder={t("fields.any")}
          options={priorities}
        />
        <SelectField
          field={asField(fields.condState)}
          label={t("fields.condState")}
          placeholder={t("fields.any")}
          hint={t("fields.condStateHint")}
          options={STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
        <Field
          field={fields.condSubject}
          label={t("fields.condSubject")}
          hint={t("fields.condSubjectHint")}
          optional
        />
        <Field
          field={fields.condFieldKey}
          label={t("fields.condFieldKey")}
          hint={t("fields.condFieldKeyHint")}
          optional
        />
        <Field field={fields.condFieldValue} label={t("fields.condFieldValue")} optional />
      </fieldset>
      <fieldset className="card">
        <legend>{t("fields.actions")}</legend>
        <p className="field-hint">{t("fields.actionsLead")}</p>
        <SelectField
          field={asField(fields.setTeamId)}
          label={t("fields.setTeamId")}
          placeholder={t("fields.keep")}
          options={named(options.teams)}
        />
        <SelectField
          field={asField(fields.setAssigneeId)}
          label={t("fields.setAssigneeId")}
          placeholder={t("fields.keep")}
          options={people}
        />
        <SelectField
          field={asField(fields.setPriority)}
          label={t("fields.setPriority")}
          placeholder={t("fields.keep")}
          options={priorities}
        />
        <Field
          field={fields.addTag}
          label={t("fields.addTag")}
          hint={t("fields.addTagHint")}
          optional
        />
        <SelectField
          field={asField(fields.notifyUserId)}
          label={t("fields.notifyUserId")}
          placeholder={t("fields.nobody")}
          options={people}
        />
        <SelectField
          field={asField(fields.macroId)}
          label={t("fields.macroId")}
          placeholder={t("fields.noMacro")}
          options={options.macros.map((m) => ({ value: m.id, label: m.title }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t("fields.enabled")}</legend>
        {(["yes", "no"] as const).map((v) => (
          <label key={v} className="checkbox">
            <input type="radio" name="enabled" value={v} defaultChecked={enabled === v} />{" "}
            {t(v === "yes" ? "fields.enabledYes" : "fields.enabledNo")}
          </label>
        ))}
      </fieldset>
      <SubmitButton name="intent" value="save" pendingText={t("saving")}>
        {t("save")}
      </SubmitButton>
    </Form>
  );
}

export interface RuleSummaryRow {
  event: string;
  changed_field: string | null;
  wait_hours: number | null;
  cond_type_id: string | null;
  cond_category_id: string | null;
  cond_company_id: string | null;
  cond_priority: string | null;
  cond_state: string | null;
  cond_subject: string | null;
  cond_field_key: string | null;
  cond_field_value: string | null;
  set_team_id: string | null;
  set_assignee_id: string | null;
  set_priority: string | null;
  add_tag: string | null;
  notify_user_id: string | null;
  macro_id: string | null;
}

/** "When … If … Then …", in the page's language. */
export function RuleSummary({
  rule: r,
  options,
  locale,
}: {
  rule: RuleSummaryRow;
  options: RuleOptions;
  locale: Locale;
}) {
  const { t } = useTranslation("rules");
  const { t: ts } = useTranslation("services");
  const nameIn = (list: { id: string; name_en: string; name_zh: string }[], id: string) => {
    const x = list.find((y) => y.id === id);
    return x ? pick(locale, x.name_en, x.name_zh) : "–";
  };
  const stateLabel = useStateLabel(true);
  const person = (id: string) => options.staff.find((s) => s.id === id)?.name ?? "–";
  const priority = (p: string) =>
    (PRIORITIES as readonly string[]).includes(p)
      ? ts(`priorities.${p as (typeof PRIORITIES)[number]}`)
      : p;
  const event = (RULE_EVENTS as readonly string[]).includes(r.event)
    ? t(`events.${r.event as RuleEvent}`)
    : r.event;
  const when =
    r.event === "changed" && r.changed_field
      ? `${event}: ${t("summary.changedOf", {
          field: (RULE_FIELDS as readonly string[]).includes(r.changed_field)
            ? t(`changedFields.${r.changed_field as (typeof RULE_FIELDS)[number]}`)
            : r.changed_field,
        })}`
      : r.event === "waiting"
        ? `${event}: ${t("summary.waitingFor", { hours: r.wait_hours ?? 0 })}`
        : event;
  const conditions = [
    r.cond_type_id ? t("summary.type", { name: nameIn(options.types, r.cond_type_id) }) : null,
    r.cond_category_id
      ? t("summary.category", { name: nameIn(options.categories, r.cond_category_id) })
      : null,
    r.cond_company_id
      ? t("summary.company", { name: nameIn(options.companies, r.cond_company_id) })
      : null,
    r.cond_priority ? t("summary.condPriority", { name: priority(r.cond_priority) }) : null,
    r.cond_state
      ? t("summary.state", {
          name: (STATES as readonly string[]).includes(r.cond_state)
            ? stateLabel(r.cond_state as RequestState)
            : r.cond_state,
        })
      : null,
    r.cond_subject ? t("summary.subject", { text: r.cond_subject }) : null,
    r.cond_field_key
      ? t("summary.field", { key: r.cond_field_key, value: r.cond_field_value ?? "" })
      : null,
  ].filter((x): x is string => !!x);
  const macro = options.macros.find((m) => m.id === r.macro_id);
  const actions = [
    r.set_team_id ? t("summary.team", { name: nameIn(options.teams, r.set_team_id) }) : null,
    r.set_assignee_id ? t("summary.assignee", { name: person(r.set_assignee_id) }) : null,
    r.set_priority ? t("summary.priority", { name: priority(r.set_priority) }) : null,
    r.add_tag ? t("summary.tag", { tag: r.add_tag }) : null,
    r.notify_user_id ? t("summary.notify", { name: person(r.notify_user_id) }) : null,
    macro ? t("summary.macro", { name: macro.title }) : null,
  ].filter((x): x is string => !!x);
  const sep = locale === "zh-CN" ? "；" : "; ";
  return (
    <dl className="rule-summary">
      <dt>{t("summary.when")}</dt>
      <dd>{when}</dd>
      <dt>{t("summary.if")}</dt>
      <dd>{conditions.length ? conditions.join(sep) : t("summary.always")}</dd>
      <dt>{t("summary.then")}</dt>
      <dd>{actions.join(sep) || "–"}</dd>
    </dl>
  );
}
