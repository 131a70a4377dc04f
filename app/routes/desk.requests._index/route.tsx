import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { requirePermission } from "~/auth/guards.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { idempotent } from "~/forms/idempotency.server";
import { safeRedirect } from "~/lib/redirect";
import { requestMeta } from "~/lib/request.server";
import {
  countQueue,
  listQueue,
  listViews,
  parseFilters,
  queueOptions,
  queueParams,
} from "~/service-requests/queue.server";
import { BulkConfirm, BulkFields } from "./bulk";
import { Filters } from "./filters";
import { runQueueIntent } from "./intents.server";
import { Pager, QueueTable } from "./queue-table";
import { SavedViews } from "./saved-views";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Service queue · 服务队列 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:service_request:any");
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams, user.id);
  const now = new Date();
  const page = await listQueue(db(), filters, url.searchParams.get("after"), now);
  const count = await countQueue(db(), filters, now);
  return {
    me: user.id,
    page,
    count,
    params: queueParams(url.searchParams),
    options: await queueOptions(db()),
    views: await listViews(db(), user.id),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const form = await readForm(request);
  const query = String(form.get("back") ?? "");
  const back = safeRedirect(
    `/desk/requests${query.startsWith("?") ? query : ""}`,
    "/desk/requests",
  );
  return runQueueIntent(String(form.get("intent") ?? ""), {
    user,
    form,
    back,
    origin: requestMeta(request, context).origin,
  });
}

export default function Queue() {
  const { page, count, params, options, views, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  query.delete("after");
  const base = query.toString();
  const [selected, setSelected] = useState<number | null>(null);

  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <Link to="/desk/reports">{t("desk.reports")}</Link>
      </header>
      <SavedViews views={views} me={me} query={base} />
      <Filters params={params} options={options} />
      {actionData && "error" in actionData ? (
        <div className="notice notice-danger" role="alert">
          <p>{errorText(actionData.error)}</p>
        </div>
      ) : null}
      {actionData && actionData.kind === "review" ? (
        <BulkConfirm review={actionData} staff={options.staff} />
      ) : null}
      <Form method="post" className="section">
        <input type="hidden" name="back" value={location.search} />
        <p className="muted" data-testid="queue-count">
          {count.capped
            ? t("desk.countCapped", { count: count.count })
            : t("desk.count", { count: count.count })}
        </p>
        {page.items.length ? <BulkFields staff={options.staff} selected={selected} /> : null}
        <QueueTable items={page.items} onSelect={setSelected} />
        <Pager base={base} after={params.after} next={page.next} />
      </Form>
    </div>
  );
}
