/** How indicator values read on the statistics pages (issue 14, ADR 0043). */
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber, formatPercent } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { IndicatorKind, IndicatorResult } from "./indicators";

const UNITS = ["%", "CNY 10k", "people"] as const;

/** Formats an indicator's value with its unit ("12.3%", "1,200 万元"); "—" when unknown. */
export function useIndicatorText() {
  const locale = useLocale();
  const { t } = useTranslation("statistics");
  const unitText = (unit: string) =>
    (UNITS as readonly string[]).includes(unit)
      ? t(`indicators.units.${unit as (typeof UNITS)[number]}`)
      : unit;
  return {
    value(v: number | null, def: { kind: IndicatorKind; unit: string }): string {
      if (v === null) return t("indicators.none");
      if (def.unit === "%" || def.kind === "share" || def.kind === "growth")
        return `${formatNumber(v, locale, 1)}%`;
      const n = formatNumber(v, locale, def.kind === "ratio" ? 3 : undefined);
      const u = unitText(def.unit);
      return u ? `${n} ${u}` : n;
    },
    change(v: number | null): string {
      if (v === null) return t("indicators.none");
      return `${v > 0 ? "+" : ""}${formatNumber(v, locale, 1)}%`;
    },
    known(r: IndicatorResult): string {
      const k = t("indicators.knownValue", { known: r.known, expected: r.expected });
      return r.unknown && r.unknownShare !== null
        ? `${k} · ${t("indicators.unknownValue", { share: formatPercent(r.unknownShare, locale, 0) })}`
        : k;
    },
    part(v: number | null): string {
      return v === null ? t("indicators.none") : formatPercent(v, locale, 1);
    },
    unitText,
  };
}
