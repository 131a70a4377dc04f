import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { INDUSTRIES } from "~/companies/schema";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { parseForm, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { latestVersionId, listDeskForms } from "~/statistics/desk.server";
import { audienceSize, openPeriod } from "~/statistics/reports.server";
import { openPeriodSchema, periodLabel, type OpenPeriodInput } from "~/statistics/schema";

export const meta: MetaFunction = () => [
  { title: "Open a period · 发布统计期次 | Zizhu Park Portal" },
];

/** Last month, due on the 15th of this one: what a park opens most often. */
function defaults(today: string) {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const mm = String(pm).padStart(2, "0");
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  const startsOn = `${py}-${mm}-01`;
  return {
    kind: "month",
    label: periodLabel("month", startsOn),
    startsOn,
    endsOn: `${py}-${mm}-${last}`,
    dueOn: `${y}-${String(m).padStart(2, "0")}-15`,
    audience: "residents",
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const forms = await listDeskForms(db(), user);
  if (!forms.ok) throw new Response("Forbidden", { status: 403 });
  return {
    forms: forms.forms.map((f) => ({ id: f.id, nameEn: f.nameEn, nameZh: f.nameZh })),
    defaults: defaults(isoDay(new Date())),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const submission = parseForm(await readForm(request), { schema: openPeriodSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), confirm: null }, { status: 400 });
  const v = submission.value;
  const versionId = await latestVersionId(db(), v.formId);
  if (!versionId)
    return data(
      {
        result: submission.reply({ fieldErrors: { formId: ["statistics:errors.form"] } }),
        confirm: null,
      },
      { status: 422 },
    );
  // Opening sends a task, an email and a notification to every company: confirm it first.
  if (v.confirm !== "yes")
    return data(
      { result: submission.reply(), confirm: await audienceSize(db(), v.audience) },
      { status: 200 },
    );
  const { origin, ip } = requestMeta(request, context);
  const opened = await openPeriod(
    db(),
    user,
    { formVersionId: versionId, ...v },
    { origin, ip: ip ?? null },
  );
  if (!opened.ok) {
    throwIfMissing(opened);
    const fieldErrors: Record<string, string[]> =
      opened.error === "duplicate"
        ? { label: ["statistics:open.duplicate"] }
        : { audience: ["statistics:open.empty"] };
    return data({ result: submission.reply({ fieldErrors }), confirm: null }, { status: 422 });
  }
  return redirectWithToast(`/desk/statistics/periods/${opened.periodId}`, {
    type: "success",
    key: "statistics:open.opened",
    values: { count: opened.companies },
  });
}

export default function OpenPeriodPage() {
  const { forms, defaults: initial } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const [form, fields] = useForm<Record<keyof OpenPeriodInput, string>, OpenPeriodInput>({
    id: "open-period",
    lastResult: reply?.result,
    defaultValue: { ...initial, formId: forms[0]?.id ?? "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openPeriodSchema }),
  });
  const labels: Record<string, string> = {
    formId: t("open.form"),
    kind: t("open.kind"),
    label: t("open.label"),
    startsOn: t("open.startsOn"),
    endsOn: t("open.endsOn"),
    dueOn: t("open.dueOn"),
    audience: t("open.audience"),
  };
  const audiences = [
    { value: "residents", label: t("audiences.residents") },
    { value: "incubatees", label: t("audiences.incubatees") },
    { value: "all", label: t("audiences.all") },
    ...INDUSTRIES.map((i) => ({
      value: `industry:${i.slug}`,
      label: t("audiences.industry", { industry: locale === "zh-CN" ? i.zh : i.en }),
    })),
  ];
  return (
    <div className="container narrow stack">
      <p>
        <Link to="/desk/statistics">← {t("period.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("open.title")}</h1>
        <p className="lead">{t("open.lead")}</p>
      </header>
      <section className="card">
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <IdempotencyKey />
          <ErrorSummary
            form={form}
            fields={{
              formId: fields.formId,
              kind: fields.kind,
              label: fields.label,
              startsOn: fields.startsOn,
              endsOn: fields.endsOn,
              dueOn: fields.dueOn,
              audience: fields.audience,
            }}
            labels={labels}
          />
          <SelectField
            field={fields.formId}
            label={labels.formId!}
            options={forms.map((f) => ({ value: f.id, label: pick(locale, f.nameEn, f.nameZh) }))}
          />
          <SelectField
            field={fields.kind}
            label={labels.kind!}
            options={(["month", "quarter", "year"] as const).map((k) => ({
              value: k,
              label: t(`kinds.${k}`),
            }))}
          />
          <Field field={fields.label} label={labels.label!} hint={t("open.labelHint")} />
          <div className="file-grid">
            <Field field={fields.startsOn} label={labels.startsOn!} type="date" />
            <Field field={fields.endsOn} label={labels.endsOn!} type="date" />
            <Field field={fields.dueOn} label={labels.dueOn!} type="date" />
          </div>
          <SelectField field={fields.audience} label={labels.audience!} options={audiences} />
          {typeof reply?.confirm === "number" ? (
            <div className="notice notice-warning" role="alert">
              <p>{t("open.confirm", { count: reply.confirm })}</p>
              <input type="hidden" name="confirm" value="yes" />
              <div className="row">
                <SubmitButton pendingText={t("open.submitting")}>{t("open.submit")}</SubmitButton>
              </div>
            </div>
          ) : (
            <div className="row">
              <SubmitButton className="button button-secondary">{t("open.preview")}</SubmitButton>
            </div>
          )}
        </Form>
      </section>
    </div>
  );
}
