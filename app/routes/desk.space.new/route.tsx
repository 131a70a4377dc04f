import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { orHttp } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { parkDay } from "~/projects/pipeline";
import { unitSchema } from "~/projects/space-schema";
import { createUnit } from "~/projects/space.server";
import { UnitForm } from "~/projects/space-ui";

export const meta: MetaFunction = () => [{ title: "New unit · 新增单元 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:project:any");
  return { today: parkDay(new Date()) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:project:any");
  const form = await readForm(request);
  const submission = parseForm(form, { schema: unitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = await orHttp(
    createUnit(db(), user, submission.value, { ip: requestMeta(request, context).ip }),
  );
  if (!r.ok)
    return data(submission.reply({ fieldErrors: { unitNo: ["space:errors.duplicate"] } }), {
      status: 422,
    });
  return redirectWithToast(`/desk/space/${r.id}`, { type: "success", key: "space:toast.created" });
}

export default function NewUnit() {
  const { today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("space");
  return (
    <div className="container medium">
      <p>
        <Link to="/desk/space">← {t("title")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("form.newTitle")}</h1>
        <p className="lead">{t("form.newLead")}</p>
      </header>
      <section className="card">
        <UnitForm
          mode="create"
          lastResult={lastResult}
          defaultValue={{ state: "available", availableFrom: today }}
        />
      </section>
    </div>
  );
}
