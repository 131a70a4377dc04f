/** The list of a person's notifications (the /notifications page). */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { DESK_NOTIFICATION_KINDS, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

export interface NotificationRow {
  id: string;
  kind: string;
  link: string;
  values: Record<string, string>;
  created_at: Date | string;
  read_at: Date | string | null;
}

const kindOf = (kind: string): NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? (kind as NotificationKind) : "state";

type DeskKind = "mentioned" | "watched_message" | "watched_state";
const isDeskKind = (kind: NotificationKind): kind is DeskKind =>
  DESK_NOTIFICATION_KINDS.includes(kind);

/** Only a same-site path is followed; anything else leads home. */
const safeLink = (link: string) => (link.startsWith("/") && !link.startsWith("//") ? link : "/");

export function NotificationList({ notifications }: { notifications: NotificationRow[] }) {
  const { t } = useTranslation("notifications");
  // Staff-only kinds (ADR 0056) are worded in the desk's strings, which only staff load.
  const { t: td } = useTranslation("desk");
  const locale = useLocale();
  const text = (
    kind: NotificationKind,
    values: { ref: string; subject: string; rating: string; target: string; by: string },
  ) =>
    isDeskKind(kind) ? td(`notifications.${kind}`, values) : t(`kinds.${kind}`, values);
  if (!notifications.length) return <p className="card muted">{t("empty")}</p>;
  return (
    <ul className="card sr-notifications">
      {notifications.map((n) => (
        <li key={n.id} className={n.read_at ? "" : "is-unread"}>
          {!n.read_at ? <span className="badge badge-warning">{t("unread")}</span> : null}{" "}
          <Link to={safeLink(n.link)}>
            {text(kindOf(n.kind), {
              ref: n.values.ref ?? "",
              // A subject kept in both languages (an incubation call's title) is read in yours.
              subject:
                (locale === "zh-CN" ? n.values.subjectZh : undefined) ?? n.values.subject ?? "",
              rating: n.values.rating ?? "",
              // The request a duplicate was merged into (ADR 0038).
              target: n.values.target ?? "",
              // Who mentioned you (ADR 0056).
              by: n.values.by ?? "",
            })}
          </Link>{" "}
          <span className="muted">{formatDateTime(n.created_at, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
