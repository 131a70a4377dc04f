import { Form, type useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { toParkLocalInput } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { ActionError } from "./reply";
import type { loader } from "./route";

type Article = ReturnType<typeof useLoaderData<typeof loader>>["article"];
type Status = "draft" | "scheduled" | "published" | "archived";
type CardProps = { article: Article; actionError: ActionError | null };

function useErrText() {
  const { t } = useTranslation("news");
  return (key: string) => t(key.replace(/^news:/, "") as never) as string;
}

/** Both language versions rendered as the public page will show them. */
export function Preview({ article, html }: { article: Article; html: { en: string; zh: string } }) {
  const { t } = useTranslation("news");
  return (
    <section className="news-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("desk.previewTitle")}</h2>
      <p className="notice">{t("desk.previewNote")}</p>
      {article.title_en ? (
        <article className="card prose-card" lang="en">
          <h1>{article.title_en}</h1>
          {article.summary_en ? <p className="lead">{article.summary_en}</p> : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: html.en }} />
        </article>
      ) : null}
      {article.title_zh ? (
        <article className="card prose-card" lang="zh-CN">
          <h1>{article.title_zh}</h1>
          {article.summary_zh ? <p className="lead">{article.summary_zh}</p> : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: html.zh }} />
        </article>
      ) : null}
    </section>
  );
}

/** A save that lost to someone else's: their version, to copy from. */
export function ConflictNotice({ article }: { article: Article }) {
  const { t } = useTranslation("news");
  return (
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
  );
}

function StepButton({
  version,
  intent,
  label,
  secondary,
}: {
  version: number;
  intent: string;
  label: string;
  secondary?: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="version" value={version} />
      <SubmitButton
        name="intent"
        value={intent}
        className={secondary ? "button button-secondary" : undefined}
      >
        {label}
      </SubmitButton>
    </Form>
  );
}

/** Publish, unpublish, archive, and schedule for a time in Shanghai (publishers only). */
export function PublishingCard({ article, actionError }: CardProps) {
  const { t } = useTranslation("news");
  const errText = useErrText();
  const status = article.status as Status;
  const scheduleError = actionError?.intent === "schedule";
  return (
    <section className="card news-actions" aria-labelledby="publishing-title">
      <h2 id="publishing-title">{t("desk.actions")}</h2>
      <div className="row">
        {status !== "published" ? (
          <StepButton version={article.version} intent="publish" label={t("desk.publish")} />
        ) : null}
        {status === "published" || status === "scheduled" ? (
          <StepButton
            version={article.version}
            intent="unpublish"
            label={t("desk.unpublish")}
            secondary
          />
        ) : null}
        {status !== "archived" ? (
          <StepButton
            version={article.version}
            intent="archive"
            label={t("desk.archive")}
            secondary
          />
        ) : null}
      </div>
      {status !== "published" ? (
        <Form method="post" className="row news-schedule">
          <input type="hidden" name="version" value={article.version} />
          <div className={`field${scheduleError ? " has-error" : ""}`}>
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
              aria-invalid={scheduleError || undefined}
              aria-describedby={scheduleError ? "publishAt-error" : undefined}
            />
            {scheduleError ? (
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
  );
}

/** The cover image and its upload form (multipart; checked by content on the server). */
export function CoverCard({ article, actionError }: CardProps) {
  const { t } = useTranslation("news");
  const errText = useErrText();
  const locale = useLocale();
  const coverError = actionError?.intent === "cover";
  return (
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
        <div className={`field${coverError ? " has-error" : ""}`}>
          <label htmlFor="cover">{t("desk.fields.cover")}</label>
          <p className="field-hint">{t("desk.fields.coverHint")}</p>
          <input
            id="cover"
            name="cover"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
          />
          {coverError ? (
            <div className="field-errors">
              <p>{errText(actionError.error)}</p>
            </div>
          ) : null}
        </div>
        <SubmitButton className="button button-secondary">{t("desk.uploadCover")}</SubmitButton>
      </Form>
    </section>
  );
}
