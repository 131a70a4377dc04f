import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { getIncubatee } from "~/incubation/cohort.server";
import { listExtensions } from "~/incubation/extensions.server";
import { milestoneIntent } from "~/incubation/milestone-intents.server";
import { isOverdue } from "~/incubation/milestones.server";
import { EndedNotice, MilestonesSection, ReportsSection } from "~/incubation/milestones-ui";
import { listOnboarding } from "~/incubation/offer.server";
import { listMentors, mentorCandidates } from "~/incubation/mentors.server";
import { MentorsSection } from "~/incubation/mentors-ui";
import { commentsByReport } from "~/incubation/report-comments.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { usePick } from "~/incubation/ui";
import { readForm } from "~/lib/form.server";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { StateBadge } from "~/service-requests/components";
import type { RequestState } from "~/service-requests/workflow";
import { EndIncubation, Extensions } from "./end";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubatee · 在孵企业 | Zizhu Park Portal") },
];

/** Staff: one incubation in one place: dates, onboarding, milestones, reports, its end. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:application:any");
  const inc = await getIncubatee(db(), params.applicationId ?? "");
  invariantFound(inc);
  return {
    inc: {
      ...inc,
      milestones: inc.milestones.map((m) => ({ ...m, overdue: isOverdue(m) })),
    },
    onboarding: await listOnboarding(db(), inc.application_id),
    mentors: await listMentors(db(), inc.application_id),
    extensions: await listExtensions(db(), inc.application_id),
    candidates: await mentorCandidates(db()),
    comments: await commentsByReport(
      db(),
      inc.application_id,
      inc.reports.map((r) => r.id),
    ),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:application:any");
  const inc = await getIncubatee(db(), params.applicationId ?? "");
  invariantFound(inc);
  const form = await readForm(request);
  const answer = await milestoneIntent(
    ctxOf(request, context, user),
    { id: inc.application_id, company_id: inc.company_id },
    "staff",
    form,
  );
  return answer ?? data({ error: "incubation:errors.refused" }, { status: 400 });
}

export default function Incubatee() {
  const { inc, onboarding, comments, mentors, candidates, extensions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("incubation");
  const keyText = useKeyText();
  const pick = usePick();
  const locale = useLocale();
  const company = pick(inc.company_en, inc.company_zh);
  return (
    <div className="container medium stack">
      <p>
        <Link to="/desk/incubation/cohort">{t("cohort.back")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{pick(inc.programme_en, inc.programme_zh)}</p>
        <h1>{t("cohort.incubatee", { company })}</h1>
        <p>
          {t("cohort.dates")}: {formatDate(inc.start_date, locale)} –{" "}
          {formatDate(inc.planned_end_date, locale)}
          {inc.space ? ` · ${inc.space}` : null}
        </p>
        <p>
          <Link to={`/desk/incubation/applications/${inc.application_id}`}>
            {t("cohort.application")}
          </Link>
        </p>
      </header>
      {actionData?.error ? (
        <p className="notice notice-danger" role="alert">
          {keyText(actionData.error)}
        </p>
      ) : null}
      {inc.outcome ? (
        <>
          <EndedNotice outcome={inc.outcome} endedOn={inc.ended_on} reason={inc.outcome_reason} />
          <Extensions extensions={extensions} />
        </>
      ) : null}
      <section className="card stack" aria-labelledby="onboarding-heading" data-testid="onboarding">
        <h2 id="onboarding-heading">{t("offer.onboarding")}</h2>
        {onboarding.length ? (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {onboarding.map((o) => (
              <li key={o.ref}>
                <Link to={`/desk/requests/${o.ref}`}>
                  {o.ref} · {pick(o.name_en, o.name_zh)}
                </Link>{" "}
                <StateBadge state={o.state as RequestState} staff />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("offer.noOnboarding")}</p>
        )}
      </section>
      <MentorsSection mentors={mentors} candidates={candidates} />
      <MilestonesSection
        applicationId={inc.application_id}
        milestones={inc.milestones}
        side="staff"
        ended={!!inc.outcome}
      />
      <ReportsSection
        applicationId={inc.application_id}
        reports={inc.reports}
        hasForm={!!inc.report_form_id}
        side="staff"
        comments={comments}
      />
      {inc.outcome ? null : (
        <EndIncubation
          company={company}
          plannedEnd={String(inc.planned_end_date)}
          extensions={extensions}
          typed={actionData && "extension" in actionData ? (actionData.extension ?? null) : null}
          error={actionData?.error ?? null}
        />
      )}
    </div>
  );
}
