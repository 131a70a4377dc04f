import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { listStaff, listTeams } from "~/service-requests/catalogue.server";
import { SnippetForm } from "~/service-requests/snippet-ui";
import { SNIPPET_FORM_LIMITS, snippetSchema } from "~/service-requests/snippets";
import { deleteSnippet, getSnippet, updateSnippet } from "~/service-requests/snippets.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Canned reply · 常用回复 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const snippet = await getSnippet(db(), user, params.snippetId ?? "");
  invariantFound(snippet);
  const { confirm = false } = parseQuery(request, { confirm: field.flag() });
  const [teams, staff] = [await listTeams(db()), await listStaff(db())];
  return {
    snippet,
    confirm,
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    staff: staff.map(({ id, name }) => ({ id, name })),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const id = params.snippetId ?? "";
  const form = await readForm(request, { limits: SNIPPET_FORM_LIMITS });
  if (form.get("intent") === "delete") {
    const removed = await deleteSnippet(db(), user, id);
    if (!removed.ok) throwIfMissing(removed);
    return redirectWithToast("/desk/snippets", { type: "success", key: "snippets:toast.deleted" });
  }
  const submission = parseForm(form, { schema: snippetSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updateSnippet(db(), user, id, submission.value);
  if (!result.ok) {
    throwIfMissing(result);
    return data(submission.reply({ formErrors: [`snippets:errors.${result.error}`] }), {
      status: result.error === "conflict" ? 409 : 400,
    });
  }
  return redirectWithToast("/desk/snippets", { type: "success", key: "snippets:toast.updated" });
}

export default function EditSnippet() {
  const { snippet: s, confirm, teams, staff } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("snippets");
  const locale = useLocale();
  if (confirm)
    return (
      <div className="container">
        <h1>{t("removeTitle", { title: s.title })}</h1>
        <p>{t("removeBody")}</p>
        <Form method="post" className="actions">
          <IdempotencyKey />
          <SubmitButton name="intent" value="delete" className="button button-danger">
            {t("removeConfirm")}
          </SubmitButton>{" "}
          <Link to={`/desk/snippets/${s.id}`} className="button button-secondary">
            {t("cancel")}
          </Link>
        </Form>
      </div>
    );
  return (
    <div className="container">
      <p>
        <Link to="/desk/snippets">← {t("back")}</Link>
      </p>
      <header className="page-header spread">
        <h1>{t("edit")}</h1>
        <Link to={`/desk/snippets/${s.id}?confirm=1`} className="button button-secondary">
          {t("remove")}
        </Link>
      </header>
      <SnippetForm
        key={s.version}
        lastResult={lastResult}
        defaults={{
          title: s.title,
          bodyEn: s.body_en,
          bodyZh: s.body_zh,
          shared: s.owner_id ? "no" : "yes",
          setState: s.set_state,
          setPriority: s.set_priority,
          setTeamId: s.set_team_id,
          setAssigneeId: s.set_assignee_id,
          version: s.version,
        }}
        teams={teams}
        staff={staff}
        locale={locale}
      />
    </div>
  );
}
