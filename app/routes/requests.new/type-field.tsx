import type { FieldMetadata } from "@conform-to/react";
import { Field, FieldErrors, SelectField, useErrorText } from "~/components/forms";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { TypeField } from "~/service-requests/catalogue.server";

/** One field a service type asks for: a choice, a file or a text, number or date input. */
export function TypeFieldInput({
  field: f,
  meta,
  label,
}: {
  field: TypeField;
  meta: FieldMetadata<string>;
  label: string;
}) {
  const locale = useLocale();
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  if (f.kind === "choice")
    return (
      <SelectField
        field={meta}
        label={label}
        placeholder="—"
        options={f.options.map((o) => ({ value: o.value, label: pick(locale, o.en, o.zh) }))}
      />
    );
  if (f.kind === "file")
    return (
      <div className={`field${meta.errors?.length ? " has-error" : ""}`}>
        <label htmlFor={meta.id}>
          {label}
          {!f.required ? <span className="field-optional"> ({tc("form.optional")})</span> : null}
        </label>
        <input
          id={meta.id}
          name={meta.name}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg"
          aria-describedby={meta.errorId}
        />
        <FieldErrors id={meta.errorId} errors={meta.errors} format={errorText} />
      </div>
    );
  return (
    <Field
      field={meta}
      label={label}
      type={f.kind === "number" ? "number" : f.kind === "date" ? "date" : "text"}
      optional={!f.required}
    />
  );
}
