/** The pipeline's shared UI: labels, badges and the project form (new and edit). */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  ErrorSummary,
  Field,
  FieldErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick, type Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { COUNTRIES, countryName } from "./countries";
import { CURRENCIES, formatMoney } from "./money";
import {
  PLAN_KINDS,
  SOURCES,
  SPACE_TYPES,
  type Flag,
  type PlanKind,
  type Source,
  type SpaceType,
  type Stage,
} from "./pipeline";
import { MAX_CONTACTS, projectSchema, type ProjectInput } from "./schema";

export function useProjectLabels() {
  const { t } = useTranslation("projects");
  const locale = useLocale();
  return {
    locale,
    stage: (s: string) => t(`stages.${s as Stage}`),
    plan: (k: string | null) => (k ? t(`planKinds.${k as PlanKind}`) : ""),
    source: (s: string) => t(`sources.${s as Source}`),
    spaceType: (s: string | null) => (s ? t(`spaceTypes.${s as SpaceType}`) : ""),
    flag: (f: Flag) => t(`flags.${f}`),
    country: (code: string | null) => countryName(code, locale),
    industry: (i: { en: string; zh: string } | null | undefined) =>
      i ? pick(locale, i.en, i.zh) : "",
    money: (minor: number | null, currency: string | null) =>
      minor === null || !currency ? "" : formatMoney(minor, currency, locale),
  };
}

const TONE: Partial<Record<Stage, string>> = {
  producing: "badge-success",
  moved_in: "badge-success",
  lost: "badge-danger",
  on_hold: "badge-muted",
};

export function StageBadge({ stage }: { stage: string }) {
  const { stage: label } = useProjectLabels();
  return <span className={`badge ${TONE[stage as Stage] ?? ""}`.trim()}>{label(stage)}</span>;
}

export function FlagBadges({ flags }: { flags: readonly Flag[] }) {
  const { flag } = useProjectLabels();
  if (!flags.length) return null;
  return (
    <span className="project-flags">
      {flags.map((f) => (
        <span key={f} className={`badge ${f === "stale" ? "badge-muted" : "badge-warning"}`}>
          {flag(f)}
        </span>
      ))}
    </span>
  );
}

/**
 * Countries as select options: English names in alphabetical order (a plain comparison, the
 * same on server and browser), Chinese in the table's order (by region).
 */
