/**
 * The company page's forms, one handler per `intent`: each authorizes itself, checks the
 * form with its schema, calls the domain function and answers a redirect with a toast or
 * the refusal (status from ~/lib/http.server).
 */
import { data } from "@remix-run/node";
import { forbidden, requirePermission } from "~/auth/guards.server";
import type { Permission } from "~/auth/permissions";
import {
  inviteMember,
  leaveCompany,
  listMembers,
  removeMember,
  revokeInvitation,
  transferOwnership,
} from "~/companies/companies.server";
import { inviteSchema, leaveSchema, memberActionSchema, revokeSchema } from "~/companies/schema";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf, throwIfMissing } from "~/lib/http.server";
import type { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import type { CompanyReply } from "./reply";

export interface IntentArgs {
  request: Request;
  formData: FormData;
  meta: ReturnType<typeof requestMeta>;
}

/** The member with the permission, and their company (a permission on "own" implies one). */
async function member(request: Request, permission: Permission) {
  const user = await requirePermission(request, permission);
  if (!user.company) return forbidden();
  return { ...user, company: user.company };
}

const refuse = (reply: CompanyReply, status = 400) => data(reply, { status });
const invalidRequest = (intent: string | null) =>
  refuse({ intent, result: null, error: "company:errors.invalidRequest" });

async function invite({ request, formData, meta }: IntentArgs) {
  const user = await member(request, "manage:company_member:own");
  const submission = parseForm(formData, { schema: inviteSchema });
  if (submission.status !== "success")
    return refuse({ intent: "invite", result: submission.reply(), error: null });
  const result = await inviteMember(
    db(),
    { id: user.id, name: user.name, locale: user.locale },
    user.company.id,
    submission.value.email,
    meta,
  );
  if (!result.ok) {
    throwIfMissing(result);
    const reply =
      result.error === "tooMany"
        ? submission.reply({ formErrors: ["company:errors.tooManyInvites"] })
        : submission.reply({ fieldErrors: { email: ["company:errors.alreadyMember"] } });
    return refuse(
      { intent: "invite", result: reply, error: null },
      result.error === "tooMany" ? statusOf(result) : 400,
    );
  }
  return redirectWithToast("/company", {
    type: "success",
    key: "company:toast.invited",
    values: { email: submission.value.email },
  });
}

async function revoke({ request, formData, meta }: IntentArgs) {
  const user = await member(request, "manage:company_member:own");
  const submission = parseForm(formData, { schema: revokeSchema });
  if (submission.status !== "success") return invalidRequest("revoke");
  const { invitationId } = submission.value;
  const result = await revokeInvitation(db(), user, user.company.id, invitationId, meta);
  if (!result.ok) throwIfMissing(result);
  return redirectWithToast("/company", { type: "success", key: "company:toast.revoked" });
}

/** `remove` and `transfer`: the owner acts on one member, after a confirmation step. */
async function memberChange({ request, formData, meta }: IntentArgs) {
  const user = await member(request, "manage:company_member:own");
  const submission = parseForm(formData, { schema: memberActionSchema });
  if (submission.status !== "success") return invalidRequest(String(formData.get("intent")));
  const { intent, userId } = submission.value;
  const companyId = user.company.id;
  const target = (await listMembers(db(), companyId)).find((m) => m.userId === userId);
  const change = intent === "remove" ? removeMember : transferOwnership;
  const result = await change(db(), user, companyId, userId, meta);
  if (!result.ok) {
    throwIfMissing(result);
    return refuse({ intent, result: null, error: `company:errors.${result.error}` });
  }
  return intent === "remove"
    ? redirectWithToast("/company", { type: "success", key: "company:toast.removed" })
    : redirectWithToast("/company", {
        type: "success",
        key: "company:toast.transferred",
        values: { name: target?.name ?? "" },
      });
}

async function leave({ request, formData, meta }: IntentArgs) {
  const user = await member(request, "read:company:own");
  const submission = parseForm(formData, { schema: leaveSchema });
  if (submission.status !== "success") return invalidRequest("leave");
  const result = await leaveCompany(db(), user, user.company.id, meta);
  if (!result.ok) {
    throwIfMissing(result);
    return refuse({ intent: "leave", result: null, error: "company:errors.ownerCannotLeave" });
  }
  return redirectWithToast("/company", { type: "success", key: "company:toast.left" });
}

export const INTENTS = {
  invite,
  revoke,
  remove: memberChange,
  transfer: memberChange,
  leave,
};

/** The handler of a posted intent, or null for an unknown one. */
export function intentHandler(intent: unknown) {
  return typeof intent === "string" && Object.hasOwn(INTENTS, intent)
    ? INTENTS[intent as keyof typeof INTENTS]
    : null;
}

export { invalidRequest };
