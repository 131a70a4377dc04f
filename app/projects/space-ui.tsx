/** Space's shared UI (ADR 0028): labels, badges, the unit form, match reasons, history lines. */
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
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import {
  rentText,
  STORED_STATES,
  UNIT_FEATURES,
  UNIT_KINDS,
  type Reason,
  type UnitFeature,
  type UnitKind,
  type UnitState,
} from "./space";
import { unitSchema, type UnitInput } from "./space-schema";

export function useSpaceLabels() {
  const { t } = useTranslation("space");
  const locale = useLocale();
  return {
    locale,
    kind: (k: string) => t(`kinds.${k as UnitKind}`),
    feature: (f: string) => t(`features.${f as UnitFeature}`),
    state: (s: string) => t(`states.${s as UnitState}`),
    unit: (u: { building: string; unit_no: string }) =>
      t("unitName", { building: u.building, unit: u.unit_no }),
    area: (n: number) => t("units.area", { area: n.toLocaleString("en-US") }),
    rent: (minor: number) => t("units.rent", { rent: rentText(minor) }),
    description: (u: { description_en: string; description_zh: string }) =>
      pick(locale, u.description_en, u.description_zh) || u.description_en || u.description_zh,
  };
}

const TONE: Record<string, string> = {
  available: "badge-success",
  held: "badge-warning",
  let: "badge-muted",
};

export function UnitStateBadge({ state }: { state: string }) {
  const l = useSpaceLabels();
  return <span className={`badge ${TONE[state] ?? ""}`.trim()}>{l.state(state)}</span>;
}

/** A unit's technical facts as one line: features, power, load, ceiling. */
export function UnitFactsLine({
  unit,
}: {
  unit: {
    features: readonly string[];
    power_kva: number | null;
    floor_load_kn_m2: number | null;
    ceiling_height_m: number | null;
  };
}) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const parts = [
    ...unit.features.map(l.feature),
    unit.power_kva !== null ? t("units.kva", { n: unit.power_kva }) : "",
    unit.floor_load_kn_m2 !== null ? t("units.load", { n: unit.floor_load_kn_m2 }) : "",
    unit.ceiling_height_m !== null ? t("units.ceiling", { n: unit.ceiling_height_m }) : "",
  ].filter(Boolean);
  return <>{parts.length ? parts.join(" · ") : "—"}</>;
}

