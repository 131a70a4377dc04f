import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import {
  deleteTaxonomy,
  listCategories,
  listTags,
  saveCategory,
  saveTag,
} from "~/news/news.server";
import { taxonomySchema } from "~/news/schema";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Categories and tags · 栏目与标签 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:news_taxonomy:any");
  return { categories: await listCategories(db()), tags: await listTags(db()) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:news_taxonomy:any");
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const kind = formData.get("kind") === "tag" ? "tag" : "category";
    await deleteTaxonomy(db(), user, kind, String(formData.get("id") ?? ""));
    return redirectWithToast("/desk/news/taxonomy", {
      type: "success",
      key: "news:toast.taxonomySaved",
    });
  }
  const submission = parseForm(formData, { schema: taxonomySchema });
  if (submission.status !== "success")
    return data(
      { key: String(formData.get("formKey") ?? ""), errors: submission.error ?? {} },
      { status: 400 },
    );
  const v = submission.value;
  if (v.kind === "category")
    await saveCategory(db(), user, {
      id: v.id || null,
      slug: v.slug,
      nameEn: v.nameEn,
      nameZh: v.nameZh,
      position: v.position,
    });
  else
    await saveTag(db(), user, {
      id: v.id || null,
      slug: v.slug,
      nameEn: v.nameEn,
      nameZh: v.nameZh,
    });
  return redirectWithToast("/desk/news/taxonomy", {
    type: "success",
    key: "news:toast.taxonomySaved",
  });
}

type Row = { id: string; slug: string; name_en: string; name_zh: string; position?: number };

function RowForm({ kind, row, formKey }: { kind: "category" | "tag"; row?: Row; formKey: string }) {
  const { t } = useTranslation("news");
  const result = useActionData<typeof action>();
  const errors =
    result && result.key === formKey ? (result.errors as Record<string, string[] | null>) : {};
  const err = (name: string) =>
    errors[name]?.length ? (
      <div className="field-errors" id={`${formKey}-${name}-error`}>
        <p>{t(errors[name]![0]!.replace(/^news:/, "") as never)}</p>
      </div>
    ) : null;
  return (
    <li className="card">
      <Form method="post" className="taxonomy-row">
        <IdempotencyKey />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="formKey" value={formKey} />
        {row ? <input type="hidden" name="id" value={row.id} /> : null}
        <div className="field">
          <label htmlFor={`${formKey}-slug`}>{t("taxonomy.slug")}</label>
          <input
            id={`${formKey}-slug`}
            name="slug"
            defaultValue={row?.slug}
            required
            aria-invalid={!!errors.slug || undefined}
          />
          {err("slug")}
        </div>
        <div className="field">
          <label htmlFor={`${formKey}-en`}>{t("taxonomy.nameEn")}</label>
          <input id={`${formKey}-en`} name="nameEn" defaultValue={row?.name_en} required />
          {err("nameEn")}
        </div>
        <div className="field">
          <label htmlFor={`${formKey}-zh`}>{t("taxonomy.nameZh")}</label>
          <input
            id={`${formKey}-zh`}
            name="nameZh"
            defaultValue={row?.name_zh}
            required
            lang="zh-CN"
          />
          {err("nameZh")}
        </div>
        {kind === "category" ? (
          <div className="field">
            <label htmlFor={`${formKey}-pos`}>{t("taxonomy.position")}</label>
            <input
              id={`${formKey}-pos`}
              name="position"
              type="number"
              defaultValue={row?.position ?? 0}
            />
          </div>
        ) : null}
        <div className="row">
          <button type="submit" className="button button-small">
            {row ? t("taxonomy.save") : t("taxonomy.add")}
          </button>
          {row ? (
            <button
              type="submit"
              name="intent"
              value="delete"
              className="button button-small button-secondary"
              formNoValidate
            >
              {t("taxonomy.delete")}
            </button>
          ) : null}
        </div>
      </Form>
    </li>
  );
}

export default function Taxonomy() {
  const { categories, tags } = useLoaderData<typeof loader>();
  const { t } = useTranslation("news");
  return (
    <div className="container">
      <p>
        <Link to="/desk/news">← {t("desk.title")}</Link>
      </p>
      <h1>{t("taxonomy.title")}</h1>
      <h2>{t("taxonomy.categories")}</h2>
      <ul className="stack taxonomy-list">
        {categories.map((c) => (
          <RowForm key={c.id} kind="category" row={c} formKey={`c-${c.id}`} />
        ))}
        <RowForm kind="category" formKey="c-new" />
      </ul>
      <h2>{t("taxonomy.tags")}</h2>
      <ul className="stack taxonomy-list">
        {tags.map((tg) => (
          <RowForm key={tg.id} kind="tag" row={tg} formKey={`t-${tg.id}`} />
        ))}
        <RowForm kind="tag" formKey="t-new" />
      </ul>
    </div>
  );
}
