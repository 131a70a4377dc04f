/**
 * The account page's forms: grant or revoke a park role, disable or enable the account.
 * Each checks its own permission and schema; a refusal names why (the last admin, oneself).
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { roleChangeSchema, statusChangeSchema } from "~/admin/schema";
import {
  disableUser,
  enableUser,
  getUserDetail,
  grantRole,
  parkRoleLabels,
  revokeRole,
  type AdminChangeError,
  type AdminChangeResult,
} from "~/admin/users.server";
import { forbidden, notFound } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { pick, type Locale } from "~/i18n/i18n";
import { parseForm } from "~/lib/form.server";
import { redirectWithToast } from "~/lib/toast.server";

export interface IntentArgs {
  intent: string;
  formData: FormData;
  actor: SessionUser;
  userId: string;
  ip: string | null | undefined;
  locale: Locale;
}

const ERROR_KEYS: Record<Exclude<AdminChangeError, "notFound" | "notAdmin">, string> = {
  ownAdmin: "admin:errors.ownAdmin",
  self: "admin:errors.self",
  lastAdmin: "admin:errors.lastAdmin",
};

type Reply = (opts?: { formErrors: string[] }) => SubmissionResult<string[]>;

/** A refused change: 404/403 for a missing account or a demoted actor, else the reason on the form. */
function refuse(intent: string, error: AdminChangeError, reply: Reply) {
  if (error === "notFound") notFound();
  if (error === "notAdmin") forbidden();
  return data(
    { intent, result: reply({ formErrors: [ERROR_KEYS[error]] }) },
    { status: error === "lastAdmin" ? 409 : 400 },
  );
}

/** The toast after a change: `done` when it changed something, `unchanged` when not. */
async function toast(
  userId: string,
  result: Extract<AdminChangeResult, { ok: true }>,
  done: string,
  unchanged: string,
  values: Record<string, string> = {},
) {
  const user = await getUserDetail(db(), userId);
  return redirectWithToast(`/admin/users/${userId}`, {
    type: result.changed ? "success" : "info",
    key: result.changed ? done : unchanged,
    values: { name: user?.name ?? "", ...values },
  });
}

async function roleChange({ intent, formData, actor, userId, ip, locale }: IntentArgs) {
  if (!can(actor, "update:user_role:any")) forbidden();
  const submission = parseForm(formData, { schema: roleChangeSchema });
  if (submission.status !== "success")
    return data({ intent, result: submission.reply() }, { status: 400 });
  const { role } = submission.value;
  const grant = intent === "grant-role";
  const change = grant ? grantRole : revokeRole;
  const result = await change(db(), actor.id, userId, role, { ip });
  if (!result.ok) return refuse(intent, result.error, (o) => submission.reply(o));
  const labels = await parkRoleLabels(db());
  const roleLabel = pick(locale, labels[role]?.en ?? role, labels[role]?.zh ?? role);
  return toast(
    userId,
    result,
    grant ? "admin:toast.roleGranted" : "admin:toast.roleRevoked",
    "admin:toast.roleUnchanged",
    { role: roleLabel },
  );
}

async function statusChange({ intent, formData, actor, userId, ip }: IntentArgs) {
  if (!can(actor, "update:user_status:any")) forbidden();
  const submission = parseForm(formData, { schema: statusChangeSchema });
  if (submission.status !== "success")
    return data({ intent, result: submission.reply() }, { status: 400 });
  const disable = intent === "disable";
  const result = disable
    ? await disableUser(db(), actor.id, userId, { ip, reason: submission.value.reason })
    : await enableUser(db(), actor.id, userId, { ip });
  if (!result.ok) return refuse(intent, result.error, (o) => submission.reply(o));
  return toast(
    userId,
    result,
    disable ? "admin:toast.disabled" : "admin:toast.enabled",
    "admin:toast.statusUnchanged",
  );
}

const INTENTS = {
  "grant-role": roleChange,
  "revoke-role": roleChange,
  disable: statusChange,
  enable: statusChange,
};

/** The handler of a posted intent, or null for an unknown one. */
export function intentHandler(intent: unknown) {
  return typeof intent === "string" && Object.hasOwn(INTENTS, intent)
    ? INTENTS[intent as keyof typeof INTENTS]
    : null;
}
