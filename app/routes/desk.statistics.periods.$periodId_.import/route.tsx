import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readUploadForm } from "~/lib/form.server";
import { isoDay } from "~/lib/format";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { applyImport, previewImport, type ImportRow } from "~/statistics/exchange.server";
import type { FormDefinition } from "~/statistics/forms";
import { periodReports } from "~/statistics/reports.server";

export const meta: MetaFunction = () => [
  { title: "Import figures · 导入数据 | Zizhu Park Portal" },
];

const MAX_CSV_BYTES = 512 * 1024;

interface Preview {
  rows: ImportRow[];
  unknownColumns: string[];
  definition: FormDefinition;
}
type Problem = "tooLarge" | "empty" | "badFile";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const found = await periodReports(db(), user, params.periodId ?? "", isoDay(new Date()));
  if (!found.ok) throw new Response("Not found", { status: 404 });
  return { period: found.period };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const periodId = params.periodId ?? "";
  const { form, refused } = await readUploadForm(request, {
    maxFileBytes: MAX_CSV_BYTES,
    maxFiles: 1,
    limits: { maxValueBytes: MAX_CSV_BYTES, maxTextBytes: MAX_CSV_BYTES * 2 },
  });
  if (refused)
    return data({ problem: "tooLarge" as const, preview: null, csv: "" }, { status: 413 });
  const file = form.get("file");
  const pasted = form.get("csv");
  const csv =
    file instanceof File && file.size
      ? await file.text()
      : typeof pasted === "string"
        ? pasted
        : "";
  if (!csv.trim()) return data({ problem: "empty" as const, preview: null, csv }, { status: 400 });
  if (form.get("confirm") === "yes") {
    const done = await applyImport(db(), user, periodId, csv, {
      ip: requestMeta(request, context).ip ?? null,
    });
    if (!done.ok && done.error === "notFound") throw new Response("Not found", { status: 404 });
    if (!done.ok) return data({ problem: "badFile" as const, preview: null, csv }, { status: 422 });
    return redirectWithToast(`/desk/statistics/periods/${periodId}`, {
      type: "success",
      key: "statistics:import.done",
      values: { count: done.imported, skipped: done.skipped },
    });
  }
  const preview = await previewImport(db(), user, periodId, csv);
  if (!preview.ok && preview.error === "notFound") throw new Response("Not found", { status: 404 });
  if (!preview.ok)
    return data({ problem: "badFile" as const, preview: null, csv }, { status: 422 });
  const value: Preview = {
    rows: preview.rows,
    unknownColumns: preview.unknownColumns,
    definition: preview.definition,
  };
  return data({ problem: null, preview: value, csv });
}

export default function ImportPage() {
  const { period } = useLoaderData<typeof loader>();
  const reply = useActionData<{ problem: Problem | null; preview: Preview | null; csv: string }>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const preview = reply?.preview ?? null;
  const label = (key: string) => {
    const f = preview?.definition.fields.find((x) => x.key === key);
    return f ? pick(locale, f.labelEn, f.labelZh) : key;
  };
  const good = preview
    ? preview.rows.filter((r) => !r.errors.length && !Object.keys(r.fieldErrors).length)
    : [];
  return (
    <div className="container medium stack">
      <p>
        <Link to={`/desk/statistics/periods/${period.id}`}>← {t("review.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("import.title", { label: period.label })}</h1>
        <p className="lead">{t("import.lead")}</p>
      </header>
      {reply?.problem ? (
        <div className="notice notice-danger" role="alert">
          <p>{t(`import.problems.${reply.problem}`)}</p>
        </div>
      ) : null}
      {preview ? (
        <section className="card stack" aria-labelledby="import-preview">
          <h2 id="import-preview">
            {t("import.preview", { good: good.length, total: preview.rows.length })}
          </h2>
          {preview.unknownColumns.length ? (
            <p className="muted">
              {t("import.unknownColumns", { columns: preview.unknownColumns.join(", ") })}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table table-cards" id="import-rows">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.company")}</th>
                  <th scope="col">{t("import.result")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => {
                  const problems = [
                    ...r.errors.map((e) => t(`import.rowErrors.${e as "accepted"}`)),
                    ...Object.entries(r.fieldErrors).map(
                      ([k, e]) => `${label(k)}: ${t(`fill.errorCodes.${e.code}`, e as never)}`,
                    ),
                  ];
                  return (
                    <tr key={r.line}>
                      <th scope="row">{r.line}</th>
                      <td data-label={t("import.company")}>{r.company ?? r.creditCode}</td>
                      <td data-label={t("import.result")}>
                        {problems.length ? (
                          <span className="field-errors">{problems.join("; ")}</span>
                        ) : (
                          <span className="badge badge-success">{t("import.ok")}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {good.length ? (
            <Form method="post" encType="multipart/form-data">
              <IdempotencyKey />
              <input type="hidden" name="csv" value={reply?.csv ?? ""} />
              <input type="hidden" name="confirm" value="yes" />
              <p className="muted">{t("import.confirmLead", { count: good.length })}</p>
              <SubmitButton>{t("import.confirm", { count: good.length })}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section className="card">
        <Form method="post" encType="multipart/form-data" className="form-stack">
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <p className="field-hint">{t("import.fileHint")}</p>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" />
          </div>
          <div className="field">
            <label htmlFor="import-csv">{t("import.paste")}</label>
            <textarea
              id="import-csv"
              name="csv"
              rows={6}
              defaultValue={preview ? "" : (reply?.csv ?? "")}
            />
          </div>
          <div className="row">
            <SubmitButton className="button button-secondary">{t("import.check")}</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
