import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, Field, IntentButton, SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import {
  addTeamMember,
  createTeam,
  listStaff,
  listTeams,
  removeTeamMember,
  setTeamLead,
} from "~/service-requests/catalogue.server";
import { teamSchema } from "~/service-requests/schema";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return { teams: await listTeams(db()), staff: await listStaff(db()) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_catalogue:any");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const teamId = String(form.get("teamId") ?? "");
  const userId = String(form.get("userId") ?? "");
  const actor = { id: user.id, ip: context.ip ?? null };
  const done = () =>
    redirectWithToast("/admin/services/teams", { type: "success", key: "services:toast.saved" });
  if (intent === "create-team") {
    const submission = parseForm(form, { schema: teamSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    if (!(await createTeam(db(), actor, submission.value)))
      return data(submission.reply({ fieldErrors: { code: ["services:errors.code"] } }), {
        status: 400,
      });
    return done();
  }
  const staffIds = new Set((await listStaff(db())).map((s) => s.id));
  if (intent === "set-lead") {
    await setTeamLead(db(), actor, teamId, staffIds.has(userId) ? userId : null);
    return done();
  }
  if (intent === "add-member" && staffIds.has(userId)) {
    await addTeamMember(db(), actor, teamId, userId);
    return done();
  }
  if (intent === "remove-member") {
    await removeTeamMember(db(), actor, teamId, userId);
    return done();
  }
  return data(null, { status: 400 });
}

export default function AdminTeams() {
  const { teams, staff } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "create-team",
    lastResult: lastResult ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: teamSchema }),
  });
  const labels = { code: t("admin.code"), nameEn: t("admin.nameEn"), nameZh: t("admin.nameZh") };
  return (
    <div className="stack">
      {teams.map((team) => (
        <section key={team.id} className="card stack">
          <h3>
            {pick(locale, team.name_en, team.name_zh)} <span className="muted">({team.code})</span>
          </h3>
          <Form method="post" className="row">
            <input type="hidden" name="teamId" value={team.id} />
            <label htmlFor={`lead-${team.id}`}>{t("admin.lead")}</label>
            <select id={`lead-${team.id}`} name="userId" defaultValue={team.lead_id ?? ""}>
              <option value="">—</option>
              <StaffOptions staff={staff} />
            </select>
            <IntentButton intent="set-lead" label={t("admin.save")} />
          </Form>
          <h4>{t("admin.members")}</h4>
          <ul>
            {team.members.map((m) => (
              <li key={m.id}>
                {m.name} <span className="muted">{m.email}</span>{" "}
                <Form method="post" className="sr-inline">
                  <input type="hidden" name="teamId" value={team.id} />
                  <input type="hidden" name="userId" value={m.id} />
                  <IntentButton
                    intent="remove-member"
                    label={t("admin.remove")}
                    className="link-button"
                  />
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" className="row">
            <input type="hidden" name="teamId" value={team.id} />
            <label htmlFor={`member-${team.id}`}>{t("admin.addMember")}</label>
            <select id={`member-${team.id}`} name="userId">
              <StaffOptions staff={staff.filter((s) => !team.members.some((m) => m.id === s.id))} />
            </select>
            <IntentButton intent="add-member" label={t("admin.addMember")} />
          </Form>
        </section>
      ))}
      <details className="card" open={!!lastResult}>
        <summary>{t("admin.newTeam")}</summary>
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <IdempotencyKey />
          <ErrorSummary
            form={form}
            fields={{ code: fields.code, nameEn: fields.nameEn, nameZh: fields.nameZh }}
            labels={labels}
          />
          <Field field={fields.code} label={labels.code} />
          <Field field={fields.nameEn} label={labels.nameEn} />
          <Field field={fields.nameZh} label={labels.nameZh} />
          <SubmitButton name="intent" value="create-team">
            {t("admin.save")}
          </SubmitButton>
        </Form>
      </details>
    </div>
  );
}

function StaffOptions({ staff }: { staff: { id: string; name: string }[] }) {
  return staff.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
}
