/**
 * Visits and units offered, on the investor's page. They come from the space and visits slice
 * of issue 13 (built beside this one); until it lands `investorProjectView` returns empty lists
 * and these sections say so. When it lands, only `visitsFor` / `unitsOfferedTo` in
 * app/projects/investor.server.ts change.
 */
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { InvestorUnit, InvestorVisit } from "~/projects/investor.server";

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
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">{t("units.title")}</h2>
      {units.length ? (
        <ul>
          {units.map((u) => (
            <li key={u.id}>
              {u.label}
              {u.area_m2 ? ` · ${u.area_m2} m²` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("units.empty")}</p>
      )}
    </section>
  );
}
