import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { orHttp } from "~/lib/http.server";
import { idempotent } from "~/forms/idempotency.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { filterChoices } from "~/projects/list.server";
import { createProject, createProjectFromInquiry, listOwners } from "~/projects/projects.server";
import { projectSchema } from "~/projects/schema";
import { ProjectForm } from "~/projects/ui";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New project · 新建项目 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const { industries } = await filterChoices(db());
  return { owners: await listOwners(db()), industries, me: user.id };
}

/**
 * Two ways in: the form below (intent "create"), and the inquiry page's one-step button
 * (intent "from-inquiry"), which copies the inquiry and links it.
 */
export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const form = await readForm(request);
  const meta = { ip: requestMeta(request, context).ip };
  if (form.get("intent") === "from-inquiry") {
    const inquiryId = String(form.get("inquiryId") ?? "");
    const r = await orHttp(createProjectFromInquiry(db(), user, inquiryId, meta));
    if (!r.ok)
      return redirectWithToast(`/desk/inquiries/${inquiryId}`, {
        type: "error",
        key: "projects:errors.owner",
      });
    return redirectWithToast(`/desk/projects/${r.id}`, {
      type: r.existed ? "info" : "success",
      key: r.existed ? "projects:toast.existed" : "projects:toast.createdFromInquiry",
    });
  }
  const submission = parseForm(form, { schema: projectSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = await orHttp(createProject(db(), user, submission.value, meta));
  if (!r.ok) {
    const field = r.error === "owner" ? "ownerId" : "industryId";
    return data(submission.reply({ fieldErrors: { [field]: [`projects:errors.${r.error}`] } }), {
      status: 422,
    });
  }
  return redirectWithToast(`/desk/projects/${r.id}`, {
    type: "success",
    key: "projects:toast.created",
  });
}

export default function NewProject() {
  const { owners, industries, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("projects");
  return (
    <div className="container medium">
      <p>
        <Link to="/desk/projects">← {t("title")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("create.title")}</h1>
        <p className="lead">{t("create.lead")}</p>
      </header>
      <section className="card">
        <ProjectForm
          mode="create"
          lastResult={lastResult}
          defaultValue={{
            source: "staff",
            ownerId: owners.some((o) => o.id === me) ? me : undefined,
            investmentCurrency: "CNY",
            capitalCurrency: "CNY",
          }}
          owners={owners}
          industries={industries}
          hidden={<input type="hidden" name="intent" value="create" />}
          submitText={t("create.submit")}
          pendingText={t("create.submitting")}
        />
      </section>
    </div>
  );
}