export function countryOptions(locale: Locale, codes: readonly string[] = COUNTRIES) {
  const options = codes.map((c) => ({ value: c, label: countryName(c, locale) }));
  if (locale === "zh-CN") return options;
  return options.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface Choice {
  id: string;
  name: string;
}
export interface IndustryChoice {
  id: string;
  name_en: string;
  name_zh: string;
}

interface ContactShape {
  name?: string;
  title?: string;
  email?: string;
  phone?: string;
}

/** The form's fields (as posted: strings). */
interface ProjectFormShape {
  organisation: string;
  country?: string;
  parentGroup?: string;
  industryId?: string;
  planKind?: string;
  investmentAmount?: string;
  investmentCurrency?: string;
  capitalAmount?: string;
  capitalCurrency?: string;
  jobsPlanned?: string;
  spaceType?: string;
  areaMin?: string;
  areaMax?: string;
  moveInOn?: string;
  specialNeeds?: string;
  source: string;
  ownerId?: string;
  notes?: string;
  contacts: ContactShape[];
}

/** What the form starts from: a project's values as the form's fields. */
export type ProjectFormValues = {
  [K in keyof Omit<ProjectFormShape, "contacts">]?: string | null;
} & {
  contacts?: ContactShape[];
};

export function ProjectForm({
  mode,
  lastResult,
  defaultValue,
  owners,
  industries,
  hidden,
  submitText,
  pendingText,
  formErrors,
}: {
  mode: "create" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ProjectFormValues;
  owners: Choice[];
  industries: IndustryChoice[];
  hidden?: ReactNode;
  submitText: string;
  pendingText: string;
  formErrors?: ReactNode;
}) {
  const { t } = useTranslation("projects");
  const locale = useLocale();
  const { contacts: startContacts, ...start } = defaultValue ?? {};
  const [form, fields] = useForm<ProjectFormShape, ProjectInput>({
    id: `project-${mode}`,
    lastResult,
    defaultValue: start,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectSchema }),
  });
  const labels: Record<string, string> = {
    organisation: t("fields.organisation"),
    country: t("fields.country"),
    parentGroup: t("fields.parentGroup"),
    industryId: t("fields.industry"),
    planKind: t("fields.planKind"),
    investmentAmount: t("fields.investmentAmount"),
    investmentCurrency: t("fields.investmentCurrency"),
    capitalAmount: t("fields.capitalAmount"),
    capitalCurrency: t("fields.capitalCurrency"),
    jobsPlanned: t("fields.jobsPlanned"),
    spaceType: t("fields.spaceType"),
    areaMin: t("fields.areaMin"),
    areaMax: t("fields.areaMax"),
    moveInOn: t("fields.moveInOn"),
    specialNeeds: t("fields.specialNeeds"),
    source: t("fields.source"),
    ownerId: t("fields.owner"),
    notes: t("fields.notes"),
  };
  const currencies = CURRENCIES.map((c) => ({ value: c, label: c }));
  // Contacts are plain inputs named contacts[i].*, not a Conform list: a list's row keys are
  // random per render, so hydration would remount the rows and lose what was typed before it.
  // What was posted comes back from the last result; otherwise the saved contacts, plus one
  // empty row to add one (without JavaScript, too).
  const posted = lastResult?.initialValue?.contacts;
  const contacts: ContactShape[] = Array.isArray(posted)
    ? (posted as (ContactShape | null | undefined)[]).map((c) => c ?? {})
    : (startContacts ?? []);
  const rows = contacts.length < MAX_CONTACTS ? [...contacts, {}] : contacts;
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack project-form">
      <IdempotencyKey />
      {hidden}
      {formErrors}
      <ErrorSummary
        form={form}
        fields={Object.fromEntries(
          Object.keys(labels).map((k) => [k, fields[k as keyof typeof fields]]),
        )}
        labels={labels}
      />
      <fieldset className="project-fieldset">
        <legend>{t("detail.details")}</legend>
        <Field
          field={fields.organisation}
          label={labels.organisation!}
          autoComplete="organization"
        />
        <SelectField
          field={fields.country}
          label={labels.country!}
          placeholder={t("choose")}
          options={countryOptions(locale)}
        />
        <Field field={fields.parentGroup} label={labels.parentGroup!} optional />
        <SelectField
          field={fields.industryId}
          label={labels.industryId!}
          placeholder={t("choose")}
          options={industries.map((i) => ({
            value: i.id,
            label: pick(locale, i.name_en, i.name_zh),
          }))}
        />
        <SelectField
          field={fields.planKind}
          label={labels.planKind!}
          placeholder={t("choose")}
          options={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKinds.${k}`) }))}
        />
        <SelectField
          field={fields.source}
          label={labels.source!}
          placeholder={t("choose")}
          options={SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
        />
        <SelectField
          field={fields.ownerId}
          label={labels.ownerId!}
          hint={t("hints.owner")}
          placeholder={t("choose")}
          options={owners.map((o) => ({ value: o.id, label: o.name }))}
        />
      </fieldset>
      <fieldset className="project-fieldset">
        <legend>{t("fields.investment")}</legend>
        <div className="project-pair">
          <Field
            field={fields.investmentAmount}
            label={labels.investmentAmount!}
            hint={t("hints.amount")}
            inputMode="decimal"
            optional
          />
          <SelectField
            field={fields.investmentCurrency}
            label={labels.investmentCurrency!}
            options={currencies}
          />
        </div>
        <div className="project-pair">
          <Field
            field={fields.capitalAmount}
            label={labels.capitalAmount!}
            inputMode="decimal"
            optional
          />
          <SelectField
            field={fields.capitalCurrency}
            label={labels.capitalCurrency!}
            options={currencies}
          />
        </div>
        <Field
          field={fields.jobsPlanned}
          label={labels.jobsPlanned!}
          inputMode="numeric"
          optional
        />
      </fieldset>
      <fieldset className="project-fieldset">
        <legend>{t("fields.spaceNeeds")}</legend>
        <SelectField
          field={fields.spaceType}
          label={labels.spaceType!}
          placeholder={t("choose")}
          options={SPACE_TYPES.map((s) => ({ value: s, label: t(`spaceTypes.${s}`) }))}
        />
        <div className="project-pair">
          <Field field={fields.areaMin} label={labels.areaMin!} inputMode="numeric" optional />
          <Field field={fields.areaMax} label={labels.areaMax!} inputMode="numeric" optional />
        </div>
        <Field field={fields.moveInOn} label={labels.moveInOn!} type="date" optional />
        <TextareaField
          field={fields.specialNeeds}
          label={labels.specialNeeds!}
          hint={t("hints.specialNeeds")}
          rows={2}
          optional
        />
      </fieldset>
      <fieldset className="project-fieldset">
        <legend>{t("fields.contacts")}</legend>
        <p className="field-hint">{t("hints.contacts")}</p>
        {rows.map((row, i) => (
          <ContactRow key={i} formId={form.id} index={i} value={row} errors={form.allErrors} />
        ))}
      </fieldset>
      <TextareaField
        field={fields.notes}
        label={labels.notes!}
        hint={t("hints.notes")}
        rows={5}
        optional
      />
      <SubmitButton pendingText={pendingText}>{submitText}</SubmitButton>
    </Form>
  );
}

function ContactRow({
  formId,
  index,
  value,
  errors,
}: {
  formId: string;
  index: number;
  value: ContactShape;
  errors: Record<string, string[]>;
}) {
  const { t } = useTranslation("projects");
  const errText = useErrorText();
  const input = (key: keyof ContactShape, label: string, type = "text") => {
    const name = `contacts[${index}].${key}`;
    const id = `${formId}-contact-${index}-${key}`;
    const error = errors[name];
    return (
      <div className={`field${error?.length ? " has-error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={value[key] ?? ""}
          aria-invalid={error?.length ? true : undefined}
          aria-describedby={error?.length ? `${id}-error` : undefined}
        />
        <FieldErrors id={`${id}-error`} errors={error} format={errText} />
      </div>
    );
  };
  return (
    <fieldset className="project-contact">
      <legend>{t("fields.contact", { n: index + 1 })}</legend>
      {input("name", t("fields.contactName"))}
      {input("title", t("fields.contactTitle"))}
      {input("email", t("fields.contactEmail"), "email")}
      {input("phone", t("fields.contactPhone"), "tel")}
    </fieldset>
  );
}
