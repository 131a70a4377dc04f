/**
 * The account page's forms, one handler per `intent`, each checked by its own schema; the
 * refusals keep what was typed (passwords excepted).
 */
import { data } from "@remix-run/node";
import {
  changePassword,
  endOtherSessions,
  requestEmailChange,
  updateProfile,
} from "~/accounts/accounts.server";
import {
  changeEmailSchema,
  changePasswordSchema,
  profileSchema,
  signOutOthersSchema,
} from "~/accounts/schema";
import type { requireSession } from "~/auth/guards.server";
import { db } from "~/db.server";
import { localeCookie } from "~/lib/cookies.server";
import { parseForm } from "~/lib/form.server";
import type { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";

export interface IntentArgs {
  formData: FormData;
  session: Awaited<ReturnType<typeof requireSession>>;
  meta: ReturnType<typeof requestMeta>;
}

const THROTTLED = "accounts:account.throttled";
const statusFor = (error: string) => (error === "throttled" ? 429 : 400);
const saved = (key: string, values?: Record<string, string>) =>
  redirectWithToast("/account", {
    type: "success",
    key: `accounts:account.${key}`,
    ...(values ? { values } : {}),
  });

async function profile({ formData, session: { user }, meta }: IntentArgs) {
  const submission = parseForm(formData, { schema: profileSchema });
  if (submission.status !== "success")
    return data({ intent: "profile", result: submission.reply() }, { status: 400 });
  const { name, locale } = submission.value;
  await updateProfile(db(), user.id, { name, locale }, meta);
  return redirectWithToast(
    "/account",
    { type: "success", key: "accounts:account.profileSaved" },
    { headers: { "Set-Cookie": localeCookie(locale) } },
  );
}

async function password({ formData, session: { user, sessionId }, meta }: IntentArgs) {
  const intent = "change-password";
  const submission = parseForm(formData, { schema: changePasswordSchema });
  const hideFields = ["currentPassword", "password", "confirm"];
  if (submission.status !== "success")
    return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
  const result = await changePassword(
    db(),
    { userId: user.id, sessionId, ...submission.value },
    meta,
  );
  if (!result.ok) {
    const error = result.error === "throttled" ? THROTTLED : "accounts:account.wrongPassword";
    return data(
      {
        intent,
        result: submission.reply({ hideFields, fieldErrors: { currentPassword: [error] } }),
      },
      { status: statusFor(result.error) },
    );
  }
  return saved("passwordChanged");
}

async function email({ formData, session: { user }, meta }: IntentArgs) {
  const intent = "change-email";
  const submission = parseForm(formData, { schema: changeEmailSchema });
  const hideFields = ["currentPassword"];
  if (submission.status !== "success")
    return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
  const result = await requestEmailChange(db(), { userId: user.id, ...submission.value }, meta);
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> =
      result.error === "wrongPassword"
        ? { currentPassword: ["accounts:account.wrongPassword"] }
        : result.error === "throttled"
          ? { currentPassword: [THROTTLED] }
          : { newEmail: ["accounts:account.sameEmail"] };
    return data(
      { intent, result: submission.reply({ hideFields, fieldErrors }) },
      { status: statusFor(result.error) },
    );
  }
  return saved("emailChangeSent", { email: submission.value.newEmail });
}

async function signOutOthers({ formData, session: { user, sessionId }, meta }: IntentArgs) {
  const submission = parseForm(formData, { schema: signOutOthersSchema });
  if (submission.status !== "success")
    return data({ intent: "sign-out-others", result: submission.reply() }, { status: 400 });
  await endOtherSessions(db(), user.id, sessionId, meta);
  return saved("othersSignedOut");
}

const INTENTS = {
  profile,
  "change-password": password,
  "change-email": email,
  "sign-out-others": signOutOthers,
};

/** The handler of a posted intent, or null for an unknown one. */
export function intentHandler(intent: unknown) {
  return typeof intent === "string" && Object.hasOwn(INTENTS, intent)
    ? INTENTS[intent as keyof typeof INTENTS]
    : null;
}
