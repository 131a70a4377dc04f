import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { RowAction, TypeForm } from "~/service-requests/admin-ui";
import {
  addField,
  getTypeByCode,
  listCategories,
  listTeams,
  parseOptionLines,
  removeField,
  updateType,
} from "~/service-requests/catalogue.server";
import { fieldSchema, typeInputOf, typeSchema } from "~/service-requests/schema";
import { redirectWithToast } from "~/lib/toast.server";
import { ActionsHeader } from "~/components/shell";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  const type = await getTypeByCode(db(), params.code ?? "");
  invariantFound(type);
  const teams = await listTeams(db());
  return {
    type,
    categories: await listCategories(db()),
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const type = await getTypeByCode(db(), params.code ?? "");
  invariantFound(type);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const back = `/admin/services/types/${type.code}`;
  const actor = { id: user.id, ip: context.ip ?? null };
  if (intent === "update-type") {
    const submission = parseForm(form, { schema: typeSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const ok = await updateType(db(), actor, type.id, v.version ?? -1, typeInputOf(v));
    if (!ok)
      return data(
        { intent, result: submission.reply({ formErrors: ["services:staff.conflict"] }) },
        { status: 409 },
      );
    return redirectWithToast(back, { type: "success", key: "services:toast.saved" });
  }
  if (intent === "add-field") {
    const submission = parseForm(form, { schema: fieldSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const ok = await addField(db(), actor, type.id, {
      key: v.key,
      labelEn: v.labelEn,
      labelZh: v.labelZh,
      kind: v.kind,
      required: !!v.required,
      options: parseOptionLines(v.options),
    });
    if (!ok)
      return data(
        { intent, result: submission.reply({ fieldErrors: { key: ["services:errors.code"] } }) },
        { status: 400 },
      );
    return redirectWithToast(back, { type: "success", key: "services:toast.saved" });
  }
  if (intent === "remove-field") {
    await removeField(db(), actor, type.id, String(form.get("fieldId") ?? ""));
    return redirectWithToast(back, { type: "success", key: "services:toast.saved" });
  }
  return data({ intent: "none", result: null }, { status: 400 });
}

export default function AdminType() {
  const { type, categories, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  return (
    <div className="stack">
      <h3>
        {pick(locale, type.name_en, type.name_zh)} <span className="muted">({type.code})</span>
      </h3>
      <div className="card">
        <TypeForm
          intent="update-type"
          lastResult={actionData?.intent === "update-type" ? actionData.result : undefined}
          categories={categories}
          teams={teams}
          defaults={{
            version: type.version,
            categoryId: type.category_id,
            nameEn: type.name_en,
            nameZh: type.name_zh,
            descriptionEn: type.description_en,
            descriptionZh: type.description_zh,
            defaultTeamId: type.default_team_id ?? "",
            residentOnly: type.resident_only,
            active: type.active,
          }}
        />
      </div>
      <section className="card">
        <h3>{t("admin.fields")}</h3>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("admin.key")}</th>
                <th>{t("admin.label")}</th>
                <th>{t("admin.kind")}</th>
                <th>{t("admin.required")}</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {type.fields.map((f) => (
                <tr key={f.id}>
                  <td>{f.key}</td>
                  <td>{pick(locale, f.label_en, f.label_zh)}</td>
                  <td>{t(`admin.kinds.${f.kind}`)}</td>
                  <td>{f.required ? "✓" : ""}</td>
                  <td>
                    <RowAction intent="remove-field" values={{ fieldId: f.id }}>
                      {t("admin.remove")}
                    </RowAction>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <AddField lastResult={actionData?.intent === "add-field" ? actionData.result : undefined} />
      </section>
    </div>
  );
}

function AddField({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("services");
  const [form, fields] = useForm({
    id: "add-field",
    lastResult,
    defaultValue: { kind: "text" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fieldSchema }),
  });
  const f = fields as unknown as Record<string, FieldMetadata<string>>;
  const labels = { key: t("admin.key"), labelEn: t("admin.labelEn"), labelZh: t("admin.labelZh") };
  return (
    <details open={!!lastResult}>
      <summary>{t("admin.addField")}</summary>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <IdempotencyKey />
        <ErrorSummary
          form={form}
          fields={{ key: f.key!, labelEn: f.labelEn!, labelZh: f.labelZh! }}
          labels={labels}
        />
        <Field field={f.key!} label={labels.key} hint="e.g. target_date" />
        <Field field={f.labelEn!} label={labels.labelEn} />
        <Field field={f.labelZh!} label={labels.labelZh} />
        <SelectField
          field={f.kind!}
          label={t("admin.kind")}
          options={(["text", "number", "date", "choice", "file"] as const).map((k) => ({
            value: k,
            label: t(`admin.kinds.${k}`),
          }))}
        />
        <label className="checkbox">
          <input type="checkbox" name="required" /> {t("admin.required")}
        </label>
        <TextareaField field={f.options!} label={t("admin.options")} rows={3} optional />
        <SubmitButton name="intent" value="add-field">
          {t("admin.addField")}
        </SubmitButton>
      </Form>
    </details>
  );
}
