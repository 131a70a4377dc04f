import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { ArticleForm } from "~/news/article-form";
import { createArticle, listCategories, listTags } from "~/news/news.server";
import { ARTICLE_FORM_LIMITS, articleSchema } from "~/news/schema";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New article · 新建文章 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:news:any");
  return { categories: await listCategories(db()), tags: await listTags(db()) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:news:any");
  const formData = await readForm(request, { limits: ARTICLE_FORM_LIMITS });
  const submission = parseForm(formData, { schema: articleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createArticle(db(), user, submission.value);
  return redirectWithToast(`/desk/news/${created.id}`, {
    type: "success",
    key: "news:toast.created",
  });
}

export default function NewArticle() {
  const { categories, tags } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("news");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to="/desk/news">← {t("desk.title")}</Link>
      </p>
      <h1>{t("desk.newTitle")}</h1>
      <ArticleForm
        lastResult={lastResult}
        defaults={{}}
        categories={categories}
        tags={tags}
        locale={locale}
        slugLocked={false}
        submitLabel={t("desk.save")}
      />
    </div>
  );
}
