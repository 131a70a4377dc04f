/** Pieces of the development mailbox pages (app/routes/dev.mailbox.*). */
import { useTranslation } from "~/i18n/use-translation";

export function MailboxNotice() {
  const { t } = useTranslation("admin");
  return (
    <div className="notice notice-warning" role="note">
      <p>
        <strong>{t("mailbox.notice")}</strong>
      </p>
      <p>{t("mailbox.noticeBody")}</p>
    </div>
  );
}

export function MailStatus({ status }: { status: string }) {
  const { t } = useTranslation("admin");
  const cls =
    status === "sent" ? "badge-success" : status === "failed" ? "badge-danger" : "badge-warning";
  const known = status === "sent" || status === "failed" || status === "queued";
  return <span className={`badge ${cls}`}>{known ? t(`mailbox.statuses.${status}`) : status}</span>;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** Plain text with every http(s) address made a link; the text itself is never markup. */
export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * The HTML body for a sandboxed `srcdoc` frame: no scripts, an opaque origin; links open in a
 * new tab (a frame may not show our pages: frame-ancestors 'none').
 */
export function framedHtml(html: string): string {
  return html.replace(/<a\s/gi, '<a target="_blank" rel="noopener noreferrer" ');
}
