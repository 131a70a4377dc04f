/**
 * An incubation after signing (issue 16, ADR 0040), as the company and as staff see it: the
 * milestones (the company marks one done with a note and evidence; staff accept or send it
 * back), the periodic reports, and how the incubation ended. Plain forms: they work without
 * JavaScript; the routes' actions dispatch them (./milestone-intents.server.ts).
 */
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { usePick } from "./hooks";
import { CommentList, type CommentView } from "./report-comments-ui";

export interface MilestoneView {
  id: string;
  title_en: string;
  title_zh: string;
  due_on: string | Date;
  evidence_required: boolean;
  status: string;
  note: string;
  staff_comment: string;
  evidence_name: string | null;
  overdue: boolean;
}

const TONE: Record<string, string> = {
  open: "badge badge-muted",
  submitted: "badge badge-warning",
  accepted: "badge badge-success",
  returned: "badge badge-danger",
};

type MilestoneStatusKey = "open" | "submitted" | "accepted" | "returned";

export function MilestoneBadge({ status }: { status: string }) {
  const { t } = useTranslation("incubation");
  return (
    <span className={TONE[status] ?? "badge"}>
      {t(`milestones.status.${status as MilestoneStatusKey}`)}
    </span>
  );
}

export function MilestonesSection({
  applicationId,
  milestones,
  side,
  ended,
  error,
}: {
  applicationId: string;
  milestones: MilestoneView[];
  side: "company" | "staff" | "mentor";
  ended: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation("incubation");
  const locale = useLocale();
  const pick = usePick();
  return (
    <section className="card stack" aria-labelledby="milestones-heading" data-testid="milestones">
      <h2 id="milestones-heading">{t("milestones.title")}</h2>
      {error ? (
        <p className="notice notice-danger" role="alert">
          {error}
        </p>
      ) : null}
      {milestones.length ? (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {milestones.map((m) => {
            const title = pick(m.title_en, m.title_zh);
            return (
              <li key={m.id} className="card stack" data-testid="milestone">
                <div className="row">
                  <h3>{title}</h3>
                  <MilestoneBadge status={m.status} />
                  {m.overdue ? (
                    <span className="badge badge-danger">{t("milestones.overdue")}</span>
                  ) : null}
                </div>
                <p className="muted">
                  {t("milestones.due")}: {formatDate(m.due_on, locale)}
                  {m.evidence_required ? ` · ${t("milestones.evidenceRequired")}` : null}
                </p>
                {m.note ? (
                  <p style={{ whiteSpace: "pre-line" }}>
                    <strong>{t("milestones.yourNote")}:</strong> {m.note}
                  </p>
                ) : null}
                {m.evidence_name ? (
                  <p>
                    <strong>{t("milestones.evidence")}:</strong>{" "}
                    <a href={`/applications/${applicationId}/milestones/${m.id}/evidence`} download>
                      {m.evidence_name}
                    </a>
                  </p>
                ) : null}
                {m.staff_comment ? (
                  <p style={{ whiteSpace: "pre-line" }}>
                    <strong>{t("milestones.parkComment")}:</strong> {m.staff_comment}
                  </p>
                ) : null}
                {side === "company" &&
                !ended &&
                (m.status === "open" || m.status === "returned") ? (
                  <Form method="post" encType="multipart/form-data" className="form-stack">
                    <input type="hidden" name="intent" value="complete_milestone" />
                    <input type="hidden" name="milestoneId" value={m.id} />
                    <div className="field">
                      <label htmlFor={`note-${m.id}`}>{t("milestones.note")}</label>
                      <textarea
                        id={`note-${m.id}`}
                        name="note"
                        rows={3}
                        maxLength={4000}
                        required
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`evidence-${m.id}`}>
                        {m.evidence_required ? t("milestones.file") : t("milestones.fileOptional")}
                      </label>
                      <input
                        id={`evidence-${m.id}`}
                        type="file"
                        name="file"
                        accept="application/pdf,.pdf,image/png,image/jpeg"
                        required={m.evidence_required}
                      />
                    </div>
                    <SubmitButton className="button">{t("milestones.markDone")}</SubmitButton>
                  </Form>
                ) : null}
                {side === "staff" && m.status === "submitted" ? (
                  <Form method="post" className="form-stack">
                    <input type="hidden" name="milestoneId" value={m.id} />
                    <div className="field">
                      <label htmlFor={`comment-${m.id}`}>{t("milestones.comment")}</label>
                      <textarea id={`comment-${m.id}`} name="comment" rows={2} maxLength={4000} />
                    </div>
                    <div className="row">
                      <SubmitButton name="intent" value="accept_milestone" className="button">
                        {t("milestones.accept")}
                      </SubmitButton>
                      <SubmitButton
                        name="intent"
                        value="return_milestone"
                        className="button button-secondary"
                      >
                        {t("milestones.sendBack")}
                      </SubmitButton>
                    </div>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t("milestones.none")}</p>
      )}
    </section>
  );
}

export interface ReportView {
  id: string;
  status: string;
  label: string;
  due_on: string;
}

export function ReportsSection({
  applicationId,
  reports,
  hasForm,
  side,
  comments = {},
  readBase,
}: {
  applicationId: string;
  reports: ReportView[];
  hasForm: boolean;
  side: "company" | "staff" | "mentor";
  /** The programme's comments by report: shown in full to the company, counted for staff. */
  comments?: Record<string, CommentView[]>;
  /** Where the programme reads a report (staff or mentor page); defaults to the desk's. */
  readBase?: string;
}) {
  const { t } = useTranslation("incubation");
  const { t: ts } = useTranslation("statistics");
  const locale = useLocale();
  const base = readBase ?? `/desk/incubation/cohort/${applicationId}/reports`;
  return (
    <section className="card stack" aria-labelledby="reports-heading" data-testid="reports">
      <h2 id="reports-heading">{t("reports.title")}</h2>
      {!hasForm ? (
        <p className="muted">{t("reports.noForm")}</p>
      ) : reports.length ? (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {reports.map((r) => {
            const said = comments[r.id] ?? [];
            return (
              <li key={r.id} className="stack" data-testid="report">
                <p>
                  {side === "company" ? (
                    <Link to={`/company/reports/${r.id}`}>{r.label}</Link>
                  ) : (
                    <Link to={`${base}/${r.id}`}>{r.label}</Link>
                  )}{" "}
                  · {t("reports.due")} {formatDate(r.due_on, locale)} ·{" "}
                  <span className="badge">{ts(`statuses.${r.status as "open"}`)}</span>
                  {side !== "company" && said.length ? (
                    <> · {t("reports.commentsCount", { count: said.length })}</>
                  ) : null}
                </p>
                {side === "company" && said.length ? (
                  <div className="stack">
                    <h3>{t("reports.comments")}</h3>
                    <CommentList comments={said} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t("reports.none")}</p>
      )}
    </section>
  );
}

/** How the incubation ended, for both sides. */
export function EndedNotice({
  outcome,
  endedOn,
  reason,
}: {
  outcome: string;
  endedOn: string | Date | null;
  reason: string | null;
}) {
  const { t } = useTranslation("incubation");
  const locale = useLocale();
  const date = endedOn ? formatDate(endedOn, locale) : "";
  return (
    <div
      className={`notice ${outcome === "graduated" ? "notice-success" : "notice-warning"}`}
      data-testid="incubation-ended"
    >
      <p>
        <strong>{t(`cohort.outcome.${outcome as "graduated"}`)}</strong> ·{" "}
        {t(`cohort.companyEnded.${outcome as "graduated"}`, { date })}
      </p>
      {reason ? <p style={{ whiteSpace: "pre-line" }}>{reason}</p> : null}
    </div>
  );
}
