/** The company form, for creating (company.new) and editing (company.edit). */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { useLocale } from "~/lib/root-data";
import { COMPANY_SIZES, INDUSTRIES, companySchema, updateCompanySchema } from "./schema";
import { IdempotencyKey } from "~/components/idempotency-key";

interface CompanyFormShape {
  nameEn: string;
  nameZh: string;
  creditCode?: string;
  industry: string;
  size: string;
  website?: string;
}

export function CompanyForm({
  mode,
  lastResult,
  defaultValue,
  hidden,
  submitText,
  pendingText,
}: {
  mode: "create" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { [K in keyof CompanyFormShape]?: string | null };
  /** Hidden inputs rendered outside Conform (redirectTo, the version being edited). */
  hidden?: ReactNode;
  submitText: string;
  pendingText: string;
}) {
  const { t } = useTranslation("company");
  const locale = useLocale();
  const schema = mode === "create" ? companySchema : updateCompanySchema;
  const [form, fields] = useForm<CompanyFormShape>({
    id: `company-${mode}`,
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const labels = {
    nameEn: t("fields.nameEn"),
    nameZh: t("fields.nameZh"),
    creditCode: t("fields.creditCode"),
    industry: t("fields.industry"),
    size: t("fields.size"),
    website: t("fields.website"),
  };
  const sizeLabel = t as unknown as (k: string) => string;
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <ErrorSummary
        form={form}
        fields={{
          nameEn: fields.nameEn,
          nameZh: fields.nameZh,
          creditCode: fields.creditCode,
          industry: fields.industry,
          size: fields.size,
          website: fields.website,
        }}
        labels={labels}
      />
      {hidden}
      <Field field={fields.nameEn} label={labels.nameEn} autoComplete="organization" />
      <Field field={fields.nameZh} label={labels.nameZh} hint={t("hints.nameZh")} />
      <Field
        field={fields.creditCode}
        label={labels.creditCode}
        hint={t("hints.creditCode")}
        optional
        autoComplete="off"
      />
      <SelectField
        field={fields.industry}
        label={labels.industry}
        placeholder={t("placeholders.industry")}
        options={INDUSTRIES.map((i) => ({
          value: i.slug,
          label: locale === "zh-CN" ? i.zh : i.en,
        }))}
      />
      <SelectField
        field={fields.size}
        label={labels.size}
        placeholder={t("placeholders.size")}
        options={COMPANY_SIZES.map((s) => ({ value: s, label: sizeLabel(`sizes.${s}`) }))}
      />
      <Field
        field={fields.website}
        label={labels.website}
        type="url"
        hint={t("hints.website")}
        optional
        autoComplete="url"
      />
      <SubmitButton pendingText={pendingText}>{submitText}</SubmitButton>
    </Form>
  );
}
