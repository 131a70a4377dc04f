import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { orHttp } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { readExchangeForm } from "~/projects/exchange-intents.server";
import { Documents, MessageThread } from "~/projects/exchange-ui";
import { listInvestorLinks, staffExchange } from "~/projects/investor.server";
import { getProject } from "~/projects/projects.server";
import { StageBadge } from "~/projects/ui";
import { InvestorAccess } from "./access";
import { runInvestorPageIntent } from "./intents.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.project.reference ?? ""} · Investor · 投资方 | Zizhu Park Portal` },
];

/** The project's side of the investor's view (ADR 0029): access, messages, documents. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const id = params.projectId ?? "";
  const { project, contacts } = await orHttp(getProject(db(), user, id));
  return {
    project: {
      id: project.id,
      reference: project.reference,
      organisation: project.organisation,
      stage: project.stage,
    },
    suggestedEmail: contacts.find((c) => c.email)?.email ?? "",
    links: await listInvestorLinks(db(), user, id),
    ...(await staffExchange(db(), user, id)),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const projectId = params.projectId ?? "";
  await orHttp(getProject(db(), user, projectId));
  const { origin, ip } = requestMeta(request, context);
  return orHttp(
    runInvestorPageIntent(await readExchangeForm(request), { actor: user, projectId, origin, ip }),
  );
}

export default function ProjectInvestorPage() {
  const { project, suggestedEmail, links, documents, messages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("investor");
  const resultOf = (intent: string) => (reply?.intent === intent ? reply.result : null);
  return (
    <div className="container">
      <p>
        <Link to={`/desk/projects/${project.id}`}>← {project.reference}</Link>
      </p>
      <header className="page-header">
        <h1>{t("staff.title", { organisation: project.organisation })}</h1>
        <p className="muted">
          {project.reference} · <StageBadge stage={project.stage} />
        </p>
        <p className="muted">{t("staff.lead")}</p>
      </header>
      <div className="project-layout">
        <div className="stack">
          <MessageThread messages={messages} side="park" lastResult={resultOf("message")} />
        </div>
        <div className="stack">
          <InvestorAccess
            links={links}
            suggestedEmail={suggestedEmail}
            lastResult={resultOf("link")}
          />
          <Documents
            projectId={project.id}
            documents={documents}
            side="park"
            lastResult={resultOf("document")}
          />
        </div>
      </div>
    </div>
  );
}
