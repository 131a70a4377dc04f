/** Toasts through a short-lived flash cookie, so they survive the redirect after an action. */
import { redirect } from "@remix-run/node";
import { z } from "zod";

const toastSchema = z.object({
  type: z.enum(["success", "info", "error"]).default("success"),
  /** An i18n key, e.g. "accounts:toast.signedIn"; rendered in the reader's language. */
  key: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

const NAME = "toast";

export function toastCookie(toast: Toast): string {
  const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
  return `${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

export function readToast(request: Request): { toast: Toast | null; clear: string | null } {
  const header = request.headers.get("Cookie") ?? "";
  const match = header
    .split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${NAME}=`));
  if (!match) return { toast: null, clear: null };
  const clear = `${NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  try {
    const parsed = toastSchema.safeParse(
      JSON.parse(Buffer.from(match.slice(NAME.length + 1), "base64url").toString()),
    );
    return { toast: parsed.success ? parsed.data : null, clear };
  } catch {
    return { toast: null, clear };
  }
}

export function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", toastCookie(toast));
  return redirect(url, { ...init, headers });
}
