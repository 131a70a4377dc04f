/** The knowledge base's shared parts: the desk's article form and the status badge. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SubmitButton, TextareaField, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick, type Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { kbArticleSchema, type KbArticleInput } from "./schema";

export interface KbFormDefaults {
  titleEn?: string | null;
  titleZh?: string | null;
  bodyEn?: string | null;
  bodyZh?: string | null;
  categoryId?: string | null;
  typeId?: string | null;
  slug?: string | null;
  version?: number;
}

interface Named {
  id: string;
  name_en: string;
  name_zh: string;
}

export function KbStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("kb");
  return (
    <span className={`badge ${status === "published" ? "badge-success" : "badge-muted"}`}>
      {t(status === "published" ? "desk.status.published" : "desk.status.draft")}
    </span>
  );
}

export function KbArticleForm({
  lastResult,
  defaults,
  categories,
  types,
  locale,
  slugLocked,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: KbFormDefaults;
  categories: Named[];
  types: (Named & { category_id: string })[];
  locale: Locale;
  slugLocked: boolean;
}) {
  const { t } = useTranslation("kb");
  const errorText = useErrorText();
  const [form, fields] = useForm<KbArticleInput>({
    id: "kb-article",
    lastResult,
    defaultValue: Object.fromEntries(
      Object.entries(defaults).map(([k, v]) => [k, v == null ? undefined : String(v)]),
    ),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: kbArticleSchema }),
  });
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const category = typeof initial.categoryId === "string" ? initial.categoryId : "";
  const type = typeof initial.typeId === "string" ? initial.typeId : "";
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      {defaults.version != null ? (
        <input type="hidden" name="version" value={defaults.version} />
      ) : null}
      <ErrorSummary
        form={form}
        fields={{ titleEn: fields.titleEn, titleZh: fields.titleZh, slug: fields.slug }}
        labels={{
          titleEn: t("desk.fields.titleEn"),
          titleZh: t("desk.fields.titleZh"),
          slug: t("desk.fields.slug"),
        }}
      />
      <p className="muted">{t("desk.optionalLang")}</p>
      <div className="news-editor-langs">
        <fieldset className="card">
          <legend>{t("desk.english")}</legend>
          <Field field={fields.titleEn} label={t("desk.fields.titleEn")} />
          <TextareaField field={fields.bodyEn} label={t("desk.fields.bodyEn")} rows={12} optional />
        </fieldset>
        <fieldset className="card" lang="zh-CN">
          <legend>{t("desk.chinese")}</legend>
          <Field field={fields.titleZh} label={t("desk.fields.titleZh")} />
          <TextareaField field={fields.bodyZh} label={t("desk.fields.bodyZh")} rows={12} optional />
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor="kb-category">{t("desk.fields.category")}</label>
        <select id="kb-category" name="categoryId" defaultValue={category} key={`c-${category}`}>
          <option value="">{t("desk.fields.noCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(locale, c.name_en, c.name_zh)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="kb-type">{t("desk.fields.type")}</label>
        <select id="kb-type" name="typeId" defaultValue={type} key={`t-${type}`}>
          <option value="">{t("desk.fields.noType")}</option>
          {types.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(locale, c.name_en, c.name_zh)}
            </option>
          ))}
        </select>
      </div>
      {slugLocked ? (
        <div className="field">
          <label htmlFor="kb-slug">{t("desk.fields.slug")}</label>
          <input
            id="kb-slug"
            value={defaults.slug ?? ""}
            readOnly
            aria-describedby="kb-slug-hint"
          />
          <p className="field-hint" id="kb-slug-hint">
            {t("desk.fields.slugHint")}
          </p>
          <input type="hidden" name="slug" value={defaults.slug ?? ""} />
        </div>
      ) : (
        <Field
          field={fields.slug}
          label={t("desk.fields.slug")}
          hint={t("desk.fields.slugHint")}
          optional
        />
      )}
      {form.errors?.length ? (
        <p className="field-errors" role="alert">
          {form.errors.map(errorText).join(" ")}
        </p>
      ) : null}
      <div className="row">
        <SubmitButton name="intent" value="save">
          {t("desk.save")}
        </SubmitButton>
      </div>
    </Form>
  );
}
