import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useKeyText, useTranslation } from "~/i18n/use-translation";

/** Translates an error that is an i18n key ("ns:key"); shows anything else as it is. */
export function useErrorText() {
  const keyText = useKeyText();
  return (error: string) => (/^[a-z][A-Za-z]*:[\w.]+$/.test(error) ? keyText(error) : error);
}

type InputType =
  "text" | "email" | "password" | "url" | "tel" | "number" | "date" | "datetime-local" | "search";

export function Field({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  optional,
  inputMode,
  className,
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  optional?: boolean;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  className?: string;
}) {
  const props = getInputProps(field, {
    type: type === "date" ? "text" : type,
    ariaDescribedBy: describedBy(field, hint),
  });
  return (
    <FieldFrame field={field} label={label} hint={hint} optional={optional} className={className}>
      {type === "date" ? (
        <DateInput {...props} key={props.key} />
      ) : (
        <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      )}
    </FieldFrame>
  );
}

/**
 * A date typed as year-month-day (ISO 8601, as dates are written in China and as the server
 * reads them) whatever the browser's own language: the browser's date field showed
 * `mm/dd/yyyy` to an English browser and another order elsewhere (issue 18). Without
 * JavaScript it is a text field; with it, a button opens the device's own date picker (a
 * calendar on a desktop, the wheel on a phone) and writes the chosen day back.
 */
export function DateInput(props: React.InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useTranslation();
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const open = () => {
    const native = picker.current;
    if (!native || !text.current) return;
    native.value = /^\d{4}-\d{2}-\d{2}$/.test(text.current.value) ? text.current.value : "";
    try {
      native.showPicker();
    } catch {
      native.focus();
    }
  };
  const chosen = (value: string) => {
    const input = text.current;
    if (!input || !value) return;
    input.value = value;
    // Conform and any listener see it as typed.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  };
  return (
    <span className="date-input">
      <input
        {...props}
        ref={text}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        placeholder={t("form.datePlaceholder")}
        title={t("form.dateFormat")}
      />
      {enhanced ? (
        <>
          <button
            type="button"
            className="date-input-button"
            aria-label={t("form.pickDate")}
            title={t("form.pickDate")}
            onClick={open}
            disabled={props.disabled}
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
              <rect
                x="3"
                y="4.5"
                width="14"
                height="12"
                rx="2"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
              />
              <path
                d="M3 8.5h14M7 2.5v4M13 2.5v4"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinecap="round"
              />
            </svg>
          </button>
          <input
            ref={picker}
            type="date"
            className="date-input-native"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => chosen(e.currentTarget.value)}
          />
        </>
      ) : null}
    </span>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  rows = 5,
  optional,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  hint?: string;
  rows?: number;
  optional?: boolean;
}) {
  const props = getTextareaProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <FieldFrame field={field} label={label} hint={hint} optional={optional}>
      <textarea {...props} key={props.key} rows={rows} />
    </FieldFrame>
  );
}

export function SelectField({
  field,
  label,
  options,
  hint,
  placeholder,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
}) {
  const props = getSelectProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <select {...props} key={props.key}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

const describedBy = (field: { id: string }, hint?: string) =>
  hint ? `${field.id}-hint` : undefined;

/** What every field shares around its control: the label ("(optional)"), hint and errors. */
function FieldFrame({
  field,
  label,
  hint,
  optional,
  className,
  children,
}: {
  field: { id: string; errorId: string; errors?: string[] };
  label: string;
  hint?: string;
  optional?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div
      className={`field${field.errors?.length ? " has-error" : ""}${className ? ` ${className}` : ""}`}
    >
      <label htmlFor={field.id}>
        {label}
        {optional ? <span className="field-optional"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={field.errorId} errors={field.errors} format={errorText} />
    </div>
  );
}

export function FieldErrors({
  id,
  errors,
  format,
}: {
  id: string;
  errors?: string[];
  format?: (e: string) => string;
}) {
  if (!errors?.length) return <div id={id} className="field-errors" />;
  return (
    <div id={id} className="field-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{format ? format(e) : e}</p>
      ))}
    </div>
  );
}

/**
 * A summary of every error at the top of the form, each linked to its field, shown after a
 * submit (GOV.UK pattern): form-level errors first.
 */
export function ErrorSummary({
  form,
  fields,
  labels,
}: {
  form: { errors?: string[] };
  fields: Record<string, { id: string; errors?: string[] }>;
  labels: Record<string, string>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const headingId = useId();
  const fieldErrors = Object.entries(fields)
    .filter(([, f]) => f.errors?.length)
    .map(([name, f]) => ({ id: f.id, label: labels[name] ?? name, error: f.errors![0]! }));
  const formErrors = form.errors ?? [];
  if (!formErrors.length && !fieldErrors.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>{t("form.errorSummaryTitle")}</h2>
      <ul>
        {formErrors.map((e) => (
          <li key={e}>{errorText(e)}</li>
        ))}
        {fieldErrors.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>
              {f.label}: {errorText(f.error)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Disabled while its form submits (a courtesy: the server is what makes submits idempotent). */
export function SubmitButton({
  children,
  pendingText,
  className = "button",
  name,
  value,
}: {
  children: React.ReactNode;
  pendingText?: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" && (!name || navigation.formData?.get(name) === value);
  return (
    <button
      type="submit"
      className={className}
      disabled={pending}
      aria-disabled={pending}
      name={name}
      value={value}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}

/** A submit button that posts `intent` (forms with several actions say which one). */
export function IntentButton({
  intent,
  label,
  className = "button button-secondary button-small",
}: {
  intent: string;
  label: string;
  className?: string;
}) {
  return (
    <button type="submit" name="intent" value={intent} className={className}>
      {label}
    </button>
  );
}
