/**
 * The staff policy editor (issue 15): one form, no JavaScript needed. "Preview matches" posts
 * the same form (intent=preview) and the page comes back with everything typed kept and the
 * preview of the criteria as typed; "Save" stores them. With JavaScript the preview also
 * follows the criteria as they change (`useLivePreview`, ADR 0058).
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DESIGNATION_KINDS } from "~/companies/designations";
import { INDUSTRIES } from "~/companies/schema";
import { ErrorSummary, Field, FieldErrors, TextareaField, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick, type Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import {
  BENEFIT_KINDS,
  CRITERIA_FIELD_NAMES,
  policyFormSchema,
  previewQuerySchema,
  previewSearch,
  previewValues,
  STAGES,
  type PolicyForm,
} from "./schema";
import type { Preview } from "./policies.server";

export type PolicyDefaults = Record<string, unknown>;

function asList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
}

export type ShownPreview = Preview & { today: string };

/** How long the criteria must rest before the live preview asks (ms). */
const LIVE_DELAY_MS = 300;

/**
 * The live preview: when a criterion control changes, wait until typing rests, parse the
 * criteria with the schema the server uses (half-typed criteria ask nothing), and load the
 * preview from the resource route. A fetcher's new load aborts the one still in flight, so a
 * stale answer never replaces a newer one. GET only: nothing is written.
 */
export function useLivePreview(policyId: string | null) {
  const fetcher = useFetcher<{ preview: ShownPreview | null }>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    return () => clearTimeout(timer.current);
  }, []);
  const { load } = fetcher;
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as { name?: string }).name ?? "";
    if (!(CRITERIA_FIELD_NAMES as readonly string[]).includes(name)) return;
    const form = e.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const values = previewValues(new FormData(form));
      if (policyId) values.policyId = policyId;
      const parsed = previewQuerySchema.safeParse(values);
      setInvalid(!parsed.success);
      if (parsed.success) void load(`/desk/policies/preview?${previewSearch(parsed.data)}`);
    }, LIVE_DELAY_MS);
  };
  return {
    preview: fetcher.data?.preview ?? null,
    state: hydrated ? { updating: fetcher.state !== "idle", invalid } : undefined,
    onChange,
  };
}

/**
 * The preview to show: the newest of the live one and the one the page came with (the
 * loader's, or the no-JS "Preview matches" answer).
 */
export function useShownPreview<T>(live: T | null, posted: T | null): T | null {
  const [latest, setLatest] = useState<"live" | "posted">("posted");
  useEffect(() => {
    if (live) setLatest("live");
  }, [live]);
  useEffect(() => {
    if (posted) setLatest("posted");
  }, [posted]);
  return latest === "live" ? (live ?? posted) : (posted ?? live);
}

