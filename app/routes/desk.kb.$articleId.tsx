import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { getKbForDesk, kbTaxonomy, setKbStatus, updateKbArticle } from "~/kb/kb.server";
import { KB_FORM_LIMITS, kbArticleSchema } from "~/kb/schema";
import { KbArticleForm, KbStatusBadge } from "~/kb/ui";
import { parseForm, readForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { isUuid } from "~/lib/ids";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { renderMarkdown } from "~/news/markdown.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Edit article · 编辑知识库文章 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:kb_article:any");
  const article = await getKbForDesk(db(), params.articleId ?? "");
  invariantFound(article);
  return {
    article,
    ...(await kbTaxonomy(db())),
    html: { en: renderMarkdown(article.body_en), zh: renderMarkdown(article.body_zh) },
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:kb_article:any");
  const id = params.articleId ?? "";
  invariantFound(isUuid(id));
  const form = await readForm(request, { limits: KB_FORM_LIMITS });
  const intent = String(form.get("intent") ?? "save");
  if (intent === "publish" || intent === "unpublish") {
    const version = Number(form.get("version"));
    const result = await setKbStatus(
      db(),
      user,
      id,
      Number.isInteger(version) ? version : -1,
      intent === "publish" ? "published" : "draft",
    );
    if (!result.ok) {
      invariantFound(result.error !== "notFound");
      return data({ publishError: "conflict" as const }, { status: 409 });
    }
    return redirectWithToast(`/desk/kb/${id}`, {
      type: "success",
      key: intent === "publish" ? "kb:toast.published" : "kb:toast.unpublished",
    });
  }
  const submission = parseForm(form, { schema: kbArticleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updateKbArticle(db(), user, id, submission.value.version ?? -1, {
    ...submission.value,
  });
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    return data(
      submission.reply(
        result.error === "slug"
          ? { fieldErrors: { slug: ["kb:errors.slug"] } }
          : { formErrors: ["kb:errors.conflict"] },
      ),
      { status: statusOf(result) },
    );
  }
  return redirectWithToast(`/desk/kb/${id}`, { type: "success", key: "kb:toast.saved" });
}

export default function EditKbArticle() {
  const { article, categories, types, html } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("kb");
  const locale = useLocale();
  const published = article.status === "published";
  return (
    <div className="container">
      <p>
        <Link to="/desk/kb">← {t("desk.back")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{pick(locale, article.title_en, article.title_zh)}</h1>
          <p className="muted">
            <KbStatusBadge status={article.status} />{" "}
            {article.source_ref ? (
              <>
                {t("desk.fromRequest", { ref: article.source_ref })}{" "}
                <Link to={`/desk/requests/${article.source_ref}`}>{article.source_ref}</Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="row">
          {published ? (
            <Link className="button button-secondary" to={`/help/${article.slug}`}>
              {t("desk.view")}
            </Link>
          ) : null}
          <Form method="post">
            <input type="hidden" name="version" value={article.version} />
            <button
              type="submit"
              name="intent"
              value={published ? "unpublish" : "publish"}
              className={published ? "button button-secondary" : "button"}
            >
              {t(published ? "desk.unpublish" : "desk.publish")}
            </button>
          </Form>
        </div>
      </header>
      <KbArticleForm
        key={article.version}
        lastResult={actionData && !("publishError" in actionData) ? actionData : null}
        defaults={{
          titleEn: article.title_en,
          titleZh: article.title_zh,
          bodyEn: article.body_en,
          bodyZh: article.body_zh,
          categoryId: article.category_id,
          typeId: article.type_id,
          slug: article.slug,
          version: article.version,
        }}
        categories={categories}
        types={types}
        locale={locale}
        slugLocked={published}
      />
      {actionData && "publishError" in actionData ? (
        <p className="notice notice-danger" role="alert">
          {t("errors.conflict")}
        </p>
      ) : null}
      <section className="section" aria-labelledby="kb-preview">
        <h2 id="kb-preview">{t("desk.view")}</h2>
        <div className="news-editor-langs">
          <article className="card prose" lang="en" dangerouslySetInnerHTML={{ __html: html.en }} />
          <article
            className="card prose"
            lang="zh-CN"
            dangerouslySetInnerHTML={{ __html: html.zh }}
          />
        </div>
      </section>
    </div>
  );
}
