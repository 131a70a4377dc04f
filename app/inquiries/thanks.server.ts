/**
 * The contact form's thank-you page after a redirect (issue 11: every result page after a POST
 * is a redirect, so a reload never posts again). The reference travels in a cookie of this
 * browser only (`flash_inquiry`, HttpOnly, path /contact): the page at
 * /contact/thanks shows the reference held by that cookie and nothing read from the database,
 * so no URL shows anyone else's inquiry.
 */
import { redirect } from "@remix-run/node";

const NAME = "flash_inquiry";
const PATH = "/contact/thanks";
/** The cookie's path: "/contact/thanks" would not match the data request "/contact/thanks.data". */
const COOKIE_PATH = "/contact";
const REFERENCE = /^INQ-\d{4}-\d{5,}$/;

/** The redirect after a filed inquiry (or a bot's, with a made-up reference). */
export function redirectToThanks(reference: string): Response {
  return redirect(PATH, {
    headers: {
      "Set-Cookie": `${NAME}=${reference}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=86400`,
    },
  });
}

/** The reference this browser's last inquiry got, or null. */
export function thanksReference(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === NAME && value && REFERENCE.test(value)) return value;
  }
  return null;
}