export function PolicyEditor({
  lastResult,
  defaults,
  locale,
  onChange,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: PolicyDefaults;
  locale: Locale;
  /** The live preview's listener (criteria changes). */
  onChange?: (e: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation("policies");
  const errorText = useErrorText();
  const [form, fields] = useForm<PolicyForm>({
    id: "policy-editor",
    lastResult,
    defaultValue: defaults as Record<string, string>,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policyFormSchema }),
  });
  const initial = (form.initialValue ?? defaults) as Record<string, unknown>;
  const value = (k: string) => (initial[k] == null ? "" : String(initial[k]));
  const list = (k: string) => asList(initial[k]);
  const checked = (k: string) =>
    initial[k] === "on" || initial[k] === "true" || initial[k] === true;
  const num = (name: keyof PolicyForm, label: string) => (
    <div className="field">
      <label htmlFor={`pe-${name}`}>{label}</label>
      <input
        id={`pe-${name}`}
        name={name}
        inputMode="decimal"
        defaultValue={value(name)}
        aria-invalid={fields[name].errors ? true : undefined}
        aria-describedby={fields[name].errors ? `pe-${name}-error` : undefined}
      />
      <FieldErrors id={`pe-${name}-error`} errors={fields[name].errors} format={errorText} />
    </div>
  );
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="form-stack"
      key={form.key}
      onChange={onChange}
    >
      <IdempotencyKey />
      {initial.version != null ? (
        <input type="hidden" name="version" value={String(initial.version)} />
      ) : null}
      <ErrorSummary
        form={form}
        fields={{
          titleEn: fields.titleEn,
          titleZh: fields.titleZh,
          deadline: fields.deadline,
          benefitMax: fields.benefitMax,
          documents: fields.documents,
        }}
        labels={{
          titleEn: t("fields.titleEn"),
          titleZh: t("fields.titleZh"),
          deadline: t("fields.deadline"),
          benefitMax: t("fields.benefitMax"),
          documents: t("fields.documents"),
        }}
      />
      <div className="news-editor-langs">
        <fieldset className="card">
          <legend>{t("fields.english")}</legend>
          <Field field={fields.titleEn} label={t("fields.titleEn")} />
          <Field field={fields.issuerEn} label={t("fields.issuerEn")} optional />
          <TextareaField field={fields.summaryEn} label={t("fields.summaryEn")} rows={3} optional />
          <TextareaField field={fields.bodyEn} label={t("fields.bodyEn")} rows={8} optional />
        </fieldset>
        <fieldset className="card" lang="zh-CN">
          <legend>{t("fields.chinese")}</legend>
          <Field field={fields.titleZh} label={t("fields.titleZh")} />
          <Field field={fields.issuerZh} label={t("fields.issuerZh")} optional />
          <TextareaField field={fields.summaryZh} label={t("fields.summaryZh")} rows={3} optional />
          <TextareaField field={fields.bodyZh} label={t("fields.bodyZh")} rows={8} optional />
        </fieldset>
      </div>

      <fieldset className="card">
        <legend>{t("fields.benefit")}</legend>
        <div className="field">
          <label htmlFor="pe-benefitKind">{t("fields.benefitKind")}</label>
          <select
            id="pe-benefitKind"
            name="benefitKind"
            defaultValue={value("benefitKind") || "none"}
          >
            {BENEFIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fields.benefitKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          {num("benefitMax", t("fields.benefitMax"))}
          {num("benefitRate", t("fields.benefitRate"))}
        </div>
        <Field field={fields.benefitNoteEn} label={t("fields.benefitNoteEn")} optional />
        <Field field={fields.benefitNoteZh} label={t("fields.benefitNoteZh")} optional />
      </fieldset>

      <fieldset className="card">
        <legend>{t("fields.window")}</legend>
        <div className="row">
          <Field field={fields.opensOn} label={t("fields.opensOn")} type="date" optional />
          <Field field={fields.deadline} label={t("fields.deadline")} type="date" optional />
        </div>
        <TextareaField
          field={fields.documents}
          label={t("fields.documents")}
          hint={t("fields.documentsHint")}
          rows={4}
          optional
        />
        <Field field={fields.link} label={t("fields.link")} type="url" optional />
      </fieldset>

      <fieldset className="card">
        <legend>{t("fields.eligibility")}</legend>
        <p className="muted">{t("fields.eligibilityHint")}</p>
        <fieldset>
          <legend>{t("fields.industries")}</legend>
          <div className="check-grid">
            {INDUSTRIES.map((i) => (
              <label key={i.slug} className="checkbox">
                <input
                  type="checkbox"
                  name="industries"
                  value={i.slug}
                  defaultChecked={list("industries").includes(i.slug)}
                />{" "}
                {pick(locale, i.en, i.zh)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("fields.years")}</legend>
          <div className="row">
            {num("yearsMin", t("fields.min"))}
            {num("yearsMax", t("fields.max"))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("fields.headcount")}</legend>
          <div className="row">
            {num("headcountMin", t("fields.min"))}
            {num("headcountMax", t("fields.max"))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("fields.revenue")}</legend>
          <div className="row">
            {num("revenueMin", t("fields.min"))}
            {num("revenueMax", t("fields.max"))}
          </div>
        </fieldset>
        {num("rdMin", t("fields.rdMin"))}
        <fieldset>
          <legend>{t("fields.designations")}</legend>
          <div className="check-grid">
            {DESIGNATION_KINDS.map((d) => (
              <label key={d.kind} className="checkbox">
                <input
                  type="checkbox"
                  name="designations"
                  value={d.kind}
                  defaultChecked={list("designations").includes(d.kind)}
                />{" "}
                {pick(locale, d.en, d.zh)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="pe-residency">{t("fields.residency")}</label>
          <select id="pe-residency" name="residency" defaultValue={value("residency")}>
            <option value="">{t("fields.residencyAny")}</option>
            {(["resident", "incubatee", "either"] as const).map((r) => (
              <option key={r} value={r}>
                {t(`fields.residencies.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="noOpenClaim" defaultChecked={checked("noOpenClaim")} />{" "}
          {t("fields.noOpenClaim")}
        </label>
      </fieldset>

      <fieldset className="card">
        <legend>{t("fields.stages")}</legend>
        <div className="check-grid">
          {STAGES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                name="stages"
                value={s}
                defaultChecked={list("stages").includes(s)}
              />{" "}
              {t(`fields.stageNames.${s}`)}
            </label>
          ))}
        </div>
        <label className="checkbox">
          <input type="checkbox" name="autoAward" defaultChecked={checked("autoAward")} />{" "}
          {t("fields.autoAward")}
        </label>
        <div className="row">
          <div className="field">
            <label htmlFor="pe-status">{t("fields.status")}</label>
            <select id="pe-status" name="status" defaultValue={value("status") || "draft"}>
              <option value="draft">{t("desk.status.draft")}</option>
              <option value="published">{t("desk.status.published")}</option>
            </select>
          </div>
          {num("position", t("fields.position"))}
        </div>
      </fieldset>
      {form.errors?.length ? (
        <p className="field-errors" role="alert">
          {form.errors.map(errorText).join(" ")}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" name="intent" value="save" className="button">
          {t("fields.save")}
        </button>
        <button type="submit" name="intent" value="preview" className="button button-secondary">
          {t("fields.preview")}
        </button>
      </div>
    </Form>
  );
}

export function PreviewPanel({
  preview,
  today,
  unsaved,
  figuresHidden,
  locale,
  live,
}: {
  preview: Preview;
  today: string;
  unsaved: boolean;
  figuresHidden: boolean;
  locale: Locale;
  /** With JavaScript: whether a live update is on its way, or the criteria cannot be read. */
  live?: { updating: boolean; invalid: boolean };
}) {
  const { t } = useTranslation("policies");
  const { t: td } = useTranslation("desk");
  const zh = locale === "zh-CN";
  const table = (rows: Preview["matched"], count: number, withMissing: boolean) =>
    rows.length === 0 ? (
      <p className="muted">{t("preview.none")}</p>
    ) : (
      <>
        {count > rows.length ? (
          <p className="muted">
            {td("policyPreview.first", { shown: String(rows.length), count })}
          </p>
        ) : null}
        <div className="table-wrap" tabIndex={0}>
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("preview.company")}</th>
                {withMissing ? <th scope="col">{t("preview.missing")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.companyId}>
                  <td data-label={t("preview.company")}>
                    <a href={`/desk/companies/${r.companyId}`}>{zh ? r.nameZh : r.nameEn}</a>
                  </td>
                  {withMissing ? (
                    <td data-label={t("preview.missing")}>
                      {(zh ? r.missingZh : r.missingEn).join("; ")}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  return (
    <section
      className="section"
      aria-labelledby="policy-preview"
      id="preview"
      aria-busy={live?.updating ? true : undefined}
    >
      <h2 id="policy-preview">{t("preview.title")}</h2>
      <p className="muted">{t("preview.lead", { total: preview.total, today })}</p>
      {unsaved ? <p className="notice">{t("preview.unsaved")}</p> : null}
      {figuresHidden ? <p className="muted">{t("preview.figuresHidden")}</p> : null}
      <p className="muted" role="status" data-testid="live-preview-status">
        {live?.invalid
          ? td("policyPreview.invalid")
          : live?.updating
            ? td("policyPreview.updating")
            : live
              ? td("policyPreview.live")
              : null}
      </p>
      <h3>{t("preview.matched", { count: preview.matchedCount })}</h3>
      {table(preview.matched, preview.matchedCount, false)}
      <h3>{t("preview.near", { count: preview.nearCount })}</h3>
      {table(preview.near, preview.nearCount, true)}
    </section>
  );
}
