import { Form, useActionData } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import type { ParkSection } from "~/park/schema";
import type { DeskParkReply } from "./reply";

export type FieldDef = {
  name: string;
  label: string;
  type?: "text" | "number" | "date" | "textarea" | "checkbox" | "select" | "url";
  options?: { value: string; label: string }[];
  zh?: boolean;
};

export type RowValues = Record<string, string | number | boolean | null>;

/** The reply of the action when it belongs to the form `formKey`. */
export function useReplyFor(formKey: string): DeskParkReply | null {
  const result = useActionData<DeskParkReply>();
  return result && result.formKey === formKey ? result : null;
}

/** One field of a row: its label, then a textarea, select, checkbox or input. */
function RowField({
  field: f,
  id,
  value: v,
  invalid,
}: {
  field: FieldDef;
  id: string;
  value: string | number | boolean | null | undefined;
  invalid: boolean;
}) {
  const text = v == null ? "" : String(v);
  return (
    <div
      className={`field${invalid ? " has-error" : ""}${f.type === "textarea" ? " park-wide" : ""}`}
    >
      {f.type === "checkbox" ? (
        <label className="checkbox" htmlFor={id}>
          <input id={id} name={f.name} type="checkbox" defaultChecked={v === true || v === "on"} />{" "}
          {f.label}
        </label>
      ) : (
        <label htmlFor={id}>{f.label}</label>
      )}
      {f.type === "textarea" ? (
        <textarea
          id={id}
          name={f.name}
          rows={4}
          defaultValue={text}
          aria-invalid={invalid || undefined}
          lang={f.zh ? "zh-CN" : undefined}
        />
      ) : f.type === "select" ? (
        <select id={id} name={f.name} defaultValue={text}>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : f.type === "checkbox" ? null : (
        <input
          id={id}
          name={f.name}
          type={f.type ?? "text"}
          defaultValue={text}
          aria-invalid={invalid || undefined}
          lang={f.zh ? "zh-CN" : undefined}
        />
      )}
    </div>
  );
}

/** The form of one row of a section (or of the profile): save, and delete where allowed. */
export function RowEditor({
  section,
  formKey,
  fields,
  row,
  canDelete,
}: {
  section: ParkSection;
  formKey: string;
  fields: FieldDef[];
  row: RowValues;
  canDelete: boolean;
}) {
  const { t } = useTranslation("park");
  const mine = useReplyFor(formKey);
  return (
    <Form method="post" className={`card park-row-form${mine ? " has-error" : ""}`}>
      <IdempotencyKey />
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="formKey" value={formKey} />
      {row.id ? <input type="hidden" name="id" value={String(row.id)} /> : null}
      {row.version != null ? (
        <input type="hidden" name="version" value={String(row.version)} />
      ) : null}
      {mine ? (
        <p className="field-errors" role="alert">
          {t(mine.message.replace(/^park:/, "") as never)}
        </p>
      ) : null}
      <div className="park-row-fields">
        {fields.map((f) => (
          <RowField
            key={f.name}
            field={f}
            id={`${formKey}-${f.name}`}
            value={mine ? mine.values[f.name] : row[f.name]}
            invalid={!!mine?.fields.includes(f.name)}
          />
        ))}
      </div>
      <div className="row">
        <button type="submit" className="button button-small">
          {row.id || row.version != null ? t("desk.save") : t("desk.add")}
        </button>
        {canDelete ? (
          <button
            type="submit"
            name="intent"
            value="delete"
            className="button button-small button-secondary"
            formNoValidate
          >
            {t("desk.delete")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
