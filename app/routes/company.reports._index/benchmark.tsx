/** The company's own figure over its periods against the industry median (five companies or more). */
import { Form } from "@remix-run/react";
import { DataTable, LineChart } from "~/components/charts";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { BenchmarkPoint } from "~/statistics/benchmark.server";
import type { FormField } from "~/statistics/forms";

export function Benchmark({
  fields,
  field,
  points,
}: {
  fields: FormField[];
  field: FormField;
  points: BenchmarkPoint[];
}) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const name = pick(locale, field.labelEn, field.labelZh);
  const unit = field.unit ? ` (${field.unit})` : "";
  const fmt = (n: number | null) => (n === null ? "—" : formatNumber(n, locale));
  return (
    <section className="card stack" aria-labelledby="benchmark-title" id="benchmark">
      <h2 id="benchmark-title">{t("benchmark.title")}</h2>
      <p className="muted">{t("benchmark.lead")}</p>
      <Form method="get" className="row" action="/company/reports#benchmark">
        <label htmlFor="benchmark-field">{t("benchmark.field")}</label>
        <select id="benchmark-field" name="field" defaultValue={field.key}>
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {pick(locale, f.labelEn, f.labelZh)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-secondary button-small">
          {t("benchmark.show")}
        </button>
      </Form>
      <LineChart
        title={`${name}${unit}`}
        note={t("benchmark.note")}
        categories={points.map((p) => p.label)}
        series={[
          { key: "own", label: t("benchmark.own"), values: points.map((p) => p.own) },
          { key: "median", label: t("benchmark.median"), values: points.map((p) => p.median) },
        ]}
        format={(n) => formatNumber(n, locale)}
        table="below"
      >
        <DataTable
          caption={`${name}${unit}`}
          columns={[t("company.period"), t("benchmark.own"), t("benchmark.median")]}
          rows={points.map((p) => [p.label, fmt(p.own), fmt(p.median)])}
        />
      </LineChart>
    </section>
  );
}
