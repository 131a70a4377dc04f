import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { idempotent } from "~/forms/idempotency.server";
import { isUuid } from "~/lib/ids";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { ArticleForm } from "~/news/article-form";
import { renderMarkdown } from "~/news/markdown.server";
import { getArticleForDesk, listCategories, listTags } from "~/news/news.server";
import { isoMinute } from "~/lib/format";
import { postCover, postForm } from "./intents.server";
import { ConflictNotice, CoverCard, Preview, PublishingCard } from "./parts";
import type { ActionError } from "./reply";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Edit article · 编辑文章 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:news:any");
  const found = await getArticleForDesk(db(), params.articleId ?? "");
  invariantFound(found);
  const preview = new URL(request.url).searchParams.get("preview") === "1";
  const { article } = found;
  return {
    article,
    tagIds: found.tags.map((t) => t.id),
    categories: await listCategories(db()),
    tags: await listTags(db()),
    canPublish: can(user, "publish:news:any"),
    preview: preview
      ? { en: renderMarkdown(article.body_en), zh: renderMarkdown(article.body_zh) }
      : null,
  };
}

/** The cover (multipart) or the article form and its publishing steps (./intents.server). */
export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:news:any");
  const id = params.articleId ?? "";
  // Not an article id at all (a typed URL or a tampered form): 404 before any query.
  invariantFound(isUuid(id));
  const args = { request, user, id, meta: requestMeta(request, context) };
  const isMultipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  return isMultipart ? postCover(args) : postForm(args);
}

export default function EditArticle() {
  const { article, tagIds, categories, tags, canPublish, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("news");
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const actionError =
    actionData && "kind" in actionData && actionData.kind === "actionError"
      ? (actionData as ActionError)
      : null;
  const formResult =
    actionData && !actionError ? (actionData as Exclude<typeof actionData, ActionError>) : null;
  const conflict = !!formResult && "conflict" in formResult;
  const errText = (key: string) => t(key.replace(/^news:/, "") as never) as string;
  const status = article.status as "draft" | "scheduled" | "published" | "archived";
  const title = pick(locale, article.title_en, article.title_zh) || t("desk.untitled");
  return (
    <div className="container">
      <p>
        <Link to="/desk/news">← {t("desk.title")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            <span
              className={`badge${status === "published" ? " badge-success" : status === "scheduled" ? " badge-warning" : " badge-muted"}`}
            >
              {t(`desk.status.${status}`)}
            </span>{" "}
            {status === "scheduled" && article.publish_at
              ? t("desk.scheduledFor", { date: isoMinute(article.publish_at) })
              : null}
            {status === "published" && article.published_at
              ? t("desk.publishedOn", { date: isoMinute(article.published_at) })
              : null}{" "}
            · {t("desk.version", { version: String(article.version) })}
          </p>
        </div>
        <div className="row">
          {searchParams.get("preview") === "1" ? (
            <Link className="button button-secondary" to={`/desk/news/${article.id}`}>
              {t("desk.editTitle")}
            </Link>
          ) : (
            <Link className="button button-secondary" to={`/desk/news/${article.id}?preview=1`}>
              {t("desk.preview")}
            </Link>
          )}
          {status === "published" ? (
            <Link className="button button-secondary" to={`/news/${article.slug}`}>
              {t("desk.viewPublic")}
            </Link>
          ) : null}
        </div>
      </header>

      {actionError ? (
        <p className="notice notice-danger" role="alert">
          {errText(actionError.error)}
        </p>
      ) : null}
      {preview ? <Preview article={article} html={preview} /> : null}
      {conflict ? <ConflictNotice article={article} /> : null}
      {canPublish ? <PublishingCard article={article} actionError={actionError} /> : null}
      <CoverCard article={article} actionError={actionError} />

      <h2>{t("desk.editTitle")}</h2>
      <ArticleForm
        key={article.version}
        lastResult={formResult}
        defaults={{
          titleEn: article.title_en,
          summaryEn: article.summary_en,
          bodyEn: article.body_en,
          titleZh: article.title_zh,
          summaryZh: article.summary_zh,
          bodyZh: article.body_zh,
          categoryId: article.category_id,
          tagIds,
          coverAltEn: article.cover_alt_en,
          coverAltZh: article.cover_alt_zh,
          slug: article.slug,
          version: article.version,
        }}
        categories={categories}
        tags={tags}
        locale={locale}
        slugLocked={!!article.published_at}
        submitLabel={t("desk.saveChanges")}
      />
    </div>
  );
}
