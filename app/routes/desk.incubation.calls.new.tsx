import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { CallForm, callToDefaults } from "~/incubation/call-form";
import { getCall, listProgrammes } from "~/incubation/incubation.server";
import { isUuid } from "~/lib/ids";
import { saveCallForm } from "~/incubation/route-helpers.server";
import { usePick } from "~/incubation/ui";
import { toParkLocalInput } from "~/lib/format";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New call · 新建批次 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:incubation_call:any");
  const from = new URL(request.url).searchParams.get("from");
  const source = isUuid(from) ? await getCall(db(), from) : undefined;
  return {
    programmes: await listProgrammes(db()),
    defaults: source ? callToDefaults(source, toParkLocalInput, true) : { places: "10" },
    source: source ? { title_en: source.title_en, title_zh: source.title_zh } : null,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:incubation_call:any");
  return saveCallForm(db(), request, context, user);
}

export default function NewCall() {
  const { programmes, defaults, source } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  return (
    <div className="container">
      <p>
        <Link to="/desk/incubation">← {tDesk("incubation.home.backToDesk")}</Link>
      </p>
      <h1>{tDesk("incubation.callForm.titleNew")}</h1>
      {source ? (
        <p className="notice">
          {tDesk("incubation.callForm.cloneFrom", { title: pick(source.title_en, source.title_zh) })}
        </p>
      ) : null}
      <CallForm
        programmes={programmes}
        defaults={defaults}
        result={result}
        submitLabel={tDesk("incubation.callForm.save")}
      />
    </div>
  );
}
