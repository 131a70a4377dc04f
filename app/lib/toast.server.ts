/** Toasts through a short-lived flash cookie, so they survive the redirect after an action. */
import { redirect } from "@remix-run/node";
import * as z from "zod";
import { clearCookie, toastCookie } from "./cookies.server";

const toastSchema = z.object({
  type: z.enum(["success", "info", "error"]).default("success"),
  /** An i18n key, e.g. "accounts:toast.signedIn"; rendered in the reader's language. */
  key: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

/** The toast this request carries (null when none or malformed) and the line that clears it. */
export async function readToast(
  request: Request,
): Promise<{ toast: Toast | null; clear: string | null }> {
  const cookie = toastCookie();
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (value === null) return { toast: null, clear: null };
  const parsed = toastSchema.safeParse(value);
  return { toast: parsed.success ? parsed.data : null, clear: await clearCookie(cookie) };
}

export async function redirectWithToast(
  url: string,
  toast: Toast,
  init: ResponseInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie().serialize(toast));
  return redirect(url, { ...init, headers });
}
