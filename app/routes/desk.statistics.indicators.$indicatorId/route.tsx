import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import {
  indicatorForEdit,
  numericFields,
  previewIndicator,
  removeIndicator,
  saveIndicator,
  type Preview,
} from "~/statistics/indicator-defs.server";
import { INDICATOR_FIELDS, IndicatorInput } from "~/statistics/indicator-schema";
import { useIndicatorText } from "~/statistics/indicator-ui";
import { ABILITIES, INDICATOR_KINDS } from "~/statistics/indicators";
import { IndicatorFields } from "./fields";

export const meta: MetaFunction = () => [{ title: "Indicator · 指标 | Zizhu Park Portal" }];

const ERRORS: Partial<
  Record<string, `indicatorEditor.errors.${"invalid" | "conflict" | "duplicate" | "formula"}`>
> = {
  invalid: "indicatorEditor.errors.invalid",
  conflict: "indicatorEditor.errors.conflict",
  duplicate: "indicatorEditor.errors.duplicate",
  formula: "indicatorEditor.errors.formula",
};

type Values = Partial<Record<(typeof INDICATOR_FIELDS)[number], string>>;

/** Statistics staff: one indicator's definition (`new` for a new one), with a preview. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:statistics:any");
  const id = params.indicatorId ?? "";
  const fields = await numericFields(db());
  if (id === "new") return { def: null, fields, preview: null };
  const def = await indicatorForEdit(db(), id);
  if (!def) throw new Response("Not found", { status: 404 });
  return { def, fields, preview: await previewIndicator(db(), def) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const id = params.indicatorId === "new" ? null : (params.indicatorId ?? "");
  const form = await readForm(request);
  const { ip } = requestMeta(request, context);
  const intent = form.get("intent");
  if (intent === "remove" && id) {
    const removed = await removeIndicator(db(), user, id, { ip: ip ?? null });
    if (!removed.ok) throwIfMissing(removed);
    return redirectWithToast("/desk/statistics/indicators", {
      type: "success",
      key: "statistics:indicatorEditor.removed",
    });
  }
  const values: Values = {};
  for (const k of INDICATOR_FIELDS) {
    const v = form.get(k);
    if (typeof v === "string") values[k] = v.slice(0, 400);
  }
  const parsed = IndicatorInput.safeParse(values);
  if (!parsed.success) {
    const invalid = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    return data(
      { values, invalid, error: "invalid" as const, preview: null as Preview | null },
      { status: 400 },
    );
  }
  if (intent === "preview")
    return { values, invalid: [], error: null, preview: await previewIndicator(db(), parsed.data) };
  if (intent !== "save")
    return data({ values, invalid: [], error: "invalid" as const, preview: null }, { status: 400 });
  const saved = await saveIndicator(db(), user, id, parsed.data, {
    version: Number(form.get("version")),
    ip: ip ?? null,
  });
  if (!saved.ok) {
    throwIfMissing(saved);
    const status = saved.error === "conflict" ? 409 : 422;
    return data({ values, invalid: [], error: saved.error, preview: null }, { status });
  }
  return redirectWithToast(`/desk/statistics/indicators/${saved.id}`, {
    type: "success",
    key: "statistics:indicatorEditor.saved",
  });
}

export default function IndicatorEditor() {
  const { def, fields, preview: saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const fmt = useIndicatorText();
  const values: Values = result?.values ?? {
    code: def?.code ?? "",
    nameEn: def?.nameEn ?? "",
    nameZh: def?.nameZh ?? "",
    ability: def?.ability ?? ABILITIES[0],
    weight: String(def?.weight ?? 10),
    kind: def?.kind ?? INDICATOR_KINDS[0],
    a: def?.a ?? "",
    b: def?.b ?? "",
    unit: def?.unit ?? "",
    position: String(def?.position ?? 0),
  };
  const preview = result?.preview ?? (result ? null : saved);
  const previewKind = (result?.values.kind ??
    def?.kind ??
    "sum") as (typeof INDICATOR_KINDS)[number];
  const name = def ? pick(locale, def.nameEn, def.nameZh) : "";
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <p>
          <Link to="/desk/statistics/indicators">{t("indicatorEditor.back")}</Link>
        </p>
        <h1>{def ? t("indicatorEditor.titleEdit", { name }) : t("indicatorEditor.titleNew")}</h1>
        <p className="lead">{t("indicatorEditor.lead")}</p>
      </header>
      {result?.error ? (
        <p className="notice notice-danger" role="alert">
          {t(ERRORS[result.error] ?? "indicatorEditor.errors.invalid")}
        </p>
      ) : null}
      <Form method="post" className="card form-stack" noValidate>
        <input type="hidden" name="version" value={def?.version ?? 0} />
        <IndicatorFields values={values} invalid={result?.invalid ?? []} fields={fields} />
        <div className="row">
          <SubmitButton className="button button-secondary" name="intent" value="preview">
            {t("indicatorEditor.preview")}
          </SubmitButton>
          <SubmitButton name="intent" value="save">
            {t("indicatorEditor.save")}
          </SubmitButton>
        </div>
      </Form>
      <section className="card stack" aria-labelledby="ind-preview" aria-live="polite">
        <h2 id="ind-preview">
          {preview
            ? t("indicatorEditor.previewTitle", { period: preview.period })
            : t("indicatorEditor.preview")}
        </h2>
        {preview ? (
          <p>
            <strong data-testid="preview-value">
              {fmt.value(preview.result.value, {
                kind: previewKind,
                unit: result?.values.unit ?? def?.unit ?? "",
              })}
            </strong>{" "}
            <span className="muted">{fmt.known(preview.result)}</span>
          </p>
        ) : (
          <p className="muted">
            {def || result ? t("indicatorEditor.previewNone") : t("indicatorEditor.previewHint")}
          </p>
        )}
      </section>
      {def ? (
        <>
          <p>
            <ConfirmTrigger name="remove">{t("indicatorEditor.remove")}</ConfirmTrigger>
          </p>
          <ConfirmDialog
            name="remove"
            title={t("indicatorEditor.removeTitle")}
            cancelLabel={t("indicatorEditor.cancel")}
          >
            <p>{t("indicatorEditor.removeLead")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <SubmitButton className="button button-danger">
                {t("indicatorEditor.removeYes")}
              </SubmitButton>
            </Form>
          </ConfirmDialog>
        </>
      ) : null}
    </div>
  );
}
