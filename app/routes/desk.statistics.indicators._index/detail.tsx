/** One indicator: its trend, by industry, top contributors, and who leaves it unknown. */
import { BarChart, DataTable, LineChart } from "~/components/charts";
import { industryLabel } from "~/companies/schema";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { Dashboard } from "~/statistics/dashboard.server";
import { useIndicatorText } from "~/statistics/indicator-ui";
import { evaluate } from "~/statistics/indicators";
import { StatusBadge } from "~/statistics/ui";

export function IndicatorDetail({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const fmt = useIndicatorText();
  const def = d.selected!;
  const period = d.period!;
  const name = pick(locale, def.nameEn, def.nameZh);
  const trendTitle = t("indicators.trendTitle", { indicator: name });
  const industryTitle = t("indicators.byIndustry", { period: period.label });
  const known = d.industries.filter((i) => i.result.value !== null);
  return (
    <section className="stack" aria-labelledby="ind-detail-title" id="ind-detail">
      <h2 id="ind-detail-title">{t("indicators.detailTitle", { indicator: name })}</h2>
      <p className="muted">
        {t(`indicators.abilities.${def.ability}`)} · {t(`indicators.kinds.${def.kind}`)}
      </p>
      <div className="card">
        <LineChart
          title={trendTitle}
          note={t("indicators.trendNote")}
          categories={d.trend.map((p) => p.period.label)}
          series={[{ key: "park", label: name, values: d.trend.map((p) => p.result.value) }]}
          format={(n) => fmt.value(n, def)}
          table="below"
        >
          <DataTable
            caption={trendTitle}
            columns={[t("indicators.period"), t("indicators.value"), t("indicators.known")]}
            rows={d.trend.map((p) => [
              p.period.label,
              fmt.value(p.result.value, def),
              fmt.known(p.result),
            ])}
          />
        </LineChart>
      </div>
      <div className="card">
        {known.length ? (
          <BarChart
            title={industryTitle}
            rows={known.map((i) => ({
              label: industryLabel(i.industry, locale),
              value: Math.max(0, i.result.value ?? 0),
              display: fmt.value(i.result.value, def),
            }))}
            table="below"
          >
            <DataTable
              caption={industryTitle}
              columns={[t("indicators.industry"), t("indicators.value"), t("indicators.known")]}
              rows={d.industries.map((i) => [
                industryLabel(i.industry, locale),
                fmt.value(i.result.value, def),
                fmt.known(i.result),
              ])}
            />
          </BarChart>
        ) : (
          <>
            <h3>{industryTitle}</h3>
            <p className="muted">{t("indicators.noIndustries")}</p>
          </>
        )}
      </div>
      <div className="card stack">
        <h3 id="ind-top">{t("indicators.topTitle")}</h3>
        <p className="muted">{t("indicators.topLead")}</p>
        {d.top.length ? (
          <div className="table-wrap">
            <table className="table table-cards" aria-labelledby="ind-top">
              <thead>
                <tr>
                  <th scope="col">{t("indicators.company")}</th>
                  <th scope="col">{t("indicators.industry")}</th>
                  <th scope="col">{t("indicators.ownValue")}</th>
                  <th scope="col">{t("indicators.part")}</th>
                </tr>
              </thead>
              <tbody>
                {d.top.map((c) => (
                  <tr key={c.companyId}>
                    <th scope="row">{pick(locale, c.nameEn, c.nameZh)}</th>
                    <td data-label={t("indicators.industry")}>
                      {industryLabel(c.industry, locale)}
                    </td>
                    <td data-label={t("indicators.ownValue")} className="nowrap">
                      {fmt.value(
                        evaluate(def.kind, { expected: 1, known: 1, num: c.num, den: c.den }).value,
                        def,
                      )}
                    </td>
                    <td data-label={t("indicators.part")}>{fmt.part(c.part)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("indicators.noTop")}</p>
        )}
      </div>
      <div className="card stack">
        <h3 id="ind-missing">{t("indicators.missingTitle")}</h3>
        <p className="muted">{t("indicators.missingLead", { period: period.label })}</p>
        {d.missing.length ? (
          <>
            <p>{t("indicators.missingCount", { count: d.missingTotal })}</p>
            <div className="table-wrap">
              <table className="table table-cards" aria-labelledby="ind-missing">
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.company")}</th>
                    <th scope="col">{t("indicators.status")}</th>
                    <th scope="col">{t("indicators.late")}</th>
                    <th scope="col">{t("indicators.leaves")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.missing.map((m) => (
                    <tr key={m.companyId}>
                      <th scope="row">{pick(locale, m.nameEn, m.nameZh)}</th>
                      <td data-label={t("indicators.status")}>
                        <StatusBadge status={m.status} />
                      </td>
                      <td data-label={t("indicators.late")}>
                        {m.daysLate
                          ? t("indicators.lateDays", { count: m.daysLate })
                          : t("indicators.notLate")}
                      </td>
                      <td data-label={t("indicators.leaves")}>
                        {m.part === null ? t("indicators.noEstimate") : fmt.part(m.part)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="muted">{t("indicators.noMissing")}</p>
        )}
      </div>
    </section>
  );
}
