/** Forms of the service-catalogue admin pages (browser-safe). */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { typeSchema } from "./schema";
import { IdempotencyKey } from "~/components/idempotency-key";

export function TypeForm({
  intent,
  lastResult,
  categories,
  teams,
  defaults,
}: {
  intent: "create-type" | "update-type";
  lastResult?: SubmissionResult<string[]> | null;
  categories: { id: string; name_en: string; name_zh: string }[];
  teams: { id: string; name_en: string; name_zh: string }[];
  defaults?: {
    version: number;
    categoryId: string;
    nameEn: string;
    nameZh: string;
    descriptionEn: string;
    descriptionZh: string;
    defaultTeamId: string;
    residentOnly: boolean;
    active: boolean;
  };
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: intent,
    lastResult,
    defaultValue: defaults
      ? {
          ...defaults,
          version: String(defaults.version),
          residentOnly: defaults.residentOnly ? "on" : undefined,
          active: defaults.active ? "on" : undefined,
        }
      : { active: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: typeSchema }),
  });
  const f = fields as unknown as Record<string, FieldMetadata<string>>;
  const labels = {
    code: t("admin.code"),
    categoryId: t("admin.category"),
    nameEn: t("admin.nameEn"),
    nameZh: t("admin.nameZh"),
  };
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <ErrorSummary
        form={form}
        fields={{ code: f.code!, categoryId: f.categoryId!, nameEn: f.nameEn!, nameZh: f.nameZh! }}
        labels={labels}
      />
      {defaults ? (
        <input type="hidden" name="version" value={defaults.version} />
      ) : (
        <Field field={f.code!} label={labels.code} hint="e.g. customs-advice" />
      )}
      <SelectField
        field={f.categoryId!}
        label={labels.categoryId}
        placeholder="—"
        options={categories.map((c) => ({
          value: c.id,
          label: pick(locale, c.name_en, c.name_zh),
        }))}
      />
      <Field field={f.nameEn!} label={labels.nameEn} />
      <Field field={f.nameZh!} label={labels.nameZh} />
      <TextareaField field={f.descriptionEn!} label={t("admin.descriptionEn")} rows={3} optional />
      <TextareaField field={f.descriptionZh!} label={t("admin.descriptionZh")} rows={3} optional />
      <SelectField
        field={f.defaultTeamId!}
        label={t("admin.defaultTeam")}
        options={[
          { value: "", label: "—" },
          ...teams.map((c) => ({ value: c.id, label: pick(locale, c.name_en, c.name_zh) })),
        ]}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          name="residentOnly"
          defaultChecked={f.residentOnly!.initialValue === "on"}
        />{" "}
        {t("admin.residentOnly")}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="active" defaultChecked={f.active!.initialValue === "on"} />{" "}
        {t("admin.active")}
      </label>
      <SubmitButton name="intent" value={intent}>
        {t("admin.save")}
      </SubmitButton>
    </Form>
  );
}

/**
 * A form of one button that posts `intent` with the row's hidden values (remove a day, a
 * field, save a target): the catalogue admin's row actions, working without JavaScript.
 */
export function RowAction({
  intent,
  values,
  className = "link-button",
  formId,
  children,
}: {
  intent: string;
  values: Record<string, string>;
  className?: string;
  formId?: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" id={formId}>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={intent} className={className}>
        {children}
      </button>
    </Form>
  );
}
