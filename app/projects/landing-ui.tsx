/**
 * What a landed company brought from the pipeline (ADR 0029), for staff on the company's page:
 * per project, the planned investment and capital, jobs, space, and the capital that arrived.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useProjectLabels } from "./ui";

export interface LandedProject {
  id: string;
  reference: string;
  investment_minor: number | null;
  investment_currency: string | null;
  capital_minor: number | null;
  capital_currency: string | null;
  jobs_planned: number | null;
  space_type: string | null;
  area_min_m2: number | null;
  area_max_m2: number | null;
  landed_at: string;
  arrived: { currency: string; total: number }[];
}

export function LandedFigures({ projects }: { projects: LandedProject[] }) {
  const { t } = useTranslation("investor");
  const l = useProjectLabels();
  if (!projects.length) return null;
  return (
    <section className="card" aria-labelledby="landed-figures" data-testid="landed-figures">
      <h2 id="landed-figures">{t("landing.figures.title")}</h2>
      {projects.map((p) => (
        <dl key={p.id} className="details">
          <dt>{t("landing.figures.project")}</dt>
          <dd>
            <Link to={`/desk/projects/${p.id}`}>{p.reference}</Link>{" "}
            <span className="muted">
              {t("landing.figures.landed", { date: formatDate(p.landed_at, l.locale) })}
            </span>
          </dd>
          <dt>{t("landing.figures.investment")}</dt>
          <dd>{l.money(p.investment_minor, p.investment_currency) || "–"}</dd>
          <dt>{t("landing.figures.capital")}</dt>
          <dd>{l.money(p.capital_minor, p.capital_currency) || "–"}</dd>
          <dt>{t("landing.figures.jobs")}</dt>
          <dd>{p.jobs_planned ?? "–"}</dd>
          <dt>{t("landing.figures.space")}</dt>
          <dd>
            {[
              l.spaceType(p.space_type),
              p.area_min_m2 !== null || p.area_max_m2 !== null
                ? `${p.area_min_m2 ?? "?"}–${p.area_max_m2 ?? "?"} m²`
                : "",
            ]
              .filter(Boolean)
              .join(" · ") || "–"}
          </dd>
          <dt>{t("landing.figures.arrived")}</dt>
          <dd>
            {p.arrived.length
              ? p.arrived.map((a) => l.money(a.total, a.currency)).join(" · ")
              : t("landing.figures.none")}
          </dd>
        </dl>
      ))}
    </section>
  );
}
