import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useKeyText } from "~/i18n/use-translation";
import { addReportComment, programmeReport } from "~/incubation/report-comments.server";
import { ProgrammeReport } from "~/incubation/report-comments-ui";
import { ctxOf } from "~/incubation/route-helpers.server";
import { readForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/page-title";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubatee report · 在孵企业报表 | Zizhu Park Portal") },
];

/** A mentor reads an assigned incubatee's report and comments on it (ADR 0049). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:incubatee:assigned");
  const result = await programmeReport(
    db(),
    user,
    params.applicationId ?? "",
    params.reportId ?? "",
    { ip: requestMeta(request, context).ip },
  );
  if (!result.ok) notFound();
  return { view: result };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:incubatee:assigned");
  const form = await readForm(request);
  const body = form.get("body");
  if (form.get("intent") !== "comment" || typeof body !== "string")
    return data({ error: "incubation:errors.refused", body: "" }, { status: 400 });
  const applicationId = params.applicationId ?? "";
  const result = await addReportComment(
    db(),
    ctxOf(request, context, user),
    user,
    applicationId,
    params.reportId ?? "",
    { body },
  );
  if (!result.ok) {
    const status = result.error === "notFound" ? 404 : result.error === "notSubmitted" ? 409 : 400;
    return data({ error: `desk:incubateeReport.errors.${result.error}`, body }, { status });
  }
  return redirectWithToast(`/mentoring/${applicationId}/reports/${params.reportId}`, {
    type: "success",
    key: "desk:incubateeReport.toast.commented",
  });
}

export default function MenteeReport() {
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const keyText = useKeyText();
  return (
    <ProgrammeReport
      view={view}
      back={`/mentoring/${view.incubatee.applicationId}`}
      statisticsLink={null}
      error={actionData?.error ? keyText(actionData.error) : null}
      typed={actionData?.body ?? ""}
    />
  );
}
