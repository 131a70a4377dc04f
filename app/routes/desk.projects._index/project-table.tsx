/**
 * The projects as a table; at phone width each row becomes a card (the shared `.table-cards`
 * pattern), every cell labelled by its column (`data-label`).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { Flag } from "~/projects/pipeline";
import { FlagBadges, StageBadge, useProjectLabels } from "~/projects/ui";
import { isoDay } from "~/lib/format";

export interface ProjectRow {
  id: string;
  reference: string;
  organisation: string;
  country: string | null;
  stage: string;
  owner_name: string | null;
  industry: { en: string; zh: string } | null;
  investment_minor: number | null;
  investment_currency: string | null;
  next_step: string;
  next_step_due: string | null;
  last_activity_at: string | Date;
  flags: Flag[];
}

export function ProjectTable({ items }: { items: ProjectRow[] }) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const col = {
    organisation: t("list.organisation"),
    stage: t("list.stage"),
    owner: t("list.owner"),
    investment: t("list.investment"),
    nextStep: t("list.nextStep"),
    activity: t("list.activity"),
  };
  return (
    <div className="table-wrap">
      <table className="table table-cards project-table">
        <caption className="visually-hidden">{t("list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{col.organisation}</th>
            <th scope="col">{col.stage}</th>
            <th scope="col">{col.owner}</th>
            <th scope="col">{col.investment}</th>
            <th scope="col">{col.nextStep}</th>
            <th scope="col">{col.activity}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} data-testid="project-row">
              <th scope="row" data-label={col.organisation}>
                <Link to={`/desk/projects/${p.id}`}>{p.organisation}</Link>
                <span className="muted project-ref">{p.reference}</span>
                <span className="muted project-where">
                  {[l.country(p.country), l.industry(p.industry)].filter(Boolean).join(" · ")}
                </span>
              </th>
              <td data-label={col.stage} className="card-inline">
                <StageBadge stage={p.stage} /> <FlagBadges flags={p.flags} />
              </td>
              <td data-label={col.owner} className="card-inline">{p.owner_name ?? t("list.unowned")}</td>
              <td data-label={col.investment} className="card-inline">
                {l.money(p.investment_minor, p.investment_currency) || "—"}
              </td>
              <td data-label={col.nextStep}>
                {p.next_step ? (
                  <>
                    {p.next_step}
                    {p.next_step_due ? (
                      <span className="muted"> · {t("detail.due", { date: p.next_step_due })}</span>
                    ) : null}
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td data-label={col.activity}>{isoDay(p.last_activity_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
