import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "~/accounts/accounts.server";
import { getSession } from "~/auth/guards.server";
import { clearSessionCookie } from "~/lib/cookies.server";
import { db } from "~/db.server";
import { redirectWithToast } from "~/lib/toast.server";

// Logging out is a POST (a link could be followed by a crawler or a cross-site image).
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) {
    await logOut(
      db(),
      { sessionId: session.sessionId, userId: session.user.id },
      { ip: context.ip },
    );
  }
  return redirectWithToast(
    "/",
    { type: "info", key: "accounts:logout.done" },
    { headers: { "Set-Cookie": clearSessionCookie() } },
  );
}
