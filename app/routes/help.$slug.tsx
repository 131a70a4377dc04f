import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUser, invariantFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { giveFeedback, readFeedback, type FeedbackKind } from "~/kb/feedback.server";
import { getPublishedKb, recordKbEvents } from "~/kb/kb.server";
import { isoDay } from "~/lib/format";
import { readForm } from "~/lib/form.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { markdownToText, renderMarkdown } from "~/news/markdown.server";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "kb"] };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.title} | Zizhu Park Portal` },
        { name: "description", content: data.description },
      ]
    : [{ title: "Help centre · 帮助中心 | Zizhu Park Portal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request, user?.locale);
  const a = await getPublishedKb(db(), params.slug ?? "");
  invariantFound(a);
  const given = await readFeedback(request.headers.get("Cookie"));
  const zh = locale === "zh-CN";
  // The reader's language when the article has it, else the other one (marked with lang).
  const useZh = zh ? !!(a.title_zh || a.body_zh) : !(a.title_en || a.body_en);
  const body = useZh ? a.body_zh || a.body_en : a.body_en || a.body_zh;
  return {
    id: a.id,
    slug: a.slug,
    title: pick(locale, a.title_en, a.title_zh),
    lang: useZh === zh ? null : useZh ? "zh-CN" : "en",
    html: renderMarkdown(body),
    description: markdownToText(body, 160),
    category: a.category_en ? pick(locale, a.category_en, a.category_zh ?? "") : null,
    updatedAt: a.updated_at,
    fromSuggestion: new URL(request.url).searchParams.get("from") === "suggestion",
    voted: given.includes(`v:${a.id}`),
    solved: given.includes(`s:${a.id}`),
    signedIn: !!user,
  };
}

const KINDS: readonly FeedbackKind[] = ["helpful-yes", "helpful-no", "solved"];

/** Opened from a suggestion on the new-request page (a form posting here in a new tab). */
async function opened(articleId: string, slug: string) {
  await recordKbEvents(db(), [articleId], "opened");
  return redirect(`/help/${slug}?from=suggestion`, 303);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const a = await getPublishedKb(db(), params.slug ?? "");
  invariantFound(a);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const kind = KINDS.find((k) => k === intent);
  const back = `/help/${a.slug}`;
  if (intent === "opened") return opened(a.id, a.slug);
  if (!kind) return redirect(back, 303);
  const setCookie = await giveFeedback(
    db(),
    a.id,
    kind,
    request.headers.get("Cookie"),
    requestMeta(request, context).ip,
  );
  const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
  if (kind === "solved") {
    const user = await getUser(request);
    return redirectWithToast(
      user?.company ? "/requests" : back,
      { type: "success", key: "kb:toast.solved" },
      { headers },
    );
  }
  return redirectWithToast(back, { type: "success", key: "kb:toast.voted" }, { headers });
}

export default function HelpArticle() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("kb");
  return (
    <div className="container medium">
      <p>
        <Link to="/help">← {t("help.back")}</Link>
      </p>
      <article className="card kb-article" lang={d.lang ?? undefined}>
        <header>
          <h1>{d.title}</h1>
          <p className="muted">
            {d.category ? `${d.category} · ` : ""}
            {t("help.updated", { date: isoDay(d.updatedAt) })}
          </p>
        </header>
        <div className="prose" dangerouslySetInnerHTML={{ __html: d.html }} />
      </article>
      {d.fromSuggestion && d.signedIn && !d.solved ? (
        <section className="card kb-solved" aria-labelledby="kb-solved-q">
          <h2 id="kb-solved-q">{t("article.solvedQuestion")}</h2>
          <p>{t("article.solvedLead")}</p>
          <Form method="post" className="row">
            <button type="submit" name="intent" value="solved" className="button">
              {t("article.solved")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card kb-feedback" aria-labelledby={d.voted ? undefined : "kb-helpful-q"}>
        {d.voted ? (
          <p role="status">{t("article.thanks")}</p>
        ) : (
          <Form method="post">
            <h2 id="kb-helpful-q">{t("article.helpfulQuestion")}</h2>
            <div className="row">
              <button
                type="submit"
                name="intent"
                value="helpful-yes"
                className="button button-secondary"
              >
                {t("article.yes")}
              </button>
              <button
                type="submit"
                name="intent"
                value="helpful-no"
                className="button button-secondary"
              >
                {t("article.no")}
              </button>
            </div>
          </Form>
        )}
      </section>
      <p>
        <strong>{t("help.stillNeed")}</strong>{" "}
        <Link to="/requests/new">{t("help.fileRequest")}</Link>
      </p>
    </div>
  );
}
