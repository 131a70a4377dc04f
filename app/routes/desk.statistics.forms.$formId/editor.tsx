/**
 * The report-form editor (issue 14): one fieldset per field and per check, plus an empty row
 * of each to add one (save, and another empty row appears). Plain inputs, so it works the
 * same without JavaScript; a refused save shows what was typed with the problems above.
 */
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { FIELD_TYPES } from "~/statistics/forms";

export interface FieldRowValue {
  key?: string;
  labelEn?: string;
  labelZh?: string;
  unit?: string;
  type?: string;
  min?: string;
  max?: string;
  required?: boolean;
  helpEn?: string;
  helpZh?: string;
}
export interface CheckRowValue {
  kind?: string;
  a?: string;
  b?: string;
  percent?: string;
}
export interface EditorValue {
  code: string;
  nameEn: string;
  nameZh: string;
  fields: FieldRowValue[];
  checks: CheckRowValue[];
}

export function FormEditor({
  value,
  codeFixed,
  errors,
}: {
  value: EditorValue;
  codeFixed: boolean;
  errors: string[];
}) {
  const { t } = useTranslation("statistics");
  const fields = [...value.fields, {}];
  const checks = [...value.checks, {}];
  return (
    <Form method="post" className="form-stack" id="form-editor">
      {errors.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("editor.invalid")}</h2>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="ed-code">{t("editor.code")}</label>
        <p className="field-hint" id="ed-code-hint">
          {t("editor.codeHint")}
        </p>
        <input
          id="ed-code"
          name="code"
          defaultValue={value.code}
          readOnly={codeFixed}
          required
          maxLength={40}
          pattern="[a-z0-9\-]{2,40}"
          aria-describedby="ed-code-hint"
        />
      </div>
      <div className="file-grid">
        <div className="field">
          <label htmlFor="ed-name-en">{t("editor.nameEn")}</label>
          <input
            id="ed-name-en"
            name="nameEn"
            defaultValue={value.nameEn}
            required
            maxLength={200}
          />
        </div>
        <div className="field">
          <label htmlFor="ed-name-zh">{t("editor.nameZh")}</label>
          <input
            id="ed-name-zh"
            name="nameZh"
            lang="zh-CN"
            defaultValue={value.nameZh}
            required
            maxLength={200}
          />
        </div>
      </div>
      <h2>{t("editor.fields")}</h2>
      <p className="field-hint">{t("editor.fieldsHint")}</p>
      {fields.map((f, i) => (
        <FieldRow
          key={`${i}-${f.key ?? ""}`}
          index={i}
          value={f}
          isNew={i === value.fields.length}
        />
      ))}
      <h2>{t("editor.checks")}</h2>
      <p className="field-hint">{t("editor.checksHint")}</p>
      {checks.map((c, i) => (
        <fieldset key={`c${i}`} className="project-fieldset">
          <legend>
            {i === value.checks.length ? t("editor.newCheck") : t("editor.check", { n: i + 1 })}
          </legend>
          <div className="file-grid">
            <div className="field">
              <label htmlFor={`ck-${i}-kind`}>{t("editor.checkKind")}</label>
              <select
                id={`ck-${i}-kind`}
                name={`checks[${i}].kind`}
                defaultValue={c.kind ?? "none"}
              >
                <option value="none">{t("editor.checkKinds.none")}</option>
                <option value="lte">{t("editor.checkKinds.lte")}</option>
                <option value="change">{t("editor.checkKinds.change")}</option>
              </select>
            </div>
            <Text id={`ck-${i}-a`} name={`checks[${i}].a`} label={t("editor.checkA")} value={c.a} />
            <Text id={`ck-${i}-b`} name={`checks[${i}].b`} label={t("editor.checkB")} value={c.b} />
            <Text
              id={`ck-${i}-p`}
              name={`checks[${i}].percent`}
              label={t("editor.percent")}
              value={c.percent}
              inputMode="decimal"
            />
          </div>
        </fieldset>
      ))}
      <div className="row">
        <SubmitButton pendingText={t("editor.saving")}>{t("editor.save")}</SubmitButton>
      </div>
    </Form>
  );
}

function Text({
  id,
  name,
  label,
  value,
  inputMode,
  lang,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  inputMode?: "decimal";
  lang?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} defaultValue={value ?? ""} inputMode={inputMode} lang={lang} />
    </div>
  );
}

function FieldRow({
  index: i,
  value: f,
  isNew,
}: {
  index: number;
  value: FieldRowValue;
  isNew: boolean;
}) {
  const { t } = useTranslation("statistics");
  const n = (k: string) => `fields[${i}].${k}`;
  return (
    <fieldset className="project-fieldset">
      <legend>{isNew ? t("editor.newField") : t("editor.field", { n: i + 1 })}</legend>
      <div className="file-grid">
        <Text id={`fd-${i}-key`} name={n("key")} label={t("editor.key")} value={f.key} />
        <Text id={`fd-${i}-en`} name={n("labelEn")} label={t("editor.labelEn")} value={f.labelEn} />
        <Text
          id={`fd-${i}-zh`}
          name={n("labelZh")}
          label={t("editor.labelZh")}
          value={f.labelZh}
          lang="zh-CN"
        />
        <Text id={`fd-${i}-unit`} name={n("unit")} label={t("editor.unit")} value={f.unit} />
        <div className="field">
          <label htmlFor={`fd-${i}-type`}>{t("editor.type")}</label>
          <select id={`fd-${i}-type`} name={n("type")} defaultValue={f.type ?? "decimal"}>
            {FIELD_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`editor.types.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <Text
          id={`fd-${i}-min`}
          name={n("min")}
          label={t("editor.min")}
          value={f.min}
          inputMode="decimal"
        />
        <Text
          id={`fd-${i}-max`}
          name={n("max")}
          label={t("editor.max")}
          value={f.max}
          inputMode="decimal"
        />
        <div className="checkbox">
          <input
            id={`fd-${i}-req`}
            type="checkbox"
            name={n("required")}
            value="on"
            defaultChecked={f.required ?? false}
          />
          <label htmlFor={`fd-${i}-req`}>{t("editor.required")}</label>
        </div>
      </div>
      <div className="file-grid">
        <div className="field">
          <label htmlFor={`fd-${i}-hen`}>{t("editor.helpEn")}</label>
          <textarea id={`fd-${i}-hen`} name={n("helpEn")} rows={2} defaultValue={f.helpEn ?? ""} />
        </div>
        <div className="field">
          <label htmlFor={`fd-${i}-hzh`}>{t("editor.helpZh")}</label>
          <textarea
            id={`fd-${i}-hzh`}
            name={n("helpZh")}
            rows={2}
            lang="zh-CN"
            defaultValue={f.helpZh ?? ""}
          />
        </div>
      </div>
    </fieldset>
  );
}
