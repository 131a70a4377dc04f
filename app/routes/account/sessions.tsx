import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";

export interface SessionView {
  userAgent: string | null;
  ip: string | null;
  createdAt: string | Date;
  expiresAt: string | Date;
  current: boolean;
}

/** The account's signed-in devices, and a button that signs the others out. */
export function SessionsCard({ sessions }: { sessions: SessionView[] }) {
  const { t } = useTranslation("accounts");
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t("account.sessions")}</h2>
      <p className="muted">{t("account.sessionsLead")}</p>
      <div className="table-wrap">
        <table className="table table-cards">
          <thead>
            <tr>
              <th scope="col">{t("account.device")}</th>
              <th scope="col">{t("account.ipAddress")}</th>
              <th scope="col">{t("account.signedInAt")}</th>
              <th scope="col">{t("account.expiresAt")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={i}>
                <td className="card-title">
                  {describeUserAgent(s.userAgent) ?? t("account.unknownDevice")}{" "}
                  {s.current ? (
                    <span className="badge badge-success">{t("account.thisDevice")}</span>
                  ) : null}
                </td>
                <td data-label={t("account.ipAddress")}>{s.ip ?? "–"}</td>
                <td className="card-inline" data-label={t("account.signedInAt")}>
                  {formatDateTime(s.createdAt, locale)}
                </td>
                <td className="card-inline" data-label={t("account.expiresAt")}>
                  {formatDateTime(s.expiresAt, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.some((s) => !s.current) ? (
        <Form method="post" className="form-footer">
          <input type="hidden" name="intent" value="sign-out-others" />
          <SubmitButton className="button button-secondary">
            {t("account.signOutOthers")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="muted form-footer">{t("account.onlyThisSession")}</p>
      )}
    </section>
  );
}

/** "Chrome · Windows" from a User-Agent header (brand names need no translation), or null. */
function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /MicroMessenger\//.test(ua)
        ? "WeChat"
        : /Chrome\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (!browser) return null;
  return os ? `${browser} · ${os}` : browser;
}
