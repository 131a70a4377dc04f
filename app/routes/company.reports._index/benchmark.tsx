/**
 * The company's own figure, or its value of a park indicator, over its periods against the
 * industry median (five companies or more). Periods not yet due are marked provisional.
 */
import { Form } from "@remix-run/react";
import { DataTable, LineChart } from "~/components/charts";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import {
  INDICATOR_PREFIX,
  type BenchmarkChoice,
  type BenchmarkIndicator,
  type BenchmarkPoint,
} from "~/statistics/benchmark";
import type { FormField } from "~/statistics/forms";

export function Benchmark({
  fields,
  indicators,
  chosen,
  points,
}: {
  fields: FormField[];
  indicators: BenchmarkIndicator[];
  chosen: BenchmarkChoice;
  points: BenchmarkPoint[];
}) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const [name, unit, value] =
    chosen.type === "field"
      ? [
          pick(locale, chosen.field.labelEn, chosen.field.labelZh),
          chosen.field.unit,
          chosen.field.key,
        ]
      : [
          pick(locale, chosen.indicator.nameEn, chosen.indicator.nameZh),
          chosen.indicator.unit,
          `${INDICATOR_PREFIX}${chosen.indicator.code}`,
        ];
  const title = unit ? `${name} (${unit})` : name;
  const fmt = (n: number | null) =>
    n === null ? "—" : formatNumber(Math.round(n * 100) / 100, locale);
  const provisional = points.some((p) => p.provisional);
  const label = (p: BenchmarkPoint) =>
    p.provisional ? `${p.label} (${t("benchmark.provisional")})` : p.label;
  return (
    <section className="card stack" aria-labelledby="benchmark-title" id="benchmark">
      <h2 id="benchmark-title">{t("benchmark.title")}</h2>
      <p className="muted">{t("benchmark.lead")}</p>
      <Form method="get" className="row" action="/company/reports#benchmark">
        <label htmlFor="benchmark-field">{t("benchmark.field")}</label>
        <select id="benchmark-field" name="field" defaultValue={value}>
          {indicators.length ? (
            <optgroup label={t("benchmark.indicators")}>
              {indicators.map((i) => (
                <option key={i.code} value={`${INDICATOR_PREFIX}${i.code}`}>
                  {pick(locale, i.nameEn, i.nameZh)}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={t("benchmark.figures")}>
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {pick(locale, f.labelEn, f.labelZh)}
              </option>
            ))}
          </optgroup>
        </select>
        <button type="submit" className="button button-secondary button-small">
          {t("benchmark.show")}
        </button>
      </Form>
      <LineChart
        title={title}
        note={
          provisional
            ? `${t("benchmark.note")} ${t("benchmark.provisionalNote")}`
            : t("benchmark.note")
        }
        categories={points.map((p) => p.label)}
        series={[
          { key: "own", label: t("benchmark.own"), values: points.map((p) => p.own) },
          { key: "median", label: t("benchmark.median"), values: points.map((p) => p.median) },
        ]}
        format={(n) => formatNumber(n, locale)}
        table="below"
      >
        <DataTable
          caption={title}
          columns={[t("company.period"), t("benchmark.own"), t("benchmark.median")]}
          rows={points.map((p) => [label(p), fmt(p.own), fmt(p.median)])}
        />
      </LineChart>
    </section>
  );
}
