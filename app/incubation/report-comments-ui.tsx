/**
 * Comments on an incubatee's periodic reports (ADR 0049): the list, as the company and the
 * programme see it, and the programme's report page (figures once submitted, comments, and
 * the comment form, which works without JavaScript and keeps what was typed on an error).
 */
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { FiguresTable } from "~/statistics/figures-table";
import type { Figures, FormDefinition } from "~/statistics/forms";
import { StatusBadge } from "~/statistics/ui";

export interface CommentView {
  id: string;
  body: string;
  author_role: string;
  author: string | null;
  created_at: string | Date;
}

export function CommentList({ comments }: { comments: readonly CommentView[] }) {
  const { t } = useTranslation("incubation");
  const locale = useLocale();
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="report-comments">
      {comments.map((c) => (
        <li key={c.id} className="card stack">
          <p className="muted">
            {t(`reports.by.${c.author_role === "mentor" ? "mentor" : "staff"}`, {
              name: c.author ?? "—",
            })}{" "}
            ·{" "}
            <time dateTime={new Date(c.created_at).toISOString()}>
              {formatDateTime(c.created_at, locale)}
            </time>
          </p>
          <p className="pre-line">{c.body}</p>
        </li>
      ))}
    </ul>
  );
}

export interface ProgrammeReportView {
  incubatee: { applicationId: string; companyEn: string; companyZh: string };
  programme: { en: string; zh: string };
  label: string;
  status: string;
  report: {
    definition: FormDefinition;
    figures: Figures;
    explanations: Record<string, string>;
    last: Figures | null;
    lastLabel: string | null;
  } | null;
  comments: CommentView[];
}

/** The programme's page of one report: figures, comments, the comment form. */
export function ProgrammeReport({
  view,
  back,
  statisticsLink,
  error,
  typed,
}: {
  view: ProgrammeReportView;
  back: string;
  statisticsLink: string | null;
  error: string | null;
  typed: string;
}) {
  const { t } = useTranslation("incubation");
  const { t: td } = useTranslation("desk");
  const locale = useLocale();
  const company = locale === "zh-CN" ? view.incubatee.companyZh : view.incubatee.companyEn;
  const submitted = !!view.report;
  return (
    <div className="container medium stack">
      <p>
        <Link to={back}>{td("incubateeReport.page.back")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{locale === "zh-CN" ? view.programme.zh : view.programme.en}</p>
        <h1>{td("incubateeReport.page.title", { company, label: view.label })}</h1>
        <p>
          <StatusBadge status={view.status} />
        </p>
        <p className="lead">{td("incubateeReport.page.lead")}</p>
      </header>
      {view.report ? (
        <section className="card stack" aria-labelledby="figures-heading">
          <h2 id="figures-heading">{t("reports.title")}</h2>
          <FiguresTable
            definition={view.report.definition}
            figures={view.report.figures}
            explanations={view.report.explanations}
            last={view.report.last}
            lastLabel={view.report.lastLabel}
          />
          {statisticsLink ? (
            <p>
              <Link to={statisticsLink}>{td("incubateeReport.page.statisticsLink")}</Link>
            </p>
          ) : null}
        </section>
      ) : (
        <p className="notice">{td("incubateeReport.page.notSubmitted")}</p>
      )}
      <section className="card stack" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("reports.comments")}</h2>
        {view.comments.length ? (
          <CommentList comments={view.comments} />
        ) : (
          <p className="muted">{td("incubateeReport.page.noComments")}</p>
        )}
        {submitted ? (
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="comment" />
            {error ? (
              <p className="notice notice-danger" role="alert" id="comment-error">
                {error}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor="comment-body">{td("incubateeReport.page.comment")}</label>
              <p className="muted" id="comment-help">
                {td("incubateeReport.page.commentHelp")}
              </p>
              <textarea
                id="comment-body"
                name="body"
                rows={4}
                maxLength={4000}
                required
                defaultValue={typed}
                aria-describedby={error ? "comment-help comment-error" : "comment-help"}
              />
            </div>
            <SubmitButton className="button">{td("incubateeReport.page.send")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
