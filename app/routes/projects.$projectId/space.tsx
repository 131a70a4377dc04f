/**
 * Visits and units offered, on the investor's page, from `investorProjectView` (units from
 * ADR 0028's offers; visits from ADR 0041's, as `visitsFor` gives them to the investor).
 */
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, isoMinute } from "~/lib/format";
import { LocalTime } from "~/projects/local-time";
import type { InvestorUnit, InvestorVisit } from "~/projects/investor.server";
import { useSpaceLabels } from "~/projects/space-ui";

/**
 * The project's visits for the investor: upcoming (soonest first) and past. Each shows the time
 * in the park (Beijing time) and, once the browser knows it, in the reader's own zone; its
 * length, place, units to see and agenda; and the invitation as an .ics. Never staff's notes of a visit.
 */
export function Visits({
  projectId,
  visits,
}: {
  projectId: string;
  visits: { upcoming: InvestorVisit[]; past: InvestorVisit[] };
}) {
  const { t } = useTranslation("investor");
  // Only signed-in investors read these: kept out of the public "investor" strings (page weight).
  const { t: tv } = useTranslation("projects");
  const l = useSpaceLabels();
  const list = (items: InvestorVisit[], kind: "upcoming" | "past") => (
    <ul className="stack visit-list" data-testid={`visits-${kind}`}>
      {items.map((v) => (
        <li key={v.id} className="visit-item" data-testid="investor-visit">
          <p>
            <strong>{isoMinute(v.starts_at)}</strong>{" "}
            <span className="muted">{tv("investorVisits.parkTime")}</span>
            <LocalTime at={v.starts_at} />{" "}
            {v.state === "planned" ? null : (
              <span className={`badge visit-state-${v.state}`}>
                {tv(v.state === "held" ? "investorVisits.held" : "investorVisits.cancelled")}
              </span>
            )}
          </p>
          <dl className="details">
            <dt>{tv("investorVisits.length")}</dt>
            <dd>
              {v.duration_minutes % 60 === 0
                ? tv("investorVisits.hours", { count: v.duration_minutes / 60 })
                : tv("investorVisits.minutes", { count: v.duration_minutes })}
            </dd>
            <dt>{tv("investorVisits.place")}</dt>
            <dd>{v.place}</dd>
            {v.units.length ? (
              <>
                <dt>{tv("investorVisits.units")}</dt>
                <dd>
                  {v.units
                    .map((u) => `${l.unit(u)} · ${l.kind(u.kind)} · ${l.area(u.area_m2)}`)
                    .join("; ")}
                </dd>
              </>
            ) : null}
            {v.agenda ? (
              <>
                <dt>{tv("investorVisits.agenda")}</dt>
                <dd className="pre-line">{v.agenda}</dd>
              </>
            ) : null}
          </dl>
          {kind === "upcoming" ? (
            <p>
              <a
                href={`/projects/${projectId}/visits/${v.id}/invite.ics`}
                download
                data-testid="investor-visit-ics"
              >
                {tv("investorVisits.ics")}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="card" aria-labelledby="visits-title">
      <h2 id="visits-title">{t("visits.title")}</h2>
      {visits.upcoming.length || visits.past.length ? (
        <>
          <h3>{tv("investorVisits.upcoming")}</h3>
          {visits.upcoming.length ? (
            list(visits.upcoming, "upcoming")
          ) : (
            <p className="muted">{tv("investorVisits.noneUpcoming")}</p>
          )}
          {visits.past.length ? (
            <>
              <h3>{tv("investorVisits.past")}</h3>
              {list(visits.past, "past")}
            </>
          ) : null}
        </>
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
