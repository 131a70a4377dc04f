import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, formatDateTime, isoDay } from "~/lib/format";
import { throwIfMissing } from "~/lib/http.server";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { periodReports } from "~/statistics/reports.server";
import { PERIOD_SHOWS, type PeriodShow } from "~/statistics/schema";
import { AudienceLabel, StatusBadge } from "~/statistics/ui";
import { ESCALATE_AFTER_DAYS, REMIND_BEFORE_DAYS, type ReminderKind } from "~/statistics/reminders";

export const meta: MetaFunction = () => [
  { title: "Reporting period · 统计期次 | Zizhu Park Portal" },
];

/** Statistics staff: who has submitted, who is late (first), and a link to review each report. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const query = parseQuery(request, {
    show: field.oneOf(PERIOD_SHOWS),
    q: field.text(100),
    page: field.int(1, 10_000),
  });
  const found = await periodReports(db(), user, params.periodId ?? "", isoDay(new Date()), query);
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
  const { period, counts, show, q, page, pages, matched } = found;
  return { period, counts, show, q, page, pages, matched, reports };
}

/** The period page's address for a tab, a search and a page (defaults left out). */
function listUrl(periodId: string, show: PeriodShow, q: string, page = 1) {
  const params = new URLSearchParams();
  if (show !== "all") params.set("show", show);
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/desk/statistics/periods/${periodId}${search ? `?${search}` : ""}`;
}

export default function PeriodPage() {
  const { period, counts, show, q, page, pages, matched, reports } = useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const tabCount: Record<PeriodShow, number> = {
    all: counts.total,
    waiting: counts.open + counts.draft + counts.returned,
    submitted: counts.submitted,
    accepted: counts.accepted,
  };
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
          total: counts.total,
          accepted: counts.accepted,
          submitted: counts.submitted,
          returned: counts.returned,
          waiting: counts.open + counts.draft,
        })}
        {counts.late ? (
          <>
            {" "}
            <span className="badge badge-danger">
              {t("period.lateCount", { count: counts.late })}
            </span>
          </>
        ) : null}
      </p>
      <p className="muted">
        {t("period.remindersNote", { before: REMIND_BEFORE_DAYS, after: ESCALATE_AFTER_DAYS })}
      </p>
      <nav className="tabs" aria-label={t("period.status")}>
        {PERIOD_SHOWS.map((s) => (
          <Link
            key={s}
            to={listUrl(period.id, s, q)}
            aria-current={show === s ? "page" : undefined}
          >
            {t(`period.shows.${s}`)} ({tabCount[s]})
          </Link>
        ))}
      </nav>
      <Form method="get" className="row" role="search">
        {show !== "all" ? <input type="hidden" name="show" value={show} /> : null}
        <label htmlFor="period-q" className="visually-hidden">
          {t("period.search")}
        </label>
        <input id="period-q" name="q" type="search" maxLength={100} defaultValue={q} />
        <button type="submit" className="button button-secondary">
          {t("period.search")}
        </button>
      </Form>
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
        <p className="muted">{q || show !== "all" ? t("period.noneMatch") : t("period.none")}</p>
      )}
      {pages > 1 ? (
        <nav className="row sr-pager" aria-label={t("period.pages")}>
          {page > 1 ? (
            <Link to={listUrl(period.id, show, q, page - 1)} rel="prev">
              ← {t("period.previous")}
            </Link>
          ) : null}
          <span className="muted">{t("period.pageOf", { page, pages, count: matched })}</span>
          {page < pages ? (
            <Link to={listUrl(period.id, show, q, page + 1)} rel="next">
              {t("period.next")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
