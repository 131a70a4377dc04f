import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { parseForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import {
  ErrorSummary,
  SelectField,
  SubmitButton,
  TextareaField,
  useErrorText,
} from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { listStaff, listTeams } from "~/service-requests/catalogue.server";
import { formatBytes, SlaLine, StateBadge, useFormatDate } from "~/service-requests/components";
import { readRequestForm, storeFor } from "~/service-requests/files.server";
import { staffMessageSchema, staffPropertiesSchema } from "~/service-requests/schema";
import {
  getRequestForStaff,
  staffChange,
  type ChangeResult,
} from "~/service-requests/service-requests.server";
import { nextStates, type RequestState } from "~/service-requests/workflow";
import { PRIORITIES } from "~/service-requests/workflow";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = ({ params }) => [
  { title: `${params.ref ?? ""} · Service desk · 服务台 | Zizhu Park Portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const found = await getRequestForStaff(db(), params.ref ?? "");
  invariantFound(found);
  const [teams, staff] = [await listTeams(db()), await listStaff(db())];
  return {
    ...found,
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    staff,
  };
}

function errorFor(result: Extract<ChangeResult, { ok: false }>): string {
  if (result.reason === "conflict") return "services:staff.conflict";
  if (result.reason === "transition") return "services:staff.transition";
  if (result.reason === "file") return "services:errors.file";
  return "services:staff.invalid";
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const ref = params.ref ?? "";
  const read = await readRequestForm(request);
  if ("refused" in read)
    return data(
      {
        intent: "message",
        result: { status: "error" as const, error: { "": [read.refused] } },
      },
      { status: read.refused === "services:errors.file" ? 413 : 400 },
    );
  const { form, uploads } = read;
  const origin = requestMeta(request, context).origin;
  const intent = String(form.get("intent") ?? "");
  if (intent === "message") {
    const submission = parseForm(form, { schema: staffMessageSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const result = await staffChange(
      db(),
      user,
      ref,
      {
        version: v.version,
        message: { body: v.body, visibility: v.visibility },
        state: v.thenState,
        store: storeFor(uploads, user.id),
      },
      origin,
    );
    if (!result.ok) {
      invariantFound(result.reason !== "not_found");
      return data(
        { intent, result: submission.reply({ formErrors: [errorFor(result)] }) },
        { status: result.reason === "conflict" ? 409 : 400 },
      );
    }
    return redirectWithToast(`/desk/requests/${ref}`, {
      type: "success",
      key: "services:toast.updated",
    });
  }
  if (intent === "properties") {
    const submission = parseForm(form, { schema: staffPropertiesSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const result = await staffChange(
      db(),
      user,
      ref,
      {
        version: v.version,
        state: v.state,
        priority: v.priority,
        teamId: v.teamId || null,
        assigneeId: v.assigneeId || null,
      },
      origin,
    );
    if (!result.ok) {
      invariantFound(result.reason !== "not_found");
      return data(
        { intent, result: submission.reply({ formErrors: [errorFor(result)] }) },
        { status: result.reason === "conflict" ? 409 : 400 },
      );
    }
    return redirectWithToast(`/desk/requests/${ref}`, {
      type: "success",
      key: "services:toast.updated",
    });
  }
  invariantFound(await getRequestForStaff(db(), ref));
  return data({ intent: "none", result: null }, { status: 400 });
}

export default function StaffRequest() {
  const {
    request: r,
    fields,
    fieldValues,
    messages,
    files,
    history,
    sla,
    teams,
    staff,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  const date = useFormatDate();
  const filesFor = (messageId: string | null) => files.filter((f) => f.message_id === messageId);
  const teamName = (id: string | null) => {
    const team = teams.find((x) => x.id === id);
    return team ? pick(locale, team.name_en, team.name_zh) : "–";
  };
  const personName = (id: string | null) => staff.find((s) => s.id === id)?.name ?? "–";
  const finished = r.state === "resolved" || r.state === "closed";
  const staffLabel = (s: RequestState) =>
    s === "waiting_on_requester" ? t("staffStates.waiting_on_requester") : t(`states.${s}`);
  return (
    <div className="container">
      <p>
        <Link to="/desk/requests">← {t("desk.title")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">
          {r.ref} · {pick(locale, r.category_name_en, r.category_name_zh)} ·{" "}
          {pick(locale, r.type_name_en, r.type_name_zh)}
        </p>
        <h1>{r.subject}</h1>
        <p>
          <StateBadge state={r.state} staff />{" "}
          <span className="badge badge-muted">{t(`priorities.${r.priority}`)}</span>{" "}
          {sla.breached ? <span className="badge badge-danger">{t("sla.breached")}</span> : null}
        </p>
      </header>
      <div className="sr-layout">
        <div className="stack">
          <section className="card">
            <dl className="details">
              <dt>{t("staff.company")}</dt>
              <dd>{pick(locale, r.company_name_en, r.company_name_zh)}</dd>
              <dt>{t("staff.requester")}</dt>
              <dd>
                {r.requester_name ?? "–"}{" "}
                {r.requester_email ? <span className="muted">({r.requester_email})</span> : null}
              </dd>
              {r.first_responded_at ? (
                <SlaLine
                  label={t("sla.firstResponse")}
                  dueAt={null}
                  leftMs={null}
                  done={
                    (r.first_response_minutes ?? 0) <= r.first_response_target_minutes
                      ? "met"
                      : "missed"
                  }
                />
              ) : (
                <SlaLine
                  label={t("sla.firstResponse")}
                  dueAt={sla.firstResponseDueAt}
                  leftMs={sla.firstResponseMs}
                  breached={sla.firstBreached}
                />
              )}
              {finished ? (
                <SlaLine
                  label={t("sla.resolution")}
                  dueAt={null}
                  leftMs={null}
                  done={sla.resolutionBreached ? "missed" : "met"}
                />
              ) : (
                <SlaLine
                  label={t("sla.resolution")}
                  dueAt={sla.resolutionDueAt}
                  leftMs={sla.resolutionMs}
                  breached={sla.resolutionBreached}
                />
              )}
            </dl>
            <h2 className="section">{t("detail.description")}</h2>
            <p className="sr-body">{r.description}</p>
            {fields.length ? (
              <dl className="details">
                {fields.map((f) => (
                  <div key={f.id}>
                    <dt>{pick(locale, f.label_en, f.label_zh)}</dt>
                    <dd>
                      {f.kind === "file"
                        ? files
                            .filter((x) => x.field_key === f.key)
                            .map((x) => (
                              <a key={x.id} href={`/requests/files/${x.id}`}>
                                {x.file_name}
                              </a>
                            ))
                        : f.kind === "choice"
                          ? (() => {
                              const o = f.options.find((x) => x.value === fieldValues[f.key]);
                              return o ? pick(locale, o.en, o.zh) : "–";
                            })()
                          : fieldValues[f.key] || "–"}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <FileList files={filesFor(null).filter((f) => !f.field_key)} />
            {r.rating ? (
              <p>
                {t("detail.rated", { rating: String(r.rating) })}{" "}
                {r.rating_comment ? <q>{r.rating_comment}</q> : null}
              </p>
            ) : null}
          </section>

          <section className="card">
            <h2>{t("detail.conversation")}</h2>
            {messages.length ? (
              <ol className="sr-messages">
                {messages.map((m) => (
                  <li
                    key={m.id}
                    className={`sr-message ${m.visibility === "internal" ? "sr-message-internal" : m.from_staff ? "sr-message-park" : "sr-message-company"}`}
                  >
                    <p className="muted">
                      {m.visibility === "internal" ? (
                        <span className="badge badge-warning">{t("staff.internalBadge")}</span>
                      ) : (
                        <span className="badge">{t("staff.publicBadge")}</span>
                      )}{" "}
                      <strong>{m.author_name ?? "–"}</strong> · {date(m.created_at)}
                    </p>
                    <p className="sr-body">{m.body}</p>
                    <FileList files={filesFor(m.id)} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("detail.noMessages")}</p>
            )}
            <Composer
              key={r.version}
              lastResult={actionData?.intent === "message" ? actionData.result : undefined}
              version={r.version}
              state={r.state}
              recipient={{
                name: r.requester_name ?? "–",
                email: r.requester_email ?? "",
                company: pick(locale, r.company_name_en, r.company_name_zh),
              }}
            />
          </section>
        </div>
        <aside className="stack">
          <Properties
            key={r.version}
            lastResult={actionData?.intent === "properties" ? actionData.result : undefined}
            request={{
              version: r.version,
              state: r.state,
              priority: r.priority,
              teamId: r.team_id,
              assigneeId: r.assignee_id,
            }}
            teams={teams}
            staff={staff}
          />
          <section className="card">
            <h2>{t("detail.history")}</h2>
            <ol className="sr-history">
              {history.map((h) => (
                <li key={h.id}>
                  <span className="muted">{date(h.at)}</span>{" "}
                  {h.kind === "created"
                    ? t("history.created")
                    : h.kind === "state"
                      ? t("history.state", {
                          from: staffLabel(h.from_value as RequestState),
                          to: staffLabel(h.to_value as RequestState),
                        })
                      : h.kind === "priority"
                        ? t("history.priority", {
                            from: t(`priorities.${h.from_value as "low"}`),
                            to: t(`priorities.${h.to_value as "low"}`),
                          })
                        : h.kind === "team"
                          ? `${t("history.team")}: ${teamName(h.from_value)} → ${teamName(h.to_value)}`
                          : h.kind === "assignee"
                            ? `${t("history.assignee")}: ${personName(h.from_value)} → ${personName(h.to_value)}`
                            : h.kind === "rating"
                              ? t("history.rating", { to: h.to_value ?? "" })
                              : t("history.sla")}{" "}
                  <span className="muted">
                    {h.actor_name ? t("history.by", { name: h.actor_name }) : t("history.system")}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}

function FileList({
  files,
}: {
  files: { id: string; file_name: string; size_bytes: number; visibility: string }[];
}) {
  if (!files.length) return null;
  return (
    <ul className="sr-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/requests/files/${f.id}`}>{f.file_name}</a>{" "}
          <span className="muted">({formatBytes(f.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}

function Composer({
  lastResult,
  version,
  state,
  recipient,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's SubmissionResult
  lastResult: any;
  version: number;
  state: RequestState;
  recipient: { name: string; email: string; company: string };
}) {
  const { t } = useTranslation("services");
  const [form, fields] = useForm({
    id: "composer",
    lastResult,
    defaultValue: { visibility: "internal" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffMessageSchema }),
  });
  const initialVisibility =
    (lastResult?.initialValue?.visibility as string | undefined) ?? "internal";
  const [visibility, setVisibility] = useState(initialVisibility);
  const options = nextStates(state, "staff");
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className={`form-stack sr-composer sr-composer-${visibility}`}
    >
      <IdempotencyKey />
      <h3>{t("staff.composer")}</h3>
      <ErrorSummary
        form={form}
        fields={{ body: fields.body }}
        labels={{ body: t("staff.message") }}
      />
      <input type="hidden" name="version" value={version} />
      <fieldset className="sr-visibility">
        <legend>{t("staff.visibility")}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="visibility"
            value="internal"
            defaultChecked={initialVisibility === "internal"}
            onChange={() => setVisibility("internal")}
          />{" "}
          {t("staff.internal")}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="visibility"
            value="public"
            defaultChecked={initialVisibility === "public"}
            onChange={() => setVisibility("public")}
          />{" "}
          {t("staff.public")}
        </label>
        <p className="field-hint sr-recipient">{t("staff.publicTo", recipient)}</p>
      </fieldset>
      <TextareaField field={fields.body} label={t("staff.message")} rows={4} />
      <div className="field">
        <label htmlFor="composer-files">{t("detail.addFiles")}</label>
        <input
          id="composer-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg"
        />
      </div>
      {options.length ? (
        <SelectField
          field={fields.thenState as FieldMetadata<string>}
          label={t("staff.thenState")}
          placeholder={t("staff.keepState", {
            state:
              state === "waiting_on_requester"
                ? t("staffStates.waiting_on_requester")
                : t(`states.${state}`),
          })}
          options={options.map((s) => ({
            value: s,
            label:
              s === "waiting_on_requester"
                ? t("staffStates.waiting_on_requester")
                : t(`states.${s}`),
          }))}
        />
      ) : null}
      <SubmitButton name="intent" value="message" pendingText={t("staff.updating")}>
        {t("staff.post")}
      </SubmitButton>
    </Form>
  );
}

function Properties({
  lastResult,
  request,
  teams,
  staff,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's SubmissionResult
  lastResult: any;
  request: {
    version: number;
    state: RequestState;
    priority: string;
    teamId: string | null;
    assigneeId: string | null;
  };
  teams: { id: string; name_en: string; name_zh: string }[];
  staff: { id: string; name: string }[];
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "properties",
    lastResult,
    defaultValue: {
      state: request.state,
      priority: request.priority,
      teamId: request.teamId ?? "",
      assigneeId: request.assigneeId ?? "",
    },
  });
  const states = [request.state, ...nextStates(request.state, "staff")];
  return (
    <section className="card">
      <h2>{t("staff.properties")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        {form.errors?.length ? (
          <div className="notice notice-danger" role="alert">
            {form.errors.map((e) => (
              <p key={e}>{errorText(e)}</p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="version" value={request.version} />
        <SelectField
          field={fields.state as FieldMetadata<string>}
          label={t("detail.state")}
          options={states.map((s) => ({
            value: s,
            label:
              s === "waiting_on_requester"
                ? t("staffStates.waiting_on_requester")
                : t(`states.${s}`),
          }))}
        />
        <SelectField
          field={fields.priority as FieldMetadata<string>}
          label={t("staff.priority")}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        />
        <SelectField
          field={fields.teamId as FieldMetadata<string>}
          label={t("staff.team")}
          options={[
            { value: "", label: t("desk.noTeam") },
            ...teams.map((x) => ({ value: x.id, label: pick(locale, x.name_en, x.name_zh) })),
          ]}
        />
        <SelectField
          field={fields.assigneeId as FieldMetadata<string>}
          label={t("staff.assignee")}
          options={[
            { value: "", label: t("staff.unassigned") },
            ...staff.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SubmitButton name="intent" value="properties" pendingText={t("staff.updating")}>
          {t("staff.update")}
        </SubmitButton>
      </Form>
    </section>
  );
}
