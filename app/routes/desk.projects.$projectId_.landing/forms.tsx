/** The two ways to land: a new company from the project, or one that exists. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import {
  ErrorSummary,
  Field,
  FieldErrors,
  SelectField,
  SubmitButton,
  useErrorText,
} from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { COMPANY_SIZES, INDUSTRIES } from "~/companies/schema";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { landingCreateSchema, landingLinkSchema } from "~/projects/landing-schema";

export interface LandingReply {
  mode: "create" | "link" | "none";
  result: SubmissionResult<string[]> | null;
}

function OwnerFields({
  fields,
}: {
  fields: {
    ownerEmail: Parameters<typeof Field>[0]["field"];
    locale: Parameters<typeof SelectField>[0]["field"];
    confirm: { id: string; errorId: string; errors?: string[] };
  };
}) {
  const { t } = useTranslation("investor");
  const errorText = useErrorText();
  return (
    <>
      <Field
        field={fields.ownerEmail}
        label={t("landing.ownerEmail")}
        type="email"
        hint={t("landing.ownerHint")}
        optional
      />
      <SelectField
        field={fields.locale}
        label={t("access.locale")}
        options={[
          { value: "en", label: "English" },
          { value: "zh-CN", label: "中文" },
        ]}
      />
      <div className={`field${fields.confirm.errors?.length ? " has-error" : ""}`}>
        <label className="checkbox">
          <input type="checkbox" name="confirm" value="yes" id={fields.confirm.id} />{" "}
          {t("landing.confirm")}
        </label>
        <FieldErrors
          id={fields.confirm.errorId}
          errors={fields.confirm.errors}
          format={errorText}
        />
      </div>
    </>
  );
}

export function CreateCompanyForm({
  organisation,
  ownerEmail,
  lastResult,
}: {
  organisation: string;
  ownerEmail: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation("investor");
  const { t: tc } = useTranslation("company");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "land-create",
    lastResult,
    defaultValue: {
      nameEn: organisation,
      nameZh: organisation,
      ownerEmail,
      locale,
      industry: "",
      size: "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: landingCreateSchema }),
  });
  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t("landing.createTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <IdempotencyKey />
        <input type="hidden" name="mode" value="create" />
        <ErrorSummary
          form={form}
          fields={fields}
          labels={{
            nameEn: tc("fields.nameEn"),
            nameZh: tc("fields.nameZh"),
            creditCode: tc("fields.creditCode"),
            industry: tc("fields.industry"),
            size: tc("fields.size"),
            ownerEmail: t("landing.ownerEmail"),
            confirm: t("landing.confirm"),
          }}
        />
        <Field field={fields.nameEn} label={tc("fields.nameEn")} />
        <Field field={fields.nameZh} label={tc("fields.nameZh")} />
        <Field field={fields.creditCode} label={tc("fields.creditCode")} optional />
        <SelectField
          field={fields.industry}
          label={tc("fields.industry")}
          placeholder={t("landing.choose")}
          options={INDUSTRIES.map((i) => ({ value: i.slug, label: pick(locale, i.en, i.zh) }))}
        />
        <SelectField
          field={fields.size}
          label={tc("fields.size")}
          placeholder={t("landing.choose")}
          options={COMPANY_SIZES.map((s) => ({ value: s, label: s }))}
        />
        <OwnerFields fields={fields} />
        <SubmitButton pendingText={t("landing.landing")}>{t("landing.create")}</SubmitButton>
      </Form>
    </section>
  );
}

export function LinkCompanyForm({
  matches,
  ownerEmail,
  lastResult,
}: {
  matches: {
    id: string;
    name_en: string;
    name_zh: string;
    credit_code: string | null;
    is_resident: boolean;
  }[];
  ownerEmail: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation("investor");
  const locale = useLocale();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "land-link",
    lastResult,
    defaultValue: { ownerEmail, locale },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: landingLinkSchema }),
  });
  if (!matches.length) return <p className="muted">{t("landing.noMatch")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <input type="hidden" name="mode" value="link" />
      <ErrorSummary form={form} fields={fields} labels={{ companyId: t("landing.company") }} />
      <fieldset className="field">
        <legend>{t("landing.company")}</legend>
        {matches.map((c) => (
          <label key={c.id} className="checkbox">
            <input type="radio" name="companyId" value={c.id} />{" "}
            {pick(locale, c.name_en, c.name_zh)}
            {c.credit_code ? <span className="muted"> · {c.credit_code}</span> : null}
            {c.is_resident ? <span className="muted"> · {t("landing.resident")}</span> : null}
          </label>
        ))}
        <FieldErrors
          id={fields.companyId.errorId}
          errors={fields.companyId.errors}
          format={errorText}
        />
      </fieldset>
      <OwnerFields fields={fields} />
      <SubmitButton pendingText={t("landing.landing")}>{t("landing.link")}</SubmitButton>
    </Form>
  );
}
