import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm, parseForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { formIdByCode, getFormForEdit } from "~/statistics/desk.server";
import { definitionErrors, type FormDefinition } from "~/statistics/forms";
import { saveFormDefinition } from "~/statistics/reports.server";
import { definitionFromRows, formEditorSchema } from "~/statistics/schema";
import { FormEditor, type EditorValue } from "./editor";

export const meta: MetaFunction = () => [{ title: "Report form · 统计报表 | Zizhu Park Portal" }];

function rowsOf(d: FormDefinition): Pick<EditorValue, "fields" | "checks"> {
  return {
    fields: d.fields.map((f) => ({
      key: f.key,
      labelEn: f.labelEn,
      labelZh: f.labelZh,
      unit: f.unit,
      type: f.type,
      min: f.min === undefined ? "" : String(f.min),
      max: f.max === undefined ? "" : String(f.max),
      required: f.required,
      helpEn: f.helpEn ?? "",
      helpZh: f.helpZh ?? "",
    })),
    checks: d.checks.map((c) =>
      c.kind === "lte"
        ? { kind: "lte", a: c.a, b: c.b }
        : { kind: "change", a: c.field, percent: String(c.percent) },
    ),
  };
}

/** Statistics staff: `new`, or a form's latest version (a frozen one is edited into the next). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  if (params.formId === "new")
    return {
      isNew: true,
      frozen: false,
      version: 0,
      value: { code: "", nameEn: "", nameZh: "", fields: [], checks: [] } as EditorValue,
    };
  const found = await getFormForEdit(db(), user, params.formId ?? "");
  if (!found.ok) {
    throwIfMissing(found);
    throw new Response("Not found", { status: 404 });
  }
  const f = found.form;
  return {
    isNew: false,
    frozen: f.frozen,
    version: f.version,
    value: { code: f.code, nameEn: f.nameEn, nameZh: f.nameZh, ...rowsOf(f.definition) },
  };
}

function asText(v: unknown): string {
  return typeof v === "string" ? v : "";
}
/** What was posted, back into the editor's shape (the person's input is never lost). */
function echo(payload: Record<string, unknown>): EditorValue {
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return {
    code: asText(payload.code),
    nameEn: asText(payload.nameEn),
    nameZh: asText(payload.nameZh),
    fields: list(payload.fields)
      .filter((r) => r && asText(r.key))
      .map((r) => ({
        key: asText(r.key),
        labelEn: asText(r.labelEn),
        labelZh: asText(r.labelZh),
        unit: asText(r.unit),
        type: asText(r.type),
        min: asText(r.min),
        max: asText(r.max),
        required: r.required === "on",
        helpEn: asText(r.helpEn),
        helpZh: asText(r.helpZh),
      })),
    checks: list(payload.checks)
      .filter((r) => r && asText(r.kind) !== "none" && asText(r.kind))
      .map((r) => ({
        kind: asText(r.kind),
        a: asText(r.a),
        b: asText(r.b),
        percent: asText(r.percent),
      })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const isNew = params.formId === "new";
  if (!isNew) {
    const found = await getFormForEdit(db(), user, params.formId ?? "");
    if (!found.ok) throwIfMissing(found);
  }
  const form = await readForm(request);
  const submission = parseForm(form, { schema: formEditorSchema });
  const payload = (submission.payload ?? {}) as Record<string, unknown>;
  if (submission.status !== "success") {
    const errors = Object.entries(submission.error ?? {}).flatMap(([name, msgs]) =>
      (msgs ?? []).map((m) => `${name}: ${m}`),
    );
    return data({ value: echo(payload), errors, keys: true }, { status: 400 });
  }
  const input = submission.value;
  const { definition, errors } = definitionFromRows(input);
  const problems = [...errors, ...definitionErrors(definition)];
  const existing = await formIdByCode(db(), input.code);
  if (isNew ? existing : existing !== params.formId) problems.push(`code ${input.code}`);
  if (problems.length || !definition.fields.length)
    return data(
      { value: echo(payload), errors: [problems.join("; ") || "fields"], keys: false },
      { status: 422 },
    );
  const saved = await saveFormDefinition(
    db(),
    user,
    { code: input.code, nameEn: input.nameEn, nameZh: input.nameZh },
    definition,
  );
  if (!saved.ok) throwIfMissing(saved);
  if (!saved.ok)
    return data({ value: echo(payload), errors: ["invalid"], keys: false }, { status: 422 });
  return redirectWithToast(`/desk/statistics/forms/${saved.formId}`, {
    type: "success",
    key: "statistics:editor.saved",
    values: { version: saved.version },
  });
}

export default function FormEditorPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("statistics");
  const errorText = useErrorText();
  const locale = useLocale();
  const value = reply?.value ?? loaded.value;
  const errors = (reply?.errors ?? []).map((e: string) =>
    reply?.keys
      ? e.replace(/: (.+)$/, (_: string, m: string) => `: ${errorText(m)}`)
      : t("errors.definition", { problems: e }),
  );
  return (
    <div className="container medium stack">
      <p>
        <Link to="/desk/statistics">← {t("editor.back")}</Link>
      </p>
      <header className="page-header">
        <h1>
          {loaded.isNew
            ? t("editor.titleNew")
            : t("editor.titleEdit", {
                name: pick(locale, loaded.value.nameEn, loaded.value.nameZh),
              })}
        </h1>
        {!loaded.isNew ? (
          <p className="lead">{t("desk.version", { version: loaded.version })}</p>
        ) : null}
      </header>
      {loaded.frozen ? (
        <div className="notice notice-warning">
          <p>{t("editor.frozenNotice", { version: loaded.version, next: loaded.version + 1 })}</p>
        </div>
      ) : null}
      <section className="card">
        <FormEditor value={value} codeFixed={!loaded.isNew} errors={errors} />
      </section>
    </div>
  );
}
