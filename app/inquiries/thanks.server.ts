/**
 * The contact form's thank-you page after a redirect (issue 11: every result page after a POST
 * is a redirect, so a reload never posts again). The reference travels in a cookie of this
 * browser only (`flash_inquiry`, HttpOnly, path /contact: app/lib/cookies.server.ts): the page
 * at /contact/thanks shows the reference held by that cookie and nothing read from the
 * database, so no URL shows anyone else's inquiry.
 */
import { redirect } from "@remix-run/node";
import { inquiryFlashCookie } from "~/lib/cookies.server";

const PATH = "/contact/thanks";
const REFERENCE = /^INQ-\d{4}-\d{5,}$/;

/** The redirect after a filed inquiry (or a bot's, with a made-up reference). */
export async function redirectToThanks(reference: string): Promise<Response> {
  return redirect(PATH, {
    headers: { "Set-Cookie": await inquiryFlashCookie().serialize(reference) },
  });
}

/** The reference this browser's last inquiry got, or null. */
export async function thanksReference(request: Request): Promise<string | null> {
  const value: unknown = await inquiryFlashCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && REFERENCE.test(value) ? value : null;
}
