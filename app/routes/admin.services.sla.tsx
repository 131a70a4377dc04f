import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RowAction } from "~/service-requests/admin-ui";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import {
  DEFAULT_TARGETS,
  listTargets,
  listTypes,
  setTarget,
} from "~/service-requests/catalogue.server";
import { slaSchema } from "~/service-requests/schema";
import { PRIORITIES } from "~/service-requests/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { ActionsHeader } from "~/components/shell";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return {
    types: await listTypes(db()),
    targets: await listTargets(db()),
    defaults: DEFAULT_TARGETS,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const form = await readForm(request);
  const submission = parseForm(form, { schema: slaSchema });
  if (submission.status !== "success") {
    return data(
      {
        key: `${String(form.get("typeId"))}:${String(form.get("priority"))}`,
        error: "services:errors.minutes",
        values: {
          firstResponse: String(form.get("firstResponse") ?? ""),
          resolution: String(form.get("resolution") ?? ""),
        },
      },
      { status: 400 },
    );
  }
  const v = submission.value;
  const type = (await listTypes(db())).find((x) => x.id === v.typeId);
  if (!type)
    return data(
      { key: "", error: "services:staff.invalid", values: { firstResponse: "", resolution: "" } },
      { status: 400 },
    );
  const actor = { id: user.id, ip: context.ip ?? null };
  await setTarget(db(), actor, v.typeId, v.priority, v.firstResponse, v.resolution);
  return redirectWithToast("/admin/services/sla", { type: "success", key: "services:toast.saved" });
}

/** New targets apply to requests filed (or re-prioritised) after the change. */
export default function AdminSla() {
  const { types, targets, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const locale = useLocale();
  return (
    <div className="stack">
      <p className="muted">{t("admin.slaLead")}</p>
      <p className="muted">
        {PRIORITIES.map(
          (p) =>
            `${t(`priorities.${p}`)}: ${defaults[p].firstResponse} / ${defaults[p].resolution}`,
        ).join(" · ")}
      </p>
      {types.map((type) => (
        <section key={type.id} className="card">
          <h3>{pick(locale, type.name_en, type.name_zh)}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("staff.priority")}</th>
                  <th>{t("admin.firstResponse")}</th>
                  <th>{t("admin.resolution")}</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.map((p) => {
                  const target = targets.find((x) => x.type_id === type.id && x.priority === p);
                  const formId = `sla-${type.id}-${p}`;
                  const failed = actionData?.key === `${type.id}:${p}` ? actionData : null;
                  return (
                    <tr key={p}>
                      <td>{t(`priorities.${p}`)}</td>
                      <td>
                        <input
                          form={formId}
                          name="firstResponse"
                          type="number"
                          min={1}
                          aria-label={`${t("admin.firstResponse")} ${t(`priorities.${p}`)}`}
                          defaultValue={
                            failed?.values.firstResponse ??
                            target?.first_response_minutes ??
                            defaults[p].firstResponse
                          }
                        />
                      </td>
                      <td>
                        <input
                          form={formId}
                          name="resolution"
                          type="number"
                          min={1}
                          aria-label={`${t("admin.resolution")} ${t(`priorities.${p}`)}`}
                          defaultValue={
                            failed?.values.resolution ??
                            target?.resolution_minutes ??
                            defaults[p].resolution
                          }
                        />
                        {failed ? (
                          <p className="field-errors" role="alert">
                            {errorText(failed.error)}
                          </p>
                        ) : null}
                      </td>
                      <td>
                        <RowAction
                          intent="set-target"
                          values={{ typeId: type.id, priority: p }}
                          className="button button-secondary button-small"
                          formId={formId}
                        >
                          {t("admin.save")}
                        </RowAction>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
