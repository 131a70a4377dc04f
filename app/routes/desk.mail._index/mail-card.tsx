import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useFormatDate } from "~/service-requests/components";

export interface MailItem {
  id: string;
  received_at: string | Date;
  reason: string | null;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  request_ref: string | null;
}

/** One message in the list: subject (a link), sender, why it is here, when. All plain text. */
export function MailCard({ mail: m }: { mail: MailItem }) {
  const { t } = useTranslation("inbound");
  const date = useFormatDate();
  return (
    <li className="card inbound-item">
      <h2 className="inbound-subject">
        <Link to={`/desk/mail/${m.id}`}>{m.subject || t("noSubject")}</Link>
      </h2>
      <p className="inbound-meta">
        <span>
          {m.from_name ? `${m.from_name} · ` : ""}
          {m.from_address ?? t("unknownSender")}
        </span>
        <span className="muted">{date(m.received_at)}</span>
      </p>
      {m.reason || m.request_ref ? (
        <p className="muted">
          {m.reason ? t(`reasons.${m.reason as "noRequest"}`) : null}
          {m.reason && m.request_ref ? " · " : null}
          {m.request_ref ?? null}
        </p>
      ) : null}
    </li>
  );
}
