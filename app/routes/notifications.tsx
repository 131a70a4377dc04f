import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { redirectWithToast } from "~/lib/toast.server";
import { listNotifications, markNotificationsRead } from "~/notifications/notifications.server";
import { NotificationList } from "~/notifications/ui";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Notifications · 通知 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(db(), user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markNotificationsRead(db(), user.id);
  return redirectWithToast("/notifications", { type: "success", key: "services:toast.saved" });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <div className="container medium">
      <header className="page-header spread">
        <h1>{t("title")}</h1>
        {notifications.some((n) => !n.read_at) ? (
          <Form method="post">
            <SubmitButton className="button button-secondary button-small">
              {t("markRead")}
            </SubmitButton>
          </Form>
        ) : null}
      </header>
      <NotificationList notifications={notifications} />
    </div>
  );
}
