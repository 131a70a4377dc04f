import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/guards.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { PolicyEditor, PreviewPanel, useLivePreview, useShownPreview } from "~/policies/editor";
import { editorAction } from "~/policies/editor.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New policy · 新建政策 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  return { figuresHidden: !can(user, "read:statistics:any") };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  return editorAction(request, user, null);
}

export default function NewPolicy() {
  const { figuresHidden } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("policies");
  const locale = useLocale();
  const live = useLivePreview(null);
  const shown = useShownPreview(live.preview, actionData?.preview ?? null);
  return (
    <div className="container">
      <p>
        <Link to="/desk/policies">← {t("desk.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("desk.new")}</h1>
      </header>
      <PolicyEditor
        lastResult={actionData?.reply ?? null}
        defaults={{ stages: ["check", "approve"], status: "draft" }}
        locale={locale}
        onChange={live.onChange}
      />
      {shown ? (
        <PreviewPanel
          preview={shown}
          today={shown.today}
          unsaved
          figuresHidden={figuresHidden}
          locale={locale}
          live={live.state}
        />
      ) : null}
    </div>
  );
}
