/**
 * Where a form posted without a session goes (307 from `requireSession`, so the browser posts
 * the same body here): its text fields are kept for this browser (ADR 0018), then the person
 * signs in and lands on /resume. Anonymous by design; bounded in app/forms/kept-input.server.ts.
 */
import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getSession } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  isKeepableTarget,
  keepInput,
  keptKeyCookie,
  readKeptKey,
  readPostedForm,
} from "~/forms/kept-input.server";
import { logger } from "~/observability/logger.server";
import { safeRedirect } from "~/lib/redirect";
import { redirectWithToast } from "~/lib/toast.server";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "kept"] };

export const meta: MetaFunction = () => [{ title: "Zizhu Park Portal" }];

export function loader() {
  return redirect("/resume");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const to = new URL(request.url).searchParams.get("to") ?? "";
  // The one redirect check (app/lib/redirect.ts) on top: a same-origin path, re-serialised.
  const target = (isKeepableTarget(to) && safeRedirect(to, "")) || null;
  // Signed in meanwhile (another tab): the form goes on to where it was sent, as it was.
  if (await getSession(request)) return redirect(target ?? "/", target ? 307 : 303);
  const login = `/login?redirectTo=${encodeURIComponent(target ?? "/")}`;
  const form = target ? await readPostedForm(request) : null;
  if (!target || !form) return redirect(login, 303);
  const result = await keepInput(db(), {
    previousKey: await readKeptKey(request),
    clientKey: context.ip ?? "unknown",
    target,
    form,
  });
  if (!result.ok) {
    if (result.error !== "nothing") logger.warn({ reason: result.error }, "input not kept");
    return redirectWithToast(login, { type: "info", key: "kept:toast.notKept" }, { status: 303 });
  }
  return redirectWithToast(
    `/login?redirectTo=${encodeURIComponent("/resume")}`,
    { type: "info", key: "kept:toast.kept" },
    { status: 303, headers: [["Set-Cookie", await keptKeyCookie(result.key)]] },
  );
}

/** Never shown in practice (the loader and the action redirect); here for client navigation. */
export default function Keep() {
  const { t } = useTranslation("kept");
  return (
    <div className="container narrow">
      <p>
        <Link to="/resume">{t("title")}</Link>
      </p>
    </div>
  );
}
