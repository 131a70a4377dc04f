/**
 * The company's report form (issue 14): one input per field of the period's form version,
 * pre-filled from the last period with what changed marked, the park's comments beside the
 * fields it returned, an explanation box where a large change needs one. With JavaScript a
 * submit is checked in the browser by the same `checkFigures` the server runs (a failing check
 * shows inline and nothing is sent); without, the server answers the same errors.
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { SubmitButton } from "~/components/forms";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import {
  changePercent,
  checkFigures,
  explainable,
  parseNumber,
  type FigureError,
  type Figures,
  type FormDefinition,
} from "~/statistics/forms";
import { useFigureText } from "~/statistics/ui";

export function FillForm({
  definition,
  values: initial,
  errors: serverErrors,
  last,
  lastLabel,
  comments,
  version,
  correcting,
}: {
  definition: FormDefinition;
  values: Record<string, string>;
  errors: Record<string, FigureError>;
  last: Figures | null;
  lastLabel: string | null;
  comments: Record<string, string>;
  version: number;
  correcting: boolean;
}) {
  const { t } = useTranslation("statistics");
  const { t: tc } = useTranslation();
  const locale = useLocale();
  const figureText = useFigureText();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState(serverErrors);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // The inputs are uncontrolled (`defaultValue`), so React never writes over what a person
  // typed, also before the page hydrated; the state mirrors them for the change markers and
  // the in-browser check, and takes in on mount whatever was typed before hydration.
  useEffect(() => {
    const el = form.current;
    if (!el) return;
    const typed: Record<string, string> = {};
    for (const [key, value] of new FormData(el)) {
      if (typeof value === "string" && key !== "version" && key !== "intent") typed[key] = value;
    }
    setValues((v) => ({ ...v, ...typed }));
  }, []);
  const explain = explainable(definition);
  const percentOf = (key: string) => {
    for (const c of definition.checks) if (c.kind === "change" && c.field === key) return c.percent;
    return 50;
  };
  const labelOf = (key: string) => {
    const f = definition.fields.find((x) => x.key === key);
    return f ? pick(locale, f.labelEn, f.labelZh) : key;
  };
  const message = (e: FigureError) => {
    switch (e.code) {
      case "min":
        return t("fill.errorCodes.min", { min: e.min });
      case "max":
        return t("fill.errorCodes.max", { max: e.max });
      case "lte":
        return t("fill.errorCodes.lte", { other: labelOf(e.other) });
      case "explain":
        return t("fill.errorCodes.explain", { percent: e.percent });
      default:
        return t(`fill.errorCodes.${e.code}`);
    }
  };
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value;
    const checked = checkFigures(definition, values, last, { submit: intent !== "draft" });
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length) {
      event.preventDefault();
      requestAnimationFrame(() => summary.current?.focus());
    }
  }
  const errorEntries = Object.entries(errors);
  return (
    <Form
      method="post"
      className="form-stack"
      id="report-form"
      noValidate
      onSubmit={onSubmit}
      ref={form}
    >
      <input type="hidden" name="version" value={String(version)} />
      {errorEntries.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>{t("fill.errors")}</h2>
          <ul>
            {errorEntries.map(([key, e]) => {
              const base = key.startsWith("explain.") ? key.slice(8) : key;
              return (
                <li key={key}>
                  <a href={`#${key.startsWith("explain.") ? "explain-" : "fig-"}${base}`}>
                    {labelOf(base)}: {message(e)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {lastLabel ? <p className="muted">{t("fill.prefilled", { label: lastLabel })}</p> : null}
      {definition.fields.map((f) => {
        const id = `fig-${f.key}`;
        const value = values[f.key] ?? "";
        const before = last?.[f.key];
        const now = f.type === "text" ? value.trim() : parseNumber(value);
        const changed = last !== null && value.trim() !== "" && now !== before;
        const error = errors[f.key];
        const explainError = errors[`explain.${f.key}`];
        const help = pick(locale, f.helpEn ?? "", f.helpZh ?? "");
        const moved =
          typeof before === "number" && typeof now === "number" ? changePercent(before, now) : null;
        const described = [help ? `${id}-hint` : "", error ? `${id}-error` : ""]
          .filter(Boolean)
          .join(" ");
        return (
          <div
            key={f.key}
            className={`field stats-field${error ? " has-error" : ""}${changed ? " stats-changed" : ""}`}
          >
            <label htmlFor={id}>
              {pick(locale, f.labelEn, f.labelZh)}
              {f.unit ? <span className="muted"> ({f.unit})</span> : null}
              {!f.required ? (
                <span className="field-optional"> ({tc("form.optional")})</span>
              ) : null}
            </label>
            {help ? (
              <p className="field-hint" id={`${id}-hint`}>
                {help}
              </p>
            ) : null}
            {comments[f.key] ? (
              <p className="notice notice-warning stats-comment">
                {t("fill.comment", { text: comments[f.key] })}
              </p>
            ) : null}
            {f.type === "text" ? (
              <textarea
                id={id}
                name={f.key}
                rows={3}
                defaultValue={initial[f.key] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={described || undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            ) : (
              <input
                id={id}
                name={f.key}
                inputMode={f.type === "integer" ? "numeric" : "decimal"}
                defaultValue={initial[f.key] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={described || undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            )}
            {last ? (
              <p className="field-hint">
                {changed ? (
                  <span className="badge badge-warning">
                    {t("fill.changed", { value: figureText(f, before) })}
                  </span>
                ) : (
                  t("fill.lastValue", { value: figureText(f, before) })
                )}
              </p>
            ) : null}
            <div id={`${id}-error`} className="field-errors" role={error ? "alert" : undefined}>
              {error ? <p>{message(error)}</p> : null}
            </div>
            {explain.has(f.key) ? (
              <div className={`field${explainError ? " has-error" : ""}`}>
                <label htmlFor={`explain-${f.key}`}>{t("fill.explain")}</label>
                <p className="field-hint">
                  {t("fill.explainHint", { percent: percentOf(f.key) })}
                  {moved !== null ? ` (${Math.round(moved)} %)` : null}
                </p>
                <textarea
                  id={`explain-${f.key}`}
                  name={`explain.${f.key}`}
                  rows={2}
                  defaultValue={initial[`explain.${f.key}`] ?? ""}
                  aria-invalid={explainError ? true : undefined}
                  onChange={(e) =>
                    setValues((v) => ({ ...v, [`explain.${f.key}`]: e.target.value }))
                  }
                />
                <div className="field-errors" role={explainError ? "alert" : undefined}>
                  {explainError ? <p>{message(explainError)}</p> : null}
                </div>
              </div>
            ) : null}
          </div>
        );
      })}
      <div className="row">
        {correcting ? (
          <SubmitButton name="intent" value="correct" pendingText={t("fill.submitting")}>
            {t("fill.correctSubmit")}
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="submit" pendingText={t("fill.submitting")}>
              {t("fill.submit")}
            </SubmitButton>
            <SubmitButton name="intent" value="draft" className="button button-secondary">
              {t("fill.draft")}
            </SubmitButton>
          </>
        )}
      </div>
    </Form>
  );
}
