import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import {
  DEFAULT_TARGETS,
  listTargets,
  listTypes,
  setTargets,
} from "~/service-requests/catalogue.server";
import { useDuration } from "~/service-requests/components";
import { slaTypeSchema } from "~/service-requests/schema";
import { SlaTypeForm } from "~/service-requests/sla-form";
import { PRIORITIES } from "~/service-requests/workflow";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return {
    types: await listTypes(db()),
    targets: await listTargets(db()),
    defaults: DEFAULT_TARGETS,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const form = await readForm(request);
  const typeId = String(form.get("typeId") ?? "");
  const submission = parseForm(form, { schema: slaTypeSchema });
  if (submission.status !== "success")
    return data({ typeId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  if (!(await listTypes(db())).some((x) => x.id === v.typeId))
    return data(
      { typeId, result: submission.reply({ formErrors: ["services:staff.invalid"] }) },
      { status: 422 },
    );
  await setTargets(db(), { id: user.id, ip: context.ip ?? null }, v.typeId, v.targets);
  return redirectWithToast("/admin/services/sla", { type: "success", key: "services:toast.saved" });
}

/** New targets apply to requests filed (or re-prioritised) after the change. */
export default function AdminSla() {
  const { types, targets, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const duration = useDuration();
  const targetsOf = (typeId: string) =>
    Object.fromEntries(
      PRIORITIES.map((p) => {
        const row = targets.find((x) => x.type_id === typeId && x.priority === p);
        return [
          p,
          row
            ? { firstResponse: row.first_response_minutes, resolution: row.resolution_minutes }
            : defaults[p],
        ];
      }),
    ) as typeof defaults;
  return (
    <div className="stack">
      <p className="muted">{t("admin.slaLead")}</p>
      <p className="muted">
        {PRIORITIES.map(
          (p) =>
            `${t(`priorities.${p}`)}: ${duration(defaults[p].firstResponse * 60_000)} / ${duration(defaults[p].resolution * 60_000)}`,
        ).join(" · ")}
      </p>
      {types.map((type) => (
        <SlaTypeForm
          key={type.id}
          typeId={type.id}
          title={pick(locale, type.name_en, type.name_zh)}
          targets={targetsOf(type.id)}
          lastResult={actionData?.typeId === type.id ? actionData.result : null}
        />
      ))}
    </div>
  );
}
