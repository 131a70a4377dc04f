/**
 * The call editor (create, clone, edit): plain fields and fixed-size rows for questions,
 * documents and rubric criteria, so it works without JavaScript. Shows the server's errors
 * next to each field and keeps what was typed.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, SubmitButton, useErrorText } from "~/components/forms";
import {
  MAX_CRITERION_ROWS,
  MAX_DOCUMENT_ROWS,
  MAX_QUESTION_ROWS,
  QUESTION_KINDS,
} from "./schema";
import { usePick } from "./ui";
import { IdempotencyKey } from "~/components/idempotency-key";

export interface CallFormResult {
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null> | null;
}

export interface CallFormDefaults {
  programmeId?: string;
  slug?: string;
  titleEn?: string;
  titleZh?: string;
  opensAt?: string;
  closesAt?: string;
  places?: string;
  eligibilityEn?: string;
  eligibilityZh?: string;
  questions?: Record<string, string | boolean | number>[];
  documents?: Record<string, string | boolean | number>[];
  rubric?: Record<string, string | boolean | number>[];
}

function get(obj: unknown, path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export function CallForm({
  programmes,
  defaults,
  result,
  submitLabel,
}: {
  programmes: { id: string; name_en: string; name_zh: string }[];
  defaults: CallFormDefaults;
  result?: CallFormResult | null;
  submitLabel: string;
}) {
  const { t: tDesk } = useTranslation("desk");
  const errorText = useErrorText();
  const pick = usePick();
  const source = result?.initialValue ?? defaults;
  const submitted = !!result?.initialValue;
  const value = (...path: (string | number)[]) => {
    const v = get(source, path);
    return v === undefined || v === null ? "" : String(v);
  };
  const checked = (...path: (string | number)[]) => {
    const v = get(source, path);
    return v === true || v === "on" || v === "true";
  };
  const name = (path: (string | number)[]) =>
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
  const errors = (path: (string | number)[]) => result?.error?.[name(path)] ?? [];
  const id = (path: (string | number)[]) => `call-${name(path).replace(/[[\].]/g, "-")}`;

  const field = (
    path: string,
    label: string,
    opts: { type?: string; hint?: string; textarea?: boolean } = {},
  ) => {
    const errs = errors([path]);
    const fid = id([path]);
    return (
      <div className={`field${errs.length ? " has-error" : ""}`}>
        <label htmlFor={fid}>{label}</label>
        {opts.hint ? (
          <p className="field-hint" id={`${fid}-hint`}>
            {opts.hint}
          </p>
        ) : null}
        {opts.textarea ? (
          <textarea
            id={fid}
            name={path}
            rows={4}
            defaultValue={value(path)}
            aria-invalid={errs.length ? true : undefined}
            aria-describedby={`${fid}-error`}
          />
        ) : (
          <input
            id={fid}
            name={path}
            type={opts.type ?? "text"}
            defaultValue={value(path)}
            aria-invalid={errs.length ? true : undefined}
            aria-describedby={`${fid}-error${opts.hint ? ` ${fid}-hint` : ""}`}
          />
        )}
        <div id={`${fid}-error`} className="field-errors">
          {errs.map((e) => (
            <p key={e}>{errorText(e)}</p>
          ))}
        </div>
      </div>
    );
  };

  const cell = (
    list: string,
    i: number,
    key: string,
    label: string,
    opts: { type?: string; size?: number } = {},
  ) => {
    const path = [list, i, key];
    const errs = errors(path);
    return (
      <td>
        <input
          name={name(path)}
          aria-label={`${label} ${i + 1}`}
          type={opts.type ?? "text"}
          size={opts.size}
          defaultValue={value(...path)}
          aria-invalid={errs.length ? true : undefined}
          title={errs.map((e) => errorText(e)).join(" ")}
        />
        {errs.length ? (
          <div className="field-errors" role="alert">
            {errs.map((e) => (
              <p key={e}>{errorText(e)}</p>
            ))}
          </div>
        ) : null}
      </td>
    );
  };
  const requiredCell = (list: string, i: number) => (
    <td>
      <input
        type="checkbox"
        name={name([list, i, "required"])}
        aria-label={`${tDesk("incubation.callForm.required")} ${i + 1}`}
        defaultChecked={checked(list, i, "required")}
      />
    </td>
  );
  const listError = (list: string) =>
    errors([list]).map((e) => (
      <p key={e} className="field-errors" role="alert">
        {errorText(e)}
      </p>
    ));
  const summaryFields = Object.fromEntries(
    Object.entries(result?.error ?? {}).map(([k, v]) => [
      k,
      { id: id([k]), errors: v ?? undefined },
    ]),
  );
  const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

  return (
    <Form method="post" className="form-stack">
      <IdempotencyKey />
      {submitted ? (
        <ErrorSummary
          form={{ errors: result?.error?.[""] ?? undefined }}
          fields={summaryFields}
          labels={{}}
        />
      ) : null}
      <div className="card form-stack">
        <div className={`field${errors(["programmeId"]).length ? " has-error" : ""}`}>
          <label htmlFor="call-programmeId">{tDesk("incubation.callForm.programme")}</label>
          <select id="call-programmeId" name="programmeId" defaultValue={value("programmeId")}>
            {programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {pick(p.name_en, p.name_zh)}
              </option>
            ))}
          </select>
          <div className="field-errors">
            {errors(["programmeId"]).map((e) => (
              <p key={e}>{errorText(e)}</p>
            ))}
          </div>
        </div>
        {field("titleEn", tDesk("incubation.callForm.titleEn"))}
        {field("titleZh", tDesk("incubation.callForm.titleZh"))}
        {field("slug", tDesk("incubation.callForm.slug"), { hint: tDesk("incubation.callForm.slugHint") })}
        {field("opensAt", tDesk("incubation.callForm.opensAt"), { type: "datetime-local" })}
        {field("closesAt", tDesk("incubation.callForm.closesAt"), { type: "datetime-local" })}
        {field("places", tDesk("incubation.callForm.places"), { type: "number" })}
        {field("eligibilityEn", tDesk("incubation.callForm.eligibilityEn"), { textarea: true })}
        {field("eligibilityZh", tDesk("incubation.callForm.eligibilityZh"), { textarea: true })}
      </div>

      <RowsTable
        title={tDesk("incubation.callForm.questions")}
        hint={tDesk("incubation.callForm.questionsHint")}
        error={listError("questions")}
        headers={["step", "labelEn", "labelZh", "required", "kind", "maxLength", "key"]}
        rows={rows(MAX_QUESTION_ROWS)}
        row={(i) => (
          <>
            {cell("questions", i, "step", tDesk("incubation.callForm.step"), { type: "number", size: 2 })}
            {cell("questions", i, "labelEn", tDesk("incubation.callForm.labelEn"))}
            {cell("questions", i, "labelZh", tDesk("incubation.callForm.labelZh"))}
            {requiredCell("questions", i)}
            <td>
              <select
                name={name(["questions", i, "kind"])}
                aria-label={`${tDesk("incubation.callForm.kind")} ${i + 1}`}
                defaultValue={value("questions", i, "kind") || "text"}
              >
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tDesk(`incubation.callForm.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </td>
            {cell("questions", i, "maxLength", tDesk("incubation.callForm.maxLength"), {
              type: "number",
              size: 5,
            })}
            {cell("questions", i, "key", tDesk("incubation.callForm.key"), { size: 8 })}
          </>
        )}
      />
      <RowsTable
        title={tDesk("incubation.callForm.documents")}
        hint={tDesk("incubation.callForm.documentsHint")}
        headers={["labelEn", "labelZh", "required", "key"]}
        rows={rows(MAX_DOCUMENT_ROWS)}
        row={(i) => (
          <>
            {cell("documents", i, "labelEn", tDesk("incubation.callForm.labelEn"))}
            {cell("documents", i, "labelZh", tDesk("incubation.callForm.labelZh"))}
            {requiredCell("documents", i)}
            {cell("documents", i, "key", tDesk("incubation.callForm.key"), { size: 8 })}
          </>
        )}
      />
      <RowsTable
        title={tDesk("incubation.callForm.rubric")}
        hint={tDesk("incubation.callForm.rubricHint")}
        error={listError("rubric")}
        headers={["labelEn", "labelZh", "weight", "max", "key"]}
        rows={rows(MAX_CRITERION_ROWS)}
        row={(i) => (
          <>
            {cell("rubric", i, "labelEn", tDesk("incubation.callForm.labelEn"))}
            {cell("rubric", i, "labelZh", tDesk("incubation.callForm.labelZh"))}
            {cell("rubric", i, "weight", tDesk("incubation.callForm.weight"), { type: "number", size: 3 })}
            {cell("rubric", i, "max", tDesk("incubation.callForm.max"), { type: "number", size: 3 })}
            {cell("rubric", i, "key", tDesk("incubation.callForm.key"), { size: 8 })}
          </>
        )}
      />
      <SubmitButton className="button">{submitLabel}</SubmitButton>
    </Form>
  );
}

/** One list of the call (questions, documents, rubric) as a table of numbered rows of inputs. */
function RowsTable({
  title,
  hint,
  error,
  headers,
  rows,
  row,
}: {
  title: string;
  hint: string;
  error?: React.ReactNode;
  headers: (
    | "step"
    | "labelEn"
    | "labelZh"
    | "required"
    | "kind"
    | "maxLength"
    | "key"
    | "weight"
    | "max"
  )[];
  rows: number[];
  row: (i: number) => React.ReactNode;
}) {
  const { t: tDesk } = useTranslation("desk");
  return (
    <section className="card">
      <h2>{title}</h2>
      <p className="field-hint">{hint}</p>
      {error}
      <div className="table-wrap">
        <table className="table incubation-rows">
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h}>{tDesk(`incubation.callForm.${h}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i}>{row(i)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A stored call as form defaults; a clone gets no keys for the address and moves dates on. */
export function callToDefaults(
  call: {
    programme_id: string;
    slug: string;
    title_en: string;
    title_zh: string;
    opens_at: string | Date;
    closes_at: string | Date;
    places: number;
    eligibility_en: string;
    eligibility_zh: string;
    questions: {
      key: string;
      step: number;
      labelEn: string;
      labelZh: string;
      required: boolean;
      maxLength: number;
      kind?: string;
    }[];
    documents: { key: string; labelEn: string; labelZh: string; required: boolean }[];
    rubric: { key: string; labelEn: string; labelZh: string; weight: number; max: number }[];
  },
  toLocal: (d: Date) => string,
  clone = false,
): CallFormDefaults {
  return {
    programmeId: call.programme_id,
    slug: clone ? `${call.slug}-copy` : call.slug,
    titleEn: call.title_en,
    titleZh: call.title_zh,
    opensAt: toLocal(new Date(call.opens_at)),
    closesAt: toLocal(new Date(call.closes_at)),
    places: String(call.places),
    eligibilityEn: call.eligibility_en,
    eligibilityZh: call.eligibility_zh,
    questions: call.questions.map((q) => ({
      ...q,
      step: String(q.step),
      maxLength: String(q.maxLength),
    })),
    documents: call.documents.map((d) => ({ ...d })),
    rubric: call.rubric.map((c) => ({ ...c, weight: String(c.weight), max: String(c.max) })),
  };
}
