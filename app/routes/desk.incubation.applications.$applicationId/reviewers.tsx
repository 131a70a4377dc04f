/** Reviewers: the totals, each assignment with its scores (or conflict), and the assign form. */
import { Form } from "@remix-run/react";
import { ActionsHeader } from "~/components/shell";
import { useTranslation } from "~/i18n/use-translation";
import { usePick } from "~/incubation/ui";
import type { StaffApp } from "./action-data";

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));

export function Reviewers({
  app,
  reviewers,
}: {
  app: StaffApp;
  reviewers: { id: string; name: string }[];
}) {
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const assignedIds = new Set(app.assignments.map((a) => a.reviewer_id));
  const unassigned = reviewers.filter((r) => !assignedIds.has(r.id));
  return (
    <section className="section card stack">
      <h2>{t("staffApp.assign")}</h2>
      <p>
        <strong>{t("staffApp.totals")}:</strong> {tDesk("incubation.callDesk.mean")} {fmt(app.totals.weightedMean)}{" "}
        · {tDesk("incubation.callDesk.normalised")} {fmt(app.totals.normalised)} · {tDesk("incubation.callDesk.reviews")}{" "}
        {app.totals.reviews}
      </p>
      {app.assignments.length ? <Assignments app={app} /> : null}
      {unassigned.length ? (
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="assign" />
          <fieldset>
            <legend>{t("staffApp.assignHint")}</legend>
            {unassigned.map((r) => (
              <label key={r.id} className="checkbox">
                <input type="checkbox" name="reviewerId" value={r.id} /> {r.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button-secondary">
            {t("staffApp.assignButton")}
          </button>
        </Form>
      ) : !reviewers.length ? (
        <p className="muted">{t("staffApp.noReviewers")}</p>
      ) : null}
    </section>
  );
}

function Assignments({ app }: { app: StaffApp }) {
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{tDesk("incubation.callDesk.reviewers")}</th>
            <th>{t("staffApp.score")}</th>
            {app.rubric.map((c) => (
              <th key={c.key}>
                {pick(c.labelEn, c.labelZh)} (×{c.weight})
              </th>
            ))}
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {app.assignments.map((a) => (
            <tr key={a.reviewer_id}>
              <td>
                {a.name}
                {a.overall_comment ? <div className="muted">{a.overall_comment}</div> : null}
              </td>
              <td>
                {a.conflict_declared_at ? (
                  <span className="badge badge-warning">
                    {t("staffApp.conflict", { reason: a.conflict_reason ?? "" })}
                  </span>
                ) : a.submitted_at ? (
                  t("staffApp.scoredAt", { total: fmt(a.total) })
                ) : (
                  <span className="muted">{t("staffApp.notSubmitted")}</span>
                )}
              </td>
              {app.rubric.map((c) => (
                <td key={c.key}>
                  {a.submitted_at ? `${a.scores[c.key]?.score ?? "—"}/${c.max}` : "—"}
                  {a.submitted_at && a.scores[c.key]?.comment ? (
                    <div className="muted">{a.scores[c.key]?.comment}</div>
                  ) : null}
                </td>
              ))}
              <td>
                {!a.submitted_at && !a.conflict_declared_at ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="unassign" />
                    <input type="hidden" name="reviewerId" value={a.reviewer_id} />
                    <button type="submit" className="button button-secondary button-small">
                      {t("staffApp.unassign")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
