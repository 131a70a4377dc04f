import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { idempotent } from "~/forms/idempotency.server";
import { requestMeta } from "~/lib/request.server";
import {
  SlaLine,
  StateBadge,
  WorkingHoursNote,
  useFormatDate,
} from "~/service-requests/components";
import { readRequestForm } from "~/service-requests/files.server";
import { getRequestForCompany } from "~/service-requests/service-requests.server";
import {
  FieldValues,
  HistoryList,
  MessageList,
  RatingLine,
  RequestHeading,
} from "~/service-requests/thread";
import { isCompanyIntent, runCompanyIntent, type CompanyReply } from "./intents.server";
import { ReplyForm } from "./reply-form";
import { RatingForm, StateForms } from "./side-forms";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ params, matches }) => [
  {
    title: pageTitle(
      matches,
      `${params.ref ?? ""} · Service request · 服务申请 | Zizhu Park Portal`,
    ),
  },
];

/** A request as its company sees it; another company's (or a missing) request is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:own");
  const found = await getRequestForCompany(db(), user, params.ref ?? "");
  invariantFound(found);
  return found;
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:own");
  const found = await getRequestForCompany(db(), user, params.ref ?? "");
  invariantFound(found);
  const read = await readRequestForm(request);
  if ("refused" in read)
    return data<CompanyReply>(
      { intent: "reply", result: { status: "error", error: { files: [read.refused] } } },
      { status: read.refused === "services:errors.file" ? 413 : 400 },
    );
  const intent = String(read.form.get("intent") ?? "");
  if (!isCompanyIntent(intent))
    return data<CompanyReply>({ intent: "none", result: null }, { status: 400 });
  return runCompanyIntent(intent, {
    user,
    ref: found.request.ref,
    form: read.form,
    uploads: read.uploads,
    origin: requestMeta(request, context).origin,
  });
}

export default function RequestDetail() {
  const { request: r, sla, ...thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const date = useFormatDate();
  const finished = r.state === "resolved" || r.state === "closed";
  const mergedInto = r.merged_into_ref;
  const resultOf = (...intents: CompanyReply["intent"][]) =>
    actionData && intents.includes(actionData.intent) ? actionData.result : undefined;

  return (
    <div className="container">
      <p>
        <Link to="/requests">← {t("list.title")}</Link>
      </p>
      <header className="page-header">
        <RequestHeading request={r} />
        <p className="muted">
          {t("detail.filedBy", { name: r.requester_name ?? "–", date: date(r.created_at) })}
        </p>
      </header>
      {mergedInto ? (
        <p className="notice notice-info" role="status" data-testid="merged-into">
          {t("relations.mergedInto", { ref: mergedInto })}{" "}
          <Link to={`/requests/${mergedInto}`}>
            {t("relations.mergedIntoLink", { ref: mergedInto })}
          </Link>
        </p>
      ) : null}

      <div className="sr-layout">
        <div className="stack">
          <section className="card">
            <dl className="details">
              <dt>{t("detail.state")}</dt>
              <dd>
                <StateBadge state={r.state} />
              </dd>
              {finished ? (
                <>
                  <dt>{t("detail.expected")}</dt>
                  <dd>
                    {t("detail.expectedDone")} {date(r.resolved_at ?? r.closed_at)}
                  </dd>
                </>
              ) : (
                <SlaLine
                  label={t("detail.expected")}
                  dueAt={sla.resolutionDueAt}
                  leftMs={sla.resolutionMs}
                />
              )}
            </dl>
            {finished ? null : <WorkingHoursNote />}
            {r.state === "waiting_on_requester" ? (
              <div className="notice notice-warning">
                <p>{t("detail.replyWaiting")}</p>
              </div>
            ) : null}
          </section>

          <section className="card">
            <h2>{t("detail.details")}</h2>
            <h3>{t("detail.description")}</h3>
            <p className="sr-body">{r.description}</p>
            <FieldValues fields={thread.fields} values={thread.fieldValues} files={thread.files} />
          </section>

          <section className="card" aria-labelledby="conversation">
            <h2 id="conversation">{t("detail.conversation")}</h2>
            <MessageList messages={thread.messages} files={thread.files} />
            {mergedInto ? null : (
              <ReplyForm
                key={`${thread.messages.length}-${r.version}`}
                lastResult={resultOf("reply")}
                waiting={r.state === "waiting_on_requester"}
              />
            )}
          </section>

          {finished && !mergedInto ? (
            <section className="card">
              <h2>{t("detail.rating")}</h2>
              {r.rating ? (
                <RatingLine rating={r.rating} comment={r.rating_comment} />
              ) : (
                <RatingForm lastResult={resultOf("rate")} />
              )}
            </section>
          ) : null}
        </div>

        <aside className="stack">
          {mergedInto ? null : (
            <StateForms
              state={r.state}
              version={r.version}
              lastResult={resultOf("close", "reopen")}
            />
          )}
          <HistoryList history={thread.history} />
        </aside>
      </div>
    </div>
  );
}
