import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { createKbArticle, kbTaxonomy } from "~/kb/kb.server";
import { KB_FORM_LIMITS, kbArticleSchema } from "~/kb/schema";
import { KbArticleForm } from "~/kb/ui";
import { parseForm, readForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New article · 新建知识库文章 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:kb_article:any");
  return kbTaxonomy(db());
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:kb_article:any");
  const form = await readForm(request, { limits: KB_FORM_LIMITS });
  const submission = parseForm(form, { schema: kbArticleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createKbArticle(db(), user, submission.value);
  return redirectWithToast(`/desk/kb/${created.id}`, { type: "success", key: "kb:toast.created" });
}

export default function NewKbArticle() {
  const { categories, types } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("kb");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to="/desk/kb">← {t("desk.back")}</Link>
      </p>
      <h1>{t("desk.newTitle")}</h1>
      <KbArticleForm
        lastResult={lastResult}
        defaults={{}}
        categories={categories}
        types={types}
        locale={locale}
        slugLocked={false}
      />
    </div>
  );
}
