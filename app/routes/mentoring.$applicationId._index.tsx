import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { getIncubatee } from "~/incubation/cohort.server";
import { isMentorOf } from "~/incubation/mentors.server";
import { isOverdue } from "~/incubation/milestones.server";
import { EndedNotice, MilestonesSection, ReportsSection } from "~/incubation/milestones-ui";
import { commentsByReport } from "~/incubation/report-comments.server";
import { usePick } from "~/incubation/ui";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubatee · 在孵企业 | Zizhu Park Portal") },
];

/** A mentor reads one assigned incubatee: milestones and reports (ADR 0049); others are 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:incubatee:assigned");
  const applicationId = params.applicationId ?? "";
  if (!(await isMentorOf(db(), user.id, applicationId))) notFound();
  const inc = await getIncubatee(db(), applicationId);
  if (!inc) notFound();
  return {
    inc: {
      application_id: inc.application_id,
      company_en: inc.company_en,
      company_zh: inc.company_zh,
      programme_en: inc.programme_en,
      programme_zh: inc.programme_zh,
      start_date: inc.start_date,
      planned_end_date: inc.planned_end_date,
      outcome: inc.outcome,
      outcome_reason: inc.outcome_reason,
      ended_on: inc.ended_on,
      hasForm: !!inc.report_form_id,
      reports: inc.reports,
      milestones: inc.milestones.map((m) => ({ ...m, overdue: isOverdue(m) })),
    },
    comments: await commentsByReport(
      db(),
      inc.application_id,
      inc.reports.map((r) => r.id),
    ),
  };
}

export default function Mentee() {
  const { inc, comments } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const { t: td } = useTranslation("desk");
  const pick = usePick();
  const locale = useLocale();
  return (
    <div className="container medium stack">
      <p>
        <Link to="/mentoring">{td("mentors.my.back")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{pick(inc.programme_en, inc.programme_zh)}</p>
        <h1>{t("cohort.incubatee", { company: pick(inc.company_en, inc.company_zh) })}</h1>
        <p>
          {t("cohort.dates")}: {formatDate(inc.start_date, locale)} –{" "}
          {formatDate(inc.planned_end_date, locale)}
        </p>
        <p className="muted">{td("mentors.my.readOnly")}</p>
      </header>
      {inc.outcome ? (
        <EndedNotice outcome={inc.outcome} endedOn={inc.ended_on} reason={inc.outcome_reason} />
      ) : null}
      <MilestonesSection
        applicationId={inc.application_id}
        milestones={inc.milestones}
        side="mentor"
        ended={!!inc.outcome}
      />
      <ReportsSection
        applicationId={inc.application_id}
        reports={inc.reports}
        hasForm={inc.hasForm}
        side="mentor"
        comments={comments}
        readBase={`/mentoring/${inc.application_id}/reports`}
      />
    </div>
  );
}
