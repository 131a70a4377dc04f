import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { CallForm, callToDefaults } from "~/incubation/call-form";
import { getCall, listProgrammes } from "~/incubation/incubation.server";
import { isUuid } from "~/lib/ids";
import { saveCallForm } from "~/incubation/route-helpers.server";
import { usePick } from "~/incubation/ui";
import { toParkLocalInput } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Edit call · 编辑批次 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:incubation_call:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  return {
    call,
    programmes: await listProgrammes(db()),
    defaults: callToDefaults(call, toParkLocalInput),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:incubation_call:any");
  const call = isUuid(params.callId) ? await getCall(db(), params.callId) : undefined;
  invariantFound(call);
  return saveCallForm(db(), request, context, user, call.id);
}

export default function EditCall() {
  const { call, programmes, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  return (
    <div className="container">
      <p>
        <Link to={`/desk/incubation/calls/${call.id}`}>← {pick(call.title_en, call.title_zh)}</Link>
      </p>
      <h1>{tDesk("incubation.callForm.titleEdit")}</h1>
      <CallForm
        programmes={programmes}
        defaults={defaults}
        result={result}
        submitLabel={tDesk("incubation.callForm.save")}
      />
    </div>
  );
}
