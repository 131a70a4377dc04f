import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { forbidden, requirePermission } from "~/auth/guards.server";
import { statusOf } from "~/lib/http.server";
import {
  ErrorSummary,
  Field,
  FieldErrors,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { getCatalogue, getTypeByCode, type TypeField } from "~/service-requests/catalogue.server";
import { readRequestForm, storeFor } from "~/service-requests/files.server";
import { fileRequestSchema, isTypeField } from "~/service-requests/schema";
import { fileRequest } from "~/service-requests/service-requests.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";
import { TypeFieldInput } from "./type-field";
import { suggestForRequest } from "~/kb/kb.server";
import {
  SuggestionOpenForms,
  SuggestionPanel,
  useSuggestOnHydrate,
  useSuggestions,
  type SuggestReply,
} from "~/kb/suggestions";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New service request · 新建服务申请 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:service_request:own");
  const code = new URL(request.url).searchParams.get("type");
  const isResident = !!user.company?.isResident;
  if (code) {
    const type = await getTypeByCode(db(), code);
    if (type && type.active) {
      const { version: _v, ...safe } = type;
      return { isResident, catalogue: null, type: safe };
    }
  }
  return { isResident, catalogue: await getCatalogue(db()), type: null };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:service_request:own");
  if (!user.company) forbidden();
  const read = await readRequestForm(request);
  if ("refused" in read)
    return data(
      { status: "error" as const, error: { files: [read.refused] } },
      { status: read.refused === "services:errors.file" ? 413 : 400 },
    );
  const { form, uploads } = read;
  const submission = parseForm(form, { schema: fileRequestSchema, keep: isTypeField });
  if (form.get("intent") === "suggest") {
    // "Check for answers" without JavaScript: the suggestions, and everything typed back.
    const suggestions: SuggestReply = await suggestForRequest(db(), {
      subject: String(form.get("subject") ?? ""),
      typeId: String(form.get("typeId") ?? ""),
      seen: String(form.get("seen") ?? ""),
    });
    return data({ suggestions, result: { initialValue: submission.payload } });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (name.startsWith("f_") && typeof value === "string") fields[name.slice(2)] = value;
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await fileRequest(
    db(),
    user,
    {
      typeId: submission.value.typeId,
      subject: submission.value.subject,
      description: submission.value.description,
      idempotencyKey: submission.value.idempotencyKey,
      fields,
      fileFieldKeys: uploads.map((u) => u.fieldKey).filter((k): k is string => !!k),
      store: storeFor(uploads, user.id),
    },
    requestMeta(request, context).origin,
  );
  if (!result.ok) {
    if (result.error === "fields") {
      const fieldErrors = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [
          k.startsWith("f_") || k === "files" ? k : `f_${k}`,
          v,
        ]),
      );
      return data(submission.reply({ fieldErrors }), { status: statusOf(result) });
    }
    const formError =
      result.error === "residentOnly" ? "services:new.residentOnly" : "services:errors.type";
    return data(submission.reply({ formErrors: [formError] }), { status: statusOf(result) });
  }
  return redirectWithToast(`/requests/${result.ref}`, {
    type: "success",
    key: "services:toast.filed",
    values: { ref: result.ref },
  });
}

