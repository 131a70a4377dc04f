import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ActivityCard, BothTimes, StatusBadge } from "~/admin/ui";
import { getUserDetail, parkRoleLabels, userExists } from "~/admin/users.server";
import { invariantFound, requireParkRole } from "~/auth/guards.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { intentHandler } from "./intents.server";
import { RolesCard } from "./roles-card";
import { StatusForm } from "./status-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireParkRole(request, ["admin"]);
  const database = db();
  const user = await getUserDetail(database, params.userId ?? "");
  invariantFound(user);
  return { user, roleLabels: await parkRoleLabels(database), isSelf: actor.id === user.id };
}

/** Several small forms, each posting an `intent`; every one authorizes and validates itself. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireParkRole(request, ["admin"]);
  const userId = params.userId ?? "";
  invariantFound(await userExists(db(), userId));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const handler = intentHandler(intent);
  if (!handler)
    return data(
      { intent: null, result: null, error: "admin:errors.unknownIntent" },
      { status: 400 },
    );
  const { ip } = requestMeta(request, context);
  const locale = detectLocale(request, actor.locale);
  return handler({ intent: String(intent), formData, actor, userId, ip, locale });
}

type Reply = { intent: string | null; result: SubmissionResult<string[]> | null; error?: string };

export default function AdminUser() {
  const loaderData = useLoaderData<typeof loader>();
  const { user, roleLabels, isSelf } = loaderData;
  const actionData = useActionData<Reply>();
  const { key } = useLocation();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  const locale = useLocale();
  const label = (role: string) =>
    pick(locale, roleLabels[role]?.en ?? role, roleLabels[role]?.zh ?? role);
  const roleErrors =
    actionData &&
    (actionData.intent === "grant-role" || actionData.intent === "revoke-role") &&
    actionData.result
      ? Object.values(actionData.result.error ?? {}).flatMap((e): string[] =>
          Array.isArray(e) ? e.map(String) : [],
        )
      : [];
  const unknownIntent = actionData?.error ?? null;
  const statusResult =
    actionData && (actionData.intent === "disable" || actionData.intent === "enable")
      ? (actionData.result ?? undefined)
      : undefined;

  return (
    <div className="stack">
      <p>
        <Link to="/admin/users">← {t("user.back")}</Link>
      </p>
      <section className="card" aria-labelledby="user-account">
        <h2 id="user-account">
          {user.name} {isSelf ? <span className="badge badge-muted">{t("user.you")}</span> : null}
        </h2>
        {unknownIntent ? (
          <div className="error-summary" role="alert">
            <p>{errorText(unknownIntent)}</p>
          </div>
        ) : null}
        <dl className="details">
          <dt>{t("user.email")}</dt>
          <dd className="admin-break">{user.email}</dd>
          <dt>{t("user.status")}</dt>
          <dd>
            <StatusBadge disabled={!!user.disabledAt} verified={!!user.emailVerifiedAt} />
            {user.disabledAt ? (
              <p className="muted">
                <BothTimes value={user.disabledAt} />
              </p>
            ) : null}
          </dd>
          <dt>{t("user.emailVerified")}</dt>
          <dd>
            {user.emailVerifiedAt ? (
              <BothTimes value={user.emailVerifiedAt} />
            ) : (
              t("user.notVerified")
            )}
          </dd>
          <dt>{t("user.language")}</dt>
          <dd>{tc(`language.${user.locale === "zh-CN" ? "zh-CN" : "en"}`)}</dd>
          <dt>{t("user.created")}</dt>
          <dd>
            <BothTimes value={user.createdAt} />
          </dd>
          <dt>{t("user.sessions")}</dt>
          <dd>{user.activeSessions}</dd>
          <dt>{t("user.company")}</dt>
          <dd>
            {user.company ? (
              <>
                <Link to={`/admin/companies/${user.company.id}`}>
                  {pick(locale, user.company.nameEn, user.company.nameZh)}
                </Link>
                <span className="muted"> · {label(user.company.role)}</span>
              </>
            ) : (
              t("user.noCompany")
            )}
          </dd>
        </dl>
      </section>

      <RolesCard {...loaderData} errors={roleErrors} />
      <StatusForm
        key={`status-${key}`}
        disabled={!!user.disabledAt}
        isSelf={isSelf}
        lastResult={statusResult}
      />
      <ActivityCard
        id="user-activity"
        title={t("user.activityTitle")}
        empty={t("user.activityEmpty")}
        rows={user.activity}
      >
        <p>
          <Link to={`/admin/audit?actor=${user.id}`}>{t("user.allActivity")}</Link>
        </p>
      </ActivityCard>
    </div>
  );
}
