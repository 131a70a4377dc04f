import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import { PARK_ROLE_NAMES, roleChangeSchema, statusChangeSchema } from "~/admin/schema";
import { ActionName, ActorLink, AuditDetails, BothTimes, StatusBadge } from "~/admin/ui";
import {
  disableUser,
  enableUser,
  getUserDetail,
  grantRole,
  parkRoleLabels,
  revokeRole,
  userExists,
  type AdminChangeError,
} from "~/admin/users.server";
import { forbidden, invariantFound, notFound, requireParkRole } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { detectLocale } from "~/i18n/locale.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireParkRole(request, ["admin"]);
  const database = db();
  const user = await getUserDetail(database, params.userId ?? "");
  invariantFound(user);
  return { user, roleLabels: await parkRoleLabels(database), isSelf: actor.id === user.id };
}

const ERROR_KEYS: Record<Exclude<AdminChangeError, "notFound" | "notAdmin">, string> = {
  ownAdmin: "admin:errors.ownAdmin",
  self: "admin:errors.self",
  lastAdmin: "admin:errors.lastAdmin",
};

/** Several small forms, each posting an `intent`; every one authorizes and validates itself. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireParkRole(request, ["admin"]);
  const userId = params.userId ?? "";
  const database = db();
  invariantFound(await userExists(database, userId));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const { ip } = requestMeta(request, context);
  const locale = detectLocale(request, actor.locale);
  const refuse = <R,>(error: AdminChangeError, reply: (opts: { formErrors: string[] }) => R) => {
    if (error === "notFound") notFound();
    if (error === "notAdmin") forbidden();
    return data(
      { intent: String(intent), result: reply({ formErrors: [ERROR_KEYS[error]] }) },
      { status: error === "lastAdmin" ? 409 : 400 },
    );
  };

  if (intent === "grant-role" || intent === "revoke-role") {
    if (!can(actor, "update:user_role:any")) forbidden();
    const submission = parseForm(formData, { schema: roleChangeSchema });
    if (submission.status !== "success")
      return data({ intent: String(intent), result: submission.reply() }, { status: 400 });
    const { role } = submission.value;
    const result =
      intent === "grant-role"
        ? await grantRole(database, actor.id, userId, role, { ip })
        : await revokeRole(database, actor.id, userId, role, { ip });
    if (!result.ok) return refuse(result.error, (o) => submission.reply(o));
    const user = await getUserDetail(database, userId);
    const labels = await parkRoleLabels(database);
    const roleLabel = pick(locale, labels[role]?.en ?? role, labels[role]?.zh ?? role);
    return redirectWithToast(`/admin/users/${userId}`, {
      type: result.changed ? "success" : "info",
      key: result.changed
        ? intent === "grant-role"
          ? "admin:toast.roleGranted"
          : "admin:toast.roleRevoked"
        : "admin:toast.roleUnchanged",
      values: { name: user?.name ?? "", role: roleLabel },
    });
  }

  if (intent === "disable" || intent === "enable") {
    if (!can(actor, "update:user_status:any")) forbidden();
    const submission = parseForm(formData, { schema: statusChangeSchema });
    if (submission.status !== "success")
      return data({ intent: String(intent), result: submission.reply() }, { status: 400 });
    const result =
      intent === "disable"
        ? await disableUser(database, actor.id, userId, { ip, reason: submission.value.reason })
        : await enableUser(database, actor.id, userId, { ip });
    if (!result.ok) return refuse(result.error, (o) => submission.reply(o));
    const user = await getUserDetail(database, userId);
    return redirectWithToast(`/admin/users/${userId}`, {
      type: result.changed ? "success" : "info",
      key: result.changed
        ? intent === "disable"
          ? "admin:toast.disabled"
          : "admin:toast.enabled"
        : "admin:toast.statusUnchanged",
      values: { name: user?.name ?? "" },
    });
  }

  return data({ intent: null, result: null, error: "admin:errors.unknownIntent" }, { status: 400 });
}

export default function AdminUser() {
  const { user, roleLabels, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { key } = useLocation();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  const locale = useLocale();
  const label = (role: string) =>
    pick(locale, roleLabels[role]?.en ?? role, roleLabels[role]?.zh ?? role);
  const held = new Map(user.roles.map((r) => [r.role as string, r]));
  const roleErrors =
    actionData &&
    (actionData.intent === "grant-role" || actionData.intent === "revoke-role") &&
    actionData.result
      ? Object.values(actionData.result.error ?? {}).flatMap((e): string[] =>
          Array.isArray(e) ? e.map(String) : [],
        )
      : [];
  const unknownIntent = actionData && "error" in actionData ? actionData.error : null;
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

      <section className="card" aria-labelledby="user-roles">
        <h2 id="user-roles">{t("user.rolesTitle")}</h2>
        <p className="muted">{t("user.rolesLead")}</p>
        {roleErrors.length ? (
          <div className="error-summary" role="alert">
            <h3>{t("errors.title")}</h3>
            {roleErrors.map((e) => (
              <p key={e}>{errorText(e)}</p>
            ))}
          </div>
        ) : null}
        <ul className="admin-role-list">
          {PARK_ROLE_NAMES.map((role) => {
            const holding = held.get(role);
            const ownAdmin = isSelf && role === "admin";
            return (
              <li key={role} className="admin-role">
                <div>
                  <p className="admin-role-name">
                    {label(role)}{" "}
                    {holding ? (
                      <span className="badge badge-success">{t("status.active")}</span>
                    ) : (
                      <span className="badge badge-muted">{t("user.notHeld")}</span>
                    )}
                  </p>
                  <p className="muted">
                    {pick(locale, roleLabels[role]?.descriptionEn, roleLabels[role]?.descriptionZh)}
                  </p>
                  {holding ? (
                    <p className="muted">
                      {t("user.held")}:
                      <BothTimes value={holding.grantedAt} />
                      {holding.grantedBy ? (
                        <> · {t("user.grantedBy", { name: holding.grantedBy.name })}</>
                      ) : null}
                    </p>
                  ) : null}
                  {ownAdmin ? <p className="muted">{t("user.ownAdminNote")}</p> : null}
                </div>
                {ownAdmin ? null : (
                  <Form method="post">
                    <input
                      type="hidden"
                      name="intent"
                      value={holding ? "revoke-role" : "grant-role"}
                    />
                    <SubmitButton
                      className={holding ? "button button-secondary" : "button"}
                      name="role"
                      value={role}
                    >
                      {holding
                        ? t("user.revoke", { role: label(role) })
                        : t("user.grant", { role: label(role) })}
                    </SubmitButton>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <StatusForm
        key={`status-${key}`}
        disabled={!!user.disabledAt}
        isSelf={isSelf}
        lastResult={statusResult}
      />

      <section className="card" aria-labelledby="user-activity">
        <h2 id="user-activity">{t("user.activityTitle")}</h2>
        {user.activity.length === 0 ? (
          <p className="muted">{t("user.activityEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t("audit.when")}</th>
                  <th scope="col">{t("audit.who")}</th>
                  <th scope="col">{t("audit.what")}</th>
                  <th scope="col">{t("audit.details")}</th>
                </tr>
              </thead>
              <tbody>
                {user.activity.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <BothTimes value={a.at} />
                    </td>
                    <td>
                      <ActorLink id={a.actor_id} name={a.actor_name} />
                    </td>
                    <td>
                      <ActionName action={a.action} />
                    </td>
                    <td>
                      <AuditDetails details={a.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to={`/admin/audit?actor=${user.id}`}>{t("user.allActivity")}</Link>
        </p>
      </section>
    </div>
  );
}

type StatusResult = SubmissionResult<string[]> | null;

function StatusForm({
  disabled,
  isSelf,
  lastResult,
}: {
  disabled: boolean;
  isSelf: boolean;
  lastResult?: StatusResult;
}) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "user-status",
    lastResult,
    defaultValue: { intent: disabled ? "enable" : "disable" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
  });
  return (
    <section className="card" aria-labelledby="user-status-title">
      <h2 id="user-status-title">{t("user.statusTitle")}</h2>
      {isSelf ? (
        <p className="muted">{t("user.selfNote")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="form-stack">
          {form.errors?.length ? (
            <div className="error-summary" role="alert">
              <h3>{t("errors.title")}</h3>
              {form.errors.map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          ) : null}
          <input type="hidden" name="intent" value={disabled ? "enable" : "disable"} />
          {disabled ? (
            <p>{t("user.enableLead")}</p>
          ) : (
            <>
              <p>{t("user.disableLead")}</p>
              <div className={`field${fields.reason.errors?.length ? " has-error" : ""}`}>
                <label htmlFor={fields.reason.id}>
                  {t("user.reason")}{" "}
                  <span className="field-optional">({errorText("common:form.optional")})</span>
                </label>
                <p className="field-hint" id={`${fields.reason.id}-hint`}>
                  {t("user.reasonHint")}
                </p>
                <textarea
                  {...getTextareaProps(fields.reason, {
                    ariaDescribedBy: `${fields.reason.id}-hint`,
                  })}
                  key={fields.reason.key}
                  rows={2}
                />
                <FieldErrors
                  id={fields.reason.errorId}
                  errors={fields.reason.errors}
                  format={errorText}
                />
              </div>
            </>
          )}
          <SubmitButton className={disabled ? "button" : "button button-danger"}>
            {disabled ? t("user.enable") : t("user.disable")}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
