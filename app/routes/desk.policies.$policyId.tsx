import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { isUuid } from "~/lib/ids";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { PolicyEditor, PreviewPanel, useLivePreview, useShownPreview } from "~/policies/editor";
import { editorAction, editorLoad } from "~/policies/editor.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Edit policy · 编辑政策 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const id = params.policyId ?? "";
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  return editorLoad(user, id);
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const id = params.policyId ?? "";
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  return editorAction(request, user, id);
}

export default function EditPolicy() {
  const { policy, defaults, preview, figuresHidden } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("policies");
  const { t: tc } = useTranslation("claims");
  const locale = useLocale();
  const live = useLivePreview(policy.id);
  const posted = actionData?.preview ?? null;
  const shown = useShownPreview(live.preview, posted) ?? preview;
  return (
    <div className="container">
      <p>
        <Link to="/desk/policies">← {t("desk.back")}</Link>
      </p>
      <header className="page-header spread">
        <h1>{pick(locale, policy.title_en, policy.title_zh)}</h1>
        <p className="row">
          {policy.auto_award ? (
            <Link className="button button-secondary" to={`/desk/policies/${policy.id}/awards`}>
              {tc("awards.link")}
            </Link>
          ) : null}
          <Link className="button button-secondary" to={`/desk/policies/${policy.id}/uptake`}>
            {tc("uptake.link")}
          </Link>
          {policy.status === "published" ? (
            <Link className="button button-secondary" to={`/park/policies/${policy.id}`}>
              {t("public.more")}
            </Link>
          ) : null}
        </p>
      </header>
      <PolicyEditor
        key={String(defaults.version)}
        lastResult={actionData?.reply ?? null}
        defaults={defaults}
        locale={locale}
        onChange={live.onChange}
      />
      <PreviewPanel
        preview={shown}
        today={shown.today}
        unsaved={shown !== preview}
        figuresHidden={figuresHidden}
        locale={locale}
        live={live.state}
      />
    </div>
  );
}
