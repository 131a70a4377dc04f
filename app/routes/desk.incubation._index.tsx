import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, Field, SubmitButton, TextareaField } from "~/components/forms";
import { db } from "~/db.server";
import {
  createProgramme,
  latestCall,
  listCallsForDesk,
  listProgrammes,
} from "~/incubation/incubation.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { programmeSchema } from "~/incubation/schema";
import { useParkTime, usePick, PhaseBadge } from "~/incubation/ui";
import { callPhase } from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { ActionsHeader } from "~/components/shell";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubation desk · 孵化管理 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:incubation_call:any");
  const latest = await latestCall(db());
  return {
    programmes: await listProgrammes(db()),
    calls: await listCallsForDesk(db()),
    latestId: latest?.id ?? null,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:incubation_call:any");
  const submission = parseForm(await readForm(request), { schema: programmeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createProgramme(db(), ctxOf(request, context, user), submission.value);
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { slug: ["incubation:errors.slugTaken"] } }), {
      status: 400,
    });
  return redirectWithToast("/desk/incubation", {
    type: "success",
    key: "incubation:toast.programmeCreated",
  });
}

export default function DeskIncubation() {
  const { programmes, calls, latestId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  const time = useParkTime();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeSchema }),
  });
  const labels = {
    slug: tDesk("incubation.programmeForm.slug"),
    nameEn: tDesk("incubation.programmeForm.nameEn"),
    nameZh: tDesk("incubation.programmeForm.nameZh"),
    summaryEn: tDesk("incubation.programmeForm.summaryEn"),
    summaryZh: tDesk("incubation.programmeForm.summaryZh"),
  };
  return (
    <div className="container">
      <header className="page-header">
        <p>
          <Link to="/desk">← {tDesk("incubation.home.backToDesk")}</Link>
        </p>
        <h1>{tDesk("incubation.home.title")}</h1>
        <p className="lead">{tDesk("incubation.home.lead")}</p>
        <p>
          <Link className="button button-secondary" to="/desk/incubation/cohort">
            {t("cohort.link")}
          </Link>
        </p>
      </header>
      <section className="section">
        <div className="spread">
          <h2>{tDesk("incubation.home.calls")}</h2>
          {programmes.length ? (
            <div className="row">
              <Link className="button" to="/desk/incubation/calls/new">
                {tDesk("incubation.home.newCall")}
              </Link>
              {latestId ? (
                <Link
                  className="button button-secondary"
                  to={`/desk/incubation/calls/new?from=${latestId}`}
                >
                  {tDesk("incubation.home.cloneLast")}
                </Link>
              ) : null}
            </div>
          ) : null}
        </div>
        {calls.length ? (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th>{tDesk("incubation.home.callColumn")}</th>
                  <th>{t("public.programme")}</th>
                  <th>{tDesk("incubation.callForm.closesAt")}</th>
                  <th>{tDesk("incubation.callDesk.status")}</th>
                  <th>{tDesk("incubation.home.applicationsColumn")}</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {calls.map((c) => {
                  const phase = callPhase(c);
                  return (
                    <tr key={c.id}>
                      <td className="card-title">
                        <Link to={`/desk/incubation/calls/${c.id}`}>
                          {pick(c.title_en, c.title_zh)}
                        </Link>
                      </td>
                      <td data-label={t("public.programme")}>
                        {pick(c.programme_en, c.programme_zh)}
                      </td>
                      <td className="card-inline card-key" data-label={tDesk("incubation.callForm.closesAt")}>
                        {time(c.closes_at)}
                      </td>
                      <td className="card-inline card-first">
                        <PhaseBadge phase={phase} />
                      </td>
                      <td
                        className="card-inline card-key"
                        data-label={tDesk("incubation.home.applicationsColumn")}
                      >
                        {tDesk("incubation.home.applications", {
                          submitted: String(c.submitted_count),
                          total: String(c.total_count),
                        })}
                      </td>
                      <td>
                        <div className="row">
                          <Link to={`/desk/incubation/calls/${c.id}/edit`}>{tDesk("incubation.home.edit")}</Link>
                          <Link to={`/desk/incubation/calls/new?from=${c.id}`}>
                            {tDesk("incubation.home.clone")}
                          </Link>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{tDesk("incubation.home.noCalls")}</p>
        )}
      </section>
      <section className="section">
        <h2>{tDesk("incubation.home.programmes")}</h2>
        {programmes.length ? (
          <ul>
            {programmes.map((p) => (
              <li key={p.id}>
                <strong>{pick(p.name_en, p.name_zh)}</strong>{" "}
                <span className="muted">({p.slug})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{tDesk("incubation.home.noProgrammes")}</p>
        )}
        <div className="card">
          <h3>{tDesk("incubation.home.newProgramme")}</h3>
          <Form method="post" {...getFormProps(form)} className="form-stack">
            <IdempotencyKey />
            <input type="hidden" name="intent" value="programme" />
            <ErrorSummary
              form={form}
              fields={{ slug: fields.slug, nameEn: fields.nameEn, nameZh: fields.nameZh }}
              labels={labels}
            />
            <Field field={fields.nameEn} label={labels.nameEn} />
            <Field field={fields.nameZh} label={labels.nameZh} />
            <Field field={fields.slug} label={labels.slug} hint={tDesk("incubation.programmeForm.slugHint")} />
            <TextareaField field={fields.summaryEn} label={labels.summaryEn} optional rows={3} />
            <TextareaField field={fields.summaryZh} label={labels.summaryZh} optional rows={3} />
            <SubmitButton>{tDesk("incubation.programmeForm.create")}</SubmitButton>
          </Form>
        </div>
      </section>
    </div>
  );
}
