import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { statusOf } from "~/lib/http.server";
import { TypeForm } from "~/service-requests/admin-ui";
import { createType, listCategories, listTeams } from "~/service-requests/catalogue.server";
import { typeInputOf, typeSchema } from "~/service-requests/schema";
import { redirectWithToast } from "~/lib/toast.server";
import { idempotent } from "~/forms/idempotency.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  const teams = await listTeams(db());
  return {
    categories: await listCategories(db()),
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const submission = parseForm(await readForm(request), { schema: typeSchema });
  if (submission.status !== "success" || !submission.value.code)
    return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result = await createType(
    db(),
    { id: user.id, ip: context.ip ?? null },
    { code: v.code!, ...typeInputOf(v) },
  );
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { code: ["services:errors.code"] } }), {
      status: statusOf(result),
    });
  return redirectWithToast(`/admin/services/types/${v.code}`, {
    type: "success",
    key: "services:toast.saved",
  });
}

export default function NewType() {
  const { categories, teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("services");
  return (
    <div className="card">
      <h3>{t("admin.newType")}</h3>
      <TypeForm
        intent="create-type"
        lastResult={lastResult}
        categories={categories}
        teams={teams}
      />
    </div>
  );
}
