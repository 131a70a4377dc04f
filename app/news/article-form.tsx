import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, Field, SubmitButton, TextareaField, useErrorText } from "~/components/forms";
import { pick, type Locale } from "~/i18n/i18n";
import { articleSchema, type ArticleFields } from "./schema";
import { IdempotencyKey } from "~/components/idempotency-key";

export interface ArticleDefaults extends ArticleFields {
  version?: number;
}

export function ArticleForm({
  lastResult,
  defaults,
  categories,
  tags,
  locale,
  slugLocked,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: ArticleDefaults;
  categories: { id: string; name_en: string; name_zh: string }[];
  tags: { id: string; name_en: string; name_zh: string }[];
  locale: Locale;
  slugLocked: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation("news");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...Object.fromEntries(
        Object.entries(defaults).map(([k, v]) => [
          k,
          v == null ? undefined : Array.isArray(v) ? v : String(v),
        ]),
      ),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: articleSchema }),
  });
  const initialValue = (form.initialValue ?? {}) as Record<string, unknown>;
  const selectedTags = new Set<string>(
    Array.isArray(initialValue.tagIds)
      ? (initialValue.tagIds as string[])
      : typeof initialValue.tagIds === "string"
        ? [initialValue.tagIds]
        : [],
  );
  const categoryValue = typeof initialValue.categoryId === "string" ? initialValue.categoryId : "";
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <input type="hidden" name="intent" value="save" />
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
          <TextareaField
            field={fields.summaryEn}
            label={t("desk.fields.summaryEn")}
            rows={2}
            optional
          />
          <TextareaField field={fields.bodyEn} label={t("desk.fields.bodyEn")} rows={14} optional />
          <Field field={fields.coverAltEn} label={t("desk.fields.coverAltEn")} optional />
        </fieldset>
        <fieldset className="card" lang="zh-CN">
          <legend>{t("desk.chinese")}</legend>
          <Field field={fields.titleZh} label={t("desk.fields.titleZh")} />
          <TextareaField
            field={fields.summaryZh}
            label={t("desk.fields.summaryZh")}
            rows={2}
            optional
          />
          <TextareaField field={fields.bodyZh} label={t("desk.fields.bodyZh")} rows={14} optional />
          <Field field={fields.coverAltZh} label={t("desk.fields.coverAltZh")} optional />
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor="article-category">{t("desk.fields.category")}</label>
        <select
          id="article-category"
          name="categoryId"
          defaultValue={categoryValue}
          key={`cat-${categoryValue}`}
        >
          <option value="">{t("desk.fields.noCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(locale, c.name_en, c.name_zh)}
            </option>
          ))}
        </select>
      </div>
      {tags.length ? (
        <fieldset className="field">
          <legend>{t("desk.fields.tags")}</legend>
          <div className="row">
            {tags.map((tg) => (
              <label key={tg.id} className="checkbox">
                <input
                  type="checkbox"
                  name="tagIds"
                  value={tg.id}
                  defaultChecked={selectedTags.has(tg.id)}
                />{" "}
                {pick(locale, tg.name_en, tg.name_zh)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {slugLocked ? (
        <div className="field">
          <label htmlFor="article-slug">{t("desk.fields.slug")}</label>
          <input
            id="article-slug"
            value={defaults.slug ?? ""}
            readOnly
            aria-describedby="article-slug-hint"
          />
          <p className="field-hint" id="article-slug-hint">
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
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}
