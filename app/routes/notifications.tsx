import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requireUser } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { useFormatDate } from "~/service-requests/components";
import {
  listNotifications,
  markNotificationsRead,
} from "~/service-requests/service-requests.server";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction = () => [{ title: "Notifications · 通知 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(db(), user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markNotificationsRead(db(), user.id);
  return redirectWithToast("/notifications", { type: "success", key: "services:toast.saved" });
}

const KINDS = [
  "reply",
  "state",
  "requester_reply",
  "requester_state",
  "assigned",
  "filed",
  "breach",
  "breach_warning",
  "rated",
] as const;

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const date = useFormatDate();
  return (
    <div className="container medium">
      <header className="page-header spread">
        <h1>{t("notifications.title")}</h1>
        {notifications.some((n) => !n.read_at) ? (
          <Form method="post">
            <SubmitButton className="button button-secondary button-small">
              {t("notifications.markRead")}
            </SubmitButton>
          </Form>
        ) : null}
      </header>
      {notifications.length ? (
        <ul className="card sr-notifications">
          {notifications.map((n) => {
            const kind = (KINDS as readonly string[]).includes(n.kind)
              ? (n.kind as (typeof KINDS)[number])
              : "state";
            return (
              <li key={n.id} className={n.read_at ? "" : "is-unread"}>
                {!n.read_at ? (
                  <span className="badge badge-warning">{t("notifications.unread")}</span>
                ) : null}{" "}
                <Link to={n.link.startsWith("/") && !n.link.startsWith("//") ? n.link : "/"}>
                  {t(`notifications.kinds.${kind}`, {
                    ref: n.values.ref ?? "",
                    subject: n.values.subject ?? "",
                    rating: n.values.rating ?? "",
                  })}
                </Link>{" "}
                <span className="muted">{date(n.created_at)}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="card muted">{t("notifications.empty")}</p>
      )}
    </div>
  );
}
