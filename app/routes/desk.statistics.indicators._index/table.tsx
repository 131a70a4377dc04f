/** Every indicator for the period against the last and a year ago, grouped by ability. */
import { Link } from "@remix-run/react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { Dashboard } from "~/statistics/dashboard.server";
import { useIndicatorText } from "~/statistics/indicator-ui";
import { ABILITIES } from "~/statistics/indicators";

export function IndicatorTable({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const fmt = useIndicatorText();
  const period = d.period!;
  const lastHead = d.last
    ? t("indicators.last", { period: d.last.label })
    : t("indicators.lastNone");
  const yearHead = d.yearAgo
    ? t("indicators.yearAgo", { period: d.yearAgo.label })
    : t("indicators.yearAgoNone");
  return (
    <section className="card stack" aria-labelledby="ind-table">
      <h2 id="ind-table">{t("indicators.tableTitle", { period: period.label })}</h2>
      {ABILITIES.map((ability) => {
        const rows = d.rows.filter((r) => r.def.ability === ability);
        if (!rows.length) return null;
        return (
          <div key={ability} className="stack">
            <h3 id={`ability-${ability}`}>{t(`indicators.abilities.${ability}`)}</h3>
            <div className="table-wrap">
              <table className="table table-cards" aria-labelledby={`ability-${ability}`}>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.indicator")}</th>
                    <th scope="col">{t("indicators.weight")}</th>
                    <th scope="col">{t("indicators.now")}</th>
                    <th scope="col">{lastHead}</th>
                    <th scope="col">{yearHead}</th>
                    <th scope="col">{t("indicators.known")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.def.id} data-indicator={r.def.code}>
                      <th scope="row">
                        <Link
                          to={`?period=${period.id}&indicator=${r.def.code}#ind-detail`}
                          aria-current={d.selected?.id === r.def.id ? "true" : undefined}
                        >
                          {pick(locale, r.def.nameEn, r.def.nameZh)}
                        </Link>
                        {r.flags.length ? (
                          <span className="indicator-flags">
                            {r.flags.map((f) => (
                              <span
                                key={f}
                                className={`badge ${f === "noYearAgo" ? "badge-muted" : "badge-warning"}`}
                              >
                                {t(`indicators.flags.${f}`)}
                              </span>
                            ))}
                          </span>
                        ) : null}
                      </th>
                      <td data-label={t("indicators.weight")}>
                        {t("indicators.weightValue", { weight: r.def.weight })}
                      </td>
                      <td data-label={t("indicators.now")} className="nowrap">
                        <strong data-testid={`value-${r.def.code}`}>
                          {fmt.value(r.now.value, r.def)}
                        </strong>
                      </td>
                      <td data-label={lastHead} className="nowrap">
                        {fmt.value(r.last?.value ?? null, r.def)}
                        {r.changeLast !== null ? (
                          <span className="muted"> ({fmt.change(r.changeLast)})</span>
                        ) : null}
                      </td>
                      <td data-label={yearHead} className="nowrap">
                        {fmt.value(r.yearAgo?.value ?? null, r.def)}
                        {r.changeYear !== null ? (
                          <span className="muted"> ({fmt.change(r.changeYear)})</span>
                        ) : null}
                      </td>
                      <td data-label={t("indicators.known")} data-testid={`known-${r.def.code}`}>
                        {fmt.known(r.now)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
