import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { listStaff, listTeams } from "~/service-requests/catalogue.server";
import { SnippetForm } from "~/service-requests/snippet-ui";
import { SNIPPET_FORM_LIMITS, snippetSchema } from "~/service-requests/snippets";
import { createSnippet } from "~/service-requests/snippets.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New canned reply · 新建常用回复 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:service_request:any");
  const [teams, staff] = [await listTeams(db()), await listStaff(db())];
  return {
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    staff: staff.map(({ id, name }) => ({ id, name })),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const form = await readForm(request, { limits: SNIPPET_FORM_LIMITS });
  const submission = parseForm(form, { schema: snippetSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createSnippet(db(), user, submission.value);
  if (!result.ok)
    return data(submission.reply({ formErrors: [`snippets:errors.${result.error}`] }), {
      status: 400,
    });
  return redirectWithToast("/desk/snippets", { type: "success", key: "snippets:toast.created" });
}

export default function NewSnippet() {
  const { teams, staff } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("snippets");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to="/desk/snippets">← {t("back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <SnippetForm
        lastResult={lastResult}
        defaults={{}}
        teams={teams}
        staff={staff}
        locale={locale}
      />
    </div>
  );
}
