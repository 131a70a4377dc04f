import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, formatDateTime, isoDay } from "~/lib/format";
import { throwIfMissing } from "~/lib/http.server";
import { useLocale } from "~/lib/root-data";
import { periodReports } from "~/statistics/reports.server";
import { AudienceLabel, StatusBadge } from "~/statistics/ui";
import { ESCALATE_AFTER_DAYS, REMIND_BEFORE_DAYS, type ReminderKind } from "~/statistics/reminders";

export const meta: MetaFunction = () => [
  { title: "Reporting period · 统计期次 | Zizhu Park Portal" },
];

/** Statistics staff: who has submitted, who is late (first), and a link to review each report. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const found = await periodReports(db(), user, params.periodId ?? "", isoDay(new Date()));
  if (!found.ok) {
    throwIfMissing(found);
    throw new Response("Not found", { status: 404 });
  }
  const reports = found.reports.map((r) => ({
    id: r.id,
    status: r.status,
    revision: r.revision,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    companyEn: r.name_en,
    companyZh: r.name_zh,
    late: r.late,
    daysLate: r.days_late,
    lastReminder: r.last_reminder as ReminderKind | null,
    lastRemindedAt: r.last_reminded_at ? new Date(r.last_reminded_at).toISOString() : null,
  }));
  return { period: found.period, reports };
}

export default function PeriodPage() {
  const { period, reports } = useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const count = (s: string) => reports.filter((r) => r.status === s).length;
  const late = reports.filter((r) => r.late).length;
  const form = pick(locale, period.form_en, period.form_zh);
  return (
    <div className="container stack">
      <p>
        <Link to="/desk/statistics">← {t("period.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("period.title", { form, label: period.label })}</h1>
        <p className="lead">
          {t("period.lead", { due: formatDate(period.due_on, locale), audience: "" })}
          <AudienceLabel audience={period.audience} />
        </p>
      </header>
      <p className="row">
        <a
          className="button button-secondary button-small"
          href={`/desk/statistics/periods/${period.id}/export.csv`}
          download
        >
          {t("exports.csv")}
        </a>
        <a
          className="button button-secondary button-small"
          href={`/desk/statistics/periods/${period.id}/export.xlsx`}
          download
        >
          {t("exports.xlsx")}
        </a>
        <Link
          className="button button-secondary button-small"
          to={`/desk/statistics/periods/${period.id}/import`}
        >
          {t("exports.import")}
        </Link>
      </p>
      <p>
        {t("period.summary", {
          total: reports.length,
          accepted: count("accepted"),
          submitted: count("submitted"),
          returned: count("returned"),
          waiting: count("open") + count("draft"),
        })}
        {late ? (
          <>
            {" "}
            <span className="badge badge-danger">{t("period.lateCount", { count: late })}</span>
          </>
        ) : null}
      </p>
      <p className="muted">
        {t("period.remindersNote", { before: REMIND_BEFORE_DAYS, after: ESCALATE_AFTER_DAYS })}
      </p>
      {reports.length ? (
        <div className="table-wrap">
          <table className="table table-cards" id="period-reports">
            <thead>
              <tr>
                <th scope="col">{t("period.company")}</th>
                <th scope="col">{t("period.status")}</th>
                <th scope="col">{t("period.revision")}</th>
                <th scope="col">{t("period.submittedAt")}</th>
                <th scope="col">{t("period.reminded")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/desk/statistics/reports/${r.id}`}>
                      {pick(locale, r.companyEn, r.companyZh)}
                    </Link>
                  </th>
                  <td data-label={t("period.status")}>
                    <StatusBadge status={r.status} />{" "}
                    {r.late ? (
                      <span className="badge badge-danger">
                        {t("period.daysLate", { count: r.daysLate })}
                      </span>
                    ) : null}
                  </td>
                  <td data-label={t("period.revision")}>{r.revision}</td>
                  <td data-label={t("period.submittedAt")} className="nowrap">
                    {r.submittedAt ? formatDateTime(r.submittedAt, locale) : "—"}
                  </td>
                  <td data-label={t("period.reminded")}>
                    {r.lastReminder && r.lastRemindedAt
                      ? t(`period.reminders.${r.lastReminder}`, {
                          at: formatDateTime(r.lastRemindedAt, locale),
                        })
                      : r.late
                        ? t("period.notReminded")
                        : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("period.none")}</p>
      )}
    </div>
  );
}
