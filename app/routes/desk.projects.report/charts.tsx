/** The promotion report's charts, each with its data table and its CSV link. */
import { BarChart, DataTable, FunnelChart, LineChart } from "~/components/charts";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { countryName } from "~/projects/countries";
import { formatMoney } from "~/projects/money";
import { PIPELINE_STAGES } from "~/projects/pipeline";
import { periodQuery, shortMoney, shortPercent, type ReportPeriod } from "~/projects/report";
import type { MoneyRow, PromotionReport } from "~/projects/reports.server";

import type { ReportTable } from "~/projects/reports.server";

export function CsvLink({
  period,
  table,
  title,
}: {
  period: ReportPeriod;
  table: ReportTable;
  title: string;
}) {
  const { t } = useTranslation("projects");
  return (
    <p className="report-csv">
      <a
        href={`/desk/projects/report.csv?${periodQuery(period, { table })}`}
        download
        aria-label={t("report.csvOf", { table: title })}
      >
        {t("report.csv")}
      </a>
    </p>
  );
}

export function Funnel({ report }: { report: PromotionReport }) {
  const { t } = useTranslation("projects");
  const title = t("report.funnel");
  const days = (f: PromotionReport["funnel"][number]) =>
    f.medianDays === null
      ? t("report.none")
      : t("report.days", { value: Math.round(f.medianDays * 10) / 10, moves: f.moves });
  return (
    <section className="section card" aria-labelledby="report-funnel">
      <h2 id="report-funnel">{title}</h2>
      <FunnelChart
        title={title}
        caption="hidden"
        note={t("report.funnelNote", { count: report.projects })}
        stages={report.funnel.map((f) => ({
          label: t(`stages.${f.stage}`),
          value: f.reached,
          display:
            f.conversion === null
              ? String(f.reached)
              : `${f.reached} · ${shortPercent(f.conversion)}`,
        }))}
      >
        <DataTable
          caption={title}
          columns={[
            t("report.stage"),
            t("report.reached"),
            t("report.conversion"),
            t("report.medianDays"),
          ]}
          rows={report.funnel.map((f) => [
            t(`stages.${f.stage}`),
            f.reached,
            shortPercent(f.conversion),
            days(f),
          ])}
        />
      </FunnelChart>
      <CsvLink period={report.period} table="funnel" title={title} />
    </section>
  );
}

const GROUPS = [
  { key: "early", from: 0, to: 1, tone: "tone-3" },
  { key: "visits", from: 2, to: 3, tone: "tone-4" },
  { key: "negotiating", from: 4, to: 4, tone: "tone-1" },
  { key: "signed", from: 5, to: 8, tone: "tone-2" },
] as const;

export function Sources({ report }: { report: PromotionReport }) {
  const { t } = useTranslation("projects");
  const title = t("report.bySource");
  // Projects whose furthest stage is i: reached[i] - reached[i + 1].
  const exactly = (reached: number[], i: number) => reached[i]! - (reached[i + 1] ?? 0);
  return (
    <section className="section card" aria-labelledby="report-sources">
      <h2 id="report-sources">{title}</h2>
      <BarChart
        title={title}
        caption="hidden"
        note={t("report.bySourceNote")}
        legend={GROUPS.map((g) => ({ label: t(`report.groups.${g.key}`), tone: g.tone }))}
        rows={report.sources.map((s) => ({
          label: t(`sources.${s.source}`),
          value: s.reached[0]!,
          segments: GROUPS.map((g) => {
            let value = 0;
            for (let i = g.from; i <= g.to; i++) value += exactly(s.reached, i);
            return { value, tone: g.tone };
          }),
        }))}
      >
        <DataTable
          caption={title}
          columns={[t("report.source"), ...PIPELINE_STAGES.map((s) => t(`stages.${s}`))]}
          rows={report.sources.map((s) => [t(`sources.${s.source}`), ...s.reached])}
        />
      </BarChart>
      <CsvLink period={report.period} table="sources" title={title} />
    </section>
  );
}

