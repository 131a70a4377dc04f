/**
 * One incoming message (ADR 0034): who sent it, why it was not added to a request, its text
 * (quoted text and signature already removed; always shown as text, never as HTML) and the
 * names of its attachments. Staff set it aside.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { dismissInbound, getInbound } from "~/service-requests/inbound-mail.server";
import { formatBytes, useFormatDate } from "~/service-requests/components";

export const meta: MetaFunction = () => [
  { title: "Incoming mail · 收到的邮件 | Zizhu Park Portal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:service_request:any");
  const mail = await getInbound(db(), params.mailId ?? "");
  invariantFound(mail);
  const attachments = Array.isArray(mail.attachments)
    ? mail.attachments.filter(
        (a): a is { name: string; size: number } =>
          !!a && typeof a === "object" && "name" in a && "size" in a,
      )
    : [];
  return { mail: { ...mail, attachments } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const form = await readForm(request);
  if (form.get("intent") !== "dismiss") return new Response("Bad request", { status: 400 });
  const result = await dismissInbound(db(), user, params.mailId ?? "");
  if (!result.ok) throwIfMissing(result);
  return redirectWithToast("/desk/mail", { type: "success", key: "inbound:dismissed" });
}

export default function IncomingMessage() {
  const { mail: m } = useLoaderData<typeof loader>();
  const { t } = useTranslation("inbound");
  const date = useFormatDate();
  return (
    <div className="container container-narrow">
      <p>
        <Link to="/desk/mail">← {t("back")}</Link>
      </p>
      <header className="page-header">
        <h1 className="inbound-title">{m.subject || t("noSubject")}</h1>
      </header>
      <section className="card stack">
        <dl className="details">
          <div>
            <dt>{t("from")}</dt>
            <dd className="inbound-address">
              {m.from_name ? `${m.from_name} · ` : ""}
              {m.from_address ?? t("unknownSender")}
            </dd>
          </div>
          <div>
            <dt>{t("received")}</dt>
            <dd>{date(m.received_at)}</dd>
          </div>
          {m.reason ? (
            <div>
              <dt>{t("reasonLabel")}</dt>
              <dd>{t(`reasons.${m.reason as "noRequest"}`)}</dd>
            </div>
          ) : null}
          {m.request_ref ? (
            <div>
              <dt>{t("request")}</dt>
              <dd>
                <Link to={`/desk/requests/${m.request_ref}`}>
                  {t("openRequest", { ref: m.request_ref })}
                </Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("source")}</dt>
            <dd>
              {t(`sources.${m.source as "smtp"}`)} · {formatBytes(m.size_bytes)}
            </dd>
          </div>
        </dl>
        <h2>{t("body")}</h2>
        {m.body_text ? (
          <p className="sr-body">{m.body_text}</p>
        ) : (
          <p className="muted">{t("noBody")}</p>
        )}
        {m.attachments.length ? (
          <>
            <h2>{t("attachments")}</h2>
            <ul>
              {m.attachments.map((a, i) => (
                <li key={i}>
                  {a.name} <span className="muted">({formatBytes(a.size)})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {m.status === "dismissed" && m.handled_at ? (
          <p className="muted">
            {t("handled", { name: m.handled_by_name ?? "–", date: date(m.handled_at) })}
          </p>
        ) : null}
        {m.status === "unmatched" || m.status === "ignored" ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="dismiss" />
            <p className="muted">{t("dismissHint")}</p>
            <p>
              <button type="submit" className="button button-secondary">
                {t("dismiss")}
              </button>
            </p>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
