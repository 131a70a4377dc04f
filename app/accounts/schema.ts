/**
 * Form schemas for accounts, shared by the browser (Conform) and the actions.
 * Messages are i18n keys, translated where they are shown.
 */
import * as z from "zod";
import { text } from "~/lib/text";

export const email = z
  .string({ error: "accounts:errors.emailRequired" })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email({ error: "accounts:errors.emailInvalid" })
      .max(254, { error: "accounts:errors.emailInvalid" }),
  );

/** 8+ characters, up to 1,000 (no truncation), no composition rules, never trimmed. */
export const newPassword = z
  .string({ error: "accounts:errors.passwordRequired" })
  .min(8, { error: "accounts:errors.passwordTooShort" })
  .max(1000, { error: "accounts:errors.passwordTooLong" });

const anyPassword = z.string({ error: "accounts:errors.passwordRequired" }).max(1000);

export const locale = z.enum(["en", "zh-CN"]);

export const name = text(120, {
  min: 1,
  required: "accounts:errors.nameRequired",
  tooLong: "accounts:errors.nameTooLong",
});

export const signupSchema = z.object({
  name,
  email,
  password: newPassword,
  locale: locale.default("en"),
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: anyPassword,
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(100),
    password: newPassword,
    confirm: z.string({ error: "accounts:errors.confirmRequired" }),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    error: "accounts:errors.confirmMismatch",
  });

export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: anyPassword,
    password: newPassword,
    confirm: z.string({ error: "accounts:errors.confirmRequired" }),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    error: "accounts:errors.confirmMismatch",
  });

export const changeEmailSchema = z.object({
  intent: z.literal("change-email"),
  newEmail: email,
  currentPassword: anyPassword,
});

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name,
  locale,
});

export const tokenSchema = z.object({ token: z.string().min(1).max(100) });

/** The "sign out other sessions" button on /account. */
export const signOutOthersSchema = z.object({ intent: z.literal("sign-out-others") });

/** The "send the link again" button of the verification banner: where to come back to. */
export const resendVerificationSchema = z.object({ redirectTo: z.string().max(2000).optional() });
