/** The inputs of an indicator definition: plain fields, the same with and without JavaScript. */
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { NumericField } from "~/statistics/indicator-defs.server";
import type { INDICATOR_FIELDS } from "~/statistics/indicator-schema";
import { ABILITIES, INDICATOR_KINDS } from "~/statistics/indicators";

type Key = (typeof INDICATOR_FIELDS)[number];

export function IndicatorFields({
  values,
  invalid,
  fields,
}: {
  values: Partial<Record<Key, string>>;
  invalid: string[];
  fields: NumericField[];
}) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const bad = (k: Key) => (invalid.includes(k) ? { "aria-invalid": true as const } : {});
  const input = (k: Key, label: string, opts: { type?: string; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={`ind-${k}`}>{label}</label>
      {opts.hint ? (
        <p className="field-hint" id={`ind-${k}-hint`}>
          {opts.hint}
        </p>
      ) : null}
      <input
        id={`ind-${k}`}
        name={k}
        type={opts.type ?? "text"}
        defaultValue={values[k] ?? ""}
        aria-describedby={opts.hint ? `ind-${k}-hint` : undefined}
        {...bad(k)}
      />
    </div>
  );
  const fieldOptions = fields.map((f) => (
    <option key={f.key} value={f.key}>
      {pick(locale, f.labelEn, f.labelZh)} ({f.key})
    </option>
  ));
  return (
    <>
      {input("code", t("indicatorEditor.code"), { hint: t("indicatorEditor.codeHint") })}
      {input("nameEn", t("indicatorEditor.nameEn"))}
      {input("nameZh", t("indicatorEditor.nameZh"))}
      <div className="field">
        <label htmlFor="ind-ability">{t("indicatorEditor.ability")}</label>
        <select id="ind-ability" name="ability" defaultValue={values.ability} {...bad("ability")}>
          {ABILITIES.map((a) => (
            <option key={a} value={a}>
              {t(`indicators.abilities.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {input("weight", t("indicatorEditor.weight"), { type: "number" })}
      <div className="field">
        <label htmlFor="ind-kind">{t("indicatorEditor.kind")}</label>
        <select id="ind-kind" name="kind" defaultValue={values.kind} {...bad("kind")}>
          {INDICATOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`indicators.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ind-a">{t("indicatorEditor.a")}</label>
        <select id="ind-a" name="a" defaultValue={values.a} {...bad("a")}>
          {fieldOptions}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ind-b">{t("indicatorEditor.b")}</label>
        <select id="ind-b" name="b" defaultValue={values.b ?? ""} {...bad("b")}>
          <option value="">{t("indicatorEditor.noField")}</option>
          {fieldOptions}
        </select>
      </div>
      {input("unit", t("indicatorEditor.unit"), { hint: t("indicatorEditor.unitHint") })}
      {input("position", t("indicatorEditor.position"), { type: "number" })}
    </>
  );
}
