import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import {
  changeInquiry,
  getInquiry,
  listAssignees,
  type InquiryChange,
} from "~/inquiries/inquiries.server";
import { INQUIRY_STATUSES, noteSchema, replySchema, type InquiryStatus } from "~/inquiries/schema";
import { isoMinute } from "~/lib/format";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";
import { can } from "~/auth/permissions";
import { projectOfInquiry } from "~/projects/projects.server";
import { InquiryProjectPanel } from "~/projects/inquiry-panel";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Inquiry · 投资咨询 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:inquiry:any");
  const found = await getInquiry(db(), user, params.inquiryId ?? "");
  invariantFound(found);
  return {
    ...found,
    assignees: await listAssignees(db()),
    project: await projectOfInquiry(db(), user, found.inquiry.id),
    canCreateProject: can(user, "update:project:any"),
  };
}

type Result = { intent: string; error: string; body?: string };

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:inquiry:any");
  const id = params.inquiryId ?? "";
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const version = Number(formData.get("version"));
  let change: InquiryChange;
  let toast: "updated" | "replied" | "noted" = "updated";
  if (intent === "reply" || intent === "note") {
    const submission = parseForm(formData, {
      schema: intent === "reply" ? replySchema : noteSchema,
    });
    if (submission.status !== "success")
      return data<Result>(
        {
          intent,
          // The field's own error (control characters, too long), else "write a reply/note".
          error: submission.error?.body?.[0] ?? `inquiries:errors.${intent}`,
          body: String(formData.get("body") ?? ""),
        },
        { status: 400 },
      );
    change = { kind: intent, body: submission.value.body };
    toast = intent === "reply" ? "replied" : "noted";
  } else if (intent === "status") {
    const status = String(formData.get("status") ?? "");
    if (!(INQUIRY_STATUSES as readonly string[]).includes(status))
      return data<Result>({ intent, error: "inquiries:errors.invalid" }, { status: 400 });
    change = { kind: "status", status: status as InquiryStatus };
  } else if (intent === "assign") {
    const assignee = String(formData.get("assigneeId") ?? "");
    change = { kind: "assign", assigneeId: assignee || null };
  } else {
    return data<Result>({ intent, error: "inquiries:errors.invalid" }, { status: 400 });
  }
  const meta = requestMeta(request, context);
  const result = await changeInquiry(
    db(),
    user,
    id,
    Number.isInteger(version) ? version : -1,
    change,
    { origin: meta.origin, ip: meta.ip },
  );
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    return data<Result>(
      {
        intent,
        error: result.error === "conflict" ? "inquiries:desk.conflict" : "inquiries:errors.invalid",
        body: String(formData.get("body") ?? ""),
      },
      { status: result.error === "conflict" ? 409 : 400 },
    );
  }
  return redirectWithToast(`/desk/inquiries/${id}`, {
    type: "success",
    key: `inquiries:toast.${toast}`,
  });
}

