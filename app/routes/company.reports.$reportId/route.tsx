import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { ENVELOPE_FIELDS, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { FiguresTable } from "~/statistics/figures-table";
import type { FigureError } from "~/statistics/forms";
import { fillReport, viewReport } from "~/statistics/reports.server";
import { figureInput, StatusBadge } from "~/statistics/ui";
import { FillForm } from "./fill-form";

export const meta: MetaFunction = () => [
  { title: "Statistical report · 统计报表 | Zizhu Park Portal" },
];

/** The company's owners and designated reporters; anyone else: not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:own");
  const found = await viewReport(db(), user, params.reportId ?? "");
  if (!found.ok || found.access !== "company") throw new Response("Not found", { status: 404 });
  const r = found.report;
  // Never saved: start from the last period's figures (pre-fill), else from what was saved.
  const source = r.status === "open" && r.last ? r.last : r.figures;
  const values: Record<string, string> = {};
  for (const f of r.definition.fields) values[f.key] = figureInput(source[f.key]);
  if (r.status !== "open")
    for (const [k, v] of Object.entries(r.explanations)) values[`explain.${k}`] = v;
  return { report: r, values };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:company:own");
  const seen = await viewReport(db(), user, params.reportId ?? "");
  if (!seen.ok || seen.access !== "company") throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "draft" && intent !== "submit" && intent !== "correct")
    throw new Response("Bad request", { status: 400 });
  const input: Record<string, string> = {};
  for (const [name, value] of form)
    if (typeof value === "string" && !ENVELOPE_FIELDS.includes(name)) input[name] = value;
  const done = await fillReport(db(), user, params.reportId ?? "", input, {
    submit: intent !== "draft",
    correct: intent === "correct",
    version: Number(form.get("version")),
    ip: requestMeta(request, context).ip ?? null,
  });
  if (!done.ok) {
    throwIfMissing(done);
    const errors: Record<string, FigureError> = done.error === "invalid" ? done.errors : {};
    return data(
      { values: input, errors, problem: done.error },
      { status: done.error === "invalid" ? 422 : 409 },
    );
  }
  return redirectWithToast(`/company/reports/${params.reportId}`, {
    type: "success",
    key: intent === "draft" ? "statistics:fill.saved" : "statistics:fill.submitted",
  });
}

export default function ReportPage() {
  const { report, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const location = useLocation();
  const correcting =
    report.status === "accepted" && new URLSearchParams(location.search).get("correct") === "1";
  const editable = ["open", "draft", "returned"].includes(report.status) || correcting;
  const form = pick(locale, report.formEn, report.formZh);
  return (
    <div className="container medium stack">
      <p>
        <Link to="/company/reports">← {t("fill.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("fill.title", { form, label: report.period.label })}</h1>
        <p className="lead">
          {t("fill.lead", { due: formatDate(report.period.dueOn, locale) })}{" "}
          <StatusBadge status={report.status} />
        </p>
      </header>
      {reply?.problem === "conflict" ? (
        <div className="notice notice-warning" role="alert">
          <p>{t("fill.conflict")}</p>
        </div>
      ) : null}
      {report.status === "returned" ? (
        <div className="notice notice-warning">
          <p>{t("fill.returnedNotice")}</p>
        </div>
      ) : null}
      {report.status === "submitted" ? (
        <div className="notice">
          <p>{t("fill.waiting")}</p>
        </div>
      ) : null}
      {report.status === "accepted" && !correcting ? (
        <div className="notice notice-success stack">
          <p>{t("fill.locked")}</p>
          <p>
            <Link className="button button-secondary button-small" to="?correct=1">
              {t("fill.correct")}
            </Link>{" "}
            <span className="muted">{t("fill.correctLead")}</span>
          </p>
        </div>
      ) : null}
      {correcting ? (
        <div className="notice notice-warning">
          <p>{t("fill.correctLead")}</p>
        </div>
      ) : null}
      {editable ? (
        <section className="card">
          <FillForm
            key={`${report.id}-${report.version}-${reply ? "reply" : "load"}`}
            definition={report.definition}
            values={reply?.values ?? values}
            errors={reply?.errors ?? {}}
            last={report.last}
            lastLabel={report.lastLabel}
            comments={report.comments}
            version={report.version}
            correcting={correcting}
          />
        </section>
      ) : (
        <FiguresTable
          definition={report.definition}
          figures={report.figures}
          explanations={report.explanations}
          last={report.last}
          lastLabel={report.lastLabel}
        />
      )}
    </div>
  );
}
