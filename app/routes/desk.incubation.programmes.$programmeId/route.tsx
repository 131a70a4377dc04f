import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { addTemplate, getProgrammePlan, removeTemplate } from "~/incubation/milestones.server";
import {
  openProgrammeReports,
  quarterOf,
  reportFormOptions,
  setReportPlan,
} from "~/incubation/periodic-reports.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { milestoneTemplateSchema } from "~/incubation/schema";
import { usePick } from "~/incubation/ui";
import { parseForm, readForm } from "~/lib/form.server";
import { isUuid } from "~/lib/ids";
import { formatDate, isoDay } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { MilestoneForm } from "./milestone-form";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Milestones and reports · 里程碑与报告 | Zizhu Park Portal") },
];

/** Staff: a programme's milestone templates and periodic report plan (ADR 0040). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const programme = await getProgrammePlan(db(), params.programmeId ?? "");
  invariantFound(programme);
  const call = new URL(request.url).searchParams.get("call");
  return {
    programme,
    forms: await reportFormOptions(db()),
    quarter: quarterOf(isoDay(new Date())).label,
    from: isUuid(call) ? call : "",
  };
}

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:incubation_call:any");
  const programme = await getProgrammePlan(db(), params.programmeId ?? "");
  invariantFound(programme);
  const ctx = ctxOf(request, context, user);
  const form = await readForm(request);
  const intent = str(form, "intent");
  // Back to this page, without the confirmation that was open (the call it came from kept).
  const url = new URL(request.url);
  const call = url.searchParams.get("call");
  const back = `${url.pathname}${call ? `?call=${encodeURIComponent(call)}` : ""}`;
  const refuse = (error: string, status = 400) => data({ error, add: null }, { status });

  if (intent === "add_milestone") {
    const submission = parseForm(form, { schema: milestoneTemplateSchema });
    if (submission.status !== "success")
      return data({ error: null, add: submission.reply() }, { status: 400 });
    const v = submission.value;
    const result = await addTemplate(db(), ctx, programme.id, {
      titleEn: v.titleEn,
      titleZh: v.titleZh,
      dueDays: v.dueDays,
      dueOn: v.dueOn,
      evidenceRequired: !!v.evidenceRequired,
    });
    if (!result.ok) return refuse(`incubation:programme.errors.${result.error}`, 400);
    return redirectWithToast(back, { type: "success", key: "incubation:programme.toast.added" });
  }
  if (intent === "remove_milestone") {
    if (!(await removeTemplate(db(), ctx, programme.id, str(form, "templateId"))))
      return refuse("incubation:programme.errors.notFound", 404);
    return redirectWithToast(back, { type: "success", key: "incubation:programme.toast.removed" });
  }
  if (intent === "save_plan") {
    const formId = str(form, "formId");
    const cadence = str(form, "cadence") || "quarter";
    if (cadence !== "quarter") return refuse("incubation:errors.refused");
    const result = await setReportPlan(db(), ctx, programme.id, {
      formId: formId || null,
      cadence,
    });
    if (!result.ok) return refuse(`incubation:programme.errors.${result.error}`);
    return redirectWithToast(back, { type: "success", key: "incubation:programme.toast.plan" });
  }
  if (intent === "open_reports") {
    const result = await openProgrammeReports(db(), ctx, programme.id);
    if (!result.ok)
      return refuse(
        `incubation:programme.errors.${result.error}`,
        result.error === "notFound" ? 404 : 409,
      );
    return redirectWithToast(back, {
      type: "success",
      key: "incubation:programme.toast.opened",
      values: { count: result.asked, label: result.label },
    });
  }
  return refuse("incubation:errors.refused");
}

export default function ProgrammePlan() {
  const { programme, forms, quarter, from } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("incubation");
  const keyText = useKeyText();
  const pick = usePick();
  const locale = useLocale();
  return (
    <div className="container medium stack">
      <p>
        {from ? (
          <Link to={`/desk/incubation/calls/${from}`}>{t("programme.backToCall")}</Link>
        ) : (
          <Link to="/desk/incubation">{t("programme.back")}</Link>
        )}
      </p>
      <header className="page-header">
        <p className="muted">{pick(programme.name_en, programme.name_zh)}</p>
        <h1>{t("programme.manage")}</h1>
        <p className="lead">{t("programme.lead")}</p>
      </header>
      {actionData?.error ? (
        <p className="notice notice-danger" role="alert">
          {keyText(actionData.error)}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="milestones-heading" data-testid="templates">
        <h2 id="milestones-heading">{t("programme.milestones")}</h2>
        {programme.templates.length ? (
          <ol className="stack">
            {programme.templates.map((m) => {
              const title = pick(m.title_en, m.title_zh);
              return (
                <li key={m.id} data-testid="template">
                  <div className="spread">
                    <div>
                      <strong>{title}</strong>
                      <br />
                      <span className="muted">
                        {m.due_on
                          ? t("programme.dueOn", { date: formatDate(m.due_on, locale) })
                          : t("programme.dueDays", { count: m.due_days ?? 0 })}
                        {m.evidence_required ? ` · ${t("programme.evidenceNeeded")}` : null}
                      </span>
                    </div>
                    <ConfirmTrigger
                      name={`remove-${m.id}`}
                      className="button button-secondary button-small"
                    >
                      {t("programme.remove")}
                      <span className="visually-hidden"> {title}</span>
                    </ConfirmTrigger>
                  </div>
                  <ConfirmDialog
                    name={`remove-${m.id}`}
                    title={t("programme.removeTitle", { title })}
                    cancelLabel={t("programme.cancel")}
                  >
                    <p>{t("programme.removeLead")}</p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove_milestone" />
                      <input type="hidden" name="templateId" value={m.id} />
                      <SubmitButton className="button button-danger">
                        {t("programme.removeConfirm")}
                      </SubmitButton>
                    </Form>
                  </ConfirmDialog>
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="muted">{t("programme.none")}</p>
        )}
      </section>

      <MilestoneForm lastResult={actionData?.add} />

      <section className="card stack" aria-labelledby="reports-plan-heading">
        <h2 id="reports-plan-heading">{t("programme.reports")}</h2>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="save_plan" />
          <div className="field">
            <label htmlFor="plan-form">{t("programme.reportForm")}</label>
            <select id="plan-form" name="formId" defaultValue={programme.report_form_id ?? ""}>
              <option value="">{t("programme.noReportForm")}</option>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {pick(f.name_en, f.name_zh)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="plan-cadence">{t("programme.cadence")}</label>
            <select id="plan-cadence" name="cadence" defaultValue="quarter">
              <option value="quarter">{t("programme.quarterly")}</option>
            </select>
          </div>
          <SubmitButton className="button button-secondary">{t("programme.savePlan")}</SubmitButton>
        </Form>
        {programme.report_form_id ? (
          <>
            <p>
              <ConfirmTrigger name="open-reports" className="button">
                {t("programme.openReports", { label: quarter })}
              </ConfirmTrigger>
            </p>
            <ConfirmDialog
              name="open-reports"
              title={t("programme.openTitle", { label: quarter })}
              cancelLabel={t("cohort.end.cancel")}
            >
              <p>{t("programme.openLead", { label: quarter })}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="open_reports" />
                <SubmitButton>{t("programme.openConfirm")}</SubmitButton>
              </Form>
            </ConfirmDialog>
          </>
        ) : null}
      </section>
    </div>
  );
}