export default function NewRequest() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  if (!loaderData.type) {
    return (
      <div className="container">
        <header className="page-header">
          <h1>{t("new.title")}</h1>
          <p className="lead">{t("new.pickLead")}</p>
        </header>
        <h2>{t("new.pickType")}</h2>
        {loaderData.catalogue?.map((c) => (
          <section key={c.id} className="section">
            <h3>{pick(locale, c.name_en, c.name_zh)}</h3>
            <ul className="card-grid" style={{ listStyle: "none", padding: 0 }}>
              {c.types.map((type) => (
                <li key={type.id} className="card">
                  <h4>
                    {type.resident_only && !loaderData.isResident ? (
                      pick(locale, type.name_en, type.name_zh)
                    ) : (
                      <Link to={`/requests/new?type=${type.code}`}>
                        {pick(locale, type.name_en, type.name_zh)}
                      </Link>
                    )}
                  </h4>
                  <p className="muted">{pick(locale, type.description_en, type.description_zh)}</p>
                  {type.resident_only ? (
                    <span className="badge badge-muted">{t("catalogue.residentOnly")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    );
  }
  return <RequestForm type={loaderData.type} isResident={loaderData.isResident} />;
}

function RequestForm({
  type,
  isResident,
}: {
  type: {
    id: string;
    code: string;
    name_en: string;
    name_zh: string;
    description_en: string;
    description_zh: string;
    resident_only: boolean;
    fields: TypeField[];
  };
  isResident: boolean;
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const checked = actionData && "suggestions" in actionData ? actionData : null;
  const lastResult = checked ? checked.result : actionData;
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  const { t: tk } = useTranslation("kb");
  const suggest = useSuggestions(checked?.suggestions ?? null, type.id);
  useSuggestOnHydrate(form.id, suggest.onSubject);
  const formProps = getFormProps(form);
  const dynamic = fields as unknown as Record<string, FieldMetadata<string>>;
  const labels: Record<string, string> = {
    subject: t("new.subject"),
    description: t("new.description"),
    files: t("new.attachments"),
  };
  for (const f of type.fields) labels[`f_${f.key}`] = pick(locale, f.label_en, f.label_zh);
  const summaryFields: Record<string, { id: string; errors?: string[] }> = {
    subject: dynamic.subject!,
    description: dynamic.description!,
  };
  for (const f of type.fields) summaryFields[`f_${f.key}`] = dynamic[`f_${f.key}`]!;
  summaryFields.files = dynamic.files!;
  const blocked = type.resident_only && !isResident;
  return (
    <div className="container medium">
      <header className="page-header">
        <h1>{t("new.title")}</h1>
        <p>
          {t("new.chosen")}: <strong>{pick(locale, type.name_en, type.name_zh)}</strong> ·{" "}
          <Link to="/requests/new">{t("new.change")}</Link>
        </p>
        <p className="muted">{pick(locale, type.description_en, type.description_zh)}</p>
      </header>
      {blocked ? (
        <div className="notice notice-warning">
          <p>{t("new.residentOnly")}</p>
        </div>
      ) : (
        <div className="card">
          <Form
            method="post"
            encType="multipart/form-data"
            {...formProps}
            className="form-stack"
            onSubmit={(e) => {
              suggest.onSubmit();
              formProps.onSubmit(e);
            }}
            onInput={(e) => {
              const target = e.target as HTMLInputElement;
              if (target.name === "subject") suggest.onSubject(target.value);
            }}
          >
            <IdempotencyKey />
            <ErrorSummary form={form} fields={summaryFields} labels={labels} />
            <input type="hidden" name="typeId" value={type.id} />
            <Field field={dynamic.subject!} label={labels.subject!} />
            <input type="hidden" name="seen" value={checked?.suggestions.seen.join(",") ?? ""} />
            <div className="row">
              <button
                type="submit"
                name="intent"
                value="suggest"
                className="button button-secondary button-small"
                formNoValidate
              >
                {tk("suggest.check")}
              </button>
            </div>
            <SuggestionPanel
              items={suggest.items}
              loading={suggest.loading}
              checked={suggest.checked}
            />
            <TextareaField
              field={dynamic.description!}
              label={labels.description!}
              hint={t("new.descriptionHint")}
              rows={6}
            />
            {type.fields.map((f) => (
              <TypeFieldInput
                key={f.id}
                field={f}
                meta={dynamic[`f_${f.key}`]!}
                label={labels[`f_${f.key}`]!}
              />
            ))}
            <div className={`field${dynamic.files!.errors?.length ? " has-error" : ""}`}>
              <label htmlFor="request-files">{labels.files}</label>
              <p className="field-hint" id="request-files-hint">
                {t("new.attachmentsHint")}
              </p>
              <input
                id="request-files"
                name="files"
                type="file"
                multiple
                accept=".pdf,.png,.jpg,.jpeg"
                aria-describedby="request-files-hint"
              />
              <FieldErrors
                id={dynamic.files!.errorId}
                errors={dynamic.files!.errors}
                format={errorText}
              />
            </div>
            <SubmitButton pendingText={t("new.submitting")}>{t("new.submit")}</SubmitButton>
          </Form>
          <SuggestionOpenForms items={suggest.items} />
        </div>
      )}
    </div>
  );
}
