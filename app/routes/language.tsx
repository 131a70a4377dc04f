import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/lib/form.server";
import { updateProfile } from "~/accounts/accounts.server";
import { getUser } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { db } from "~/db.server";
import { isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/lib/cookies.server";

export async function loader() {
  return redirect("/");
}

/** The language switch: remembered in a cookie, and in the profile when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const user = await getUser(request);
  if (user) await updateProfile(db(), user.id, { locale });
  return redirect(back, { headers: { "Set-Cookie": localeCookie(locale) } });
}
