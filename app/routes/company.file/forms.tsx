/** The company file's two forms: the file itself, and a new designation. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import {
  companyFileSchema,
  designationSchema,
  type CompanyFileInput,
  type DesignationInput,
} from "~/companies/file-schema";
import { DESIGNATION_KINDS } from "~/companies/designations";
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { CURRENCIES } from "~/projects/money";

type Result = SubmissionResult<string[]> | null | undefined;

interface FileShape {
  registeredOn?: string;
  capitalAmount?: string;
  capitalCurrency: string;
  inventionPatents: string;
  utilityModels: string;
  softwareCopyrights: string;
  trademarks: string;
  space?: string;
}

interface DesignationShape {
  kind: string;
  reference?: string;
  issuedOn: string;
  expiresOn?: string;
}

export function FileForm({
  lastResult,
  defaultValue,
  version,
}: {
  lastResult: Result;
  defaultValue: FileShape;
  version: number;
}) {
  const { t } = useTranslation("companyFile");
  const [form, fields] = useForm<FileShape, CompanyFileInput>({
    id: "company-file",
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: companyFileSchema }),
  });
  const labels: Record<string, string> = {
    registeredOn: t("fields.registeredOn"),
    capitalAmount: t("fields.capitalAmount"),
    capitalCurrency: t("fields.capitalCurrency"),
    inventionPatents: t("fields.inventionPatents"),
    utilityModels: t("fields.utilityModels"),
    softwareCopyrights: t("fields.softwareCopyrights"),
    trademarks: t("fields.trademarks"),
    space: t("fields.space"),
  };
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <input type="hidden" name="intent" value="file" />
      <input type="hidden" name="version" value={String(version)} />
      <ErrorSummary
        form={form}
        fields={{
          registeredOn: fields.registeredOn,
          capitalAmount: fields.capitalAmount,
          capitalCurrency: fields.capitalCurrency,
          inventionPatents: fields.inventionPatents,
          utilityModels: fields.utilityModels,
          softwareCopyrights: fields.softwareCopyrights,
          trademarks: fields.trademarks,
          space: fields.space,
        }}
        labels={labels}
      />
      <Field field={fields.registeredOn} label={labels.registeredOn!} type="date" optional />
      <div className="project-pair">
        <Field
          field={fields.capitalAmount}
          label={labels.capitalAmount!}
          hint={t("hints.capitalAmount")}
          inputMode="decimal"
          optional
        />
        <SelectField
          field={fields.capitalCurrency}
          label={labels.capitalCurrency!}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
      </div>
      <fieldset className="project-fieldset">
        <legend>{t("fields.ip")}</legend>
        <div className="file-grid">
          <Field
            field={fields.inventionPatents}
            label={labels.inventionPatents!}
            type="number"
            inputMode="numeric"
          />
          <Field
            field={fields.utilityModels}
            label={labels.utilityModels!}
            type="number"
            inputMode="numeric"
          />
          <Field
            field={fields.softwareCopyrights}
            label={labels.softwareCopyrights!}
            type="number"
            inputMode="numeric"
          />
          <Field
            field={fields.trademarks}
            label={labels.trademarks!}
            type="number"
            inputMode="numeric"
          />
        </div>
      </fieldset>
      <TextareaField
        field={fields.space}
        label={labels.space!}
        hint={t("hints.space")}
        rows={3}
        optional
      />
      <div className="row">
        <SubmitButton pendingText={t("saving")}>{t("save")}</SubmitButton>
      </div>
    </Form>
  );
}

export function DesignationForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation("companyFile");
  const locale = useLocale();
  const [form, fields] = useForm<DesignationShape, DesignationInput>({
    id: "designation-add",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: designationSchema }),
  });
  const labels: Record<string, string> = {
    kind: t("designations.kind"),
    reference: t("designations.reference"),
    issuedOn: t("designations.issuedOn"),
    expiresOn: t("designations.expiresOn"),
  };
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <input type="hidden" name="intent" value="addDesignation" />
      <ErrorSummary
        form={form}
        fields={{
          kind: fields.kind,
          reference: fields.reference,
          issuedOn: fields.issuedOn,
          expiresOn: fields.expiresOn,
        }}
        labels={labels}
      />
      <SelectField
        field={fields.kind}
        label={labels.kind!}
        placeholder="—"
        options={DESIGNATION_KINDS.map((d) => ({
          value: d.kind,
          label: locale === "zh-CN" ? d.zh : d.en,
        }))}
      />
      <Field
        field={fields.reference}
        label={labels.reference!}
        hint={t("hints.reference")}
        optional
      />
      <div className="file-grid">
        <Field field={fields.issuedOn} label={labels.issuedOn!} type="date" />
        <Field field={fields.expiresOn} label={labels.expiresOn!} type="date" optional />
      </div>
      <div className="row">
        <SubmitButton pendingText={t("designations.adding")}>{t("designations.add")}</SubmitButton>
      </div>
    </Form>
  );
}