/** Why a unit matches (✓) and what it misses (✗), as two short lists. */
export function MatchReasons({ matches, misses }: { matches: Reason[]; misses: Reason[] }) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const text = (r: Reason) =>
    t(`reasons.${r.key}`, {
      value: r.value ?? "",
      feature: r.key === "feature" || r.key === "featureMissing" ? l.feature(r.value ?? "") : "",
    });
  return (
    <div className="unit-reasons">
      {matches.length ? (
        <p className="unit-reason-ok">
          <span className="visually-hidden">{t("project.why")}: </span>
          {matches.map((r, i) => (
            <span key={i} className="unit-reason">
              <span aria-hidden="true">✓ </span>
              {text(r)}
            </span>
          ))}
        </p>
      ) : null}
      {misses.length ? (
        <p className="unit-reason-miss">
          <span className="visually-hidden">{t("project.misses")}: </span>
          {misses.map((r, i) => (
            <span key={i} className="unit-reason">
              <span aria-hidden="true">✗ </span>
              {text(r)}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** Checkboxes of the features (a group of one name: posted as one value or many). */
export function FeatureChecks({
  name,
  legend,
  selected,
  errors,
  idPrefix,
}: {
  name: string;
  legend: string;
  selected: readonly string[];
  errors?: string[];
  idPrefix: string;
}) {
  const l = useSpaceLabels();
  const errText = useErrorText();
  return (
    <fieldset className="project-fieldset unit-features">
      <legend>{legend}</legend>
      <div className="unit-feature-grid">
        {UNIT_FEATURES.map((f) => (
          <label key={f} className="checkbox" htmlFor={`${idPrefix}-${f}`}>
            <input
              type="checkbox"
              id={`${idPrefix}-${f}`}
              name={name}
              value={f}
              defaultChecked={selected.includes(f)}
            />
            <span>{l.feature(f)}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={`${idPrefix}-error`} errors={errors} format={errText} />
    </fieldset>
  );
}

/** The unit form's fields as posted (strings). */
export interface UnitFormValues {
  building?: string;
  floor?: string;
  unitNo?: string;
  kind?: string;
  area?: string;
  rent?: string;
  availableFrom?: string;
  features?: string[];
  powerKva?: string;
  floorLoad?: string;
  ceilingHeight?: string;
  descriptionEn?: string;
  descriptionZh?: string;
  state?: string;
}

export function UnitForm({
  mode,
  lastResult,
  defaultValue,
  hidden,
}: {
  mode: "create" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: UnitFormValues;
  hidden?: ReactNode;
}) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const { features: startFeatures, ...start } = defaultValue ?? {};
  const [form, fields] = useForm<UnitFormValues & { features?: string[] }, UnitInput>({
    id: `unit-${mode}`,
    lastResult,
    defaultValue: start,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitSchema }),
  });
  const labels: Record<string, string> = {
    building: t("fields.building"),
    floor: t("fields.floor"),
    unitNo: t("fields.unitNo"),
    kind: t("fields.kind"),
    area: t("fields.area"),
    rent: t("fields.rent"),
    availableFrom: t("fields.availableFrom"),
    features: t("fields.features"),
    powerKva: t("fields.powerKva"),
    floorLoad: t("fields.floorLoad"),
    ceilingHeight: t("fields.ceilingHeight"),
    descriptionEn: t("fields.descriptionEn"),
    descriptionZh: t("fields.descriptionZh"),
    state: t("fields.state"),
  };
  const posted = lastResult?.initialValue?.features;
  const selected = Array.isArray(posted)
    ? posted.filter((v): v is string => typeof v === "string")
    : typeof posted === "string"
      ? [posted]
      : (startFeatures ?? []);
  const featureErrors = Object.entries(form.allErrors)
    .filter(([k]) => k.startsWith("features"))
    .flatMap(([, v]) => v);
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack unit-form">
      <IdempotencyKey />
      {hidden}
      <ErrorSummary
        form={form}
        fields={Object.fromEntries(
          Object.keys(labels).map((k) => [k, fields[k as keyof typeof fields]]),
        )}
        labels={labels}
      />
      <fieldset className="project-fieldset">
        <legend>{t("list.unit")}</legend>
        <div className="unit-triple">
          <Field field={fields.building} label={labels.building!} hint={t("hints.building")} />
          <Field field={fields.floor} label={labels.floor!} inputMode="numeric" />
          <Field field={fields.unitNo} label={labels.unitNo!} />
        </div>
        <SelectField
          field={fields.kind}
          label={labels.kind!}
          placeholder={t("form.choose")}
          options={UNIT_KINDS.map((k) => ({ value: k, label: l.kind(k) }))}
        />
        <div className="project-pair">
          <Field field={fields.area} label={labels.area!} inputMode="numeric" />
          <Field
            field={fields.rent}
            label={labels.rent!}
            hint={t("hints.rent")}
            inputMode="decimal"
          />
        </div>
        <Field field={fields.availableFrom} label={labels.availableFrom!} type="date" />
        <SelectField
          field={fields.state}
          label={labels.state!}
          hint={t("hints.state")}
          options={STORED_STATES.map((s) => ({ value: s, label: l.state(s) }))}
        />
      </fieldset>
      <FeatureChecks
        name="features"
        legend={labels.features!}
        selected={selected}
        errors={featureErrors}
        idPrefix={`${form.id}-feature`}
      />
      <div className="unit-triple">
        <Field field={fields.powerKva} label={labels.powerKva!} inputMode="numeric" optional />
        <Field field={fields.floorLoad} label={labels.floorLoad!} inputMode="decimal" optional />
        <Field
          field={fields.ceilingHeight}
          label={labels.ceilingHeight!}
          inputMode="decimal"
          optional
        />
      </div>
      <TextareaField field={fields.descriptionEn} label={labels.descriptionEn!} rows={3} optional />
      <TextareaField field={fields.descriptionZh} label={labels.descriptionZh!} rows={3} optional />
      <SubmitButton pendingText={mode === "create" ? t("form.creating") : t("form.saving")}>
        {mode === "create" ? t("form.create") : t("form.save")}
      </SubmitButton>
    </Form>
  );
}

/** The project history's line for a space event, or null for other kinds. */
export function useSpaceEventLine() {
  const { t } = useTranslation("space");
  return (kind: string, details: Record<string, unknown>): string | null => {
    const unit = t("unitName", {
      building: String(details.building ?? ""),
      unit: String(details.unit ?? ""),
    });
    const date = String(details.heldUntil ?? "");
    switch (kind) {
      case "space_needs":
        return t("event.space_needs");
      case "unit_offered":
        return t("event.unit_offered", { unit });
      case "unit_held":
        return t("event.unit_held", { unit, date });
      case "unit_released":
        return details.reason === "expired"
          ? t("event.unit_released_expired", { unit, date })
          : t("event.unit_released", { unit });
      case "unit_let":
        return t("event.unit_let", { unit });
      default:
        return null;
    }
  };
}
