import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { orHttp } from "~/lib/http.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { readExchangeForm, runExchangeIntent } from "~/projects/exchange-intents.server";
import { Documents, MessageThread } from "~/projects/exchange-ui";
import { investorProjectView } from "~/projects/investor.server";
import { InvestorStage, InvestorSteps } from "~/projects/investor-ui";
import { useProjectLabels } from "~/projects/ui";
import { OfferedUnits, Visits } from "./space";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.project.reference ?? ""} · My projects · 我的项目 | Zizhu Park Portal` },
];

/**
 * A project as its investor sees it (ADR 0029). Only an account linked to the project gets it;
 * anyone else, staff included, gets 404 (staff work on /desk/projects/$projectId). The loader
 * returns the investor's view only: no notes, no history.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orHttp(investorProjectView(db(), user.id, params.projectId ?? ""));
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const projectId = params.projectId ?? "";
  await orHttp(investorProjectView(db(), user.id, projectId));
  const { origin, ip } = requestMeta(request, context);
  return orHttp(
    runExchangeIntent(await readExchangeForm(request), {
      actor: user,
      projectId,
      asInvestor: true,
      origin,
      ip,
      back: `/projects/${projectId}`,
    }),
  );
}

export default function InvestorProject() {
  const { project, visits, units, documents, messages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("investor");
  const l = useProjectLabels();
  const locale = useLocale();
  const industry = project.industry_en
    ? pick(locale, project.industry_en, project.industry_zh ?? project.industry_en)
    : "";
  return (
    <div className="container">
      <p>
        <Link to="/projects">← {t("list.title")}</Link>
      </p>
      <header className="page-header">
        <h1>{project.organisation}</h1>
        <p className="muted">
          {[project.reference, industry, l.plan(project.plan_kind)].filter(Boolean).join(" · ")}
        </p>
      </header>
      <div className="project-layout">
        <div className="stack">
          <section className="card" aria-labelledby="stage-title">
            <h2 id="stage-title">{t("detail.where")}</h2>
            <InvestorStage stage={project.stage} />
            <InvestorSteps stage={project.stopped_stage ?? project.stage} />
          </section>
          <Visits projectId={project.id} visits={visits} />
          <OfferedUnits units={units} />
          <MessageThread
            messages={messages}
            side="investor"
            lastResult={reply?.intent === "message" ? reply.result : null}
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
            {project.owner_name ? (
              <p>
                {t("detail.contact")}: <strong>{project.owner_name}</strong>
              </p>
            ) : null}
          </section>
          <Documents
            projectId={project.id}
            documents={documents}
            side="investor"
            lastResult={reply?.intent === "document" ? reply.result : null}
          />
        </div>
      </div>
    </div>
  );
}
