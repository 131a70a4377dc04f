import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { listDeskForms } from "~/statistics/desk.server";
import { listPeriods } from "~/statistics/reports.server";
import { AudienceLabel } from "~/statistics/ui";

export const meta: MetaFunction = () => [
  { title: "Company statistics · 企业统计 | Zizhu Park Portal" },
];

/** Statistics staff (manage:statistics:any): the forms and the periods, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const forms = await listDeskForms(db(), user);
  if (!forms.ok) throw new Response("Forbidden", { status: 403 });
  return { forms: forms.forms, periods: await listPeriods(db(), 50) };
}

export default function DeskStatistics() {
  const { forms, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("desk.title")}</h1>
        <p className="lead">{t("desk.lead")}</p>
        <p>
          <Link className="button button-secondary" to="/desk/statistics/indicators">
            {t("indicators.title")}
          </Link>
        </p>
      </header>
      <section className="card stack" aria-labelledby="stats-periods">
        <div className="row">
          <h2 id="stats-periods">{t("desk.periods")}</h2>
          <Link className="button" to="/desk/statistics/periods/new">
            {t("desk.openPeriod")}
          </Link>
        </div>
        {periods.length ? (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("desk.period")}</th>
                  <th scope="col">{t("desk.form")}</th>
                  <th scope="col">{t("desk.due")}</th>
                  <th scope="col">{t("desk.audience")}</th>
                  <th scope="col">{t("desk.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/desk/statistics/periods/${p.id}`}>{p.label}</Link>
                    </th>
                    <td data-label={t("desk.form")}>{pick(locale, p.form_en, p.form_zh)}</td>
                    <td data-label={t("desk.due")} className="nowrap">
                      {formatDate(p.due_on, locale)}
                    </td>
                    <td data-label={t("desk.audience")}>
                      <AudienceLabel audience={p.audience} />
                    </td>
                    <td data-label={t("desk.progress")}>
                      {t("desk.progressValue", {
                        submitted: p.submitted,
                        accepted: p.accepted,
                        total: p.total,
                      })}
                      {p.returned ? ` · ${t("desk.returnedCount", { count: p.returned })}` : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("desk.noPeriods")}</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="stats-forms">
        <div className="row">
          <h2 id="stats-forms">{t("desk.forms")}</h2>
          <Link className="button button-secondary" to="/desk/statistics/forms/new">
            {t("desk.newForm")}
          </Link>
        </div>
        {forms.length ? (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {forms.map((f) => (
              <li key={f.id}>
                <Link to={`/desk/statistics/forms/${f.id}`}>
                  {pick(locale, f.nameEn, f.nameZh)}
                </Link>{" "}
                <span className="muted">
                  {f.code} · {t("desk.version", { version: f.version })} ·{" "}
                  {t("desk.fieldCount", { count: f.fields })} ·{" "}
                  {f.frozen ? t("desk.frozen", { next: f.version + 1 }) : t("desk.editable")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("desk.noForms")}</p>
        )}
      </section>
    </div>
  );
}
