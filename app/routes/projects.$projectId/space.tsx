/**
 * Visits and units offered, on the investor's page, from `investorProjectView` (units from
 * ADR 0028's offers; visits from the visits slice of issue 13).
 */
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { InvestorUnit, InvestorVisit } from "~/projects/investor.server";
import { useSpaceLabels } from "~/projects/space-ui";

export function Visits({ visits }: { visits: InvestorVisit[] }) {
  const { t } = useTranslation("investor");
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="visits-title">
      <h2 id="visits-title">{t("visits.title")}</h2>
      {visits.length ? (
        <ul>
          {visits.map((v) => (
            <li key={v.id}>
              {formatDateTime(v.starts_at, locale)} · {v.place}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("visits.empty")}</p>
      )}
    </section>
  );
}

export function OfferedUnits({ units }: { units: InvestorUnit[] }) {
  const { t } = useTranslation("investor");
  const l = useSpaceLabels();
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">{t("units.title")}</h2>
      {units.length ? (
        <ul>
          {units.map((u) => (
            <li key={u.id}>
              {l.unit(u)} · {l.kind(u.kind)} · {l.area(u.area_m2)} ·{" "}
              {t("units.from", { date: formatDate(u.available_from, l.locale) })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("units.empty")}</p>
      )}
    </section>
  );
}
