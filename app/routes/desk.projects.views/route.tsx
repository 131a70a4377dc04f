/**
 * Saved views of the project table (issue 13, ADR 0047): one's own views (rename, share,
 * delete behind a confirmation) and those others share. The table's save form posts here too;
 * a refused save shows its form here with what was typed.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { orHttp } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { filterChoices } from "~/projects/list.server";
import { listOwners } from "~/projects/projects.server";
import { VIEW_NAME_MAX, viewSchema } from "~/projects/view-schema";
import {
  deleteProjectView,
  listProjectViews,
  renameProjectView,
  saveProjectView,
  viewQuery,
} from "~/projects/views.server";
import { useFilterWords, ViewRow, type ViewReply } from "./view-row";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Saved views · 已保存的视图 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const { industries } = await filterChoices(db(), { countries: false });
  return {
    views: await listProjectViews(db(), user),
    owners: await listOwners(db()),
    industries,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const form = await readForm(request);
  const meta = { ip: requestMeta(request, context).ip };
  const intent = form.get("intent");
  const viewId = String(form.get("viewId") ?? "");
  if (intent === "delete") {
    await orHttp(deleteProjectView(db(), user, viewId, meta));
    return redirectWithToast("/desk/projects/views", {
      type: "success",
      key: "projects:views.toast.deleted",
    });
  }
  if (intent !== "save" && intent !== "rename")
    return data({ error: "projects:errors.unknownIntent" }, { status: 400 });
  const typed: Omit<ViewReply, "error"> = {
    intent,
    viewId: intent === "rename" ? viewId : undefined,
    name: String(form.get("name") ?? "").slice(0, 200),
    shared: form.get("shared") === "on",
    query:
      intent === "save"
        ? viewQuery(new URLSearchParams(String(form.get("query") ?? "")))
        : undefined,
  };
  const submission = parseForm(form, { schema: viewSchema });
  if (submission.status !== "success") {
    const error = Object.values(submission.error ?? {}).flat()[0] ?? "projects:views.errors.name";
    return data<ViewReply>({ ...typed, error: String(error) }, { status: 400 });
  }
  if (intent === "save") {
    const query = new URLSearchParams(typed.query);
    const r = await orHttp(saveProjectView(db(), user, submission.value, query, meta));
    if (!r.ok)
      return data<ViewReply>(
        { ...typed, error: `projects:views.errors.${r.error}` },
        { status: r.error === "duplicate" ? 409 : 422 },
      );
    return redirectWithToast(`/desk/projects${typed.query ? `?${typed.query}` : ""}`, {
      type: "success",
      key: "projects:views.toast.saved",
    });
  }
  const r = await orHttp(renameProjectView(db(), user, viewId, submission.value, meta));
  if (!r.ok)
    return data<ViewReply>({ ...typed, error: "projects:views.errors.duplicate" }, { status: 409 });
  return redirectWithToast("/desk/projects/views", {
    type: "success",
    key: "projects:views.toast.renamed",
  });
}

export default function SavedViewsPage() {
  const { views, owners, industries } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("projects");
  const errorText = useErrorText();
  const words = useFilterWords({ owners, industries });
  const failedSave = reply && "intent" in reply && reply.intent === "save" ? reply : undefined;
  const mine = views.filter((v) => v.mine);
  const theirs = views.filter((v) => !v.mine);
  return (
    <div className="container medium">
      <p>
        <Link to="/desk/projects">← {t("views.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("views.title")}</h1>
        <p className="lead">{t("views.lead")}</p>
      </header>
      {failedSave ? (
        <section className="card notice-warning" aria-labelledby="save-failed">
          <h2 id="save-failed">{t("views.saveFailed")}</h2>
          <p className="muted">
            {t("views.filters")}: {words(failedSave.query ?? "")}
          </p>
          <Form method="post" className="stack">
            <IdempotencyKey />
            <input type="hidden" name="query" value={failedSave.query ?? ""} />
            <div className="field">
              <label htmlFor="save-name">{t("views.name")}</label>
              <input
                id="save-name"
                name="name"
                required
                maxLength={VIEW_NAME_MAX}
                defaultValue={failedSave.name}
                aria-invalid
                aria-describedby="save-name-error"
              />
              <div id="save-name-error" className="field-errors" role="alert">
                <p>{errorText(failedSave.error)}</p>
              </div>
            </div>
            <label className="checkbox">
              <input type="checkbox" name="shared" defaultChecked={failedSave.shared} />{" "}
              {t("views.share")}
            </label>
            <button type="submit" name="intent" value="save" className="button">
              {t("views.saveButton")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="section" aria-labelledby="views-mine">
        <h2 id="views-mine">{t("views.mine")}</h2>
        {mine.length ? (
          <ul className="stack project-views-list">
            {mine.map((v) => (
              <ViewRow
                key={v.id}
                view={v}
                words={words(v.query)}
                reply={reply && "intent" in reply ? reply : undefined}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("views.noneMine")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="views-theirs">
        <h2 id="views-theirs">{t("views.theirs")}</h2>
        {theirs.length ? (
          <ul className="stack project-views-list">
            {theirs.map((v) => (
              <ViewRow key={v.id} view={v} words={words(v.query)} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("views.noneTheirs")}</p>
        )}
      </section>
    </div>
  );
}
