import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { DateInput } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatPercent } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { day, reportRange, sumBy } from "~/service-requests/reports";
import { byType, volumeOverTime } from "~/service-requests/reports.server";
import { STATES } from "~/service-requests/workflow";
import { BarsWithTable, StackedMonths } from "./charts";
import { MonthTables, TypeTable, useStateLabel } from "./tables";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Service reports · 服务统计 | Zizhu Park Portal") },
];

/** Staff reports for a period (default: the last 365 days); CSVs at /desk/reports.csv. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const { from, to } = reportRange(new URL(request.url));
  const range = { from, to };
  const types = await byType(db(), range);
  const volume = await volumeOverTime(db(), range);
  return {
    from: day(from),
    to: day(to),
    volume,
    types,
  };
}

export default function Reports() {
  const { from, to, volume, types } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const stateLabel = useStateLabel();
  const states = sumBy(volume, "state");
  const stateRows = STATES.map((s) => ({
    label: stateLabel(s),
    value: states.find((x) => x.state === s)?.count ?? 0,
  }));
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("reports.title")}</h1>
        <p className="lead">{t("reports.lead")}</p>
      </header>
      <Form method="get" className="card sr-filters">
        <div className="field">
          <label htmlFor="from">{t("reports.from")}</label>
          <DateInput id="from" name="from" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("reports.to")}</label>
          <DateInput id="to" name="to" defaultValue={to} />
        </div>
        <div className="row">
          <button type="submit" className="button">
            {t("reports.show")}
          </button>
          <a
            className="button button-secondary"
            href={`/desk/reports.csv?from=${from}&to=${to}`}
            download
          >
            {t("reports.csv")}
          </a>
        </div>
      </Form>

      <section className="section card">
        <h2>{t("reports.volumeByMonth")}</h2>
        <StackedMonths title={t("reports.volumeByMonth")} volume={volume}>
          <MonthTables volume={volume} types={types} />
        </StackedMonths>
        <p>
          <a href={`/desk/reports.csv?from=${from}&to=${to}&table=volume`} download>
            {t("reports.volumeCsv")}
          </a>
        </p>
      </section>

      <section className="section card">
        <h2>{t("reports.volumeByState")}</h2>
        <BarsWithTable
          title={t("reports.volumeByState")}
          head={t("list.state")}
          column={t("reports.count")}
          rows={stateRows}
        />
      </section>

      <section className="section card">
        <h2>{t("reports.byType")}</h2>
        <BarsWithTable
          title={`${t("reports.byType")}: ${t("reports.slaMet")}`}
          head={t("reports.type")}
          table="below"
          column={t("reports.slaMet")}
          rows={types
            .filter((r) => r.slaMetShare !== null)
            .map((r) => ({
              label: pick(locale, r.nameEn, r.nameZh),
              value: Math.round((r.slaMetShare ?? 0) * 100),
              display: formatPercent(r.slaMetShare ?? 0, locale, 0),
            }))}
        >
          <TypeTable types={types} />
        </BarsWithTable>
      </section>
    </div>
  );
}
