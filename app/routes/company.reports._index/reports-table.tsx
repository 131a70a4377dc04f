/** One list of a company's reports (to fill in, or its history): a table that becomes cards on phones. */
import { Link } from "@remix-run/react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { StatusBadge } from "~/statistics/ui";

export interface CompanyReportRow {
  id: string;
  status: string;
  label: string;
  due_on: string;
  form_en: string;
  form_zh: string;
}

export function ReportsTable({ id, reports }: { id: string; reports: CompanyReportRow[] }) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="table table-cards" id={id}>
        <thead>
          <tr>
            <th scope="col">{t("company.period")}</th>
            <th scope="col">{t("company.form")}</th>
            <th scope="col">{t("company.due")}</th>
            <th scope="col">{t("company.status")}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/company/reports/${r.id}`}>{r.label}</Link>
              </th>
              <td data-label={t("company.form")}>{pick(locale, r.form_en, r.form_zh)}</td>
              <td data-label={t("company.due")} className="nowrap">
                {formatDate(r.due_on, locale)}
              </td>
              <td data-label={t("company.status")}>
                <StatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
