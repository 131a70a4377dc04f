import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatUtc } from "~/lib/format";
import { getUser, notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { mailboxOpenTo } from "~/env.server";
import { listMailbox } from "~/mail/mail.server";
import { MailboxNotice, MailStatus } from "~/mail/mailbox-ui";
import { pageTitle } from "~/lib/page-title";

// A reading page (links only): sent without the app's scripts, so a visitor's browser never
// needs the admin strings it uses (app/i18n/client-strings.ts).
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Development mailbox · 开发邮箱 | Zizhu Park Portal") },
  { name: "robots", content: "noindex" },
];

const LIMIT = 100;

/**
 * The development mailbox: what the portal would have sent. It exists only while no SMTP
 * server is configured; on a local demo it is open to every visitor, on a shared start only to
 * admins (ADR 0018: it holds every reset and invitation link). Otherwise this route is a 404.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!mailboxOpenTo(await getUser(request))) notFound();
  return { emails: await listMailbox(db(), LIMIT), limit: LIMIT };
}

export default function Mailbox() {
  const { emails, limit } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <div className="container">
      <div className="page-header">
        <h1>{t("mailbox.title")}</h1>
      </div>
      <MailboxNotice />
      {emails.length === 0 ? (
        <p className="notice">{t("mailbox.empty")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table admin-table">
              <caption className="visually-hidden">{t("mailbox.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("mailbox.time")}</th>
                  <th scope="col">{t("mailbox.to")}</th>
                  <th scope="col">{t("mailbox.subject")}</th>
                  <th scope="col">{t("mailbox.template")}</th>
                  <th scope="col">{t("mailbox.status")}</th>
                </tr>
              </thead>
              <tbody>
                {emails.map((e) => (
                  <tr key={e.id}>
                    <td>{formatUtc(e.created_at)}</td>
                    <td className="admin-break">{e.to_address}</td>
                    <td>
                      <Link to={`/dev/mailbox/${e.id}`}>{e.subject}</Link>
                    </td>
                    <td>
                      <code>{e.template}</code>
                    </td>
                    <td>
                      <MailStatus status={e.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {emails.length >= limit ? (
            <p className="muted">{t("mailbox.newest", { count: limit })}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
