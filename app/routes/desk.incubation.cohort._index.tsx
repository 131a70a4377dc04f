import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { listCohort, type CohortRow } from "~/incubation/cohort.server";
import {
  COHORT_STATES,
  cohortState,
  cohortSummary,
  type CohortState,
} from "~/incubation/cohort-state";
import { usePick } from "~/incubation/ui";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Cohort · 在孵企业 | Zizhu Park Portal") },
];

/** Staff: every incubatee by programme, with progress and what is overdue (ADR 0040). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const rows = (await listCohort(db())).map((r) => ({ ...r, state: cohortState(r) }));
  const programmes: {
    id: string;
    name_en: string;
    name_zh: string;
    rows: (CohortRow & { state: CohortState })[];
  }[] = [];
  for (const r of rows) {
    let p = programmes.find((x) => x.id === r.programme_id);
    if (!p) {
      p = { id: r.programme_id, name_en: r.programme_en, name_zh: r.programme_zh, rows: [] };
      programmes.push(p);
    }
    p.rows.push(r);
  }
  return { programmes, summary: cohortSummary(rows.map((r) => r.state)) };
}

const STATE_BADGE: Record<CohortState, string> = {
  onboarding: "badge badge-warning",
  incubating: "badge",
  extended: "badge badge-warning",
  graduated: "badge badge-success",
  exited: "badge badge-muted",
};

export default function Cohort() {
  const { programmes, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const { t: td } = useTranslation("desk");
  const pick = usePick();
  const locale = useLocale();
  return (
    <div className="container stack">
      <p>
        <Link to="/desk/incubation">{t("programme.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("cohort.title")}</h1>
        <p className="lead">{t("cohort.lead")}</p>
      </header>
      <section aria-labelledby="cohort-summary">
        <h2 id="cohort-summary">{td("cohortSummary.title")}</h2>
        <ul className="card-grid admin-stats" data-testid="cohort-summary">
          {COHORT_STATES.map((s) => (
            <li key={s} className="card" data-state={s}>
              <p className="stat">{summary[s]}</p>
              <p>{td(`cohortSummary.${s}`)}</p>
            </li>
          ))}
        </ul>
      </section>
      {programmes.length ? null : <p className="muted">{t("cohort.empty")}</p>}
      {programmes.map((p) => (
        <section key={p.id} className="card stack" aria-labelledby={`programme-${p.id}`}>
          <h2 id={`programme-${p.id}`}>{pick(p.name_en, p.name_zh)}</h2>
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("cohort.company")}</th>
                  <th scope="col">{t("cohort.dates")}</th>
                  <th scope="col">{t("cohort.milestones")}</th>
                  <th scope="col">{t("cohort.lastReport")}</th>
                  <th scope="col">{t("cohort.state")}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.application_id} data-testid="cohort-row">
                    <th scope="row">
                      <Link to={`/desk/incubation/cohort/${r.application_id}`}>
                        {pick(r.company_en, r.company_zh)}
                      </Link>
                    </th>
                    <td data-label={t("cohort.dates")} className="nowrap">
                      {formatDate(r.start_date, locale)} – {formatDate(r.planned_end_date, locale)}
                    </td>
                    <td data-label={t("cohort.milestones")}>
                      {t("cohort.progress", {
                        accepted: String(r.accepted),
                        total: String(r.milestones),
                      })}
                      {r.waiting ? (
                        <>
                          {" "}
                          <span className="badge badge-warning">
                            {t("cohort.waiting", { count: r.waiting })}
                          </span>
                        </>
                      ) : null}
                      {r.overdue && !r.outcome ? (
                        <>
                          {" "}
                          <span className="badge badge-danger">
                            {t("cohort.overdue", { count: r.overdue })}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td data-label={t("cohort.lastReport")}>
                      {r.last_report ?? <span className="muted">{t("cohort.noReport")}</span>}
                      {r.reports_overdue && !r.outcome ? (
                        <>
                          {" "}
                          <span className="badge badge-danger">{t("cohort.reportsOverdue")}</span>
                        </>
                      ) : null}
                    </td>
                    <td data-label={t("cohort.state")}>
                      <span className={STATE_BADGE[r.state]}>{td(`cohortSummary.${r.state}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
