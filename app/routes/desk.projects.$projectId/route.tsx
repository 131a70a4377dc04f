import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { orHttp } from "~/lib/http.server";
import { idempotent } from "~/forms/idempotency.server";
import { requestMeta } from "~/lib/request.server";
import { filterChoices } from "~/projects/list.server";
import { isCurrency, minorToInput } from "~/projects/money";
import { flagsOf } from "~/projects/pipeline";
import { getProject, listOwners } from "~/projects/projects.server";
import { FlagBadges, ProjectForm, StageBadge, useProjectLabels } from "~/projects/ui";
import { projectSpace } from "~/projects/holds.server";
import { ProjectHistory } from "./history";
import { isProjectIntent, runProjectIntent, type ProjectReply } from "./intents.server";
import { isSpaceIntent, runSpaceIntent } from "./space-intents.server";
import { isVisitIntent, runVisitIntent } from "./visit-intents.server";
import { isVisitReply, ProjectVisits } from "~/projects/visits-ui";
import { listHosts, listVisits } from "~/projects/visits.server";
import { isSpaceReply, ProjectSpace } from "~/projects/project-space";
import { ProjectSummary } from "./summary";
import { Tranches } from "./tranches";
import { NextStepForm, StageForm } from "./workflow";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => [
  {
    title: pageTitle(
      matches,
      `${d?.project.reference ?? ""} · Projects · 招商项目 | Zizhu Park Portal`,
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const found = await orHttp(getProject(db(), user, params.projectId ?? ""));
  const { industries } = await filterChoices(db());
  return {
    ...found,
    flags: flagsOf(found.project, new Date(), env().PROJECT_STALE_DAYS),
    owners: await listOwners(db()),
    industries,
    canEdit: can(user, "update:project:any"),
    space: await projectSpace(db(), user, found.project.id),
    visits: await listVisits(db(), user, found.project.id),
    hosts: await listHosts(db()),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const form = await readForm(request);
  const intent = form.get("intent");
  const id = params.projectId ?? "";
  const ip = requestMeta(request, context).ip;
  if (isSpaceIntent(intent)) {
    await orHttp(getProject(db(), user, id));
    return orHttp(runSpaceIntent(intent, { user, id, form, ip }));
  }
  if (isVisitIntent(intent)) {
    await orHttp(getProject(db(), user, id));
    return orHttp(runVisitIntent(intent, { user, id, form, ip }));
  }
  if (!isProjectIntent(intent)) {
    await orHttp(getProject(db(), user, id));
    return data<ProjectReply>({ intent: "none", result: null }, { status: 400 });
  }
  return orHttp(runProjectIntent(intent, { user, id, form, ip }));
}

/** The project's values as the edit form's fields. */
function formValues(p: ReturnType<typeof useLoaderData<typeof loader>>["project"]) {
  const money = (minor: number | null, currency: string | null) =>
    minor !== null && isCurrency(currency) ? minorToInput(minor, currency) : "";
  const text = (v: number | null) => (v === null ? "" : String(v));
  return {
    organisation: p.organisation,
    country: p.country ?? "",
    parentGroup: p.parent_group,
    industryId: p.industry_id ?? "",
    planKind: p.plan_kind ?? "",
    investmentAmount: money(p.investment_minor, p.investment_currency),
    investmentCurrency: p.investment_currency ?? "CNY",
    capitalAmount: money(p.capital_minor, p.capital_currency),
    capitalCurrency: p.capital_currency ?? "CNY",
    jobsPlanned: text(p.jobs_planned),
    spaceType: p.space_type ?? "",
    areaMin: text(p.area_min_m2),
    areaMax: text(p.area_max_m2),
    moveInOn: p.move_in_on ?? "",
    specialNeeds: p.special_needs,
    source: p.source,
    ownerId: p.owner_id ?? "",
    notes: p.notes,
  };
}

export default function ProjectPage() {
  const {
    project,
    contacts,
    tranches,
    events,
    flags,
    owners,
    industries,
    canEdit,
    space,
    visits,
    hosts,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("projects");
  const { t: tInvestor } = useTranslation("investor");
  const l = useProjectLabels();
  const editReply = reply?.intent === "edit" ? reply.result : null;
  const spaceReply = isSpaceReply(reply) ? reply : undefined;
  return (
    <div className="container">
      <p>
        <Link to="/desk/projects">← {t("title")}</Link> ·{" "}
        <Link to="/desk/projects/board">{t("board")}</Link> ·{" "}
        <Link to={`/desk/projects/${project.id}/investor`}>{tInvestor("staff.open")}</Link> ·{" "}
        <Link to={`/desk/projects/${project.id}/landing`}>{tInvestor("landing.open")}</Link>
      </p>
      <header className="page-header">
        <h1>{project.organisation}</h1>
        <p className="muted">
          {project.reference} · <StageBadge stage={project.stage} />{" "}
          {project.stopped_stage
            ? t("detail.stoppedAt", { stage: l.stage(project.stopped_stage) })
            : null}{" "}
          <FlagBadges flags={flags} />
        </p>
        {project.lost_reason ? (
          <p className="notice notice-danger">
            {t("detail.lostReason")}: {project.lost_reason}
          </p>
        ) : null}
      </header>
      <div className="project-layout">
        <div className="stack">
          <ProjectSummary project={project} contacts={contacts} />
          {canEdit ? (
            <details className="card project-edit" open={!!editReply}>
              <summary>{t("detail.edit")}</summary>
              <ProjectForm
                mode="edit"
                lastResult={editReply}
                defaultValue={{ ...formValues(project), contacts }}
                owners={owners}
                industries={industries}
                hidden={
                  <>
                    <input type="hidden" name="intent" value="edit" />
                    <input type="hidden" name="version" value={project.version} />
                  </>
                }
                submitText={t("detail.save")}
                pendingText={t("detail.saving")}
              />
            </details>
          ) : null}
          <Tranches
            tranches={tranches}
            currency={project.investment_currency ?? "CNY"}
            reply={canEdit ? reply : undefined}
          />
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="next-title">
            <h2 id="next-title">{t("detail.nextStep")}</h2>
            {project.next_step ? (
              <p>
                {project.next_step}
                {project.next_step_due ? (
                  <span className="muted">
                    {" "}
                    · {t("detail.due", { date: project.next_step_due })}
                  </span>
                ) : null}
              </p>
            ) : (
              <p className="muted">{t("detail.noNextStep")}</p>
            )}
            {canEdit ? <NextStepForm project={project} reply={reply} /> : null}
          </section>
          <section className="card" aria-labelledby="stage-title">
            <h2 id="stage-title">{t("detail.changeStage")}</h2>
            {canEdit ? <StageForm project={project} reply={reply} /> : null}
          </section>
        </div>
      </div>
      <ProjectVisits
        projectId={project.id}
        visits={visits}
        hosts={hosts}
        offeredUnits={space.offers.map((o) => ({
          id: o.id,
          building: o.building,
          unit_no: o.unit_no,
        }))}
        contactEmails={contacts.map((c) => c.email).filter(Boolean)}
        canEdit={canEdit}
        reply={isVisitReply(reply) ? reply : undefined}
      />
      <ProjectSpace space={space} stage={project.stage} reply={spaceReply} canEdit={canEdit} />
      <ProjectHistory events={events} />
    </div>
  );
}
