import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { readForm, parseForm } from "~/lib/form.server";
import { orHttp, statusOf } from "~/lib/http.server";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { listInvestorLinks } from "~/projects/investor.server";
import { findCompanies, landingOf, landProject, LANDING_STAGES } from "~/projects/landing.server";
import { landingSchema } from "~/projects/landing-schema";
import { getProject } from "~/projects/projects.server";
import { StageBadge } from "~/projects/ui";
import { CreateCompanyForm, LinkCompanyForm, type LandingReply } from "./forms";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.project.reference ?? ""} · Landing · 落地 | Zizhu Park Portal` },
];

/**
 * Landing a registered project (ADR 0029): create its company or link one, make it a resident,
 * invite the investor's contact as owner. After landing, the page shows the company.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const id = params.projectId ?? "";
  const { project, contacts } = await orHttp(getProject(db(), user, id));
  const canEdit = can(user, "update:project:any");
  const q = parseQuery(request, { q: field.text(100) }).q ?? "";
  const links = await listInvestorLinks(db(), user, id);
  return {
    project: {
      id: project.id,
      reference: project.reference,
      organisation: project.organisation,
      stage: project.stage,
    },
    landing: await landingOf(db(), id),
    canLand: canEdit && LANDING_STAGES.includes(project.stage),
    q,
    matches: canEdit && q ? await findCompanies(db(), user, q) : [],
    ownerEmail:
      links.find((l) => l.state === "linked")?.email ?? contacts.find((c) => c.email)?.email ?? "",
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const id = params.projectId ?? "";
  await orHttp(getProject(db(), user, id));
  const form = await readForm(request);
  const s = parseForm(form, { schema: landingSchema });
  if (s.status !== "success") {
    const mode = form.get("mode");
    return data<LandingReply>(
      { mode: mode === "link" || mode === "create" ? mode : "none", result: s.reply() },
      { status: 400 },
    );
  }
  const r = await orHttp(landProject(db(), user, id, s.value, requestMeta(request, context)));
  if (!r.ok)
    return data<LandingReply>(
      {
        mode: s.value.mode,
        result: s.reply({ formErrors: [`investor:landing.errors.${r.error}`] }),
      },
      { status: statusOf(r) },
    );
  return redirectWithToast(`/desk/projects/${id}/landing`, {
    type: "success",
    key: `investor:landing.toast.${r.owner}`,
  });
}

export default function LandingPage() {
  const { project, landing, canLand, q, matches, ownerEmail } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("investor");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to={`/desk/projects/${project.id}`}>← {project.reference}</Link>
      </p>
      <header className="page-header">
        <h1>{t("landing.title", { organisation: project.organisation })}</h1>
        <p className="muted">
          {project.reference} · <StageBadge stage={project.stage} />
        </p>
        <p className="muted">{t("landing.lead")}</p>
      </header>
      {landing ? (
        <section className="card" aria-labelledby="landed-title" data-testid="landing-done">
          <h2 id="landed-title">{t("landing.done")}</h2>
          <dl className="details">
            <dt>{t("landing.company")}</dt>
            <dd>{pick(locale, landing.name_en, landing.name_zh)}</dd>
            <dt>{t("landing.how")}</dt>
            <dd>{landing.created_company ? t("landing.created") : t("landing.linked")}</dd>
            <dt>{t("landing.when")}</dt>
            <dd>
              {formatDate(landing.landed_at, locale)}
              {landing.landed_by_name ? ` · ${landing.landed_by_name}` : ""}
            </dd>
            <dt>{t("landing.residency")}</dt>
            <dd>{landing.is_resident ? t("landing.resident") : t("landing.notResident")}</dd>
          </dl>
        </section>
      ) : !canLand ? (
        <p className="card notice notice-info">{t("landing.notYet")}</p>
      ) : (
        <div className="project-layout">
          <CreateCompanyForm
            organisation={project.organisation}
            ownerEmail={ownerEmail}
            lastResult={reply?.mode === "create" ? reply.result : null}
          />
          <section className="card stack" aria-labelledby="link-title">
            <h2 id="link-title">{t("landing.linkTitle")}</h2>
            <Form method="get" className="form-stack" role="search">
              <div className="field">
                <label htmlFor="company-q">{t("landing.search")}</label>
                <input id="company-q" name="q" type="search" defaultValue={q} />
              </div>
              <button type="submit" className="button button-secondary">
                {t("landing.find")}
              </button>
            </Form>
            {q ? (
              <LinkCompanyForm
                matches={matches}
                ownerEmail={ownerEmail}
                lastResult={reply?.mode === "link" ? reply.result : null}
              />
            ) : null}
          </section>
        </div>
      )}
    </div>
  );
}
