import { parseForm, readForm, readUploadForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { isUuid } from "~/lib/ids";
import { can } from "~/auth/permissions";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { ArticleForm } from "~/news/article-form";
import { renderMarkdown } from "~/news/markdown.server";
import {
  archiveArticle,
  getArticleForDesk,
  listCategories,
  listTags,
  MAX_COVER_BYTES,
  publishArticle,
  scheduleArticle,
  setCover,
  unpublishArticle,
  updateArticle,
} from "~/news/news.server";
import { ARTICLE_FORM_LIMITS, articleSchema, scheduleSchema } from "~/news/schema";
import { isoMinute, parseParkLocalInput, toParkLocalInput } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = () => [{ title: "Edit article · 编辑文章 | Zizhu Park Portal" }];

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

type ActionError = {
  kind: "actionError";
  intent: string;
  error: string;
  fields?: Record<string, string>;
};

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:news:any");
  const id = params.articleId ?? "";
  // Not an article id at all (a typed URL or a tampered form): 404 before any query.
  invariantFound(isUuid(id));
  const meta = requestMeta(request, context);
  const back = `/desk/news/${id}`;
  const isMultipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (isMultipart) {
    const length = Number(request.headers.get("Content-Length") ?? "0");
    if (length > MAX_COVER_BYTES + 64_000)
      return data<ActionError>(
        { kind: "actionError", intent: "cover", error: "news:errors.coverSize" },
        { status: 413 },
      );
    const read = await readUploadForm(request, { maxFileBytes: MAX_COVER_BYTES, maxFiles: 1 });
    if (read.refused)
      return data<ActionError>(
        { kind: "actionError", intent: "cover", error: "news:errors.coverSize" },
        { status: 413 },
      );
    const { form } = read;
    const file = form.get("cover");
    if (!file || typeof file === "string" || file.size === 0)
      return data<ActionError>(
        { kind: "actionError", intent: "cover", error: "news:errors.coverEmpty" },
        { status: 400 },
      );
    const result = await setCover(db(), user, id, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      filename: file.name,
      declaredType: file.type,
    });
    if (!result.ok) {
      invariantFound(result.error !== "notFound");
      const key =
        result.error === "tooLarge"
          ? "news:errors.coverSize"
          : result.error === "empty"
            ? "news:errors.coverEmpty"
            : "news:errors.coverType";
      return data<ActionError>(
        { kind: "actionError", intent: "cover", error: key },
        { status: result.error === "tooLarge" ? 413 : 400 },
      );
    }
    return redirectWithToast(back, { type: "success", key: "news:toast.coverUploaded" });
  }
  const formData = await readForm(request, { limits: ARTICLE_FORM_LIMITS });
  const intent = String(formData.get("intent") ?? "save");
  const version = Number(formData.get("version"));
  const ver = Number.isInteger(version) ? version : null;
  if (intent === "save") {
    const submission = parseForm(formData, { schema: articleSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const result = await updateArticle(
      db(),
      user,
      id,
      submission.value.version ?? -1,
      submission.value,
    );
    if (!result.ok) {
      invariantFound(result.error !== "notFound");
      if (result.error === "conflict")
        return data(
          { ...submission.reply({ formErrors: ["news:desk.conflict"] }), conflict: true },
          { status: 409 },
        );
      return data(submission.reply({ fieldErrors: { slug: [`news:errors.${result.error}`] } }), {
        status: 400,
      });
    }
    return redirectWithToast(back, { type: "success", key: "news:toast.saved" });
  }
  if (!can(user, "publish:news:any")) throw new Response("Forbidden", { status: 403 });
  let result;
  let toast: "published" | "scheduled" | "unpublished" | "archived";
  switch (intent) {
    case "publish":
      result = await publishArticle(db(), user, id, ver, meta.ip);
      toast = "published";
      break;
    case "unpublish":
      result = await unpublishArticle(db(), user, id, ver, meta.ip);
      toast = "unpublished";
      break;
    case "archive":
      result = await archiveArticle(db(), user, id, ver, meta.ip);
      toast = "archived";
      break;
    case "schedule": {
      const submission = parseForm(formData, { schema: scheduleSchema });
      const at =
        submission.status === "success" ? parseParkLocalInput(submission.value.publishAt) : null;
      if (!at)
        return data<ActionError>(
          {
            kind: "actionError",
            intent,
            error: "news:errors.publishAt",
            fields: { publishAt: String(formData.get("publishAt") ?? "") },
          },
          { status: 400 },
        );
      result = await scheduleArticle(db(), user, id, ver, at, meta.ip);
      toast = "scheduled";
      break;
    }
    default:
      return data<ActionError>(
        { kind: "actionError", intent, error: "news:errors.invalidTransition" },
        { status: 400 },
      );
  }
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    const key =
      result.error === "conflict"
        ? "news:desk.conflict"
        : result.error === "pastTime"
          ? "news:errors.publishAt"
          : "news:errors.invalidTransition";
    return data<ActionError>(
      {
        kind: "actionError",
        intent,
        error: key,
        fields: { publishAt: String(formData.get("publishAt") ?? "") },
      },
      { status: result.error === "conflict" ? 409 : 400 },
    );
  }
  return redirectWithToast(back, { type: "success", key: `news:toast.${toast}` });
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

      {preview ? (
        <section className="news-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("desk.previewTitle")}</h2>
          <p className="notice">{t("desk.previewNote")}</p>
          {article.title_en ? (
            <article className="card prose-card" lang="en">
              <h1>{article.title_en}</h1>
              {article.summary_en ? <p className="lead">{article.summary_en}</p> : null}
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.en }} />
            </article>
          ) : null}
          {article.title_zh ? (
            <article className="card prose-card" lang="zh-CN">
              <h1>{article.title_zh}</h1>
              {article.summary_zh ? <p className="lead">{article.summary_zh}</p> : null}
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.zh }} />
            </article>
          ) : null}
        </section>
      ) : null}

      {conflict ? (
        <section className="notice notice-warning" role="alert">
          <p>{t("desk.conflict")}</p>
          <details className="details">
            <summary>{t("desk.theirVersion")}</summary>
            <p>
              <strong>{article.title_en}</strong>
            </p>
            <pre className="news-conflict-text">{article.body_en}</pre>
            <p lang="zh-CN">
              <strong>{article.title_zh}</strong>
            </p>
            <pre className="news-conflict-text">{article.body_zh}</pre>
          </details>
        </section>
      ) : null}

      {canPublish ? (
        <section className="card news-actions" aria-labelledby="publishing-title">
          <h2 id="publishing-title">{t("desk.actions")}</h2>
          <div className="row">
            {status !== "published" ? (
              <Form method="post">
                <input type="hidden" name="version" value={article.version} />
                <SubmitButton name="intent" value="publish">
                  {t("desk.publish")}
                </SubmitButton>
              </Form>
            ) : null}
            {status === "published" || status === "scheduled" ? (
              <Form method="post">
                <input type="hidden" name="version" value={article.version} />
                <SubmitButton name="intent" value="unpublish" className="button button-secondary">
                  {t("desk.unpublish")}
                </SubmitButton>
              </Form>
            ) : null}
            {status !== "archived" ? (
              <Form method="post">
                <input type="hidden" name="version" value={article.version} />
                <SubmitButton name="intent" value="archive" className="button button-secondary">
                  {t("desk.archive")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
          {status !== "published" ? (
            <Form method="post" className="row news-schedule">
              <input type="hidden" name="version" value={article.version} />
              <div className={`field${actionError?.intent === "schedule" ? " has-error" : ""}`}>
                <label htmlFor="publishAt">{t("desk.fields.publishAt")}</label>
                <input
                  id="publishAt"
                  name="publishAt"
                  type="datetime-local"
                  required
                  defaultValue={
                    actionError?.fields?.publishAt ??
                    (article.publish_at ? toParkLocalInput(article.publish_at) : "")
                  }
                  aria-invalid={actionError?.intent === "schedule" || undefined}
                  aria-describedby={
                    actionError?.intent === "schedule" ? "publishAt-error" : undefined
                  }
                />
                {actionError?.intent === "schedule" ? (
                  <div className="field-errors" id="publishAt-error">
                    <p>{errText(actionError.error)}</p>
                  </div>
                ) : null}
              </div>
              <SubmitButton name="intent" value="schedule" className="button button-secondary">
                {t("desk.schedule")}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="card news-cover-form" aria-labelledby="cover-title">
        <h2 id="cover-title">{t("desk.fields.cover")}</h2>
        {article.cover_file_id ? (
          <img
            src={`/news/media/${article.cover_file_id}`}
            alt={pick(locale, article.cover_alt_en, article.cover_alt_zh)}
            width={article.cover_width ?? undefined}
            height={article.cover_height ?? undefined}
            className="news-cover-thumb"
          />
        ) : null}
        <Form method="post" encType="multipart/form-data" className="row">
          <IdempotencyKey />
          <div className={`field${actionError?.intent === "cover" ? " has-error" : ""}`}>
            <label htmlFor="cover">{t("desk.fields.cover")}</label>
            <p className="field-hint">{t("desk.fields.coverHint")}</p>
            <input
              id="cover"
              name="cover"
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
            />
            {actionError?.intent === "cover" ? (
              <div className="field-errors">
                <p>{errText(actionError.error)}</p>
              </div>
            ) : null}
          </div>
          <SubmitButton className="button button-secondary">{t("desk.uploadCover")}</SubmitButton>
        </Form>
      </section>

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
