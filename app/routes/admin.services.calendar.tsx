import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RowAction } from "~/service-requests/admin-ui";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import {
  addCalendarDays,
  deleteCalendarDay,
  listCalendarDays,
} from "~/service-requests/catalogue.server";
import { statusOf } from "~/lib/http.server";
import { calendarSchema } from "~/service-requests/schema";
import { redirectWithToast } from "~/lib/toast.server";
import { ActionsHeader } from "~/components/shell";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return { days: await listCalendarDays(db()) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const form = await readForm(request);
  const actor = { id: user.id, ip: context.ip ?? null };
  if (form.get("intent") === "delete-day") {
    const day = String(form.get("day") ?? "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      await deleteCalendarDay(db(), actor, day);
    }
    return redirectWithToast("/admin/services/calendar", {
      type: "success",
      key: "services:toast.saved",
    });
  }
  const submission = parseForm(form, { schema: calendarSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const added = await addCalendarDays(db(), actor, {
    from: v.day,
    to: v.until,
    kind: v.kind,
    name_en: v.nameEn,
    name_zh: v.nameZh,
  });
  if (!added.ok)
    return data(
      submission.reply({
        fieldErrors:
          added.error === "taken"
            ? { day: ["services:errors.dayTaken"] }
            : { until: ["services:errors.dayRange"] },
      }),
      { status: statusOf(added) },
    );
  return redirectWithToast("/admin/services/calendar", {
    type: "success",
    key: "services:toast.saved",
  });
}

/** Changes apply to due times computed from now on (each request's next change or the sweep). */
export default function AdminCalendar() {
  const { days } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "add-day",
    lastResult,
    defaultValue: { kind: "holiday" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarSchema }),
  });
  const labels = {
    day: t("admin.dayFrom"),
    until: t("admin.dayUntil"),
    nameEn: t("admin.nameEn"),
    nameZh: t("admin.nameZh"),
  };
  return (
    <div className="stack">
      <p className="muted">{t("admin.calendarLead")}</p>
      {days.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("admin.day")}</th>
                <th>{t("admin.dayKind")}</th>
                <th>{t("admin.name")}</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.kind === "holiday" ? t("admin.holiday") : t("admin.workday")}</td>
                  <td>{pick(locale, d.name_en, d.name_zh)}</td>
                  <td>
                    <RowAction intent="delete-day" values={{ day: d.day }}>
                      {t("admin.remove")}
                    </RowAction>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("admin.noDays")}</p>
      )}
      <section className="card">
        <h3>{t("admin.addDay")}</h3>
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <IdempotencyKey />
          <ErrorSummary
            form={form}
            fields={{
              day: fields.day,
              until: fields.until,
              nameEn: fields.nameEn,
              nameZh: fields.nameZh,
            }}
            labels={labels}
          />
          <Field field={fields.day} label={labels.day} type="date" />
          <Field
            field={fields.until}
            label={labels.until}
            type="date"
            hint={t("admin.dayUntilHint")}
          />
          <SelectField
            field={fields.kind}
            label={t("admin.dayKind")}
            options={[
              { value: "holiday", label: t("admin.holiday") },
              { value: "workday", label: t("admin.workday") },
            ]}
          />
          <Field field={fields.nameEn} label={labels.nameEn} />
          <Field field={fields.nameZh} label={labels.nameZh} />
          <SubmitButton name="intent" value="add-day">
            {t("admin.addDay")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
