import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DateInput } from "~/components/forms";
import { parseForm, readForm } from "~/lib/form.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { setFigurePublic, staffFigures } from "~/projects/public-figures.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/lib/page-title";
import { CURRENCIES, isCurrency, type Currency } from "~/projects/money";
import { figureSchema, periodQuery, reportPeriod, shortMoney } from "~/projects/report";
import { promotionReport } from "~/projects/reports.server";
import { useLocale } from "~/lib/root-data";
import { Breakdown, Funnel, Quarters, Sources, useBreakdownLabels } from "./charts";
import { PublicFigures } from "./figures";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Promotion report · 招商报表 | Zizhu Park Portal") },
];

/** The promotion report for a period and currency (ADR 0046); CSVs at /desk/projects/report.csv. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const period = reportPeriod(new URL(request.url).searchParams);
  return {
    report: await promotionReport(db(), user, period),
    figures: await staffFigures(db(), user),
    canChange: can(user, "update:project:any"),
  };
}

/** Makes a figure public on the invest page, or withdraws it (ADR 0046). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const submission = parseForm(await readForm(request), { schema: figureSchema });
  if (submission.status !== "success")
    return data({ error: "projects:errors.unknownIntent" }, { status: 400 });
  const { figure, public: makePublic } = submission.value;
  await setFigurePublic(db(), user, figure, makePublic, { ip: requestMeta(request, context).ip });
  return redirectWithToast(`/desk/projects/report${new URL(request.url).search}#report-figures`, {
    type: "success",
    key: makePublic ? "projects:report.figures.published" : "projects:report.figures.withdrawn",
  });
}

export default function PromotionReportPage() {
  const { report, figures, canChange } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const locale = useLocale();
  const labels = useBreakdownLabels();
  const { period } = report;
  const others = report.currencies.filter(
    (c): c is typeof c & { currency: Currency } =>
      isCurrency(c.currency) && c.currency !== period.currency,
  );
  return (
    <div className="container report">
      <header className="page-header spread">
        <div>
          <h1>{t("report.title")}</h1>
          <p className="lead">{t("report.lead")}</p>
        </div>
        <div className="row">
          <Link to="/desk/projects" className="button button-secondary">
            {t("table")}
          </Link>
          <Link to="/desk/projects/board" className="button button-secondary">
            {t("board")}
          </Link>
        </div>
      </header>
      <Form method="get" className="card sr-filters" aria-label={t("report.title")}>
        <div className="field">
          <label htmlFor="report-from">{t("report.from")}</label>
          <DateInput id="report-from" name="from" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t("report.to")}</label>
          <DateInput id="report-to" name="to" defaultValue={period.to} />
        </div>
        <div className="field">
          <label htmlFor="report-currency">{t("report.currency")}</label>
          <select id="report-currency" name="currency" defaultValue={period.currency}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button">
            {t("report.show")}
          </button>
        </div>
      </Form>
      <div className="card report-currency" data-testid="report-currency">
        <p>{t("report.currencyNote", { currency: period.currency })}</p>
        {others.length ? (
          <>
            <p>{t("report.otherCurrencies")}</p>
            <ul>
              {others.map((c) => (
                <li key={c.currency}>
                  {t("report.otherCurrency", {
                    currency: c.currency,
                    signed: shortMoney(c.signedMinor, c.currency, locale),
                    arrived: shortMoney(c.arrivedMinor, c.currency, locale),
                  })}{" "}
                  <Link to={`?${periodQuery({ ...period, currency: c.currency })}`}>
                    {t("report.showCurrency", { currency: c.currency })}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <Funnel report={report} />
      <Sources report={report} />
      <Quarters report={report} />
      <Breakdown
        report={report}
        table="industries"
        rows={report.industries}
        label={labels.industry}
      />
      <Breakdown report={report} table="countries" rows={report.countries} label={labels.country} />
      <PublicFigures figures={figures} canChange={canChange} />
    </div>
  );
}