function useMoney(currency: string) {
  const locale = useLocale();
  return {
    full: (minor: number) => formatMoney(minor, currency, locale),
    short: (minor: number) => shortMoney(minor, currency, locale),
  };
}

export function Quarters({ report }: { report: PromotionReport }) {
  const { t } = useTranslation("projects");
  const money = useMoney(report.period.currency);
  const title = t("report.byQuarter");
  return (
    <section className="section card" aria-labelledby="report-quarters">
      <h2 id="report-quarters">{title}</h2>
      <LineChart
        title={title}
        caption="hidden"
        note={t("report.byQuarterNote")}
        categories={report.quarters.map((q) => q.key)}
        series={[
          {
            key: "signed",
            label: t("report.signed"),
            values: report.quarters.map((q) => q.signedMinor),
          },
          {
            key: "arrived",
            label: t("report.arrived"),
            values: report.quarters.map((q) => q.arrivedMinor),
          },
        ]}
        format={money.short}
      >
        <MoneyTable
          caption={title}
          head={t("report.quarter")}
          rows={report.quarters}
          label={(r) => r.key}
          currency={report.period.currency}
        />
      </LineChart>
      <CsvLink period={report.period} table="quarters" title={title} />
    </section>
  );
}

function MoneyTable<R extends MoneyRow>({
  caption,
  head,
  rows,
  label,
  currency,
}: {
  caption: string;
  head: string;
  rows: R[];
  label: (r: R) => string;
  currency: string;
}) {
  const { t } = useTranslation("projects");
  const money = useMoney(currency);
  return (
    <DataTable
      caption={caption}
      columns={[
        head,
        t("report.signed"),
        t("report.signedProjects"),
        t("report.arrived"),
        t("report.tranches"),
      ]}
      rows={rows.map((r) => [
        label(r),
        money.full(r.signedMinor),
        r.signedProjects,
        money.full(r.arrivedMinor),
        r.tranches,
      ])}
    />
  );
}

/** Signed and arrived per industry or country: two bar charts and one table. */
export function Breakdown<R extends MoneyRow>({
  report,
  table,
  rows,
  label,
}: {
  report: PromotionReport;
  table: "industries" | "countries";
  rows: R[];
  label: (r: R) => string;
}) {
  const { t } = useTranslation("projects");
  const money = useMoney(report.period.currency);
  const title = t(table === "industries" ? "report.byIndustry" : "report.byCountry");
  const head = t(table === "industries" ? "report.industry" : "report.country");
  const bars = (measure: "signedMinor" | "arrivedMinor", tone: string) =>
    rows
      .filter((r) => r[measure] > 0)
      .map((r) => ({ label: label(r), value: r[measure], display: money.short(r[measure]), tone }));
  return (
    <section className="section card" aria-labelledby={`report-${table}`}>
      <h2 id={`report-${table}`}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t("report.nothing", { currency: report.period.currency })}</p>
      ) : (
        <>
          <div className="report-pair">
            <BarChart
              title={`${title}: ${t("report.signed")}`}
              rows={bars("signedMinor", "tone-1")}
            />
            <BarChart
              title={`${title}: ${t("report.arrived")}`}
              rows={bars("arrivedMinor", "tone-2")}
            />
          </div>
          <MoneyTable
            caption={title}
            head={head}
            rows={rows}
            label={label}
            currency={report.period.currency}
          />
        </>
      )}
      <CsvLink period={report.period} table={table} title={title} />
    </section>
  );
}

export function useBreakdownLabels() {
  const { t } = useTranslation("projects");
  const locale = useLocale();
  return {
    industry: (r: PromotionReport["industries"][number]) =>
      r.key ? pick(locale, r.nameEn, r.nameZh) : t("report.noIndustry"),
    country: (r: MoneyRow) => (r.key ? countryName(r.key, locale) : t("report.noCountry")),
  };
}
