import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatUtc } from "~/lib/format";
import { getUser, invariantFound, notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { mailboxOpenTo } from "~/env.server";
import { getMailboxEmail } from "~/mail/mail.server";
import { framedHtml, LinkedText, MailboxNotice, MailStatus } from "~/mail/mailbox-ui";
import { pageTitle } from "~/lib/page-title";

// A reading page (links only): sent without the app's scripts, so a visitor's browser never
// needs the admin strings it uses (app/i18n/client-strings.ts).
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Development mailbox · 开发邮箱 | Zizhu Park Portal") },
  { name: "robots", content: "noindex" },
];

/** One email of the development mailbox; same access rule as the list (dev.mailbox._index). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!mailboxOpenTo(await getUser(request))) notFound();
  const email = await getMailboxEmail(db(), params.emailId ?? "");
  invariantFound(email);
  return {
    email: {
      id: email.id,
      to: email.to_address,
      replyTo: email.reply_to,
      subject: email.subject,
      template: email.template,
      locale: email.locale,
      status: email.status,
      createdAt: email.created_at,
      sentAt: email.sent_at,
      text: email.text_body,
      html: email.html_body ? framedHtml(email.html_body) : null,
      ics: email.ics,
      icsMethod: email.ics_method,
    },
  };
}

export default function MailboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <div className="container medium">
      <p>
        <Link to="/dev/mailbox">← {t("mailbox.back")}</Link>
      </p>
      <MailboxNotice />
      <article className="card mail-view" aria-labelledby="mail-subject">
        <h1 id="mail-subject" lang={email.locale}>
          {email.subject}
        </h1>
        <dl className="details">
          <dt>{t("mailbox.to")}</dt>
          <dd className="admin-break">{email.to}</dd>
          {email.replyTo ? (
            <>
              <dt>{t("mailbox.replyTo")}</dt>
              <dd className="admin-break">{email.replyTo}</dd>
            </>
          ) : null}
          <dt>{t("mailbox.time")}</dt>
          <dd>{formatUtc(email.createdAt)}</dd>
          <dt>{t("mailbox.template")}</dt>
          <dd>
            <code>{email.template}</code>
          </dd>
          <dt>{t("mailbox.language")}</dt>
          <dd>{email.locale}</dd>
          <dt>{t("mailbox.status")}</dt>
          <dd>
            <MailStatus status={email.status} />{" "}
            {email.sentAt ? <span className="muted">{formatUtc(email.sentAt)}</span> : null}
          </dd>
        </dl>
        <h2>{t("mailbox.text")}</h2>
        <div className="mail-body" lang={email.locale}>
          <LinkedText text={email.text} />
        </div>
        {email.html ? (
          <>
            <h2>{t("mailbox.html")}</h2>
            <iframe
              className="mail-frame"
              title={t("mailbox.htmlFrame")}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              srcDoc={email.html}
              referrerPolicy="no-referrer"
            />
          </>
        ) : null}
        {email.ics ? (
          <>
            <h2>{t("mailbox.calendar", { method: email.icsMethod ?? "REQUEST" })}</h2>
            <pre className="mail-body" data-testid="mail-ics">
              {email.ics}
            </pre>
          </>
        ) : null}
      </article>
    </div>
  );
}