export default function InquiryDetail() {
  const { inquiry, events, assignees, project, canCreateProject } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t } = useTranslation("inquiries");
  const errText = useErrorText();
  const statusLabel = (s: unknown) =>
    typeof s === "string" && (INQUIRY_STATUSES as readonly string[]).includes(s)
      ? t(`desk.status.${s as InquiryStatus}`)
      : String(s ?? "");
  const nameOf = (id: unknown) => assignees.find((a) => a.id === id)?.name ?? t("desk.unassigned");
  const bodyError = (intent: string) =>
    result?.intent === intent ? (
      <div className="field-errors" id={`${intent}-error`} role="alert">
        <p>{errText(result.error)}</p>
      </div>
    ) : null;
  return (
    <div className="container">
      <p>
        <Link to="/desk/inquiries">← {t("desk.title")}</Link>
      </p>
      <header className="page-header">
        <h1>{inquiry.reference}</h1>
        <p className="muted">
          <span className="badge">{t(`desk.status.${inquiry.status as InquiryStatus}`)}</span> ·{" "}
          {isoMinute(inquiry.created_at)} · {inquiry.assignee_name ?? t("desk.unassigned")}
        </p>
      </header>
      {result &&
      (result.intent === "status" ||
        result.intent === "assign" ||
        result.error === "inquiries:desk.conflict") ? (
        <p className="notice notice-danger" role="alert">
          {errText(result.error)}
        </p>
      ) : null}
      <div className="inquiry-layout">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t("desk.details")}</h2>
          <dl className="admin-kv">
            <dt>{t("form.fields.name")}</dt>
            <dd>{inquiry.name}</dd>
            <dt>{t("form.fields.organisation")}</dt>
            <dd>{inquiry.organisation || "—"}</dd>
            <dt>{t("form.fields.email")}</dt>
            <dd>
              <a href={`mailto:${inquiry.email}`}>{inquiry.email}</a>
            </dd>
            <dt>{t("form.fields.phone")}</dt>
            <dd>{inquiry.phone || "—"}</dd>
            <dt>{t("form.fields.country")}</dt>
            <dd>{inquiry.country || "—"}</dd>
            <dt>{t("form.fields.interest")}</dt>
            <dd>{t(`form.interest.${inquiry.interest as "other"}`)}</dd>
          </dl>
          <h3>{t("form.fields.message")}</h3>
          <p className="inquiry-message">{inquiry.message}</p>
        </section>
        <section className="card stack" aria-label={t("desk.setStatus")}>
          <Form method="post" className="row">
            <input type="hidden" name="version" value={inquiry.version} />
            <input type="hidden" name="intent" value="status" />
            <div className="field">
              <label htmlFor="status">{t("desk.setStatus")}</label>
              <select
                id="status"
                name="status"
                defaultValue={inquiry.status}
                key={`s-${inquiry.version}`}
              >
                {INQUIRY_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`desk.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton className="button button-secondary" name="intent" value="status">
              {t("desk.update")}
            </SubmitButton>
          </Form>
          <Form method="post" className="row">
            <input type="hidden" name="version" value={inquiry.version} />
            <div className="field">
              <label htmlFor="assigneeId">{t("desk.assign")}</label>
              <select
                id="assigneeId"
                name="assigneeId"
                defaultValue={inquiry.assignee_id ?? ""}
                key={`a-${inquiry.version}`}
              >
                <option value="">{t("desk.unassigned")}</option>
                {assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton className="button button-secondary" name="intent" value="assign">
              {t("desk.update")}
            </SubmitButton>
          </Form>
        </section>
      </div>
      <InquiryProjectPanel inquiryId={inquiry.id} project={project} canCreate={canCreateProject} />
      <section className="card" aria-labelledby="reply-title">
        <h2 id="reply-title">{t("desk.reply")}</h2>
        <Form method="post" className="form-stack">
          <IdempotencyKey />
          <input type="hidden" name="version" value={inquiry.version} />
          <div className={`field${result?.intent === "reply" ? " has-error" : ""}`}>
            <label htmlFor="reply-body">{t("desk.reply")}</label>
            <p className="field-hint" id="reply-hint">
              {t("desk.replyHint", { email: inquiry.email })}
            </p>
            <textarea
              id="reply-body"
              name="body"
              rows={6}
              defaultValue={result?.intent === "reply" ? result.body : ""}
              aria-describedby="reply-hint"
              aria-invalid={result?.intent === "reply" || undefined}
            />
            {bodyError("reply")}
          </div>
          <SubmitButton name="intent" value="reply">
            {t("desk.sendReply")}
          </SubmitButton>
        </Form>
      </section>
      <section className="card" aria-labelledby="note-title">
        <h2 id="note-title">{t("desk.note")}</h2>
        <Form method="post" className="form-stack">
          <IdempotencyKey />
          <input type="hidden" name="version" value={inquiry.version} />
          <div className={`field${result?.intent === "note" ? " has-error" : ""}`}>
            <label htmlFor="note-body">{t("desk.note")}</label>
            <p className="field-hint" id="note-hint">
              {t("desk.noteHint")}
            </p>
            <textarea
              id="note-body"
              name="body"
              rows={3}
              defaultValue={result?.intent === "note" ? result.body : ""}
              aria-describedby="note-hint"
            />
            {bodyError("note")}
          </div>
          <SubmitButton name="intent" value="note" className="button button-secondary">
            {t("desk.addNote")}
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("desk.history")}</h2>
        <ol className="stack inquiry-history">
          {events.map((e) => {
            const d = (e.details ?? {}) as Record<string, unknown>;
            let label: string;
            if (e.kind === "status")
              label = t("desk.event.status", { from: statusLabel(d.from), to: statusLabel(d.to) });
            else if (e.kind === "assigned")
              label = d.to
                ? t("desk.event.assigned", { to: nameOf(d.to) })
                : t("desk.event.unassigned");
            else if (e.kind === "reply") label = t("desk.event.reply", { to: String(d.to ?? "") });
            else if (e.kind === "note") label = t("desk.event.note");
            else if (e.kind === "project")
              label = t("desk.event.project", { reference: String(d.reference ?? "") });
            else label = t("desk.event.created");
            return (
              <li key={String(e.id)} className={`card inquiry-event inquiry-event-${e.kind}`}>
                <p className="muted">
                  {isoMinute(e.created_at)} · {label}
                  {e.actor_name ? ` · ${t("desk.by", { name: e.actor_name })}` : ""}
                </p>
                {e.body ? <p className="inquiry-message">{e.body}</p> : null}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
